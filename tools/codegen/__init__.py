"""Generator of the camunda_client models and operation mixins from the spec."""
