"""precis: summaries of long, messy real-world documents that people can trust.

The public API lives in :mod:`precis.api`; nothing heavy is imported here.
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["__version__"]
