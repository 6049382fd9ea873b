"""camunda_worker."""
