"""Shared pytest setup of the camunda-testkit tests (kept minimal)."""
