"""The SDK's logger wrapper: level gating, bound context, safe dispatch."""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Mapping
from typing import Any, Literal, cast

from camunda_log._levels import LOG_LEVELS, LogLevel, parse_log_level
from camunda_log._protocol import CamundaLogger, NullLogger

_Kind = Literal["null", "stdlib", "loguru", "other"]

_STDLIB_LEVEL = {
    "silent": logging.CRITICAL,
    "error": logging.ERROR,
    "warn": logging.WARNING,
    "warning": logging.WARNING,
    "info": logging.INFO,
    "debug": logging.DEBUG,
    "trace": logging.DEBUG,
    "silly": logging.DEBUG,
}
_UNGATED = len(LOG_LEVELS)
_LEVEL_RANK = {name: rank for rank, name in enumerate(LOG_LEVELS)}
# Rank a message must reach, per method; the configured level's rank must be >=.
_METHOD_RANK = {
    "error": _LEVEL_RANK["error"],
    "warning": _LEVEL_RANK["warn"],
    "info": _LEVEL_RANK["info"],
    "debug": _LEVEL_RANK["debug"],
    "trace": _LEVEL_RANK["trace"],
}


class SdkLogger:
    """Wrap any supported logger with SDK-level gating and bound context.

    Messages use lazy ``%``-style arguments. A stdlib logger receives the
    template and the arguments untouched; loguru and other loggers receive the
    formatted text, built only when the message is going to be emitted. A
    logger that raises never breaks the caller.

    Args:
        logger: The target logger: a stdlib logger or adapter, loguru's
            logger, a `NullLogger`, another `SdkLogger` or any object with
            ``debug``, ``info``, ``warning`` and ``error`` methods.
        prefix: Text put in front of every message.
        level: The SDK log level (``silent`` ... ``silly``, any case). A
            message at level X is emitted only when this level is at least X.
            None leaves gating to the target logger.

    Raises:
        ValueError: If ``level`` is not a known level name.
    """

    __slots__ = (
        "_context",
        "_escaped",
        "_kind",
        "_level",
        "_max_rank",
        "_prefix",
        "_rendered",
        "_target",
    )

    def __init__(
        self,
        logger: CamundaLogger,
        prefix: str = "",
        *,
        level: str | None = None,
    ) -> None:
        self._target: Any = logger
        self._kind: _Kind = _kind_of(logger)
        self._prefix = prefix
        self._context: dict[str, object] = {}
        self._rendered = self._escaped = ""
        self._set_context({})
        self._level: LogLevel | None = None if level is None else parse_log_level(level)
        self._max_rank = _UNGATED if self._level is None else _LEVEL_RANK[self._level]

    @property
    def logger(self) -> CamundaLogger:
        """The wrapped target logger."""
        target: CamundaLogger = self._target
        return target

    @property
    def prefix(self) -> str:
        """The text put in front of every message, bound context included."""
        return self._rendered

    @property
    def level(self) -> LogLevel | None:
        """The SDK log level, or None when the SDK does no gating."""
        return self._level

    def enabled(self, level_name: str) -> bool:
        """Tell whether a message at ``level_name`` would be emitted.

        Use it on hot paths to skip building expensive arguments. For a stdlib
        target it also asks the logger's own ``isEnabledFor``.

        Args:
            level_name: A level name (``warn``, ``trace``, ...) or a logger
                method name (``warning``), any case.

        Returns:
            False when the SDK level, a `NullLogger` target or a stdlib
            logger's level would drop the message.

        Raises:
            ValueError: If ``level_name`` is not a known level.
        """
        name = parse_log_level(level_name)
        if self._kind == "null" or _LEVEL_RANK[name] > self._max_rank:
            return False
        if self._kind == "stdlib":
            return bool(self._target.isEnabledFor(_STDLIB_LEVEL[name]))
        return True

    def bind(self, **kwargs: object) -> SdkLogger:
        """Return a child logger carrying extra context.

        loguru targets use their native ``bind``; others get a ``[k=v ...]``
        prefix. Binds accumulate, and the parent is never changed.

        Args:
            **kwargs: Context to attach to every message of the child.

        Returns:
            A new logger with the same target, prefix and level.
        """
        child = self._copy()
        if self._kind == "loguru":
            child._target = self._target.bind(**kwargs)
        else:
            child._set_context({**self._context, **kwargs})
        return child

    def trace(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Log a trace message (stdlib DEBUG when the target has no trace)."""
        self._emit("trace", msg, args, kwargs)

    def debug(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Log a debug message."""
        self._emit("debug", msg, args, kwargs)

    def info(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Log an informational message."""
        self._emit("info", msg, args, kwargs)

    def warning(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Log a warning."""
        self._emit("warning", msg, args, kwargs)

    def error(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Log an error."""
        self._emit("error", msg, args, kwargs)

    def with_level(self, level: str | None) -> SdkLogger:
        """Return a copy with another SDK log level.

        Args:
            level: The new level, or None for no SDK-side gating.

        Returns:
            A new logger sharing target, prefix and bound context.

        Raises:
            ValueError: If ``level`` is not a known level name.
        """
        child = self._copy()
        child._level = None if level is None else parse_log_level(level)
        child._max_rank = (
            _UNGATED if child._level is None else _LEVEL_RANK[child._level]
        )
        return child

    def __repr__(self) -> str:
        return (
            f"SdkLogger({self._target!r}, prefix={self._rendered!r}, "
            f"level={self._level!r})"
        )

    def __reduce__(self) -> tuple[Callable[..., SdkLogger], tuple[Any, ...]]:
        target: Any = self._target if _picklable(self._target) else NullLogger()
        return (_restore, (target, self._prefix, dict(self._context), self._level))

    def _copy(self) -> SdkLogger:
        child = SdkLogger.__new__(SdkLogger)
        child._target = self._target
        child._kind = self._kind
        child._prefix = self._prefix
        child._context = self._context
        child._rendered = self._rendered
        child._escaped = self._escaped
        child._level = self._level
        child._max_rank = self._max_rank
        return child

    def _set_context(self, context: dict[str, object]) -> None:
        self._context = context
        rendered = self._prefix
        if context:
            pairs = " ".join(f"{key}={value}" for key, value in context.items())
            rendered = f"{self._prefix}[{pairs}] "
        self._rendered = rendered
        # stdlib only %-formats when there are args; this copy is for that case.
        self._escaped = rendered.replace("%", "%%")

    def _emit(
        self, method: str, msg: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        if self._kind == "null" or _METHOD_RANK[method] > self._max_rank:
            return
        try:
            self._dispatch(method, msg, args, kwargs)
        except Exception:  # noqa: BLE001 - a broken logger must never break the SDK
            return

    def _dispatch(
        self, method: str, msg: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        prefix = self._rendered
        if self._kind == "stdlib":
            text = (self._escaped if args else prefix) + msg
            name = "debug" if method == "trace" else method
            getattr(self._target, name)(text, *args, **kwargs)
            return
        if self._kind == "loguru":
            self._dispatch_loguru(method, prefix, msg, args, kwargs)
            return
        name = (
            method if method != "trace" or hasattr(self._target, "trace") else "debug"
        )
        getattr(self._target, name)(prefix + _format(msg, args), **kwargs)

    def _dispatch_loguru(
        self,
        method: str,
        prefix: str,
        msg: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        options = dict(kwargs)
        exception = options.pop("exc_info", None) or None
        # depth=4 points loguru at our caller, past _dispatch_loguru,
        # _dispatch, _emit and the public method.
        bound = self._target.opt(lazy=True, depth=4, exception=exception)
        getattr(bound, method)("{}", lambda: prefix + _format(msg, args), **options)


def create_logger(
    logger: CamundaLogger | None = None, *, level: str | None = None
) -> SdkLogger:
    """Build the `SdkLogger` the SDK uses.

    Args:
        logger: The target logger. None picks loguru's logger when loguru is
            installed, else a `NullLogger`. An `SdkLogger` is returned as is,
            or re-wrapped with ``level`` when one is given.
        level: The SDK log level; None means no SDK-side gating.

    Returns:
        The wrapping logger.

    Raises:
        ValueError: If ``level`` is not a known level name.
    """
    if isinstance(logger, SdkLogger):
        return logger if level is None else logger.with_level(level)
    if logger is None:
        logger = _default_target()
    return SdkLogger(logger, level=level)


def _default_target() -> CamundaLogger:
    try:
        from loguru import logger
    except ImportError:
        return NullLogger()
    return logger


def _kind_of(logger: object) -> _Kind:
    if isinstance(logger, NullLogger):
        return "null"
    if isinstance(logger, (logging.Logger, logging.LoggerAdapter, SdkLogger)):
        return "stdlib"
    if type(logger).__module__.startswith("loguru"):
        return "loguru"
    return "other"


def _format(msg: str, args: tuple[Any, ...]) -> str:
    if not args:
        return msg
    values: object = args
    # Same rule as stdlib: a single mapping argument feeds %(name)s fields.
    first: object = args[0]
    if len(args) == 1 and isinstance(first, Mapping) and first:
        values = cast("Mapping[str, object]", first)
    try:
        return msg % values
    except (TypeError, ValueError, KeyError):
        return f"{msg} {args!r}"


def _picklable(target: object) -> bool:
    try:
        pickle.dumps(target)
    except Exception:  # noqa: BLE001 - any failure means "cannot travel"
        return False
    return True


def _restore(
    target: CamundaLogger,
    prefix: str,
    context: dict[str, object],
    level: str | None,
) -> SdkLogger:
    restored = SdkLogger(target, prefix, level=level)
    return restored.bind(**context) if context else restored
