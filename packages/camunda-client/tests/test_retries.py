"""Backpressure answers are retried with backoff; other failures are not."""

from __future__ import annotations

import random
from types import ModuleType
from typing import Any

import pytest
from camunda_client import errors, instant_retries
from camunda_client._runtime._retry import backoff_s, is_backpressure, retry_after_s
from camunda_client._runtime._settings import RuntimeSettings


@pytest.mark.parametrize("status", [429, 503])
def test_backpressure_status_is_retried_until_success(
    kit: ModuleType, server: Any, core: Any, status: int
) -> None:
    """Two backpressure answers then success: three attempts, the result returned."""
    server.script(
        kit.problem(status, "RESOURCE_EXHAUSTED", "busy"), kit.Reply(status, b"")
    )
    server.script(kit.ok({"brokers": []}))

    with instant_retries():
        result = core._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert {"brokers": []} == result
    assert 3 == len(server.seen)


def test_retries_stop_at_max_and_raise(kit: ModuleType, server: Any, core: Any) -> None:
    """With max_retries=3 a persistent 503 is sent four times, then raised."""
    server.default = kit.Reply(503, b"")

    with instant_retries(), pytest.raises(errors.ServiceUnavailableError):
        core._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert 4 == len(server.seen)


def test_resource_exhausted_500_is_retried(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """A 500 whose body names RESOURCE_EXHAUSTED counts as backpressure."""
    server.script(kit.problem(500, "RESOURCE_EXHAUSTED", "partition full"))

    with instant_retries():
        result = core._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert ({}, 2) == (result, len(server.seen))


@pytest.mark.parametrize("status", [400, 404, 409, 500, 502, 504])
def test_other_errors_are_not_retried(
    kit: ModuleType, server: Any, core: Any, status: int
) -> None:
    """Non-backpressure errors are raised after a single attempt."""
    server.script(kit.problem(status, "X", "no"))

    with instant_retries(), pytest.raises(errors.ApiError) as info:
        core._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert (status, 1) == (info.value.status_code, len(server.seen))


def test_post_is_retried_too(kit: ModuleType, server: Any, core: Any) -> None:
    """A 429 on a POST is retried (the server did not process it)."""
    server.script(kit.Reply(429, b""))

    with instant_retries():
        core._call(
            kit.CREATE_INSTANCE, kit.parse_json, json={"processDefinitionId": "p"}
        )

    assert [b'{"processDefinitionId":"p"}'] * 2 == [seen.body for seen in server.seen]


def test_zero_max_retries_turns_retry_off(kit: ModuleType, server: Any) -> None:
    """max_retries=0 sends once and raises the backpressure error."""
    server.script(kit.Reply(429, b""))
    client = kit.SyncCore(server.url + "/v2", RuntimeSettings(max_retries=0))

    with pytest.raises(errors.TooManyRequestsError):
        client._call(kit.GET_TOPOLOGY, kit.parse_json)
    client.close()

    assert 1 == len(server.seen)


async def test_async_retries_count_the_same(
    kit: ModuleType, server: Any, acore: Any
) -> None:
    """The async client retries with the same schedule."""
    server.script(kit.Reply(429, b""), kit.Reply(503, b""), kit.Reply(429, b""))

    with instant_retries():
        result = await acore._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert ({}, 4) == (result, len(server.seen))


def test_retry_after_header_is_honoured_and_capped() -> None:
    """Retry-After wins over jitter but never exceeds the max delay."""
    assert 2.0 == backoff_s(0, base_s=0.1, max_s=5.0, retry_after=2.0)
    assert 5.0 == backoff_s(0, base_s=0.1, max_s=5.0, retry_after=120.0)


def test_retry_after_parses_seconds_and_dates() -> None:
    """Both Retry-After forms give seconds; garbage gives None."""
    assert 7.0 == retry_after_s({"retry-after": "7"})
    date = "Fri, 04 Dec 2026 16:00:10 GMT"
    now = 1796400000.0  # 2026-12-04T16:00:00Z
    assert 10.0 == retry_after_s({"retry-after": date}, now=now)
    assert retry_after_s({"retry-after": "soon"}) is None
    assert retry_after_s({}) is None


def test_full_jitter_stays_within_the_doubling_ceiling() -> None:
    """Backoff is uniform in [0, min(max, base * 2**retry)]."""
    rng = random.Random(7)

    pauses = [backoff_s(r, base_s=0.1, max_s=0.5, rng=rng) for r in range(6)]

    ceilings = [0.1, 0.2, 0.4, 0.5, 0.5, 0.5]
    assert [True] * 6 == [0 <= p <= c for p, c in zip(pauses, ceilings, strict=True)]
    assert len(set(pauses)) == 6


def test_instant_retries_zeroes_pauses_and_nests() -> None:
    """Inside instant_retries every backoff is 0, also when nested."""
    with instant_retries():
        with instant_retries():
            inner = backoff_s(3, base_s=1.0, max_s=5.0, retry_after=4.0)
        outer = backoff_s(3, base_s=1.0, max_s=5.0)
    after = backoff_s(0, base_s=0.0, max_s=5.0, retry_after=3.0)

    assert (0.0, 0.0, 3.0) == (inner, outer, after)


def test_backpressure_classification() -> None:
    """429, 503 and RESOURCE_EXHAUSTED 500 are backpressure; others are not."""
    cases = [
        (429, b""),
        (503, b"x"),
        (500, b'{"title":"RESOURCE_EXHAUSTED"}'),
        (500, b"boom"),
        (502, b"RESOURCE_EXHAUSTED"),
    ]

    assert [True, True, True, False, False] == [is_backpressure(s, c) for s, c in cases]
