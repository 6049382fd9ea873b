"""Hand-written runtime of the REST client: transport, errors, resilience."""
