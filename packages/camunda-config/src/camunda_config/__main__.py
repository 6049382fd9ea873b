"""Print the effective configuration: ``python -m camunda_config``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import cast

from camunda_config._errors import MASK, ConfigurationError, hide_url_password
from camunda_config._keys import MODEL_KEYS, SECRET_NAMES, describe_keys
from camunda_config._resolver import (
    ConfigurationResolver,
    ResolvedCamundaSdkConfiguration,
    read_environment,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Resolve the configuration from the environment and print it.

    Args:
        argv: Command-line arguments; None reads ``sys.argv``.

    Returns:
        0 on success, 2 when the configuration is invalid.
    """
    parser = argparse.ArgumentParser(
        prog="python -m camunda_config",
        description="Show the effective Camunda SDK configuration and its sources.",
    )
    parser.add_argument(
        "--describe",
        action="store_true",
        help="print every variable with its type, default and meaning (Markdown)",
    )
    args = parser.parse_args(argv)
    if args.describe:
        sys.stdout.write(describe_keys())
        return 0
    try:
        resolved = ConfigurationResolver(read_environment()).resolve()
    except ConfigurationError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    sys.stdout.write(render_table(resolved))
    return 0


def render_table(resolved: ResolvedCamundaSdkConfiguration) -> str:
    """Render variable, value (secrets masked) and source as aligned columns.

    Args:
        resolved: The resolved configuration.

    Returns:
        The table, one line per variable, with a header.
    """
    rows = [("VARIABLE", "VALUE", "SOURCE")]
    config = resolved.effective
    for key in MODEL_KEYS:
        value = getattr(config, key.name)
        rows.append((key.name, _show(key.name, value), resolved.sources[key.name]))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [
        f"{name:<{widths[0]}}  {value:<{widths[1]}}  {source}".rstrip()
        for name, value, source in rows
    ]
    return "\n".join(lines) + "\n"


def _show(name: str, value: object) -> str:
    if value is None:
        return "-"
    if name in SECRET_NAMES:
        return MASK
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(cast("list[str]", value))
    return hide_url_password(str(value))


if __name__ == "__main__":
    sys.exit(main())
