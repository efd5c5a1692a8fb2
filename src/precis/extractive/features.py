"""Per-document features shared by every scorer and by the selector, computed once and cached.

A :class:`Features` object wraps one :class:`~precis.document.Document` and computes, lazily:
content-word tokens (lowercase, stop words removed, Porter stems), a sentence x term count matrix,
an L2-normalised TF-IDF matrix, two sentence graphs (cosine and TextRank word overlap),
positions and lengths. Everything is a numpy array or a scipy CSR matrix.

Graph cost (STYLE.md mistake 10): up to :data:`DENSE_LIMIT` sentences the graph is exact (one
sparse product, or one dense product for a news-sized document) and also kept as a dense array,
which the scorers and the selector read: on a 30-sentence article a scipy.sparse call costs
more than the arithmetic it does (issue 3). Longer documents get a *banded* sparse graph: each
block of :data:`BLOCK` sentences is compared with itself and its two neighbouring blocks only,
and each row keeps its :data:`TOP_K` strongest edges, so time and memory grow linearly with the
number of sentences.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property, lru_cache
from itertools import chain, count
from typing import Any, NamedTuple, TypeVar

import numpy as np
import scipy.sparse as sp

from precis.document import Document
from precis.stopwords import stop_words  # noqa: F401  (re-exported: features.stop_words)

DENSE_LIMIT = 2000
BLOCK = 500
TOP_K = 30

# Below this many multiply-adds (sentences^2 x terms) a graph is one dense BLAS product: on a
# news article that is five times faster than scipy.sparse. OpenBLAS runs products from 2^18
# multiply-adds on several threads, which on a busy machine costs milliseconds: stay below.
TINY_PRODUCT = (1 << 18) - 1

T = TypeVar("T")


_STEMMERS = threading.local()


def _porter() -> Any:
    """This thread's Porter stemmer (Snowball's C implementation, PyStemmer).

    Not nltk's: importing ``nltk.stem`` imports all of nltk and scipy.stats (about 1 s), paid
    by every CLI call and every fresh batch worker. One per thread, because a PyStemmer object
    must not be used by two threads at once.
    """
    stemmer = getattr(_STEMMERS, "porter", None)
    if stemmer is None:
        import Stemmer

        stemmer = _STEMMERS.porter = Stemmer.Stemmer("porter")
    return stemmer


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """Porter stem of a lowercase word, cached (the same word recurs thousands of times)."""
    return _porter().stemWord(word) if len(word) > 3 else word


# Every byte but a-z and 0-9 becomes a space: with str.split that finds the same words as the
# regex [a-z0-9]+ (non-ASCII characters are encoded as "?" first), twice as fast.
_ALNUM_OR_SPACE = bytes(c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))


def words(text: str) -> list[str]:
    """Lowercase alphanumeric words (runs of ``[a-z0-9]``), the way rouge-score tokenizes."""
    return (
        text.lower().encode("ascii", "replace").translate(_ALNUM_OR_SPACE).decode("ascii").split()
    )


class _TermMemo(dict[str, str]):
    """word -> its content stem, or "" for a stop word or a one-character word.

    ``memo[word]`` computes a missing word on the spot (``__missing__``), so a lookup is one
    C-level dict access once the word has been seen. A memo, not state: every thread computes
    the same value for a word, so concurrent writes cannot change a result (STYLE.md mistake 2);
    cleared when full, so that a stream of odd words cannot grow it forever.
    """

    limit = 500_000

    def term(self, word: str) -> str:
        """The content stem of ``word`` ("" for a stop word); subclasses change the language."""
        return "" if word in stop_words() or len(word) <= 1 else stem(word)

    def __missing__(self, word: str) -> str:
        term = self.term(word)
        if len(self) >= self.limit:
            self.clear()
        self[word] = term
        return term


TermMemo = _TermMemo  # public name for precis.extractive.terms
_TERMS = _TermMemo()


def content_tokens(text: str) -> list[str]:
    """Stemmed words of ``text`` without stop words and bare numbers of one character."""
    return list(filter(None, map(_TERMS.__getitem__, words(text))))


class CsrArrays(NamedTuple):
    """The arrays of a CSR matrix, without the scipy object (which costs more than the math)."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def of(cls, m: sp.csr_matrix) -> CsrArrays:
        m = sp.csr_matrix(m)
        if not m.has_canonical_format:
            m = m.copy()
            m.sum_duplicates()
        return cls(m.data, m.indices, m.indptr, m.shape)

    def csr(self) -> sp.csr_matrix:
        """A new CSR matrix (own index arrays, so that in-place scipy calls touch nothing else)."""
        parts = (self.data, self.indices.copy(), self.indptr.copy())
        return sp.csr_matrix(parts, shape=self.shape)

    def row_of_entry(self) -> np.ndarray:
        return np.repeat(np.arange(self.shape[0], dtype=np.int64), np.diff(self.indptr))


