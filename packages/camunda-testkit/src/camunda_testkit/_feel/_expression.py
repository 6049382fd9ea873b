"""Compiled FEEL expressions, with a cache, and the one-shot helper."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from . import _ast as ast
from ._errors import FeelError
from ._eval import Evaluator, Scope
from ._parser import parse
from ._values import to_output

__all__ = ["FeelExpression", "compile_expression", "evaluate"]


class FeelExpression:
    """A parsed FEEL expression, ready to evaluate against variables.

    Attributes:
        source: The expression text, without a leading ``=``.
    """

    __slots__ = ("_tree", "source")

    def __init__(self, source: str, tree: ast.Node) -> None:
        self.source = source
        self._tree = tree

    def __repr__(self) -> str:
        return f"FeelExpression({self.source!r})"

    def evaluate(
        self, variables: Mapping[str, Any], *, now: datetime | None = None
    ) -> Any:
        """Evaluate with ``variables`` in scope; failures give ``None``.

        Args:
            variables: Names visible to the expression (JSON-like values,
                plus dates, times and durations).
            now: What ``now()`` and ``today()`` return; an aware datetime.
                Defaults to the current UTC time.

        Returns:
            The result as JSON-native data or a temporal value.

        Raises:
            FeelError: ``now`` is naive, or an ``assert()`` failed.
        """
        return self.evaluate_with_warnings(variables, now=now)[0]

    def evaluate_with_warnings(
        self, variables: Mapping[str, Any], *, now: datetime | None = None
    ) -> tuple[Any, list[str]]:
        """Evaluate like :meth:`evaluate`, also returning the warnings.

        Returns:
            The result and a list of human-readable warnings, such as
            ``No variable found with name 'x'``.

        Raises:
            FeelError: ``now`` is naive, or an ``assert()`` failed.
        """
        moment = now if now is not None else datetime.now(timezone.utc)
        if moment.tzinfo is None:
            raise FeelError("now must be an aware datetime")
        evaluator = Evaluator(moment)
        try:
            result = evaluator.eval(self._tree, Scope(variables, convert=True))
        except RecursionError:
            return None, [
                *evaluator.warnings,
                "Expression nests too deeply to evaluate",
            ]
        return to_output(result), evaluator.warnings


@lru_cache(maxsize=2048)
def compile_expression(source: str) -> FeelExpression:
    """Parse ``source`` (without the leading ``=``) once; later calls hit a cache.

    Raises:
        FeelSyntaxError: The text is not a FEEL expression of the subset.
    """
    return FeelExpression(source, parse(source))


def evaluate(
    source: str,
    variables: Mapping[str, Any] | None = None,
    *,
    now: datetime | None = None,
) -> Any:
    """Compile (cached) and evaluate ``source`` in one step.

    Raises:
        FeelSyntaxError: The text is not a FEEL expression of the subset.
    """
    return compile_expression(source).evaluate(variables or {}, now=now)
