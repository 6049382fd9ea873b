"""camunda_client."""
