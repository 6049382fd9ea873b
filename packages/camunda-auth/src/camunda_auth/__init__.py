"""camunda_auth."""
