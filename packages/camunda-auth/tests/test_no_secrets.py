"""No secret reaches a log line, repr, str or exception chain, on any path."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from camunda_auth import (
    AsyncOAuthClientCredentialsAuthProvider,
    AuthError,
    BasicAuthProvider,
    CamundaAuth,
    OAuthClientCredentialsAuthProvider,
    RetryPolicy,
    inject_auth_event_hooks,
)
from camunda_log import SdkLogger

# conftest.TokenServer and CaptureLogger; test modules cannot import conftest.
TokenServer = Any
CaptureLogger = Any


def exception_chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(e for e in (current.__cause__, current.__context__) if e)


class Evidence:
    """Everything a user could see: log lines, reprs, strs, warnings."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def error(self, error: BaseException) -> None:
        for item in exception_chain(error):
            self.texts.extend([str(item), repr(item), repr(item.args)])

    def add(self, *texts: object) -> None:
        self.texts.extend(str(t) for t in texts)


def test_oauth_paths_leak_nothing(
    token_server: TokenServer,
    oauth_kwargs: dict[str, Any],
    capture: CaptureLogger,
    tmp_path: Path,
    dead_url: str,
    no_retry_wait: None,
) -> None:
    """Success, disk, 401, 400, 503, bad body, refused and timeout paths stay clean."""
    evidence = Evidence()
    secret = oauth_kwargs["client_secret"]
    echo = {"error": "invalid_request", "error_description": f"bad {secret}"}
    token_server.script(
        (401, echo),
        (400, echo),
        *[(503, {"detail": secret})] * 4,
        (200, {"detail": secret}),
        (403, b"client_secret=" + secret.encode()),
    )
    scenarios: list[dict[str, Any]] = [
        {"saas_401_cooldown_s": 30.0},
        {"saas_401_cooldown_s": 30.0},
        {},
        {},
        {},
        {},
        {"oauth_url": dead_url},
        {"timeout": 0.05, "retry_policy": RetryPolicy(max_retries=0)},
    ]
    for extra in scenarios:
        if "timeout" in extra:
            token_server.delay = 0.3
        with OAuthClientCredentialsAuthProvider(
            **{**oauth_kwargs, "disk_cache_disable": True, **extra}
        ) as provider:
            evidence.add(repr(provider))
            try:
                provider.get_headers()
            except AuthError as exc:
                evidence.error(exc)
    token_server.delay = 0.0

    with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        provider.get_headers()
        provider.invalidate(token_server.token(2))
        provider.get_headers()
    with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        provider.get_headers()
    blocked = tmp_path / "file"
    blocked.write_text("")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        OAuthClientCredentialsAuthProvider(
            **{**oauth_kwargs, "cache_dir": str(blocked / "x")}
        ).close()
    evidence.add(*(w.message for w in caught), capture.text())

    issued = [token_server.token(n) for n in range(1, 4)]
    leaks = [t for t in evidence.texts for s in [secret, *issued] if s in t]

    assert token_server.token_requests == 11
    assert len(capture.lines) > 20
    assert "client_id=my-client" in capture.text()
    assert leaks == []


async def test_http_paths_leak_nothing(
    token_server: TokenServer,
    oauth_kwargs: dict[str, Any],
    capture: CaptureLogger,
    sdk_logger: SdkLogger,
) -> None:
    """API 401 retries, hooks with trace logging and Basic auth stay clean."""
    token_server.rejected_tokens.add(token_server.token(1))
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        args = inject_auth_event_hooks(
            {}, provider, async_client=True, log_level="trace", logger=sdk_logger
        )
        async with httpx.AsyncClient(auth=CamundaAuth(provider), **args) as client:
            await client.get(f"{token_server.base_url}/api?q=1")
        repr_text = repr(provider) + repr(CamundaAuth(provider))

    basic = BasicAuthProvider(username="demo", password=token_server.basic_password)
    args = inject_auth_event_hooks({}, basic, log_level="trace", logger=sdk_logger)
    with httpx.Client(auth=CamundaAuth(basic), **args) as client:
        client.get(f"{token_server.base_url}/api")
    repr_text += repr(basic) + repr(CamundaAuth(basic))

    text = capture.text() + repr_text
    secrets = [
        oauth_kwargs["client_secret"],
        token_server.basic_password,
        token_server.token(1),
        token_server.token(2),
        "ZGVtbz",  # base64 of "demo:..."
    ]

    assert token_server.token_requests == 2
    assert "HTTP request: method=GET" in capture.text()
    assert [s for s in secrets if s in text] == []


@pytest.mark.parametrize("level", ["trace", "debug", "info", "warn", "error"])
async def test_async_failure_paths_leak_nothing(
    token_server: TokenServer,
    oauth_kwargs: dict[str, Any],
    capture: CaptureLogger,
    level: str,
    no_retry_wait: None,
) -> None:
    """The async provider's 401 and 503 errors stay clean at every level."""
    secret = oauth_kwargs["client_secret"]
    token_server.script((401, {"error": "x", "d": secret}), *[(503, secret)] * 4)
    evidence = Evidence()
    for _ in range(2):
        async with AsyncOAuthClientCredentialsAuthProvider(
            **{**oauth_kwargs, "logger": SdkLogger(capture, level=level)}
        ) as provider:
            try:
                await provider.aget_headers()
            except AuthError as exc:
                evidence.error(exc)
    evidence.add(capture.text())

    assert len(evidence.texts) > 4
    assert [t for t in evidence.texts if secret in t] == []
