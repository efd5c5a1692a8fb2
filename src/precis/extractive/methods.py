"""Imports every built-in scorer module so that each registers itself."""

from __future__ import annotations

from precis.extractive import (  # noqa: F401
    auto,
    centroid,
    hiporank,
    kl,
    lead,
    learned,
    lexrank,
    lsa,
    luhn,
    pacsum,
    sumbasic,
    textrank,
    unigram,
)
