"""Evaluation: read summarization datasets, summarize under a budget, score with ROUGE.

``evaluate()`` is the function behind ``precis eval``; ``rouge()`` wraps rouge-score (an optional
dependency: ``pip install 'precis[eval]'``).
"""

from __future__ import annotations

from precis.evaluate.datasets import DatasetFormatError, Example, read_dataset
from precis.evaluate.rouge import Aggregate, aggregate, rouge
from precis.evaluate.run import BUDGETS, DocResult, EvalReport, choose, evaluate, format_reports

__all__ = [
    "BUDGETS",
    "Aggregate",
    "DatasetFormatError",
    "DocResult",
    "EvalReport",
    "Example",
    "aggregate",
    "choose",
    "evaluate",
    "format_reports",
    "read_dataset",
    "rouge",
]
