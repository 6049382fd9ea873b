"""Routing: unknown paths, unsupported operations, prefixes and problem shapes."""

from __future__ import annotations

import httpx
import pytest
from camunda_testkit import DevEngine
from camunda_testkit._http._ticker import Ticker

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def test_unknown_api_path_is_404_problem(http: httpx.Client) -> None:
    """A path no operation has answers 404 NOT_FOUND as problem+json."""
    response = http.get("/no-such-thing")

    assert 404 == response.status_code
    assert "application/problem+json" == response.headers["content-type"]
    assert PROBLEM_KEYS == set(response.json())
    assert "NOT_FOUND" == response.json()["title"]
    assert "/v2/no-such-thing" == response.json()["instance"]


def test_path_outside_v2_is_404(stub_engine: DevEngine) -> None:
    """A path without a v2 segment is not part of the API."""
    response = httpx.get(f"{stub_engine.base_url}/topology")

    assert 404 == response.status_code
    assert "NOT_FOUND" == response.json()["title"]


def test_unsupported_operation_is_501_naming_it(http: httpx.Client) -> None:
    """A spec operation the dev engine lacks answers 501 with its operationId."""
    response = http.post("/tenants/search", json={})

    assert 501 == response.status_code
    assert "NOT_SUPPORTED_BY_DEV_ENGINE" == response.json()["title"]
    assert "searchTenants" in response.json()["detail"]


def test_unimplemented_core_method_is_501(http: httpx.Client) -> None:
    """A Tier 0 route whose core method is missing answers 501, not 500."""
    response = http.get("/license")

    assert 501 == response.status_code
    assert "getLicense" in response.json()["detail"]


def test_wrong_method_on_known_path_is_405(http: httpx.Client) -> None:
    """A known path with a method the spec lacks answers 405."""
    response = http.delete("/topology")

    assert 405 == response.status_code
    assert "METHOD_NOT_ALLOWED" == response.json()["title"]


def test_cluster_id_prefix_before_v2_is_accepted(stub_engine: DevEngine) -> None:
    """A SaaS-like path prefix in front of /v2 reaches the same route."""
    response = httpx.get(f"{stub_engine.base_url}/abc-123/v2/topology")

    assert 200 == response.status_code
    assert {"clusterId": "stub"} == response.json()


def test_status_answers_204_without_body(http: httpx.Client) -> None:
    """GET /status is a bare 204."""
    response = http.get("/status")

    assert 204 == response.status_code
    assert b"" == response.content


def test_invalid_json_is_400_invalid_argument(http: httpx.Client) -> None:
    """A body that is not JSON is rejected with 400 INVALID_ARGUMENT."""
    response = http.post(
        "/jobs/activation",
        content=b"{nope",
        headers={"content-type": "application/json"},
    )

    assert 400 == response.status_code
    assert "INVALID_ARGUMENT" == response.json()["title"]


def test_missing_required_body_is_400(http: httpx.Client) -> None:
    """An operation that needs a body rejects an empty one."""
    response = http.post("/jobs/activation")

    assert 400 == response.status_code
    assert "Required request body is missing" == response.json()["detail"]


def test_missing_required_field_is_400(http: httpx.Client) -> None:
    """A body without a required property is rejected naming it."""
    response = http.post("/jobs/activation", json={"type": "a", "timeout": 1})

    assert 400 == response.status_code
    assert "maxJobsToActivate" in response.json()["detail"]


def test_non_numeric_key_is_400(http: httpx.Client) -> None:
    """A path key that is not a decimal long is rejected before the core."""
    response = http.post("/jobs/abc/completion")

    assert 400 == response.status_code
    assert "INVALID_ARGUMENT" == response.json()["title"]


def test_engine_error_maps_to_its_status_and_title(http: httpx.Client) -> None:
    """An EngineError from the core becomes a problem with its status and title."""
    response = http.post("/jobs/404/completion")

    assert 404 == response.status_code
    assert "NOT_FOUND" == response.json()["title"]
    assert "/v2/jobs/404/completion" == response.json()["instance"]


