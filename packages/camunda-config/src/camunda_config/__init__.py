"""camunda_config."""
