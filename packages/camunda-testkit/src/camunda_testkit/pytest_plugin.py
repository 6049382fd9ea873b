"""Pytest plugin of the dev engine (fixtures arrive with the engine)."""
