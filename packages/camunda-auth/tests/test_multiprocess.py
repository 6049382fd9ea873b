"""Processes sharing one cache directory share one token request."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

# conftest.TokenServer; test modules cannot import conftest (importlib mode).
TokenServer = Any

CHILD = """
import os, sys, time
from pathlib import Path
from camunda_log import NullLogger
from camunda_auth import OAuthClientCredentialsAuthProvider

sync_dir = Path(os.environ["SYNC_DIR"])
provider = OAuthClientCredentialsAuthProvider(
    oauth_url=os.environ["TOKEN_URL"],
    client_id="my-client",
    client_secret=os.environ["CLIENT_SECRET"],
    audience="zeebe.camunda.io",
    cache_dir=os.environ["CACHE_DIR"],
    disk_cache_disable=os.environ["DISABLE"] == "1",
    logger=NullLogger(),
)
(sync_dir / f"ready-{os.getpid()}").touch()
while not (sync_dir / "go").exists():
    time.sleep(0.005)
with provider:
    sys.stdout.write(provider.get_headers()["Authorization"])
"""


def run_together(
    server: TokenServer, cache_dir: Path, sync_dir: Path, *, disable: bool
) -> list[str]:
    sync_dir.mkdir()
    env = {
        **os.environ,
        "SYNC_DIR": str(sync_dir),
        "TOKEN_URL": server.token_url,
        "CLIENT_SECRET": server.client_secret,
        "CACHE_DIR": str(cache_dir),
        "DISABLE": "1" if disable else "0",
    }
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    try:
        deadline = time.monotonic() + 60
        while len(list(sync_dir.glob("ready-*"))) < 4:
            assert time.monotonic() < deadline, "children did not start"
            assert all(c.poll() is None for c in children), "a child died"
            time.sleep(0.01)
        (sync_dir / "go").touch()
        outputs = [c.communicate(timeout=60)[0] for c in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    assert [c.returncode for c in children] == [0, 0, 0, 0]
    return outputs


@pytest.mark.slow
def test_four_processes_one_token_request(
    token_server: TokenServer, cache_dir: Path, tmp_path: Path
) -> None:
    """Four processes starting together make one token request between them."""
    token_server.delay = 0.3

    outputs = run_together(token_server, cache_dir, tmp_path / "sync", disable=False)

    assert token_server.token_requests == 1
    assert outputs == [f"Bearer {token_server.token(1)}"] * 4


@pytest.mark.slow
def test_four_processes_without_disk_cache_each_ask(
    token_server: TokenServer, cache_dir: Path, tmp_path: Path
) -> None:
    """Control: without the shared cache each of the four processes asks."""
    token_server.delay = 0.3

    outputs = run_together(token_server, cache_dir, tmp_path / "sync", disable=True)

    assert token_server.token_requests == 4
    assert sorted(outputs) == [f"Bearer {token_server.token(n)}" for n in range(1, 5)]
