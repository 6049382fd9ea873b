"""python -m camunda_config."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from camunda_config import CONFIG_KEYS, describe_keys
from camunda_config.__main__ import main


def test_table(
    clean_environ: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The table lists every key with masked secrets and its source."""
    monkeypatch.setenv("CAMUNDA_CLIENT_ID", "cli-id")
    monkeypatch.setenv("CAMUNDA_CLIENT_SECRET", "cli-secret-123")
    monkeypatch.setenv("CAMUNDA_TENANT_IDS", "a,b")

    code = main([])
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()}

    assert code == 0
    assert "cli-secret-123" not in out
    assert len(rows) == 1 + sum(1 for k in CONFIG_KEYS if k.in_model)
    assert rows["VARIABLE"] == ["VALUE", "SOURCE"]
    assert rows["CAMUNDA_CLIENT_SECRET"] == ["********", "environment"]
    assert rows["CAMUNDA_CLIENT_ID"] == ["cli-id", "environment"]
    assert rows["CAMUNDA_AUTH_STRATEGY"] == ["OAUTH", "default"]
    assert rows["CAMUNDA_TENANT_IDS"] == ["a,b", "environment"]
    assert rows["CAMUNDA_BASIC_AUTH_PASSWORD"] == ["-", "default"]
    assert rows["CAMUNDA_REST_ADDRESS_EXACT"] == ["false", "default"]


def test_invalid_exits_2(
    clean_environ: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An invalid configuration prints the error and exits with 2."""
    monkeypatch.setenv("CAMUNDA_SDK_HTTP_TIMEOUT_MS", "30s")

    code = main([])
    captured = capsys.readouterr()

    assert (code, captured.out, captured.err) == (
        2,
        "",
        (
            "error: CAMUNDA_SDK_HTTP_TIMEOUT_MS='30s' is invalid; "
            "allowed: a whole number >= 1\n"
        ),
    )


def test_describe(capsys: pytest.CaptureFixture[str]) -> None:
    """--describe prints the key table as Markdown."""
    code = main(["--describe"])

    assert (code, capsys.readouterr().out) == (0, describe_keys())


def test_module_entry_point(clean_environ: Path) -> None:
    """Running the module as a program exits 2 on a bad value, secrets masked."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "CAMUNDA_AUTH_STRATEGY": "BASIC",
        "CAMUNDA_BASIC_AUTH_PASSWORD": "pw-in-subprocess",
    }

    result = subprocess.run(
        [sys.executable, "-m", "camunda_config"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=60,
    )

    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        (
            "error: CAMUNDA_BASIC_AUTH_USERNAME is not set; allowed: a non-empty "
            "value, required when CAMUNDA_AUTH_STRATEGY=BASIC\n"
        ),
    )
