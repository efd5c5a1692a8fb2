"""Abstractive summaries made trustworthy: the faithfulness guard and ``precis check``.

Import from the submodules (:mod:`precis.abstractive.guard`, :mod:`precis.abstractive.check`);
nothing heavy is imported here.
"""
