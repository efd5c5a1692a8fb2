"""Imports every built-in scorer module so that each registers itself."""

from __future__ import annotations

from precis.extractive import lead  # noqa: F401
