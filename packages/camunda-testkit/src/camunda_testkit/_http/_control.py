"""Dev-engine-only controls under ``/_devengine/`` (never under ``/v2``)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from camunda_testkit._http._auth import OAuthError
from camunda_testkit._http._drop import drop_connection
from camunda_testkit._http._faults import TOKEN_OPERATION, FaultRule
from camunda_testkit._http._problems import ProblemError, invalid_argument

if TYPE_CHECKING:
    from camunda_testkit._http._app import AppServices

CONTROL_PREFIX = "/_devengine"
TOKEN_PATH = f"{CONTROL_PREFIX}/oauth/token"


async def handle_control(request: Request, services: AppServices) -> Response | None:
    """Serve one control request (None when a fault dropped the connection).

    Raises:
        ProblemError: 404 for an unknown control, 400 for a bad body.
    """
    path = request.url.path[len(CONTROL_PREFIX) :].rstrip("/")
    method = request.method
    body = await request.body()
    if (method, path) == ("POST", "/oauth/token"):
        return await _token_with_faults(body, request, services)
    if (method, path) == ("POST", "/reset"):
        services.reset()
        return Response(status_code=204)
    if (method, path) == ("GET", "/clock"):
        return _clock_state(services)
    if (method, path) == ("POST", "/clock/advance"):
        milliseconds = _object(body).get("milliseconds")
        if isinstance(milliseconds, bool) or not isinstance(milliseconds, int):
            raise invalid_argument("Property 'milliseconds' must be an integer")
        if milliseconds < 0:
            raise invalid_argument("The clock only moves forward")
        services.advance_clock(milliseconds)
        return _clock_state(services)
    if (method, path) == ("GET", "/faults"):
        rules = [asdict(r) for r in services.faults.rules]
        return JSONResponse({"rules": rules})
    if (method, path) == ("POST", "/faults"):
        services.faults.add(_fault_rule(_object(body)))
        return Response(status_code=204)
    if (method, path) == ("DELETE", "/faults"):
        services.faults.clear()
        return Response(status_code=204)
    if (method, path) == ("GET", "/requests"):
        entries = [asdict(e) for e in services.requests.entries()]
        return JSONResponse({"requests": entries})
    if (method, path) == ("GET", "/state"):
        return JSONResponse(services.state())
    raise ProblemError(404, "NOT_FOUND", f"No dev engine control {method} {path}")


async def _token_with_faults(
    body: bytes, request: Request, services: AppServices
) -> Response | None:
    decision = services.faults.decide("POST", TOKEN_PATH, TOKEN_OPERATION)
    if decision.latency_ms:
        await asyncio.sleep(decision.latency_ms / 1000)
    if decision.drop:
        await drop_connection(request, services.transports)
        return None
    failure = decision.failure
    if failure is None:
        return _token(body, request, services)
    document = {"error": "temporarily_unavailable", "error_description": failure.detail}
    return JSONResponse(document, status_code=failure.status)


def _token(body: bytes, request: Request, services: AppServices) -> Response:
    try:
        grant = services.auth.issue_token(body, request.headers)
    except OAuthError as error:
        document = {"error": error.error, "error_description": error.description}
        return JSONResponse(document, status_code=error.status)
    return JSONResponse(grant, headers={"Cache-Control": "no-store"})


def _clock_state(services: AppServices) -> Response:
    clock = services.engine.clock
    return JSONResponse({"nowMs": clock.now_ms(), "pinned": clock.is_pinned})


def _object(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        raise invalid_argument("Control body must be JSON") from None
    if not isinstance(value, dict):
        raise invalid_argument("Control body must be a JSON object")
    return value  # pyright: ignore[reportUnknownVariableType]


def _fault_rule(body: dict[str, Any]) -> FaultRule:
    kind = body.get("kind", "status")
    if kind not in ("status", "latency", "drop"):
        raise invalid_argument("Property 'kind' must be status, latency or drop")
    try:
        return FaultRule(
            kind=kind,
            route=str(body.get("route", "*")),
            method=body.get("method"),
            status=int(body.get("status", 503)),
            title=body.get("title"),
            latency_ms=int(body.get("latencyMs", 0)),
            times=None if body.get("times") is None else int(body["times"]),
            share=float(body.get("share", 1.0)),
        )
    except (TypeError, ValueError) as error:
        raise invalid_argument(f"Invalid fault rule: {error}") from None