def _dense_graph(rows: CsrArrays) -> np.ndarray:
    """Pairwise products of sentence rows as a dense array with a zero diagonal.

    Terms of a single sentence only add to the diagonal, so they are dropped first: that
    leaves a third of a news article's vocabulary, and the product small enough for BLAS.
    """
    n, v = rows.shape
    if n > DENSE_LIMIT:
        raise ValueError(f"no dense graph for {n} > DENSE_LIMIT = {DENSE_LIMIT} sentences")
    shared = np.bincount(rows.indices, minlength=v) >= 2
    keep = shared[rows.indices]
    column = np.cumsum(shared) - 1  # new index of each kept term
    entry_rows = rows.row_of_entry()[keep]
    columns, data, width = column[rows.indices[keep]], rows.data[keep], int(shared.sum())
    if n * n * width <= TINY_PRODUCT:
        table = np.zeros((n, width))
        table[entry_rows, columns] = data
        graph = table @ table.T
    else:
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(entry_rows, minlength=n), out=indptr[1:])
        m = sp.csr_matrix((data, columns, indptr), shape=(n, width))  # rows stay sorted
        graph = (m @ m.T).toarray()
    np.fill_diagonal(graph, 0.0)
    return graph


def _unit_rows(data: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """CSR data scaled so that every non-zero row has unit L2 norm."""
    n = len(indptr) - 1
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n))
    norms[norms == 0] = 1.0
    return data * (1.0 / norms)[rows]


def _graph_rows(rows: sp.csr_matrix) -> sp.csr_matrix:
    """Pairwise products of sentence rows (zero diagonal), exact or banded with a top-k cap."""
    n = rows.shape[0]
    if n <= DENSE_LIMIT:
        graph = (rows @ rows.T).tocsr()
    else:
        graph = _banded_product(rows)
    graph.setdiag(0.0)
    graph.eliminate_zeros()
    return graph


def _banded_product(rows: sp.csr_matrix) -> sp.csr_matrix:
    """Products within a band of neighbouring blocks, keeping each row's TOP_K largest entries."""
    return banded_top_k(rows.shape[0], lambda lo, hi, a, b: (rows[lo:hi] @ rows[a:b].T).toarray())


def banded_top_k(
    n: int, block_product: Callable[[int, int, int, int], np.ndarray]
) -> sp.csr_matrix:
    """A symmetric sparse graph from the blocks ``block_product(lo, hi, a, b)`` (rows
    ``lo:hi`` against ``a:b``) of each :data:`BLOCK` of rows and its two neighbours, each row
    keeping its :data:`TOP_K` largest positive entries: linear cost for any similarity."""
    out_rows, out_cols, out_vals = [], [], []
    for lo in range(0, n, BLOCK):
        hi = min(n, lo + BLOCK)
        c_lo, c_hi = max(0, lo - BLOCK), min(n, hi + BLOCK)
        block = np.asarray(block_product(lo, hi, c_lo, c_hi), dtype=np.float64)
        block[np.arange(hi - lo), np.arange(lo, hi) - c_lo] = 0.0
        k = min(TOP_K, block.shape[1])
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(block, top, axis=1)
        keep = vals > 0
        out_rows.append(np.repeat(np.arange(lo, hi), k)[keep.ravel()])
        out_cols.append((top + c_lo)[keep])
        out_vals.append(vals[keep])
    graph = sp.csr_matrix(
        (np.concatenate(out_vals), (np.concatenate(out_rows), np.concatenate(out_cols))),
        shape=(n, n),
    )
    return graph.maximum(graph.T).tocsr()  # symmetric again after the per-row cut


