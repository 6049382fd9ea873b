"""Camunda 8 Orchestration Cluster SDK (meta-package)."""
