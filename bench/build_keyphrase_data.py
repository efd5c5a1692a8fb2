"""Build the two data files of :mod:`precis.extractive.keyphrases` (issue 17 item 4).

``src/precis/data/keyphrase_df.tsv``: in how many documents of the shared summarization sets
(news, ACL papers, SciTLDR abstracts, stories: not the key-phrase sets or their references)
each Porter stem occurs, for stems in at least :data:`DF_FLOOR` documents; the first line gives
the number of documents. A stem missing from the table is rarer than the floor.

``src/precis/data/keyphrase_words.tsv``: word classes that keep verbs and adverbs out of key
phrases without a tagger model. From lemminflect's English lexicon (MIT; AGID-derived word
forms by lemma and part of speech), each word form seen at least :data:`WORD_FLOOR` times in the
same sets gets ``V`` when it can only be a verb or auxiliary form, ``A`` when only an adverb,
``J`` when only an adjective (a phrase may not end on one), ``N`` otherwise (omitted: the default).

Run: ``python bench/build_keyphrase_data.py`` (needs the ``bench`` extra: lemminflect==0.2.3).
"""

from __future__ import annotations

import gzip
import json
import logging
from collections import Counter
from importlib.resources import files
from pathlib import Path

from precis.extractive.features import stem, words

logger = logging.getLogger("bench.build_keyphrase_data")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SETS = (
    "cnndm_test",
    "xsum_test_frank",
    "news_writer_summaries",
    "scisummnet_acl",
    "scitldr_abstract_test",
    "squality_stories",
)
OUT = ROOT / "src" / "precis" / "data"
DF_FLOOR = 3
WORD_FLOOR = 2


def corpus_texts() -> list[str]:
    """The source texts of every document of :data:`SETS`."""
    texts = []
    for name in SETS:
        with open(DATA / f"{name}.jsonl", encoding="utf-8") as handle:
            texts += [json.loads(line)["source"] for line in handle if line.strip()]
    return texts


def lexicon_classes() -> dict[str, set[str]]:
    """word form -> the parts of speech lemminflect's lexicon gives it (noun, verb, adj, ...)."""
    path = files("lemminflect").joinpath("resources/infl_lu.csv.gz")
    classes: dict[str, set[str]] = {}
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        for line in handle:
            lemma, pos, *forms = line.rstrip("\n").split(",")
            for form in [lemma, *"/".join(forms).split("/")]:
                if form:
                    classes.setdefault(form.lower(), set()).add(pos)
    return classes


def word_class(pos: set[str]) -> str:
    """One letter for a word's possible parts of speech (see the module docstring)."""
    if pos <= {"verb", "aux"}:
        return "V"
    if pos == {"adv"}:
        return "A"
    if pos == {"adj"}:
        return "J"
    return "N"


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    texts = corpus_texts()
    df: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in texts:
        tokens = words(text)
        seen.update(tokens)
        df.update({stem(w) for w in tokens if not w.isdigit()})
    with open(OUT / "keyphrase_df.tsv", "w", encoding="utf-8") as out:
        out.write(f"#documents\t{len(texts)}\n")
        for term, count in sorted(df.items()):
            if count >= DF_FLOOR:
                out.write(f"{term}\t{count}\n")
    classes = lexicon_classes()
    kept: Counter[str] = Counter()
    with open(OUT / "keyphrase_words.tsv", "w", encoding="utf-8") as out:
        out.write("# word\tclass (V verb form, A adverb, J adjective); from lemminflect 0.2.3\n")
        for word in sorted(w for w, c in seen.items() if c >= WORD_FLOOR and w in classes):
            letter = word_class(classes[word])
            if letter != "N":
                out.write(f"{word}\t{letter}\n")
                kept[letter] += 1
    logger.info("%d documents, %d stems; word classes %s", len(texts), len(df), dict(kept))


if __name__ == "__main__":
    main()
