"""Run the generator: ``python -m codegen`` with ``tools`` on the path."""

from __future__ import annotations

import sys

from codegen._main import main

sys.exit(main())
