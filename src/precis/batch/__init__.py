"""Batch summarization at scale: one record per input, resumable, local or on Ray.

``precis batch INPUT -o OUTPUT`` (:mod:`precis.batch.command`) and, from Python,
:func:`precis.batch.runner.run_batch` with :class:`precis.batch.runner.BatchOptions`. Modules:
``inputs`` (lazy enumeration, stable ids), ``records`` (the record schema), ``output``/``jsonl``/
``parquet`` (crash-safe writers and resume), ``worker`` (the per-input work), ``local`` and
``ray_engine`` (the engines), ``runner`` and ``report``. Importing this package imports nothing
else: pyarrow and Ray load only when a run needs them.
"""
