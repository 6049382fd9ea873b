"""The root README stays true to the code it describes."""

from __future__ import annotations

import re
from pathlib import Path

from camunda_config import describe_keys

README = Path(__file__).resolve().parent.parent / "README.md"


def _between(text: str, marker: str) -> str:
    match = re.search(
        rf"<!-- {marker}:start -->\n(.*?)\n<!-- {marker}:end -->", text, re.S
    )
    assert match is not None, f"README has no {marker} block"
    return match.group(1)


def test_configuration_table_matches_camunda_config() -> None:
    """The README's configuration table is the one camunda-config generates."""
    table = _between(README.read_text(encoding="utf-8"), "config-table")

    assert describe_keys().strip() == table.strip()


def test_readme_shows_both_commands() -> None:
    """The two set-up commands are there, verbatim."""
    text = README.read_text(encoding="utf-8")

    assert "python3 -m pip install uv && uv run python examples/quickstart.py" in text
    assert "python3 -m pip install uv && uv run pytest" in text