def test_completion_passes_body_to_core(
    http: httpx.Client, stub_engine: DevEngine
) -> None:
    """The core receives the path key and the JSON body; the answer is 204."""
    response = http.post("/jobs/7/completion", json={"variables": {"a": 1}})

    assert 204 == response.status_code
    assert [("7", {"variables": {"a": 1}})] == stub_engine.engine.completed  # type: ignore[attr-defined]


def test_request_log_records_bodies_per_operation(
    http: httpx.Client, stub_engine: DevEngine
) -> None:
    """The request log keeps each request's operationId, body and status."""
    http.post("/jobs/8/completion", json={"variables": {"x": "y"}})
    http.get("/status")

    completions = stub_engine.requests_for("completeJob")

    assert 1 == len(completions)
    assert {"variables": {"x": "y"}} == completions[0].body
    assert "/jobs/8/completion" == completions[0].path
    assert 204 == completions[0].status
    assert {"completeJob": 1, "getStatus": 1} == stub_engine.request_counts()


def test_spec_self_check_flags_bad_response(stub, request) -> None:
    """With spec_path, a response that breaks the spec becomes a 500 naming it."""
    spec = request.getfixturevalue("spec_file")
    with DevEngine(engine=stub, spec_path=spec) as engine:
        response = httpx.get(f"{engine.rest_address}/topology")

    assert 500 == response.status_code
    assert "Response Validation Failed" == response.json()["title"]
    assert "brokers" in response.json()["detail"]
    assert "/v2/topology" == response.json()["instance"]


def test_spec_check_rejects_bad_request(stub, request) -> None:
    """With spec_path, a request body that breaks the spec is a 400."""
    spec = request.getfixturevalue("spec_file")
    with DevEngine(engine=stub, spec_path=spec) as engine:
        response = httpx.post(
            f"{engine.rest_address}/jobs/activation",
            json={"type": "a", "timeout": "soon", "maxJobsToActivate": 1},
        )

    assert 400 == response.status_code
    assert "timeout" in response.json()["detail"]


def test_engine_restarts_after_stop(stub) -> None:
    """A stopped DevEngine can start again and serve on a fresh port."""
    engine = DevEngine(engine=stub)
    engine.start()
    engine.stop()
    engine.start()
    try:
        response = httpx.get(f"{engine.rest_address}/topology")
    finally:
        engine.stop()

    assert 200 == response.status_code
    assert not engine.running


def test_double_start_is_refused(stub_engine: DevEngine) -> None:
    """Starting a running engine again is a programming error."""
    with pytest.raises(RuntimeError, match="already running"):
        stub_engine.start()


def test_port_before_start_is_an_error(stub) -> None:
    """Asking for the port before start() explains what to do."""
    with pytest.raises(RuntimeError, match="start the DevEngine first"):
        _ = DevEngine(engine=stub).port


def test_ticker_logs_a_failing_tick_once(stub, caplog) -> None:
    """A tick that keeps failing is logged once, then again only on recovery."""
    calls = {"n": 0}

    def tick() -> int | None:
        calls["n"] += 1
        if calls["n"] <= 3:
            raise RuntimeError("broken tick")
        return None

    stub.tick = tick
    ticker = Ticker(stub)
    with caplog.at_level("WARNING", logger="camunda_testkit.http"):
        delays = [ticker._tick_once() for _ in range(4)]

    messages = [r.getMessage() for r in caplog.records]

    assert [1.0, 1.0, 1.0, 1.0] == delays
    assert [
        "the dev engine failed while firing due work",
        "the dev engine fires due work again",
    ] == messages


def test_json_null_counts_as_no_optional_body(http: httpx.Client) -> None:
    """A literal null where the body is optional is treated as no body."""
    response = http.post(
        "/jobs/9/completion",
        content=b"null",
        headers={"content-type": "application/json"},
    )

    assert 204 == response.status_code


def test_json_array_body_is_400(http: httpx.Client) -> None:
    """A JSON array where an object is expected is rejected."""
    response = http.post("/jobs/9/completion", json=[1, 2])

    assert 400 == response.status_code
    assert "Request body must be a JSON object" == response.json()["detail"]
