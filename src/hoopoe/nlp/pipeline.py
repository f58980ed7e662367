"""The language-model stage: tokens and sentences (and, once the project's trained pipeline ships, tags,
parses and statistical entities) for an article.

``load_nlp()`` returns a spaCy ``Language``. If a trained hoopoe pipeline is installed as package data
(``resources/model/``) it is loaded; otherwise a blank English pipeline is built. Either way hoopoe's
news tokenizer rules and sentence segmenter are applied, so downstream stages see the same interface.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START

import logging
import re
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "model"

# Abbreviations that end with a period but do not end a sentence (checked case-sensitively on the token
# before the period, or on the token that includes it).
_ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Sgt Cpl Pvt Adm Cmdr Gov Sen Rep Rev Fr St Mt Ft Jr Sr Sens Reps
    Gens Brig Supt Insp Pres Amb Hon Messrs No Nos vs etc Inc Ltd Co Corp Jan Feb Mar Apr Jun Jul Aug Sep Sept
    Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun approx est dept Dept Univ Ave Blvd Rd""".split()
)
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # U.S. U.N. U.K. e.g.
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
_OPENERS = frozenset({'"', "“", "‘", "(", "[", "«"})

# Names with hyphens that must stay one token; other hyphenated words are also kept whole (see below).
_SPECIAL_CASES = ("U.S.-led", "U.S.-backed", "U.N.-backed", "U.S.-Taliban")


def _keep_hyphenated(nlp: Language) -> None:
    """Do not split words on internal hyphens ("ISIS-K", "al-Qaeda", "Mazar-i-Sharif", "state-run")."""
    infixes = [p for p in nlp.Defaults.infixes if "-" not in p and "–" not in p]
    # keep splitting on dashes used as punctuation between words with spaces is handled by whitespace;
    # en/em dashes glued to words still split
    infixes.append(r"(?<=[\w])[–—](?=[\w])")
    infixes.append(r"(?<=[A-Za-z])/(?=[A-Za-z])")  # "ISIS-K/Daesh" is two names
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    for case in _SPECIAL_CASES:
        nlp.tokenizer.add_special_case(case, [{"ORTH": case}])


@Language.component("hoopoe_sentences")
def segment_sentences(doc: Doc) -> Doc:
    """News sentence boundaries: paragraph breaks, terminal punctuation not part of an abbreviation or
    initial, quotes closing after the period, and caption credits like "(Reuters)".

    Runs before any statistical parser so boundaries are fixed (the parser respects preset starts).
    """
    n = len(doc)
    if n == 0:
        return doc
    starts = [False] * n
    starts[0] = True
    for i, tok in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        # paragraph / line breaks end a sentence (headlines, captions, datelines on their own line)
        if "\n" in prev.whitespace_ or prev.text.strip() == "" and "\n" in prev.text:
            starts[i] = not tok.is_space
            continue
        if tok.is_space:
            continue
        if "\n" in prev.text and prev.is_space:
            starts[i] = True
            continue
    for i, tok in enumerate(doc):
        text = tok.text
        end_punct = text in (".", "!", "?", "…") or (
            text.endswith(".") and len(text) > 1 and not _INITIALISM.match(text) and text[:-1] not in _ABBREVIATIONS
        )
        if text.endswith(".") and _INITIALISM.match(text):
            # "U.S." ends a sentence only if the next word starts a new one (capitalised, not a name
            # continuing the noun phrase); we accept the boundary when followed by a capitalised
            # function word like "The", "In", "He".
            j = i + 1
            if j < n and doc[j].text in _SENTENCE_OPENERS:
                starts[j] = True
            continue
        if not end_punct:
            continue
        if text == "." and i > 0 and doc[i - 1].text in _ABBREVIATIONS and not doc[i - 1].whitespace_:
            continue
        j = i + 1
        while j < n and (doc[j].text in _CLOSERS or doc[j].is_space):
            j += 1
        if j >= n:
            continue
        nxt = doc[j]
        # "(Reuters)" / "(AP)" after a caption's period belongs to that sentence
        if nxt.text == "(" and j + 2 < n and doc[j + 2].text == ")" and doc[j + 1].text[:1].isupper():
            k = j + 3
            while k < n and doc[k].is_space:
                k += 1
            if k < n:
                starts[k] = True
            continue
        first = nxt.text[:1]
        if first.isupper() or first.isdigit() or nxt.text in _OPENERS:
            starts[j] = True
    # all boundaries at once: setting token.is_sent_start one by one rescans the document (quadratic)
    values = numpy.array([[1 if x else -1] for x in starts], dtype="int64").astype("uint64")
    doc.from_array([SENT_START], values)
    return doc


_SENTENCE_OPENERS = frozenset(
    "The A An In On At It He She They We This That These Those But And Yet So However Meanwhile Officials "
    "According After Before During Since While When Despite Under".split()
)


@lru_cache(maxsize=2)
def load_nlp(model: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process. ``model`` is a path to a trained pipeline; by default
    the pipeline shipped in ``resources/model`` if present, else a blank English pipeline."""
    path = Path(model) if model else MODEL_DIR
    if (path / "config.cfg").is_file():
        nlp = spacy.load(path, exclude=["senter"])
        log.info("loaded trained pipeline %s", path)
    else:
        if model:
            from hoopoe.errors import ResourceError

            raise ResourceError(f"no spaCy pipeline at {model!r} (expected a folder with config.cfg)")
        nlp = spacy.blank("en")
    _keep_hyphenated(nlp)
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    if first:
        nlp.add_pipe("hoopoe_sentences", before=first)
    else:
        nlp.add_pipe("hoopoe_sentences")
    return nlp


def model_version(nlp: Language) -> str:
    meta = nlp.meta
    if nlp.pipe_names == ["hoopoe_sentences"]:
        return "nlp.blank-en.v1"
    return f"nlp.{meta.get('name', 'pipeline')}.{meta.get('version', '0')}"
