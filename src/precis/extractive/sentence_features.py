"""Per-sentence feature vectors for the learned scorer: position, length, centrality, lexicon.

Each column is cheap, vectorised and comparable across documents: positions are relative or
decayed, centralities are rank percentiles inside the document (their raw scales differ by
document length), counts are logs. :data:`FEATURE_NAMES` fixes the column order that the
shipped weights (``precis/data/learned_scorer.json``) were trained with; changing a column
means retraining with ``bench/train_scorer.py``.
"""

from __future__ import annotations

import re

import numpy as np

from precis.extractive.base import method_scores
from precis.extractive.features import CsrArrays, Features
from precis.extractive.filters import dangling, excluded

_HEADINGS = {
    "intro": re.compile(r"\b(?:introduction|overview|background|motivation)\b", re.I),
    "concl": re.compile(r"\b(?:conclusions?|summary|discussion|future work)\b", re.I),
    "related": re.compile(r"\b(?:related work|previous work|prior work)\b", re.I),
    "results": re.compile(r"\b(?:results?|experiments?|evaluation)\b", re.I),
}
_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|I|my)\b")
_CUE = re.compile(
    r"\b(?:in this (?:paper|work|article|study)|we (?:propose|present|show|introduce|describe)"
    r"|our (?:approach|method|results?|system|model)|this paper|we find)\b",
    re.I,
)

FEATURE_NAMES: tuple[str, ...] = (
    "bias",
    "pos_rel",
    "pos_exp2",
    "pos_exp8",
    "pos_exp32",
    "pos_end",
    "first",
    "seg_first",
    "seg_exp",
    "seg_rel",
    "para_first",
    "log_words",
    "rel_words",
    "short",
    "long",
    "lexrank",
    "textrank",
    "degree",
    "centroid",
    "forward",
    "backward",
    "sim_first",
    "sim_title",
    "term_weight",
    "kl",
    "luhn",
    "top_terms",
    "coverage",
    "kl_sumy",
    "has_digit",
    "has_quote",
    "dangling",
    "excluded",
    "capitalised",
    "first_person",
    "cue",
    "question",
    "h_intro",
    "h_concl",
    "h_related",
    "h_results",
    "doc_log_n",
    "doc_paragraph_share",
    "doc_mean_words",
)


def rank_percentile(values: np.ndarray) -> np.ndarray:
    """Rank percentiles in [0, 1] (0.5 for a single sentence), robust to score scales."""
    n = len(values)
    if n < 2:
        return np.full(n, 0.5)
    return np.argsort(np.argsort(values, kind="stable"), kind="stable") / (n - 1)


