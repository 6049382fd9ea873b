"""The dev engine's HTTP face: routes, problem documents, auth, faults, server."""
