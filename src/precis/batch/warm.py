"""Preloaded by the local engine's ``forkserver`` only: importing this module warms precis up.

The first summary in a fresh process costs seconds (lazy imports of scipy, scikit-learn, NLTK,
the word lexicons); everything after it costs milliseconds. Done once here, in the forkserver,
every worker forked from it starts warm, and a worker replaced after a crash or a timeout is
ready at once; the pages are shared copy-on-write. Import it nowhere else: doing work at import
time is what this module is for, and what no other module may do.
"""

from __future__ import annotations

import logging

from precis.batch.worker import WARM_TEXT

logger = logging.getLogger(__name__)


def _warm() -> None:
    from precis import api

    try:
        api.process_one(WARM_TEXT)
    except Exception:  # never break the forkserver: workers then warm up themselves
        logger.debug("warm-up failed", exc_info=True)


_warm()
