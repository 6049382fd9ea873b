"""camunda_testkit: a local dev engine that serves the Camunda 8 REST API v2.

Start one with :class:`DevEngine` (a context manager), point any HTTP client
or the SDK at its ``rest_address``, and drive time with ``advance_clock``.
"""

from __future__ import annotations

from camunda_testkit._core import Engine, EngineError
from camunda_testkit._devengine import DevEngine
from camunda_testkit._http._auth import AuthMode
from camunda_testkit._http._faults import FaultRule, Faults
from camunda_testkit._http._recorder import RecordedRequest

__all__ = [
    "DevEngine",
    "AuthMode",
    "Faults",
    "FaultRule",
    "RecordedRequest",
    "Engine",
    "EngineError",
]
