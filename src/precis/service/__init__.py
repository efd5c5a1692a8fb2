"""The HTTP service (issue 5): FastAPI over :mod:`precis.api`, the work in a process pool.

Nothing heavy is imported here: ``create_app``, ``run`` and ``ServiceSettings`` are loaded on
first use (``from precis.service import create_app``), so importing the package costs nothing.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ServiceSettings", "create_app", "run"]

_LAZY = {
    "ServiceSettings": "precis.service.settings",
    "create_app": "precis.service.server",
    "run": "precis.service.server",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'precis.service' has no attribute {name!r}")
