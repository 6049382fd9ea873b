"""Run the generator from the repository root: ``python tools/codegen/run.py``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from codegen._main import main

if __name__ == "__main__":
    sys.exit(main())