def feature_matrix(features: Features) -> np.ndarray:
    """An ``(n, len(FEATURE_NAMES))`` float matrix for the document behind ``features``."""

    n = features.n
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    doc = features.doc
    sentences = doc.sentences
    idx = np.arange(n, dtype=np.float64)
    words = features.word_counts.astype(np.float64)
    cols: dict[str, np.ndarray] = {"bias": np.ones(n)}

    cols["pos_rel"] = features.position
    cols["pos_exp2"] = np.exp(-idx / 2.0)
    cols["pos_exp8"] = np.exp(-idx / 8.0)
    cols["pos_exp32"] = np.exp(-idx / 32.0)
    cols["pos_end"] = np.exp(-(n - 1 - idx) / 4.0)
    cols["first"] = (idx == 0).astype(np.float64)
    seg_pos = features.segment_position.astype(np.float64)
    cols["seg_first"] = (seg_pos == 0).astype(np.float64)
    cols["seg_exp"] = np.exp(-seg_pos / 3.0)
    seg = features.segments
    cols["seg_rel"] = seg / max(int(seg.max()), 1)
    para = np.array([s.paragraph for s in sentences], dtype=np.int64)
    cols["para_first"] = np.r_[True, para[1:] != para[:-1]].astype(np.float64)

    cols["log_words"] = np.log1p(words)
    cols["rel_words"] = words / max(float(words.mean()), 1.0)
    cols["short"] = (words < 8).astype(np.float64)
    cols["long"] = (words > 45).astype(np.float64)

    cols["lexrank"] = rank_percentile(method_scores("lexrank", doc, features))
    cols["textrank"] = rank_percentile(method_scores("textrank", doc, features))
    degree, forward, backward = _graph_sums(features)
    cols["degree"] = rank_percentile(degree)
    tfidf = features.tfidf_arrays
    # float64 even when the document has no content term (bincount of nothing is int64)
    centroid = np.bincount(tfidf.indices, weights=tfidf.data, minlength=tfidf.shape[1])
    centroid = centroid.astype(np.float64)
    centroid /= np.linalg.norm(centroid) or 1.0
    cols["centroid"] = _row_dot(tfidf, centroid)
    cols["forward"] = rank_percentile(forward)
    cols["backward"] = rank_percentile(backward)
    first = np.zeros(tfidf.shape[1])
    lo, hi = tfidf.indptr[0], tfidf.indptr[1]
    first[tfidf.indices[lo:hi]] = tfidf.data[lo:hi]
    cols["sim_first"] = _row_dot(tfidf, first)
    cols["sim_title"] = _title_similarity(features)
    cols["term_weight"] = rank_percentile(_term_weight(features))
    cols["kl"] = rank_percentile(-_kl_to_document(features))
    cols["luhn"] = rank_percentile(method_scores("luhn", doc, features))
    cols["top_terms"] = _top_term_share(features, centroid)
    coverage, kl_sumy = _coverage(features)
    cols["coverage"] = rank_percentile(coverage)
    cols["kl_sumy"] = rank_percentile(-kl_sumy)

    texts = [s.text for s in sentences]
    cols["has_digit"] = _flags(_DIGIT, texts)
    cols["has_quote"] = features.quoted.astype(np.float64)
    cols["dangling"] = dangling(features).astype(np.float64)
    cols["excluded"] = excluded(features).astype(np.float64)
    caps = np.array([len(_CAPITALISED.findall(t)) for t in texts], dtype=np.float64)
    cols["capitalised"] = caps / np.maximum(words, 1.0)
    cols["first_person"] = _flags(_FIRST_PERSON, texts)
    cols["cue"] = _flags(_CUE, texts)
    cols["question"] = np.array([t.rstrip().endswith("?") for t in texts], dtype=np.float64)

    section_of = np.array([s.section for s in sentences], dtype=np.int64)
    headings = [section.heading or "" for section in doc.sections]
    for key, pattern in _HEADINGS.items():  # once per section, not once per sentence
        hit = np.array([pattern.search(h) is not None for h in headings], dtype=np.float64)
        cols[f"h_{key}"] = hit[section_of] if len(hit) else np.zeros(n)
    # Document-level columns: constant inside a document, they let a non-linear model tell a
    # one-sentence-per-line BBC article from a CNN story with paragraphs.
    cols["doc_log_n"] = np.full(n, np.log(n))
    cols["doc_paragraph_share"] = np.full(n, len(set(para.tolist())) / n)
    cols["doc_mean_words"] = np.full(n, float(words.mean()))
    return np.column_stack([cols[name] for name in FEATURE_NAMES])


def _flags(pattern: re.Pattern[str], texts: list[str]) -> np.ndarray:
    return np.array([pattern.search(t) is not None for t in texts], dtype=np.float64)


def _row_dot(m: CsrArrays, vector: np.ndarray) -> np.ndarray:
    """``m @ vector`` for CSR arrays, without building a scipy matrix."""
    rows = m.row_of_entry()
    return np.bincount(rows, weights=m.data * vector[m.indices], minlength=m.shape[0])


