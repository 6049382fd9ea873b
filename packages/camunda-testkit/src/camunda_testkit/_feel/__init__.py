"""A FEEL subset for the dev engine, plus ISO 8601 temporal parsing for timers.

Numbers are exact decimals while evaluating; results are JSON-native Python
values (``int`` for integral numbers) or ``datetime`` values and
:class:`YearMonthDuration`. Local (zone-less) date-times are naive datetimes.
"""

from __future__ import annotations

from ._errors import FeelError, FeelSyntaxError
from ._expression import FeelExpression, compile_expression, evaluate
from ._temporal import (
    RepeatingInterval,
    YearMonthDuration,
    add_months,
    format_temporal,
    parse_cycle,
    parse_date,
    parse_date_time,
    parse_duration,
    parse_interval,
    parse_repeating_interval,
    parse_time,
)
from ._values import to_json_value

__all__ = [
    "FeelError",
    "FeelSyntaxError",
    "FeelExpression",
    "compile_expression",
    "evaluate",
    "to_json_value",
    "YearMonthDuration",
    "RepeatingInterval",
    "parse_duration",
    "parse_cycle",
    "parse_date_time",
    "parse_date",
    "parse_time",
    "parse_interval",
    "parse_repeating_interval",
    "add_months",
    "format_temporal",
]
