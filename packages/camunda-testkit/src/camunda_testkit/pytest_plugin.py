"""Pytest plugin of the dev engine: engine fixtures and a configured SDK client.

Loaded automatically through the ``pytest11`` entry point. Importing it is
cheap: no server starts until a test asks for a fixture.

Fixtures:
    camunda_engine: a fresh :class:`~camunda_testkit.DevEngine` per test.
    camunda_engine_session: one engine shared by the whole session (call
        ``reset()`` yourself if a test needs a clean slate).
    camunda_client: a ``camunda_client.CamundaClient`` pointed at
        ``camunda_engine``; skipped when camunda-orchestration-client is not
        installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from camunda_testkit._devengine import DevEngine

_MARKERS = (
    "devengine_only: uses dev-engine-only controls (clock advance, faults, reset)",
    "real_cluster_only: needs a real Camunda 8 cluster",
)


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers so ``--strict-markers`` accepts them anywhere."""
    for line in _MARKERS:
        config.addinivalue_line("markers", line)


def _new_engine() -> DevEngine:
    # Imported late so loading the plugin never pulls in the server stack.
    from camunda_testkit._devengine import DevEngine

    return DevEngine()


@pytest.fixture
def camunda_engine() -> Iterator[DevEngine]:
    """A dev engine on a free 127.0.0.1 port, stopped after the test."""
    with _new_engine() as engine:
        yield engine


@pytest.fixture(scope="session")
def camunda_engine_session() -> Iterator[DevEngine]:
    """One dev engine for the whole test session."""
    with _new_engine() as engine:
        yield engine


@pytest.fixture
def camunda_client(camunda_engine: DevEngine) -> Iterator[Any]:
    """A ``CamundaClient`` configured for ``camunda_engine``, closed afterwards."""
    try:
        module = importlib.import_module("camunda_client")
    except ImportError:
        pytest.skip(
            "camunda_client fixture needs camunda-orchestration-client; "
            "install camunda-testkit[client]"
        )
    client = module.CamundaClient(configuration=camunda_engine.client_configuration())
    try:
        yield client
    finally:
        client.close()