def _graph_sums(features: Features) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cosine row sums over all, later and earlier sentences (degree, PacSum's two sides)."""
    if features.dense:
        g = features.cosine_array
        return g.sum(axis=1), np.triu(g, 1).sum(axis=1), np.tril(g, -1).sum(axis=1)
    upper = features.cosine.tocoo()
    n = features.n
    later = upper.col > upper.row
    forward = np.bincount(upper.row[later], weights=upper.data[later], minlength=n)
    backward = np.bincount(upper.row[~later], weights=upper.data[~later], minlength=n)
    return forward + backward, forward, backward


def _term_weight(features: Features) -> np.ndarray:
    """Mean document frequency (log) of a sentence's content words: SumBasic's signal."""
    counts = features.count_arrays
    if len(counts.data) == 0:
        return np.zeros(features.n)
    per_sentence = _row_dot(counts, np.log1p(features.term_totals))
    sizes = features.content_lengths
    return per_sentence / np.maximum(sizes, 1.0)


KL_SMOOTHING = 10.0
TOP_TERMS = 10


def _kl_to_document(features: Features) -> np.ndarray:
    """KL(document words || sentence words), the sentence Dirichlet-smoothed towards the
    document (KL-Sum's criterion for one sentence, Haghighi & Vanderwende 2009)."""
    counts = features.count_arrays
    if len(counts.data) == 0:
        return np.zeros(features.n)
    p = features.term_probability
    mu = KL_SMOOTHING
    sizes = features.content_lengths
    # sum_w p_w log(c_sw + mu p_w), split into the part every sentence shares and the words
    # it has; then KL = sum p log p - (that - log(|s| + mu)).
    base = float(np.sum(p * np.log(mu * p)))
    rows = counts.row_of_entry()
    pw = p[counts.indices]
    gain = pw * (np.log(counts.data + mu * pw) - np.log(mu * pw))
    cross = base + np.bincount(rows, weights=gain, minlength=features.n) - np.log(sizes + mu)
    return float(np.sum(p * np.log(p))) - cross


def _coverage(features: Features) -> tuple[np.ndarray, np.ndarray]:
    """Document word mass a sentence covers, and sumy's one-sentence KL-Sum criterion.

    Coverage is the sum of document probabilities of a sentence's distinct content words.
    sumy's KL counts only the words the sentence has, ``sum p_doc log(p_doc / p_sent)``, so a
    sentence full of frequent document words scores lowest (best): a length-aware coverage.
    """
    counts = features.count_arrays
    if len(counts.data) == 0:
        return np.zeros(features.n), np.zeros(features.n)
    p = features.term_probability
    rows = counts.row_of_entry()
    sizes = features.content_lengths
    pw = p[counts.indices]
    coverage = np.bincount(rows, weights=pw, minlength=features.n)
    ps = counts.data / sizes[rows]
    kl = np.bincount(rows, weights=pw * np.log(pw / ps), minlength=features.n)
    return coverage, kl


def _top_term_share(features: Features, centroid: np.ndarray) -> np.ndarray:
    """Share of the document's :data:`TOP_TERMS` heaviest TF-IDF terms that a sentence holds."""
    if len(centroid) == 0:
        return np.zeros(features.n)
    k = min(TOP_TERMS, len(centroid))
    top = np.zeros(len(centroid))
    top[np.argpartition(-centroid, k - 1)[:k]] = 1.0
    counts = features.count_arrays
    rows = counts.row_of_entry()
    return np.bincount(rows, weights=top[counts.indices], minlength=features.n) / k


def _title_similarity(features: Features) -> np.ndarray:
    """Cosine (binary stems) with the document title, zero without one."""
    from precis.extractive.features import content_tokens

    title = features.doc.title
    if not title:
        return np.zeros(features.n)
    vocab = features.vocabulary
    ids = sorted({vocab[t] for t in content_tokens(title) if t in vocab})
    if not ids:
        return np.zeros(features.n)
    vector = np.zeros(len(vocab))
    vector[ids] = 1.0 / np.sqrt(len(ids))
    return _row_dot(features.tfidf_arrays, vector)
