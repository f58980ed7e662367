#!/usr/bin/env python3
"""Write the geocoder's list of ordinary English words (src/hoopoe/resources/geo/common_words.txt).

A capitalised word at the start of a sentence says nothing about whether it is a name: "Twin bombings ..."
begins with the word "twin", which is also an alternate name of Thuin in Belgium. The recogniser reads such
a word as a toponym only on strong evidence when it is an ordinary English word, and this list is what
"ordinary" means: a word that the training splits of the English treebanks the shipped spaCy model was
trained on (UD English-EWT and the CC BY subset of UD English-GUM, see ../shared/data/nlp/SOURCES.md) write
in lower case, not as a proper noun, at least MIN_LOWER times and more often than they write it capitalised
inside a sentence (sentence-initial words are not counted either way). "twin", "green" and "reading" are
ordinary words; "paris", "london" and "kabul" never appear in lower case.

usage: python scripts/build_common_words.py [--shared ../shared] [--out FILE] [--check]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "hoopoe" / "resources" / "geo" / "common_words.txt"
#: training splits only: the test splits stay unseen, as for the model
FILES = ("nlp/UD_English-EWT/en_ewt-ud-train.conllu", "nlp/UD_English-GUM-ccby/en_gum-ccby-train.conllu")
#: a word seen once in lower case may be a typo ("arab"); twice is a usage
MIN_LOWER = 2


def counts(paths: list[Path]) -> tuple[Counter, Counter]:
    """(lower-case non-proper-noun uses, capitalised uses inside a sentence) per lower-cased word."""
    lower: Counter = Counter()
    cap: Counter = Counter()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line[:1].isdigit():
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():  # multi-word token ranges ("3-4") and empty nodes ("8.1")
                continue
            form, upos = cols[1], cols[3]
            if not form.isalpha() or not form.isascii() or len(form) < 2:
                continue
            if form.islower():
                if upos != "PROPN":
                    lower[form] += 1
            elif form[0].isupper() and not form.isupper() and cols[0] != "1":
                cap[form.lower()] += 1
    return lower, cap


def words(shared: Path) -> list[str]:
    paths = [shared / "data" / f for f in FILES]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise SystemExit("missing corpus files: " + ", ".join(missing))
    lower, cap = counts(paths)
    return sorted(w for w, n in lower.items() if n >= MIN_LOWER and n > cap[w])


def render(shared: Path) -> str:
    """The file's text."""
    return ("# Ordinary English words, one per line: written by scripts/build_common_words.py from the\n"
            "# training splits of UD English-EWT and UD English-GUM (CC BY subset); see its docstring.\n"
            + "".join(w + "\n" for w in words(shared)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail when the file differs from a fresh build")
    args = parser.parse_args()
    text = render(args.shared)
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from a fresh build'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({text.count(chr(10)) - 2} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
