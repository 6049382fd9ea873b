"""``camunda-testkit serve`` as a subprocess: startup line, serving, clean exit."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys

import httpx
import pytest
from camunda_testkit._cli import main

_SERVE = [sys.executable, "-m", "camunda_testkit._cli", "serve", "--port", "0"]
_LINE = re.compile(r"serving (http://127\.0\.0\.1:\d+/v2) \(auth: (\w+)\)")


def _start(*extra: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [*_SERVE, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    return process, first


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_serve_prints_address_and_stops_cleanly(stop_signal: signal.Signals) -> None:
    """The startup line names address and auth; a signal exits 0 without traceback."""
    process, first = _start()
    try:
        match = _LINE.search(first)
        assert match is not None, first
        topology = httpx.get(f"{match.group(1)}/topology", timeout=10)
    finally:
        process.send_signal(stop_signal)
        out, err = process.communicate(timeout=20)

    assert 200 == topology.status_code
    assert "none" == match.group(2)
    assert 0 == process.returncode
    assert "Traceback" not in err
    assert "camunda-testkit: stopped\n" == out


def test_serve_oauth_prints_token_endpoint_but_no_secret() -> None:
    """In OAuth mode the banner shows the token URL and never the secret."""
    process, first = _start("--auth", "oauth", "--client-secret", "hush-hush")
    try:
        assert process.stdout is not None
        second = process.stdout.readline()
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=20)

    assert "(auth: oauth)" in first
    assert "/_devengine/oauth/token" in second
    assert "hush-hush" not in first + second + out


def test_busy_port_exits_with_message(capsys: pytest.CaptureFixture[str]) -> None:
    """A port already in use ends with status 1 and a readable message."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = main(["serve", "--port", str(port)])

    assert 1 == status
    assert "cannot listen on 127.0.0.1:" in capsys.readouterr().err


def test_serve_basic_auth_options() -> None:
    """--auth basic with a user and password guards /v2 with those credentials."""
    process, first = _start(
        "--auth", "basic", "--basic-user", "u", "--basic-password", "p"
    )
    try:
        match = _LINE.search(first)
        assert match is not None, first
        refused = httpx.get(f"{match.group(1)}/topology", timeout=10)
        allowed = httpx.get(f"{match.group(1)}/topology", auth=("u", "p"), timeout=10)
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)

    assert "basic" == match.group(2)
    assert 401 == refused.status_code
    assert 200 == allowed.status_code
