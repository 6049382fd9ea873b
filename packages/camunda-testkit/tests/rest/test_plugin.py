"""The pytest plugin's fixtures: engines and a configured SDK client."""

from __future__ import annotations

import subprocess
import sys

import httpx
from camunda_testkit import DevEngine


def test_camunda_engine_fixture_is_running(camunda_engine: DevEngine) -> None:
    """camunda_engine is a started DevEngine on 127.0.0.1."""
    response = httpx.get(f"{camunda_engine.rest_address}/topology")

    assert camunda_engine.running
    assert camunda_engine.rest_address.startswith("http://127.0.0.1:")
    assert "devengine" == response.json()["clusterId"]


def test_session_engine_is_shared(camunda_engine_session: DevEngine, request) -> None:
    """camunda_engine_session hands out the same engine every time."""
    again = request.getfixturevalue("camunda_engine_session")

    assert again is camunda_engine_session
    assert camunda_engine_session.running


def test_camunda_client_fixture_talks_to_engine(
    camunda_client, camunda_engine: DevEngine
) -> None:
    """camunda_client reaches the engine's topology through the SDK."""
    topology = camunda_client.get_topology()

    assert "devengine" == topology.cluster_id
    assert 1 == camunda_engine.request_counts()["getTopology"]


def test_plugin_import_is_cheap() -> None:
    """Importing the plugin loads neither the server stack nor the engine."""
    code = (
        "import sys, camunda_testkit.pytest_plugin;"
        "print(sorted(m for m in ('uvicorn', 'starlette', 'camunda_testkit._core')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert "[]" == result.stdout.strip()
