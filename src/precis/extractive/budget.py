"""Re-export of :mod:`precis.budget`, where the budget and selection records now live.

They moved below :mod:`precis.options` (issue 18, item 7: options imported the extractive
package); this name stays for code and benchmarks that import it from here.
"""

from __future__ import annotations

from precis.budget import DEFAULT_MMR_LAMBDA, DEFAULT_SENTENCES, ORDERS, Budget, Selection

__all__ = ["DEFAULT_MMR_LAMBDA", "DEFAULT_SENTENCES", "ORDERS", "Budget", "Selection"]
