"""Fault injection: latency, error statuses and dropped connections per route."""

from __future__ import annotations

import fnmatch
import random
import threading
from dataclasses import dataclass, field
from typing import Literal

FaultKind = Literal["status", "latency", "drop"]

TOKEN_OPERATION = "oauthToken"  # noqa: S105 - a route name, not a secret
"""The name fault rules use for the OAuth token endpoint (outside ``/v2``)."""

_DEFAULT_TITLES = {
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL_SERVER_ERROR",
    502: "BAD_GATEWAY",
    503: "RESOURCE_EXHAUSTED",
    504: "DEADLINE_EXCEEDED",
}


@dataclass
class FaultRule:
    """One injected fault.

    ``route`` matches the operationId exactly (``completeJob``) or the API
    path after ``/v2`` as a glob (``/jobs/*/completion``); ``*`` matches every
    ``/v2`` request. The OAuth token endpoint is hit only by rules naming
    ``oauthToken``. ``times`` limits how many requests the rule hits (None:
    no limit); ``share`` hits that fraction of the matching requests.
    """

    kind: FaultKind
    route: str = "*"
    method: str | None = None
    status: int = 503
    title: str | None = None
    detail: str = "Fault injected by the dev engine"
    latency_ms: int = 0
    times: int | None = None
    share: float = 1.0
    hits: int = field(default=0, init=False)

    def matches(self, method: str, api_path: str, operation_id: str | None) -> bool:
        """Whether a request falls under this rule (ignoring times and share)."""
        if self.method is not None and self.method.upper() != method:
            return False
        if self.route == operation_id:
            return True
        if operation_id == TOKEN_OPERATION:
            return False
        if self.route == "*":
            return True
        return fnmatch.fnmatchcase(api_path, self.route)

    @property
    def problem_title(self) -> str:
        """The title of the problem document a status fault sends."""
        return self.title or _DEFAULT_TITLES.get(self.status, "INJECTED_FAULT")


@dataclass(frozen=True)
class FaultDecision:
    """What to do to one request: wait, then fail, drop, or go on."""

    latency_ms: int = 0
    failure: FaultRule | None = None
    drop: bool = False


class Faults:
    """The fault rules of one dev engine; thread-safe.

    Args:
        seed: Seeds the choice made by ``share`` rules, for repeatable tests.
    """

    def __init__(self, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._random = random.Random(seed)

    def __repr__(self) -> str:
        return f"Faults(rules={len(self._rules)})"

    @property
    def rules(self) -> list[FaultRule]:
        """A copy of the active rules, oldest first."""
        with self._lock:
            return list(self._rules)

    def add(self, rule: FaultRule) -> FaultRule:
        """Activate a rule and return it (its ``hits`` count as it fires)."""
        if not 0.0 <= rule.share <= 1.0:
            msg = f"share must lie between 0 and 1, not {rule.share}"
            raise ValueError(msg)
        with self._lock:
            self._rules.append(rule)
        return rule

    def fail(
        self,
        route: str = "*",
        *,
        status: int = 503,
        title: str | None = None,
        times: int | None = None,
        share: float = 1.0,
        method: str | None = None,
    ) -> FaultRule:
        """Answer matching requests with ``status`` and a problem document."""
        rule = FaultRule(
            "status", route, method, status, title, times=times, share=share
        )
        return self.add(rule)

    def latency(
        self,
        route: str = "*",
        milliseconds: int = 100,
        *,
        times: int | None = None,
        share: float = 1.0,
        method: str | None = None,
    ) -> FaultRule:
        """Delay matching requests by ``milliseconds`` before handling them."""
        rule = FaultRule(
            "latency",
            route,
            method,
            latency_ms=milliseconds,
            times=times,
            share=share,
        )
        return self.add(rule)

    def drop(
        self,
        route: str = "*",
        *,
        times: int | None = None,
        share: float = 1.0,
        method: str | None = None,
    ) -> FaultRule:
        """Close the connection of matching requests without any response."""
        return self.add(FaultRule("drop", route, method, times=times, share=share))

    def clear(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules.clear()

    def decide(
        self, method: str, api_path: str, operation_id: str | None
    ) -> FaultDecision:
        """Pick what happens to one request; counts the rules that fire."""
        latency = 0
        failure: FaultRule | None = None
        drop = False
        with self._lock:
            for rule in self._rules:
                decided = failure is not None or drop
                if rule.kind != "latency" and decided:
                    continue
                if not self._fires(rule, method, api_path, operation_id):
                    continue
                if rule.kind == "latency":
                    latency += rule.latency_ms
                elif rule.kind == "drop":
                    drop = True
                else:
                    failure = rule
            self._rules = [
                r for r in self._rules if r.times is None or r.hits < r.times
            ]
        return FaultDecision(latency, failure, drop)

    def _fires(
        self, rule: FaultRule, method: str, api_path: str, operation_id: str | None
    ) -> bool:
        if not rule.matches(method, api_path, operation_id):
            return False
        if rule.times is not None and rule.hits >= rule.times:
            return False
        if rule.share < 1.0 and self._random.random() >= rule.share:
            return False
        rule.hits += 1
        return True
