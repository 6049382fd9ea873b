"""camunda_testkit."""
