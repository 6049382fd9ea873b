"""The ASGI application: routing, auth, faults, errors and the request log."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from camunda_testkit._core import Engine, EngineError
from camunda_testkit._http._auth import Authenticator
from camunda_testkit._http._context import Call, Timeouts
from camunda_testkit._http._control import CONTROL_PREFIX, handle_control
from camunda_testkit._http._drop import Transports, drop_connection
from camunda_testkit._http._faults import FaultRule, Faults
from camunda_testkit._http._handlers import HANDLERS
from camunda_testkit._http._notifier import Notifier
from camunda_testkit._http._problems import ProblemError, problem_response
from camunda_testkit._http._recorder import RecordedRequest, RequestLog
from camunda_testkit._http._routing import MethodNotAllowedError, Router, split_api_path

if TYPE_CHECKING:
    from camunda_testkit._http._validation import SpecChecks

log = logging.getLogger("camunda_testkit.http")


@dataclass
class AppServices:
    """Everything the routes share: engine, auth, faults, log and hooks."""

    engine: Engine
    auth: Authenticator
    faults: Faults
    requests: RequestLog
    notifier: Notifier
    timeouts: Timeouts = field(default_factory=Timeouts)
    transports: Transports = field(default_factory=lambda: Transports())
    wake_ticker: Callable[[], None] = lambda: None
    spec_checks: SpecChecks | None = None

    def reset(self) -> None:
        """Drop all engine state and the request log (faults stay)."""
        self.engine.reset()
        self.requests.clear()
        self.wake_ticker()

    def advance_clock(self, milliseconds: int) -> None:
        """Move the engine clock and fire whatever fell due."""
        self.engine.advance_clock(milliseconds)
        self.wake_ticker()

    def state(self) -> dict[str, Any]:
        """A small summary of the server side, for debugging."""
        return {
            "auth": self.auth.mode,
            "faults": len(self.faults.rules),
            "parkedRequests": self.notifier.parked,
            "requestCounts": self.requests.counts(),
            "clock": {
                "nowMs": self.engine.clock.now_ms(),
                "pinned": self.engine.clock.is_pinned,
            },
        }


class DevEngineApp:
    """ASGI app serving ``/v2`` (with an optional prefix) and ``/_devengine``."""

    def __init__(self, services: AppServices) -> None:
        self.services = services
        self.router = Router()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one HTTP request; other ASGI scopes are ignored."""
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        path: str = scope["path"]
        if path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/"):
            response = await self._control(request)
        else:
            response = await self._api(request, receive)
        if response is None:
            return
        await response(scope, receive, send)

    async def _control(self, request: Request) -> Response | None:
        try:
            return await handle_control(request, self.services)
        except ProblemError as problem:
            return problem_response(problem, request.url.path)
        except Exception:
            log.exception("dev engine control failed on %s", request.url.path)
            problem = ProblemError(
                500, "INTERNAL_SERVER_ERROR", "The dev engine failed; see its log"
            )
            return problem_response(problem, request.url.path)

    async def _api(self, request: Request, receive: Receive) -> Response | None:
        path = request.url.path
        method = request.method
        api_path = split_api_path(path)
        if api_path is None:
            problem = ProblemError(404, "NOT_FOUND", f"No route for {method} {path}")
            return problem_response(problem, path)
        operation_id: str | None = None
        params: dict[str, str] = {}
        try:
            route = self.router.resolve(method, api_path)
        except MethodNotAllowedError:
            problem = ProblemError(
                405, "METHOD_NOT_ALLOWED", f"{method} is not allowed on {api_path}"
            )
            return problem_response(problem, path)
        if route is not None:
            operation_id = route.operation.operation_id
            params = route.params
        decision = self.services.faults.decide(method, api_path, operation_id)
        if decision.latency_ms:
            await asyncio.sleep(decision.latency_ms / 1000)
        if decision.drop:
            await drop_connection(request, self.services.transports)
            self._record(method, api_path, operation_id, b"", 0)
            return None
        body = await request.body()
        response = await self._respond(
            request, receive, operation_id, params, body, decision.failure
        )
        response = self._self_check(operation_id, path, response)
        self._record(method, api_path, operation_id, body, response.status_code)
        if method != "GET":
            self.services.wake_ticker()
        return response

    async def _respond(
        self,
        request: Request,
        receive: Receive,
        operation_id: str | None,
        params: dict[str, str],
        body: bytes,
        failure: FaultRule | None,
    ) -> Response:
        path = request.url.path
        call: Call | None = None
        try:
            self.services.auth.check(request.headers)
            if operation_id is None:
                detail = f"No route for {request.method} {path}"
                raise ProblemError(404, "NOT_FOUND", detail)
            if failure is not None:
                raise ProblemError(
                    failure.status, failure.problem_title, failure.detail
                )
            handler = HANDLERS.get(operation_id)
            if handler is None:
                raise _not_supported(operation_id)
            self._check_request(operation_id, request, body)
            call = Call(
                request,
                receive,
                self.services.engine,
                self.services.notifier,
                self.services.timeouts,
                params,
                body,
            )
            return await handler(call)
        except ProblemError as problem:
            return problem_response(problem, path)
        except EngineError as error:
            problem = ProblemError(error.status, error.title, error.detail)
            return problem_response(problem, path)
        except NotImplementedError as error:
            problem = _not_supported(operation_id or "unknown", str(error))
            return problem_response(problem, path)
        except Exception:
            log.exception("dev engine failed on %s %s", request.method, path)
            problem = ProblemError(
                500, "INTERNAL_SERVER_ERROR", "The dev engine failed; see its log"
            )
            return problem_response(problem, path)
        finally:
            if call is not None:
                call.close()

    def _check_request(self, operation_id: str, request: Request, body: bytes) -> None:
        checks = self.services.spec_checks
        content_type = request.headers.get("content-type", "")
        if checks is None or content_type.startswith("multipart/"):
            return
        error = checks.request_error(operation_id, body)
        if error is not None:
            raise ProblemError(400, "INVALID_ARGUMENT", error)

    def _self_check(
        self, operation_id: str | None, path: str, response: Response
    ) -> Response:
        checks = self.services.spec_checks
        if checks is None or operation_id is None or operation_id not in HANDLERS:
            return response
        status = response.status_code
        error = checks.response_error(operation_id, status, bytes(response.body))
        if error is None:
            return response
        log.error("response of %s breaks the spec: %s", operation_id, error)
        problem = ProblemError(500, "Response Validation Failed", error)
        return problem_response(problem, path)

    def _record(
        self,
        method: str,
        api_path: str,
        operation_id: str | None,
        body: bytes,
        status: int,
    ) -> None:
        requests = self.services.requests
        if not requests.enabled:
            return
        parsed: Any = None
        if body:
            try:
                parsed = json.loads(body)
            except (ValueError, UnicodeDecodeError):
                parsed = None
        entry = RecordedRequest(method, api_path, operation_id, parsed, status)
        requests.add(entry)


def _not_supported(operation_id: str, reason: str = "") -> ProblemError:
    detail = f"The dev engine does not support operation '{operation_id}'"
    if reason:
        detail = f"{detail}: {reason}"
    return ProblemError(501, "NOT_SUPPORTED_BY_DEV_ENGINE", detail)
