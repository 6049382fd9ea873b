"""Eventual-consistency waits poll reads until a predicate holds or time runs out."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest
from camunda_client import ConsistencyOptions, errors, instant_retries
from camunda_client._runtime._consistency_wait import default_predicate

FAST = ConsistencyOptions(wait_up_to_ms=2000, poll_interval_ms=10)
KEY = {"processInstanceKey": "1"}


def test_not_found_is_polled_until_found(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """Two 404s then the record: the record is returned after three reads."""
    server.script(
        kit.problem(404, "NOT_FOUND", "x"), kit.problem(404, "NOT_FOUND", "x")
    )
    server.script(kit.ok({"processInstanceKey": "1"}))

    result = core._call(
        kit.GET_INSTANCE, kit.parse_json, path_params=KEY, consistency=FAST
    )

    assert ({"processInstanceKey": "1"}, 3) == (result, len(server.seen))


def test_search_is_polled_until_items_appear(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """An empty search result is polled again by the default predicate."""
    server.script(kit.ok({"items": []}), kit.ok({"items": [{"a": 1}]}))

    result = core._call(kit.SEARCH_INSTANCES, kit.parse_json, json={}, consistency=FAST)

    assert ({"items": [{"a": 1}]}, 2) == (result, len(server.seen))


def test_custom_predicate_decides(kit: ModuleType, server: Any, core: Any) -> None:
    """A predicate over the parsed result keeps polling until it holds."""
    server.script(kit.ok({"state": "ACTIVE"}), kit.ok({"state": "COMPLETED"}))
    options = ConsistencyOptions(
        wait_up_to_ms=2000,
        poll_interval_ms=10,
        predicate=lambda r: r["state"] == "COMPLETED",
    )

    result = core._call(
        kit.GET_INSTANCE, kit.parse_json, path_params=KEY, consistency=options
    )

    assert {"state": "COMPLETED"} == result


@pytest.mark.parametrize("status", [400, 401, 403, 409, 422, 500])
def test_hard_errors_abort_at_once(
    kit: ModuleType, server: Any, core: Any, status: int
) -> None:
    """Errors that polling cannot cure are raised after one read."""
    server.script(kit.problem(status, "X", "no"))

    with pytest.raises(errors.ApiError) as info:
        core._call(kit.GET_INSTANCE, kit.parse_json, path_params=KEY, consistency=FAST)

    assert (status, 1) == (info.value.status_code, len(server.seen))


def test_timeout_reports_attempts_and_last_status(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """When time runs out the error carries attempts, elapsed, status and op id."""
    server.default = kit.problem(404, "NOT_FOUND", "x")
    options = ConsistencyOptions(wait_up_to_ms=100, poll_interval_ms=10)

    with pytest.raises(errors.EventualConsistencyTimeoutError) as info:
        core._call(
            kit.GET_INSTANCE, kit.parse_json, path_params=KEY, consistency=options
        )

    error = info.value
    assert (len(server.seen), 404, "getProcessInstance") == (
        error.attempts,
        error.last_status,
        error.operation_id,
    )
    assert error.elapsed_ms >= 100


def test_zero_budget_means_a_single_plain_call(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """wait_up_to_ms=0 sends once and raises the read's own error."""
    server.script(kit.problem(404, "NOT_FOUND", "x"))

    with pytest.raises(errors.NotFoundError):
        core._call(
            kit.GET_INSTANCE,
            kit.parse_json,
            path_params=KEY,
            consistency=ConsistencyOptions(wait_up_to_ms=0),
        )

    assert 1 == len(server.seen)


async def test_async_wait_polls_the_same(
    kit: ModuleType, server: Any, acore: Any
) -> None:
    """The async client polls 404 then succeeds."""
    server.script(kit.problem(404, "NOT_FOUND", "x"), kit.ok({"ok": True}))

    with instant_retries():
        result = await acore._call(
            kit.GET_INSTANCE, kit.parse_json, path_params=KEY, consistency=FAST
        )

    assert ({"ok": True}, 2) == (result, len(server.seen))


def test_default_predicate() -> None:
    """None and empty items fail; anything else passes."""
    cases = [None, {"items": []}, {"items": [1]}, {"a": 1}, 0]

    assert [False, False, True, True, True] == [default_predicate(c) for c in cases]
