"""Name -> implementation registries, filled lazily (the spaCy pattern in STYLE.md).

Modules register themselves with a decorator when imported; ``get`` imports the package that
holds the built-ins on first use, and a failed lookup lists the names that exist.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Generic, TypeVar

from precis.errors import OptionError

T = TypeVar("T")


class Registry(Generic[T]):
    """A named collection of factories, populated by importing ``builtins_module``."""

    def __init__(self, kind: str, builtins_module: str) -> None:
        self.kind = kind
        self._builtins_module = builtins_module
        self._items: dict[str, T] = {}
        self._loaded = False

    def register(self, name: str) -> Callable[[T], T]:
        def decorator(item: T) -> T:
            if name in self._items and self._items[name] is not item:
                raise ValueError(f"{self.kind} {name!r} registered twice")
            self._items[name] = item
            return item

        return decorator

    def get(self, name: str) -> T:
        self._load()
        try:
            return self._items[name]
        except KeyError:
            raise OptionError(
                f"unknown {self.kind} {name!r}; available: {', '.join(self.names())}"
            ) from None

    def names(self) -> list[str]:
        self._load()
        return sorted(self._items)

    def _load(self) -> None:
        if not self._loaded:
            importlib.import_module(self._builtins_module)
            self._loaded = True


# Extractive scorers: name -> class implementing precis.extractive.base.Scorer.
scorers: Registry[type] = Registry("method", "precis.extractive.methods")
