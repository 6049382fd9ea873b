"""A FEEL subset for the dev engine, plus ISO 8601 temporal parsing for timers.

Numbers are exact decimals while evaluating; results are JSON-native Python
values (``int`` for integral numbers) or ``datetime`` values and
:class:`YearMonthDuration`. Local (zone-less) date-times are naive datetimes.

Supported: literals (``@"..."`` temporals too), names (backticks for odd
ones), paths, 1-based and negative indexes, filters, ``+ - * / **``,
comparisons, ``between``, ``in`` with lists, ranges and unary tests (also
``not(...)``), three-valued ``and``/``or``, ``instance of``, ``if``, ``for``
(ranges, ``partial``), ``some``/``every``, contexts, function definitions,
named arguments and 97 built-ins (string, number, list, context,
conversion, temporal, range). Failures inside an expression give null plus
a warning; only syntax errors and a failed ``assert()`` raise.

Not supported: secret references, ``from json``/``to json``, built-ins passed
as values, and years beyond 9999.
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
