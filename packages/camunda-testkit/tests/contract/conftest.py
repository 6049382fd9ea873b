from __future__ import annotations

import pytest
from camunda_testkit.contract import SpecContract


@pytest.fixture(scope="session")
def contract() -> SpecContract:
    """The bundled spec, or a skip when this checkout has none."""
    path = SpecContract.default_path()
    if path is None:
        pytest.skip("shared/spec/rest-api.bundle.json is not present")
    return SpecContract.load(path)
