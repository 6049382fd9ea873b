"""Execution strategies and the hints a handler can carry about them."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, Literal, Protocol, TypeVar, cast, get_args, runtime_checkable

import attrs

ExecutionStrategy = Literal["async", "thread", "process"]
StrategyChoice = Literal["auto", "async", "thread", "process"]

STRATEGIES: tuple[ExecutionStrategy, ...] = get_args(ExecutionStrategy)
_HINT_ATTRIBUTE = "__camunda_execution_hint__"

F = TypeVar("F", bound=Callable[..., Any])


@attrs.frozen
class _Hint:
    prefer: ExecutionStrategy | None = None
    permit: frozenset[ExecutionStrategy] = frozenset()


@runtime_checkable
class HintedCallable(Protocol):
    """A handler decorated with :class:`ExecutionHint`."""

    __camunda_execution_hint__: _Hint

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...


class ExecutionHint:
    """Decorators that tell the worker how a handler wants to run.

    ``@ExecutionHint.prefer("process")`` makes ``execution_strategy="auto"``
    pick that strategy. ``@ExecutionHint.permit("thread", "process")`` lists
    the strategies the handler is safe under; a worker configured with any
    other strategy refuses to start.
    """

    @staticmethod
    def prefer(strategy: ExecutionStrategy) -> Callable[[F], F]:
        """Prefer `strategy` when the worker's strategy is ``auto``."""
        chosen = _check_strategy(strategy)

        def decorate(func: F) -> F:
            hint = _read_hint(func)
            _write_hint(func, attrs.evolve(hint, prefer=chosen))
            return func

        return decorate

    @staticmethod
    def permit(*strategies: ExecutionStrategy) -> Callable[[F], F]:
        """Declare the strategies this handler may run under."""
        allowed = frozenset(_check_strategy(s) for s in strategies)
        if not allowed:
            raise ValueError("ExecutionHint.permit() needs at least one strategy")

        def decorate(func: F) -> F:
            hint = _read_hint(func)
            _write_hint(func, attrs.evolve(hint, permit=hint.permit | allowed))
            return func

        return decorate


def _check_strategy(strategy: str) -> ExecutionStrategy:
    if strategy not in STRATEGIES:
        raise ValueError(
            f"unknown execution strategy {strategy!r}; allowed: {', '.join(STRATEGIES)}"
        )
    return strategy


def _read_hint(func: Callable[..., Any]) -> _Hint:
    hint = getattr(func, _HINT_ATTRIBUTE, None)
    return hint if isinstance(hint, _Hint) else _Hint()


def _write_hint(func: Callable[..., Any], hint: _Hint) -> None:
    setattr(func, _HINT_ATTRIBUTE, hint)


def is_coroutine_handler(func: Callable[..., Any]) -> bool:
    """Tell whether calling `func` gives a coroutine (partials unwrapped)."""
    target: Any = func
    while isinstance(target, functools.partial):
        target = cast("functools.partial[Any]", target).func
    if inspect.iscoroutinefunction(target):
        return True
    call = getattr(target, "__call__", None)  # noqa: B004 - callable objects
    return inspect.iscoroutinefunction(call)


def choose_strategy(
    func: Callable[..., Any], configured: StrategyChoice | str
) -> ExecutionStrategy:
    """Pick the strategy a handler runs under, honouring its hints.

    Raises:
        ValueError: The configured strategy is unknown, or the handler's
            ``permit`` hint excludes it.
    """
    if configured != "auto" and configured not in STRATEGIES:
        raise ValueError(
            f"unknown execution_strategy {configured!r}; "
            f"allowed: auto, {', '.join(STRATEGIES)}"
        )
    hint = _read_hint(func)
    if configured == "auto":
        if hint.prefer is not None:
            return hint.prefer
        return "async" if is_coroutine_handler(func) else "thread"
    chosen = configured
    if hint.permit and chosen not in hint.permit and chosen != hint.prefer:
        allowed = ", ".join(sorted(hint.permit))
        raise ValueError(
            f"handler {getattr(func, '__qualname__', func)!r} permits "
            f"only {allowed}, but the worker is configured with {chosen!r}"
        )
    return chosen