class Features:
    """Lazily computed, cached features of one document (build once, share between scorers).

    Up to :data:`DENSE_LIMIT` sentences the similarity graphs also exist as dense arrays
    (:attr:`cosine_array`, :attr:`overlap_array`): the scorers and the selector use those, since
    on a news article every scipy.sparse call costs more than the arithmetic it does. The CSR
    properties (:attr:`cosine`, :attr:`overlap`) hold the same values.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.n = len(doc.sentences)

    @cached_property
    def splitter(self) -> Callable[[str], list[str]]:
        """The document's words of a text: ASCII words as rouge-score reads them for English
        (or an unknown language); words in any script, characters for Chinese and Japanese,
        for the others (issue 19)."""
        language = self.doc.metadata.language
        if language in (None, "en"):
            return words
        from functools import partial

        from precis.extractive.terms import words_in

        return partial(words_in, language=language)

    @cached_property
    def stemmer(self) -> Callable[[str], str]:
        """word -> its content stem, "" for a stop word, in the document's language."""
        language = self.doc.metadata.language
        if language in (None, "en"):
            return _TERMS.__getitem__
        from precis.extractive.terms import term_memo

        return term_memo(language).__getitem__

    @cached_property
    def _split(self) -> tuple[list[str], list[int]]:
        """Content stem of every word of the document in order ("" for the other words), and
        the number of words of each sentence (the words themselves are not kept: on a 10M
        character document they would hold 100 MB)."""
        terms: list[str] = []
        sizes: list[int] = []
        split, stems = self.splitter, self.stemmer
        for s in self.doc.sentences:
            found = split(s.text)
            sizes.append(len(found))
            terms.extend(map(stems, found))
        return terms, sizes

    @cached_property
    def tokens(self) -> list[list[str]]:
        """Content-word stems per sentence (may be empty for a sentence such as "Yes!")."""
        terms, sizes = self._split
        ends = np.cumsum(sizes).tolist()
        return [list(filter(None, terms[a:b])) for a, b in zip([0, *ends], ends, strict=False)]

    @cached_property
    def word_counts(self) -> np.ndarray:
        """Number of words per sentence (all words, stop words included), as budgets count them."""
        return np.array(self._split[1], dtype=np.int64).reshape(self.n)

    @cached_property
    def char_counts(self) -> np.ndarray:
        return np.fromiter((len(s.text) for s in self.doc.sentences), np.int64, count=self.n)

    @cached_property
    def _ids(self) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """Vocabulary (first occurrence order), term id of every token, and row offsets."""
        offsets = np.zeros(self.n + 1, dtype=np.int64)
        given = "tokens" in self.__dict__  # built already, or pre-filled by modes.restrict
        if given:
            terms = list(chain.from_iterable(self.tokens))
            np.cumsum(np.fromiter(map(len, self.tokens), np.int64, count=self.n), out=offsets[1:])
        else:  # straight from the flat terms, without per-sentence lists
            terms, sizes = self._split
        # "" (not a content word) first, so that it gets id -1 and the terms 0, 1, 2, ...
        vocab = dict(zip(dict.fromkeys(chain(("",), terms)), count(-1)))  # noqa: B905
        ids = np.fromiter(map(vocab.__getitem__, terms), dtype=np.int64, count=len(terms))
        del vocab[""]
        if not given:  # drop the words that are not content words
            content = ids >= 0
            kept = np.zeros(len(terms) + 1, dtype=np.int64)
            np.cumsum(content, out=kept[1:])
            offsets[1:] = kept[np.cumsum(np.array(sizes, dtype=np.int64))]
            ids = ids[content]
        return vocab, ids, offsets

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        return self._ids[0]

    @cached_property
    def token_ids(self) -> np.ndarray:
        """Term id of every token, sentence after sentence (see :attr:`token_offsets`)."""
        return self._ids[1]

    @cached_property
    def token_offsets(self) -> np.ndarray:
        """Sentence ``i``'s tokens are ``token_ids[token_offsets[i]:token_offsets[i + 1]]``."""
        return self._ids[2]

    @cached_property
    def count_arrays(self) -> CsrArrays:
        """The count matrix as plain arrays (sorted indices, no duplicates)."""
        v = max(len(self.vocabulary), 1)
        rows = np.repeat(np.arange(self.n, dtype=np.int64), np.diff(self.token_offsets))
        keys, counts = np.unique(rows * v + self.token_ids, return_counts=True)
        indptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys // v, minlength=self.n), out=indptr[1:])
        shape = (self.n, len(self.vocabulary))
        return CsrArrays(counts.astype(np.float64), keys % v, indptr, shape)

    @cached_property
    def counts(self) -> sp.csr_matrix:
        """Sentence x term raw counts (CSR, float64, sorted indices, no duplicates)."""
        return self.count_arrays.csr()

    @cached_property
    def idf(self) -> np.ndarray:
        """Smoothed inverse sentence frequency, log((1 + n) / (1 + df)) + 1 (scikit-learn's)."""
        counts = self.count_arrays
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        return np.log((1.0 + self.n) / (1.0 + df)) + 1.0

    @cached_property
    def tfidf_arrays(self) -> CsrArrays:
        """The TF-IDF matrix as plain arrays (no scipy object is built on the dense path)."""
        if "tfidf" in self.__dict__:  # built already, or given (modes.restrict pre-fills it)
            return CsrArrays.of(self.tfidf)
        c = self.count_arrays
        data = _unit_rows(c.data * self.idf[c.indices], c.indptr)
        return CsrArrays(data, c.indices, c.indptr, c.shape)

    @cached_property
    def tfidf(self) -> sp.csr_matrix:
        """L2-normalised TF-IDF rows; all-zero rows stay zero (sentences without content words)."""
        return self.tfidf_arrays.csr()

    @property
    def dense(self) -> bool:
        """Whether the dense graphs exist (at most :data:`DENSE_LIMIT` sentences)."""
        return self.n <= DENSE_LIMIT

    @cached_property
    def cosine_array(self) -> np.ndarray:
        """Dense TF-IDF cosine of every pair (zero diagonal); only for :attr:`dense` documents."""
        return _dense_graph(self.tfidf_arrays)

    @cached_property
    def overlap_array(self) -> np.ndarray:
        """Dense TextRank similarity (see :attr:`overlap`); only for :attr:`dense` documents."""
        c = self.count_arrays
        shared = _dense_graph(CsrArrays(np.ones_like(c.data), c.indices, c.indptr, c.shape))
        logs = self._log_lengths
        shared /= logs[:, None] + logs[None, :]
        return shared

    @cached_property
    def _log_lengths(self) -> np.ndarray:
        """log(|s| + 1) per sentence, |s| its number of content tokens (at least one)."""
        return np.log(np.maximum(np.diff(self.token_offsets), 1).astype(np.float64) + 1.0)

    @cached_property
    def cosine(self) -> sp.csr_matrix:
        """Symmetric sparse cosine-similarity graph on TF-IDF rows (see the module note on cost)."""
        if self.dense:
            return sp.csr_matrix(self.cosine_array)
        return _graph_rows(self.tfidf)

    @cached_property
    def overlap(self) -> sp.csr_matrix:
        """TextRank similarity: shared words / (log |s_i| + log |s_j|) (Mihalcea & Tarau 2004)."""
        if self.dense:
            return sp.csr_matrix(self.overlap_array)
        binary = self.counts.copy()
        binary.data[:] = 1.0
        shared = _graph_rows(binary).tocoo()
        logs = self._log_lengths
        vals = shared.data / (logs[shared.row] + logs[shared.col])
        return sp.csr_matrix((vals, (shared.row, shared.col)), shape=shared.shape)

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """``build()`` once per document: for values derived outside this module (filters)."""
        store: dict[str, Any] = self.__dict__.setdefault("_memo", {})
        if key not in store:
            store[key] = build()
        return store[key]  # type: ignore[no-any-return]

    @cached_property
    def term_totals(self) -> np.ndarray:
        """How often each term occurs in the whole document (read-only)."""
        c = self.count_arrays
        return _read_only(np.bincount(c.indices, weights=c.data, minlength=c.shape[1]))

    @cached_property
    def content_lengths(self) -> np.ndarray:
        """Content tokens per sentence, as floats (read-only): the row sums of :attr:`counts`."""
        c = self.count_arrays
        return _read_only(np.bincount(c.row_of_entry(), weights=c.data, minlength=self.n))

    @cached_property
    def term_probability(self) -> np.ndarray:
        """Unigram probability of each term in the document (read-only; zeros when empty)."""
        totals = self.term_totals
        return _read_only(totals / totals.sum() if totals.sum() > 0 else np.zeros_like(totals))

    @cached_property
    def quoted(self) -> np.ndarray:
        """Whether each sentence holds a quotation mark (read-only): dialogue in fiction,
        quotes in news. Three substring tests, ten times faster than a regex."""
        texts = (s.text for s in self.doc.sentences)
        return _read_only(
            np.fromiter(
                (('"' in t) or ("\u201c" in t) or ("\u201d" in t) for t in texts),
                dtype=bool,
                count=self.n,
            )
        )

    @cached_property
    def position(self) -> np.ndarray:
        """Relative position in the document: 0 for the first sentence, 1 for the last."""
        return np.arange(self.n) / max(self.n - 1, 1)

    @cached_property
    def segments(self) -> np.ndarray:
        """Segment id per sentence: sections if there are several, else grouped paragraphs."""
        sections = np.array([s.section for s in self.doc.sentences], dtype=np.int64)
        if len(np.unique(sections)) >= 2:
            return np.unique(sections, return_inverse=True)[1]
        paragraphs = np.array([s.paragraph for s in self.doc.sentences], dtype=np.int64)
        return _group_paragraphs(paragraphs, max(5, int(np.sqrt(max(self.n, 1)))))

    @cached_property
    def segment_position(self) -> np.ndarray:
        """Index of each sentence inside its segment (0 = first)."""
        seg = self.segments
        if self.n == 0:
            return np.zeros(0, dtype=np.int64)
        starts = np.r_[0, np.flatnonzero(np.diff(seg)) + 1]
        first = np.repeat(starts, np.diff(np.r_[starts, self.n]))
        return np.arange(self.n) - first


def _group_paragraphs(paragraphs: np.ndarray, size: int) -> np.ndarray:
    """Merge consecutive paragraphs into segments of at least ``size`` sentences (windows if one)."""
    out = np.zeros(len(paragraphs), dtype=np.int64)
    seg, count = 0, 0
    for i in range(len(paragraphs)):
        at_boundary = i > 0 and paragraphs[i] != paragraphs[i - 1]
        single_paragraph = paragraphs[0] == paragraphs[-1]
        if count >= size and (at_boundary or single_paragraph):
            seg, count = seg + 1, 0
        out[i] = seg
        count += 1
    return out


def _read_only(a: np.ndarray) -> np.ndarray:
    """Shared per-document arrays must not be changed in place by one scorer for the next."""
    a.setflags(write=False)
    return a


def normalize_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    """Scale every non-zero row to unit L2 norm (a new matrix; the input is left alone)."""
    rows = CsrArrays.of(m)
    return CsrArrays(_unit_rows(rows.data, rows.indptr), *rows[1:]).csr()
