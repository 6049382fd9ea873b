r"""Filter, sort and page search results the way the REST API v2 does.

`run_search` takes the rows of one entity (wire-shaped item dicts), the
search request body and a map that describes each filterable or sortable
property with a `Field`, and returns the search response body.

Field kinds (build them with the class methods):

* ``Field.key()``: a 64-bit key sent as a decimal string (ints accepted);
  compared and sorted as integers. Operators ``$eq $neq $exists $in $notIn``.
* ``Field.string()``: exact, case-sensitive text; adds ``$like`` with ``*``
  (any run) and ``?`` (one character) wildcards, ``\\`` escapes them.
* ``Field.integer()`` / ``Field.number()``: adds ``$gt $gte $lt $lte``.
* ``Field.boolean()``: ``$eq $neq $exists`` with true/false operands.
* ``Field.datetime()``: ISO 8601 text compared as instants (offsets and
  ``Z`` honoured, a missing offset means UTC); adds ``$gt $gte $lt $lte``.
* ``Field.enum(*members)``: operands in any casing, checked against the
  members when given; rows hold the canonical casing.
* ``Field.json_text()``: JSON-serialised text (variable values); operands
  are JSON text too and equal when they decode to the same value, so
  ``"\\"a\\""`` finds the string ``a``; ``$like`` works on the raw text.
* ``Field.tags()``: the row holds a list of strings; the filter is a list
  and matches rows that carry every listed tag.
* ``Field.variables(lookup)``: the process-instance and user-task ``variables``
  filters, ``[{name, value}]``; ``lookup(row)`` gives name -> JSON text and
  every pair must match (values compare as ``json_text``).
* ``Field.custom(matcher)``: ``matcher(row, condition) -> bool`` gets the
  raw filter value (for example the process-instance ``variables`` list);
  `Field.matches` helps evaluate nested shorthand/advanced conditions.
* ``Field.ignored()``: a filter the spec allows but the engine does not
  model. It is accepted and matches every row, so a valid request never
  fails; list such fields explicitly so that the gap stays visible.

Every kind takes ``source``: the row property to read (default: the field
name) or a callable ``row -> value``; ``sortable=False`` forbids sorting;
``many=True`` says the row holds a list: an operator then holds when any
element matches it (``$neq``/``$notIn``: when every element does;
``$exists``: when the list is not empty).

Filter names missing from the map, unknown operators, operators a kind does
not support, operands of the wrong type, unknown sort fields, bad paging and
foreign cursors raise `SearchError`; the HTTP layer answers 400
INVALID_ARGUMENT with its message. A ``null`` filter value means "not set".

Ordering: the requested sort (field names in any casing), then
``default_sort`` as tie-breaker (it should end in the entity's unique key,
so the order is total). Nulls sort last in both directions.

Paging: ``{limit}``, ``{from, limit}``, ``{after, limit}``, ``{before,
limit}``; limit defaults to 100, at most 10000. Cursors are base64 JSON of
the boundary row's sort values, so ``after``/``before`` work with any sort;
the page reports the cursors of its first and last rows (null on an empty
page). ``totalItems`` counts every match; ``hasMoreTotalItems`` is always
false (totals are exact). Returned items are the row objects themselves,
not copies.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import functools
import json
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, cast

__all__ = ["Field", "SearchError", "run_search", "DEFAULT_LIMIT", "MAX_LIMIT"]

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000

Row = Mapping[str, Any]
Matcher = Callable[[Row, Any], bool]
Predicate = Callable[[Row], bool]

_KINDS = (
    "key",
    "string",
    "integer",
    "number",
    "boolean",
    "datetime",
    "enum",
    "json",
    "tags",
    "variables",
    "custom",
    "ignored",
)
_EQUALITY = frozenset({"$eq", "$neq", "$exists", "$in", "$notIn"})
_ORDERING = frozenset({"$gt", "$gte", "$lt", "$lte"})
_OPERATORS: dict[str, frozenset[str]] = {
    "key": _EQUALITY,
    "string": _EQUALITY | {"$like"},
    "integer": _EQUALITY | _ORDERING,
    "number": _EQUALITY | _ORDERING,
    "boolean": frozenset({"$eq", "$neq", "$exists"}),
    "datetime": _EQUALITY | _ORDERING,
    "enum": _EQUALITY | {"$like"},
    "json": _EQUALITY | {"$like"},
}
_ALL_OPERATORS = frozenset(op for ops in _OPERATORS.values() for op in ops)
_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "$gt": operator.gt,
    "$gte": operator.ge,
    "$lt": operator.lt,
    "$lte": operator.le,
}
_REQUEST_KEYS = frozenset({"filter", "sort", "page"})
_PAGE_KEYS = frozenset({"limit", "from", "after", "before"})
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?"
)


class SearchError(ValueError):
    """A search request the API would reject with 400 INVALID_ARGUMENT."""


@dataclass(frozen=True)
class Field:
    """How one filter/sort property of an entity is read and compared.

    Attributes:
        kind: One of key, string, integer, number, boolean, datetime, enum,
            json, tags, custom, ignored.
        source: The row property to read (None: the field's own name), or a
            callable that returns the value for a row.
        members: Canonical enum members (enum kind; empty: any text).
        matcher: ``matcher(row, condition) -> bool`` for the custom kind.
        sortable: Whether the field may appear in ``sort``.
        many: The row holds a list of values.
    """

    kind: str
    source: str | Callable[[Row], Any] | None = None
    members: tuple[str, ...] = ()
    matcher: Matcher | None = None
    sortable: bool = True
    many: bool = False

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"unknown field kind {self.kind!r}")
        if self.kind == "custom" and self.matcher is None:
            raise ValueError("a custom field needs a matcher")

    # ------------------------------------------------------------ builders

    @classmethod
    def key(
        cls, source: str | Callable[[Row], Any] | None = None, **options: Any
    ) -> Field:
        """A 64-bit key, sent as a decimal string."""
        return cls("key", source, **options)

    @classmethod
    def string(
        cls, source: str | Callable[[Row], Any] | None = None, **options: Any
    ) -> Field:
        """Case-sensitive text with ``$like`` wildcards."""
        return cls("string", source, **options)

    @classmethod
    def integer(
        cls, source: str | Callable[[Row], Any] | None = None, **options: Any
    ) -> Field:
        """A whole number with ordering operators."""
        return cls("integer", source, **options)

    @classmethod
    def number(
        cls, source: str | Callable[[Row], Any] | None = None, **options: Any
    ) -> Field:
        """Any number with ordering operators."""
        return cls("number", source, **options)

    @classmethod
    def boolean(
        cls, source: str | Callable[[Row], Any] | None = None, **options: Any
    ) -> Field:
        """True or false."""
        return cls("boolean", source, **options)

    @classmethod
    def datetime(
        cls, source: str | Callable[[Row], Any] | None = None, **options: Any
    ) -> Field:
        """An ISO 8601 date-time compared as an instant."""
        return cls("datetime", source, **options)

    @classmethod
    def enum(
        cls,
        *members: str,
        source: str | Callable[[Row], Any] | None = None,
        **options: Any,
    ) -> Field:
        """An enum whose operands may come in any casing."""
        return cls("enum", source, members=tuple(members), **options)

    @classmethod
    def json_text(
        cls, source: str | Callable[[Row], Any] | None = None, **options: Any
    ) -> Field:
        """JSON-serialised text compared by decoded value."""
        return cls("json", source, **options)

    @classmethod
    def tags(cls, source: str | Callable[[Row], Any] | None = None) -> Field:
        """A list of tags; the filter lists tags a row must all carry."""
        return cls("tags", source, sortable=False)

    @classmethod
    def custom(
        cls,
        matcher: Matcher,
        *,
        source: str | Callable[[Row], Any] | None = None,
        sortable: bool = False,
    ) -> Field:
        """A filter evaluated by ``matcher(row, condition)``."""
        return cls("custom", source, matcher=matcher, sortable=sortable)

    @classmethod
    def ignored(cls) -> Field:
        """A spec-valid filter the engine accepts but does not apply."""
        return cls("ignored", sortable=False)

    # ------------------------------------------------------------ matching

    @classmethod
    def variables(cls, lookup: Callable[[Row], Mapping[str, Any]]) -> Field:
        """A ``[{name, value}]`` filter over a row's variables.

        Args:
            lookup: Returns the row's variables as name -> JSON text.
        """
        return cls("variables", lookup, sortable=False)

    # ------------------------------------------------------------ matching

    def compile(self, condition: Any, name: str = "value") -> Callable[[Any], bool]:
        """Compile a shorthand or advanced condition into a value test.

        Args:
            condition: The filter value: a bare operand or an operator map.
            name: The property name used in error messages.

        Returns:
            A function that tells whether a (row) value satisfies it.

        Raises:
            SearchError: The condition is malformed for this kind.
        """
        return _compile_condition(name, self, condition)

    def matches(self, actual: Any, condition: Any, name: str = "value") -> bool:
        """Tell whether one value satisfies a shorthand or advanced condition.

        Raises:
            SearchError: The condition is malformed for this kind.
        """
        return self.compile(condition, name)(actual)

    def read(self, row: Row, name: str) -> Any:
        """Return this field's value in ``row`` (None when absent)."""
        return self.reader(name)(row)

    def reader(self, name: str) -> Callable[[Row], Any]:
        """Return a function that reads this field (named ``name``) from a row."""
        if callable(self.source):
            return self.source
        key = self.source or name
        return lambda row: row.get(key)


def run_search(
    rows: Iterable[Row],
    request: Mapping[str, Any] | None,
    fields: Mapping[str, Field],
    *,
    default_sort: str | Sequence[str | tuple[str, str]],
) -> dict[str, Any]:
    """Run one search request over ``rows`` and build the response body.

    Args:
        rows: Wire-shaped items of one entity.
        request: The search request body ``{filter?, sort?, page?}`` or None.
        fields: Every filter and sort property the entity supports.
        default_sort: Tie-breaking sort, e.g. ``"processInstanceKey"`` or
            ``[("startDate", "DESC"), "processInstanceKey"]``.

    Returns:
        ``{"items": [...], "page": {"totalItems", "hasMoreTotalItems",
        "startCursor", "endCursor"}}``.

    Raises:
        SearchError: The request is invalid.
    """
    body = _mapping({} if request is None else request, "request")
    unknown = sorted(set(body) - _REQUEST_KEYS)
    if unknown:
        raise SearchError(f"unknown search request property {unknown[0]!r}")

    predicate = _compile_filter(body.get("filter"), fields, nested=False)
    order = _compile_sort(body.get("sort"), fields, default_sort)
    page = _parse_page(body.get("page"))

    matched = [row for row in rows if predicate(row)]
    keyed = _sorted_with_keys(matched, order)
    window = _select(keyed, page, order)
    return _response(window, len(keyed))


# ------------------------------------------------------------------ filters


def _compile_filter(
    raw: Any, fields: Mapping[str, Field], *, nested: bool
) -> Predicate:
    if raw is None:
        return _always
    spec = _mapping(raw, "filter")
    tests: list[Predicate] = []
    for name, condition in spec.items():
        if name == "$or":
            if nested:
                raise SearchError("$or cannot be nested inside $or")
            tests.append(_compile_or(condition, fields))
            continue
        if condition is None:
            continue
        field = fields.get(name)
        if field is None:
            raise SearchError(f"unknown filter property {name!r}")
        test = _compile_property(name, field, condition)
        if test is not _always:
            tests.append(test)
    return _all_of(tests)


def _compile_or(raw: Any, fields: Mapping[str, Field]) -> Predicate:
    if not isinstance(raw, list):
        raise SearchError("$or must be a list of filter objects")
    branches = [
        _compile_filter(item, fields, nested=True) for item in cast("list[Any]", raw)
    ]
    if not branches:
        return _always
    return lambda row: any(branch(row) for branch in branches)


def _compile_property(name: str, field: Field, condition: Any) -> Predicate:
    if field.kind == "ignored":
        return _always
    if field.kind == "custom":
        matcher = cast("Matcher", field.matcher)
        return lambda row: matcher(row, condition)
    if field.kind == "variables":
        return _compile_variables(name, field, condition)
    if field.kind == "tags":
        wanted = _tag_list(name, condition)
        return lambda row: wanted.issubset(field.read(row, name) or ())
    if field.many:
        return _many(name, field, condition)
    test = _compile_condition(name, field, condition)
    read = field.reader(name)
    return lambda row: test(read(row))


def _many(name: str, field: Field, condition: Any) -> Predicate:
    """Test a list-valued row property, one operator at a time."""
    read = field.reader(name)
    ops: dict[str, Any] = (
        cast("dict[str, Any]", condition)
        if isinstance(condition, dict)
        else {"$eq": condition}
    )
    checks: list[Callable[[list[Any]], bool]] = []
    for op, arg in ops.items():
        test = _compile_operator(name, field, op, arg)
        if op == "$exists":
            checks.append(lambda values, wanted=arg: bool(values) is wanted)
        elif op in ("$neq", "$notIn"):
            checks.append(lambda values, test=test: all(map(test, values)))
        else:
            checks.append(lambda values, test=test: any(map(test, values)))

    def check(row: Row) -> bool:
        values: list[Any] = read(row) or []
        return all(each(values) for each in checks)

    return check


def _compile_condition(
    name: str, field: Field, condition: Any
) -> Callable[[Any], bool]:
    if not isinstance(condition, dict):
        return _equality(_operand(name, field, condition), _normalizer(field))
    ops = cast("dict[str, Any]", condition)
    checks = [_compile_operator(name, field, op, arg) for op, arg in ops.items()]
    if len(checks) == 1:
        return checks[0]
    return lambda actual: all(check(actual) for check in checks)


def _equality(operand: Any, norm: Callable[[Any], Any] | None) -> Callable[[Any], bool]:
    # Operands are never None, so a null row value never compares equal.
    if norm is None:
        return lambda actual: actual == operand
    return lambda actual: norm(actual) == operand


def _compile_operator(
    name: str, field: Field, op: str, arg: Any
) -> Callable[[Any], bool]:
    if op not in _ALL_OPERATORS:
        raise SearchError(f"unknown operator {op!r} on filter property {name!r}")
    if op not in _OPERATORS[field.kind]:
        raise SearchError(f"operator {op!r} is not supported on {name!r}")
    norm = _normalizer(field)
    if op == "$exists":
        if not isinstance(arg, bool):
            raise SearchError(f"$exists on {name!r} needs true or false")
        return lambda actual: (actual is not None) is arg
    if op in ("$in", "$notIn"):
        if not isinstance(arg, list):
            raise SearchError(f"{op} on {name!r} needs a list")
        listed = [_operand(name, field, item) for item in cast("list[Any]", arg)]
        # JSON values compare by decoded value (12 == 12.0) but hash by text.
        options = listed if field.kind == "json" else frozenset(listed)
        inside = op == "$in"
        convert = norm or _identity

        def member(actual: Any) -> bool:
            try:
                return (convert(actual) in options) is inside
            except TypeError:  # an unhashable row value equals no operand
                return not inside

        return member
    if op == "$like":
        return _like(name, arg, norm or _identity)
    operand = _operand(name, field, arg)
    equal = _equality(operand, norm)
    if op == "$eq":
        return equal
    if op == "$neq":
        return lambda actual: not equal(actual)
    return _ordering(op, operand, norm or _identity)


def _ordering(
    op: str, operand: Any, norm: Callable[[Any], Any]
) -> Callable[[Any], bool]:
    compare: Callable[[Any, Any], bool] = _COMPARISONS[op]

    def check(actual: Any) -> bool:
        value = norm(actual)
        if value is None:
            return False
        try:
            return compare(value, operand)
        except TypeError:
            return False

    return check


def _like(name: str, arg: Any, norm: Callable[[Any], Any]) -> Callable[[Any], bool]:
    if not isinstance(arg, str):
        raise SearchError(f"$like on {name!r} needs a string")
    regex = re.compile(_like_regex(arg), re.DOTALL)

    def check(actual: Any) -> bool:
        value = actual if isinstance(actual, str) else norm(actual)
        return isinstance(value, str) and regex.fullmatch(value) is not None

    return check


def _like_regex(pattern: str) -> str:
    parts: list[str] = []
    escaped = False
    for char in pattern:
        if escaped:
            parts.append(re.escape(char))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "*":
            parts.append(".*")
        elif char == "?":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    if escaped:
        parts.append(re.escape("\\"))
    return "".join(parts)


def _compile_variables(name: str, field: Field, condition: Any) -> Predicate:
    if not isinstance(condition, list):
        raise SearchError(f"filter property {name!r} needs a list of name/value pairs")
    value_field = Field("json")
    wanted: list[tuple[str, Callable[[Any], bool]]] = []
    for entry in cast("list[Any]", condition):
        pair = _mapping(entry, f"an entry of {name!r}")
        variable = pair.get("name")
        if not isinstance(variable, str) or "value" not in pair:
            raise SearchError(f"entries of {name!r} need a name and a value")
        wanted.append((variable, value_field.compile(pair["value"], f"{name}.value")))

    def check(row: Row) -> bool:
        values: Mapping[str, Any] = field.read(row, name) or {}
        return all(
            variable in values and test(values[variable]) for variable, test in wanted
        )

    return check


def _tag_list(name: str, condition: Any) -> frozenset[str]:
    tags: list[Any] = (
        cast("list[Any]", condition) if isinstance(condition, list) else [condition]
    )
    if not all(isinstance(tag, str) for tag in tags):
        raise SearchError(f"filter property {name!r} needs a list of tags")
    return frozenset(cast("list[str]", tags))


# ------------------------------------------------------------------ values


def _operand(name: str, field: Field, value: Any) -> Any:
    """Validate and normalise one filter operand."""
    kind = field.kind
    try:
        if kind == "key":
            return _key(value)
        if kind == "string" and isinstance(value, str):
            return value
        if kind == "integer" and _is_int(value):
            return value
        if kind == "number" and (_is_int(value) or isinstance(value, float)):
            return value
        if kind == "boolean" and isinstance(value, bool):
            return value
        if kind == "datetime" and isinstance(value, str):
            return _instant(value)
        if kind == "enum" and isinstance(value, str):
            return _enum_member(field, value)
        if kind == "json" and isinstance(value, str):
            return _json_value(value)
    except ValueError as exc:
        raise SearchError(
            f"invalid value for filter property {name!r}: {exc}"
        ) from None
    raise SearchError(f"invalid value for filter property {name!r}: expected {kind}")


def _normalizer(field: Field) -> Callable[[Any], Any] | None:
    """Return a function that makes row values comparable (None: as they are)."""
    return _NORMALIZERS.get(field.kind)


def _row_key(value: Any) -> Any:
    if value.__class__ is str:
        try:
            return int(value)
        except ValueError:
            return value
    return value


def _row_instant(value: Any) -> Any:
    if value.__class__ is str:
        try:
            return _instant(value)
        except ValueError:
            return value
    return value


def _row_enum(value: Any) -> Any:
    return value.casefold() if value.__class__ is str else value


def _row_json(value: Any) -> Any:
    return None if value is None else _json_value(value)


_NORMALIZERS: dict[str, Callable[[Any], Any]] = {
    "key": _row_key,
    "datetime": _row_instant,
    "enum": _row_enum,
    "json": _row_json,
}


def _key(value: Any) -> int:
    if _is_int(value):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,25}", value):
        return int(value)
    raise ValueError("expected a decimal key")


