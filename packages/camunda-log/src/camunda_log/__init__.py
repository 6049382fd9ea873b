"""camunda_log."""
