"""Choices shared by the command-line commands (``precis`` and ``precis batch``), defined once."""

from __future__ import annotations

import enum


class InputFormat(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"


class Strategy(str, enum.Enum):
    map_reduce = "map-reduce"
    refine = "refine"


class GuardPolicy(str, enum.Enum):
    drop = "drop"
    flag = "flag"
    off = "off"
