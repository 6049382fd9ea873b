"""camunda_testkit: a local dev engine that serves the Camunda 8 REST API v2.

Start one with :class:`DevEngine` (a context manager), point any HTTP client
or the SDK at its ``rest_address``, and drive time with ``advance_clock``.
Names load on first use, so importing the package (or its pytest plugin)
does not pull in the server stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "DevEngine": "camunda_testkit._devengine",
    "AuthMode": "camunda_testkit._http._auth",
    "Faults": "camunda_testkit._http._faults",
    "FaultRule": "camunda_testkit._http._faults",
    "RecordedRequest": "camunda_testkit._http._recorder",
    "Engine": "camunda_testkit._core",
    "EngineError": "camunda_testkit._core",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        msg = f"module 'camunda_testkit' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
