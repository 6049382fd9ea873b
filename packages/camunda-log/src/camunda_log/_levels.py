"""The SDK's log levels and the rule that gates messages by level."""

from __future__ import annotations

from typing import Literal

LogLevel = Literal["silent", "error", "warn", "info", "debug", "trace", "silly"]
"""A level name accepted by ``CAMUNDA_SDK_LOG_LEVEL``, from quietest to loudest."""

LOG_LEVELS: tuple[LogLevel, ...] = (
    "silent",
    "error",
    "warn",
    "info",
    "debug",
    "trace",
    "silly",
)
"""Every level name, ordered from quietest to loudest."""

_RANK: dict[str, int] = {name: rank for rank, name in enumerate(LOG_LEVELS)}
# Logger method names that differ from the level they emit at.
_RANK["warning"] = _RANK["warn"]


def parse_log_level(value: str) -> LogLevel:
    """Normalise a level name, ignoring case and surrounding blanks.

    ``warning`` is accepted as a synonym of ``warn``.

    Args:
        value: The level name to parse, for example ``"INFO"``.

    Returns:
        The canonical lower-case level name.

    Raises:
        ValueError: If the name is not a known level; the message names the
            value and the allowed ones.
    """
    name = value.strip().lower()
    if name == "warning":
        return "warn"
    if name not in LOG_LEVELS:
        allowed = ", ".join(LOG_LEVELS)
        msg = f"unknown log level {value!r}; allowed: {allowed}"
        raise ValueError(msg)
    return name


def level_enabled(configured: str | None, message_level: str) -> bool:
    """Tell whether a message at ``message_level`` passes ``configured``.

    Args:
        configured: The configured level; None means no gating at all.
        message_level: The level of the message (a level name or a logger
            method name such as ``warning``).

    Returns:
        True when the configured level is at least as loud as the message.

    Raises:
        ValueError: If either name is not a known level.
    """
    wanted = _rank(message_level)
    if configured is None:
        return True
    return _rank(configured) >= wanted


def _rank(name: str) -> int:
    rank = _RANK.get(name)
    if rank is None:
        return _RANK[parse_log_level(name)]
    return rank
