"""Loads every family of built-in functions into one table."""

from __future__ import annotations

from . import _fn_lists, _fn_misc, _fn_numbers, _fn_ranges, _fn_temporal, _fn_text
from ._registry import BUILTINS, Builtin

__all__ = ["BUILTINS", "Builtin"]

# The imports register their functions; naming them keeps linters quiet.
_FAMILIES = (_fn_lists, _fn_misc, _fn_numbers, _fn_ranges, _fn_temporal, _fn_text)