def _enum_member(field: Field, value: str) -> str:
    folded = value.casefold()
    if field.members and folded not in {m.casefold() for m in field.members}:
        raise ValueError(f"expected one of {list(field.members)}")
    return folded


@functools.lru_cache(maxsize=65_536)
def _instant(text: str) -> int:
    """Parse ISO 8601 text into microseconds since the epoch (UTC)."""
    match = _DATE_TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError("expected an ISO 8601 date-time")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micros = int((fraction or "0")[:6].ljust(6, "0"))
    moment = datetime(
        int(year),
        int(month),
        int(day),
        int(hour or 0),
        int(minute or 0),
        int(second or 0),
        micros,
        tzinfo=_zone(zone),
    )
    return (moment - _EPOCH) // timedelta(microseconds=1)


def _zone(text: str | None) -> timezone:
    if text is None or text in ("Z", "z"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return timezone(sign * offset)


class _JsonValue:
    """A decoded JSON value that compares by value, booleans apart from numbers."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _JsonValue):
            return NotImplemented
        return _strict_equal(self.value, other.value)

    def __hash__(self) -> int:
        return hash(json.dumps(self.value, sort_keys=True))


def _json_value(text: Any) -> Any:
    if not isinstance(text, str):
        return _JsonValue(text)
    try:
        return _JsonValue(json.loads(text))
    except json.JSONDecodeError:
        return text


def _strict_equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return bool(left == right)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _identity(value: Any) -> Any:
    return value


def _always(row: Row) -> bool:
    return True


def _all_of(tests: list[Predicate]) -> Predicate:
    if not tests:
        return _always
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda row: first(row) and second(row)
    return lambda row: all(test(row) for test in tests)


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SearchError(f"{what} must be an object")
    return cast("Mapping[str, Any]", value)


# ------------------------------------------------------------------ sorting


@dataclass(frozen=True)
class _SortKey:
    name: str
    field: Field
    descending: bool

    def extractor(self) -> Callable[[Row], Any]:
        """Return a function giving the comparable sort value of a row."""
        read = self.field.reader(self.name)
        convert = _SORT_CONVERTERS.get(self.field.kind)
        if convert is None:
            return read
        return lambda row: convert(read(row))


def _compile_sort(
    raw: Any,
    fields: Mapping[str, Field],
    default_sort: str | Sequence[str | tuple[str, str]],
) -> list[_SortKey]:
    requested: list[tuple[str, str]] = []
    if raw is not None:
        if not isinstance(raw, list):
            raise SearchError("sort must be a list")
        for entry in cast("list[Any]", raw):
            spec = _mapping(entry, "sort entry")
            name = spec.get("field")
            if not isinstance(name, str):
                raise SearchError("sort entry needs a field")
            requested.append((name, str(spec.get("order") or "ASC")))
    defaults = [default_sort] if isinstance(default_sort, str) else default_sort
    requested.extend(
        (item, "ASC") if isinstance(item, str) else item for item in defaults
    )

    order: list[_SortKey] = []
    seen: set[str] = set()
    for name, direction in requested:
        key = _sort_key(name, direction, fields)
        if key.name not in seen:
            seen.add(key.name)
            order.append(key)
    return order


def _sort_key(name: str, direction: str, fields: Mapping[str, Field]) -> _SortKey:
    if name not in fields:
        # Sort fields are an enum in the spec, and request enums take any casing.
        folded_name = name.casefold()
        name = next((n for n in fields if n.casefold() == folded_name), name)
    field = fields.get(name)
    if field is None or not field.sortable:
        raise SearchError(f"unknown sort field {name!r}")
    folded = direction.upper()
    if folded not in ("ASC", "DESC"):
        raise SearchError(f"unknown sort order {direction!r} for {name!r}")
    return _SortKey(name, field, folded == "DESC")


_SORT_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "key": _row_key,
    "datetime": _row_instant,
    "json": lambda value: (
        value if value is None or isinstance(value, str) else (json.dumps(value))
    ),
}


def _sorted_with_keys(
    rows: list[Row], order: list[_SortKey]
) -> list[tuple[tuple[Any, ...], Row]]:
    extractors = [key.extractor() for key in order]
    keyed = [(tuple(get(row) for get in extractors), row) for row in rows]
    if not keyed:
        return keyed
    # Stable sorts from the last column to the first; runs of columns with
    # one direction and no nulls sort in a single pass over a tuple slice.
    end = len(order)
    while end > 0:
        start = end - 1
        descending = order[start].descending
        while start > 0 and order[start - 1].descending is descending:
            start -= 1
        _sort_columns(keyed, start, end, descending)
        end = start
    return keyed


_FIRST = operator.itemgetter(0)


def _sort_columns(
    keyed: list[tuple[tuple[Any, ...], Row]], start: int, end: int, descending: bool
) -> None:
    has_null = any(value is None for values, _ in keyed for value in values[start:end])
    if not has_null and start == 0 and end == len(keyed[0][0]):
        keyed.sort(key=_FIRST, reverse=descending)
        return
    if not has_null:
        keyed.sort(key=lambda item: item[0][start:end], reverse=descending)
        return
    for index in range(end - 1, start - 1, -1):
        keyed.sort(
            key=functools.partial(_null_last_key, index, descending), reverse=descending
        )


def _null_last_key(
    index: int, descending: bool, item: tuple[tuple[Any, ...], Row]
) -> Any:
    value = item[0][index]
    if value is None:
        return (0, 0) if descending else (1, 0)
    return (1, value) if descending else (0, value)


def _compare(
    left: tuple[Any, ...], right: tuple[Any, ...], *, order: list[_SortKey]
) -> int:
    """Compare two sort-value tuples in the requested order, nulls last."""
    for a, b, key in zip(left, right, order, strict=False):
        if a == b:
            continue
        if a is None:
            return 1
        if b is None:
            return -1
        try:
            less = a < b
        except TypeError:
            less = str(a) < str(b)
        result = -1 if less else 1
        return -result if key.descending else result
    return 0


# ------------------------------------------------------------------ paging


@dataclass(frozen=True)
class _Page:
    limit: int
    offset: int = 0
    after: tuple[Any, ...] | None = None
    before: tuple[Any, ...] | None = None


def _parse_page(raw: Any) -> _Page:
    if raw is None:
        return _Page(DEFAULT_LIMIT)
    page = _mapping(raw, "page")
    unknown = sorted(set(page) - _PAGE_KEYS)
    if unknown:
        raise SearchError(f"unknown page property {unknown[0]!r}")
    limit = _limit(page.get("limit"))
    has_from = page.get("from") is not None
    after, before = page.get("after"), page.get("before")
    if has_from and (after is not None or before is not None):
        raise SearchError("page cannot combine from with after or before")
    if after is not None and before is not None:
        raise SearchError("page cannot combine after and before")
    if has_from:
        offset = page["from"]
        if not _is_int(offset) or offset < 0:
            raise SearchError("page.from must be an integer of at least 0")
        return _Page(limit, offset=offset)
    if after is not None:
        return _Page(limit, after=_decode_cursor(after, "after"))
    if before is not None:
        return _Page(limit, before=_decode_cursor(before, "before"))
    return _Page(limit)


def _limit(raw: Any) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    if not _is_int(raw) or not 1 <= raw <= MAX_LIMIT:
        raise SearchError(f"page.limit must be an integer from 1 to {MAX_LIMIT}")
    return cast("int", raw)


def _select(
    keyed: list[tuple[tuple[Any, ...], Row]], page: _Page, order: list[_SortKey]
) -> list[tuple[tuple[Any, ...], Row]]:
    if page.after is not None:
        start = _position(keyed, page.after, order, "after")
        return keyed[start : start + page.limit]
    if page.before is not None:
        end = _position(keyed, page.before, order, "before")
        return keyed[max(0, end - page.limit) : end]
    return keyed[page.offset : page.offset + page.limit]


def _position(
    keyed: list[tuple[tuple[Any, ...], Row]],
    cursor: tuple[Any, ...],
    order: list[_SortKey],
    which: str,
) -> int:
    """Index of the first row after (or at/after, for ``before``) the cursor."""
    if len(cursor) != len(order):
        raise SearchError(f"page.{which} does not belong to this sort")
    wrapped = functools.cmp_to_key(functools.partial(_compare, order=order))
    keys = [values for values, _ in keyed]
    target = wrapped(cursor)
    if which == "after":
        return bisect.bisect_right(keys, target, key=wrapped)
    return bisect.bisect_left(keys, target, key=wrapped)


def _encode_cursor(values: tuple[Any, ...]) -> str:
    text = json.dumps(list(values), separators=(",", ":"))
    return base64.b64encode(text.encode()).decode("ascii")


def _decode_cursor(raw: Any, which: str) -> tuple[Any, ...]:
    if not isinstance(raw, str):
        raise SearchError(f"page.{which} must be a cursor string")
    try:
        decoded = json.loads(base64.b64decode(raw, validate=True).decode())
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError):
        raise SearchError(f"page.{which} is not a valid cursor") from None
    if not isinstance(decoded, list):
        raise SearchError(f"page.{which} is not a valid cursor")
    return tuple(cast("list[Any]", decoded))


def _response(window: list[tuple[tuple[Any, ...], Row]], total: int) -> dict[str, Any]:
    return {
        "items": [row for _, row in window],
        "page": {
            "totalItems": total,
            "hasMoreTotalItems": False,
            "startCursor": _encode_cursor(window[0][0]) if window else None,
            "endCursor": _encode_cursor(window[-1][0]) if window else None,
        },
    }
