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
from spacy.lang.char_classes import HYPHENS
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


#: Version of the tokenizer rules below. A trained pipeline saved with the same rules (its meta.json says
#: ``"hoopoe_tokenizer": TOKENIZER_VERSION``) is loaded as is; otherwise the rules are applied at load time.
TOKENIZER_VERSION = "news-tokenizer.v3"

# Titles and ranks kept as one token with their period ("Lt. Col.", "Gen."): the period is not a sentence end.
_TITLE_ABBREVIATIONS = (
    "Gen Lt Col Maj Capt Sgt Cpl Pvt Adm Cmdr Brig Gov Sen Rep Rev Prof Supt Insp Amb Hon Sens Reps Gens Messrs"
).split()


def _keep_hyphenated(nlp: Language) -> None:
    """Do not split words on internal hyphens ("ISIS-K", "al-Qaeda", "Mazar-i-Sharif", "state-run")."""
    # only the hyphen rule and the arithmetic one ("2020-21") go; the others stay (a period glued between a
    # lower-case and a capital letter, "capital.Saraya claimed", is a sentence end; "a,b" is split at the comma)
    infixes = [p for p in nlp.Defaults.infixes if HYPHENS not in p and not p.startswith("(?<=[0-9])[+")]
    # keep splitting on dashes used as punctuation between words with spaces is handled by whitespace;
    # en/em dashes glued to words still split
    infixes.append(r"(?<=[\w])[–—](?=[\w])")
    infixes.append(r"(?<=[A-Za-z])/(?=[A-Za-z])")  # "ISIS-K/Daesh" is two names
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    for case in _SPECIAL_CASES:
        nlp.tokenizer.add_special_case(case, [{"ORTH": case}])
    for abbr in _TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr + ".", [{"ORTH": abbr + "."}])


@spacy.registry.callbacks("hoopoe.news_tokenizer.v1")
def news_tokenizer_callback():
    """``[nlp] after_creation`` hook for training configs: the model is trained on hoopoe's tokenisation."""

    def apply(nlp: Language) -> Language:
        _keep_hyphenated(nlp)
        return nlp

    return apply


@spacy.registry.tokenizers("hoopoe.saved_tokenizer.v1")
def saved_tokenizer():
    """Tokenizer factory of the shipped pipeline: an empty tokenizer whose rules (hoopoe's news rules
    included) are then read from the pipeline's saved ``tokenizer`` file. Building spaCy's default English
    rules first, only to replace them, took a fifth of the load time."""
    from spacy.tokenizer import Tokenizer

    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create


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
        if len(text) == 2 and text[0].isupper() and text[1] == "." and i > 0 and doc[i - 1].text[:1].isupper() \
                and i + 1 < n and doc[i + 1].text[:1].isupper():
            # a middle initial ("George W. Bush", "Joseph R. Biden") ends a sentence only before an opener
            if doc[i + 1].text in _SENTENCE_OPENERS:
                starts[i + 1] = True
            continue
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
            if doc[j].text in _OPENERS and _opens(doc, j):
                break  # '... he said. "We will ...': the quote opens the next sentence
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
    _caption_credits_and_datelines(doc, starts)
    # all boundaries at once: setting token.is_sent_start one by one rescans the document (quadratic)
    values = numpy.array([[1 if x else -1] for x in starts], dtype="int64").astype("uint64")
    doc.from_array([SENT_START], values)
    return doc


#: words that, followed by a colon, start a photo caption's credit ("... in Kabul. Photo: Reuters")
_CREDIT_WORDS = frozenset({"Image", "Photo", "Photograph", "Picture", "Video", "Credit", "Source", "File photo"})
#: dashes that end a dateline ("KABUL, Oct 9 (Reuters) -", "Evansville, Indiana, United States —")
_DATELINE_DASHES = frozenset({"-", "--", "–", "—"})
#: a dateline is at most this many tokens before its dash (place, state, country, date, agency)
_DATELINE_MAX_TOKENS = 14


def _caption_credits_and_datelines(doc: Doc, starts: list[bool]) -> None:
    """Caption credits ("Image: United States Navy.") start a sentence; a dateline at the start of a
    paragraph ("KABUL, Oct 9 (Reuters) - Taliban ...") is a sentence of its own, ending with its dash."""
    n = len(doc)
    for i, tok in enumerate(doc):
        if tok.text in _CREDIT_WORDS and i + 1 < n and doc[i + 1].text == ":" and i > 0 and not doc[i - 1].is_space:
            starts[i] = True
        if not starts[i] or tok.is_space or not tok.text[:1].isupper():
            continue
        # a dateline: capitalised place words, commas, a date, "(Agency)", then a spaced dash
        for j in range(i + 1, min(n, i + _DATELINE_MAX_TOKENS + 1)):
            t = doc[j]
            if starts[j] and j > i:
                break
            if t.text in _DATELINE_DASHES and doc[j - 1].whitespace_ and t.whitespace_:
                prev = doc[j - 1].text
                # "KABUL -", "Evansville, Indiana -", "Kabul (AP) -"; not "John Smith - who ..."
                shaped = (len(tok.text) > 1 and tok.text.isupper()) or any(doc[k].text in (",", ")") for k in range(i, j))
                if shaped and (prev[:1].isupper() or prev == ")" or prev[:1].isdigit()):
                    k = j + 1
                    while k < n and doc[k].is_space:
                        k += 1
                    if k < n:
                        starts[k] = True
                break
            if t.is_space or t.text in (".", "!", "?", ";") or not (
                t.text[:1].isupper() or t.text[:1].isdigit() or t.text in (",", "(", ")", ".")
                or t.text.lower() in ("of", "the", "de", "al")
            ):
                break


def _opens(doc: Doc, j: int) -> bool:
    """A quote or bracket token that opens: space (or a line break) before it, none after it."""
    prev = doc[j - 1]
    return bool(prev.whitespace_ or prev.is_space) and not doc[j].whitespace_ and j + 1 < len(doc)


_SENTENCE_OPENERS = frozenset(
    "The A An In On At It He She They We This That These Those But And Yet So However Meanwhile Officials "
    "According After Before During Since While When Despite Under".split()
)


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None, kb_entities: bool = True) -> Language:
    """The spaCy pipeline, loaded once per process. ``model`` is a path to a trained pipeline; by default
    the pipeline shipped in ``resources/model`` if present, else a blank English pipeline; ``model="blank"``
    forces the blank one. ``kb_entities`` puts the knowledge-base entity layer (``hoopoe_kb_entities``)
    in front of the statistical NER (or at the end of a pipeline without one). After a statistical NER comes
    ``hoopoe_doc_entities``: one name, one type, throughout the document (see ``hoopoe.nlp.consistency``)."""
    path = None if model == "blank" else Path(model) if model else MODEL_DIR
    if path is not None and (path / "config.cfg").is_file():
        nlp = spacy.load(path, exclude=["senter"])
        log.info("loaded trained pipeline %s", path)
    else:
        if model and model != "blank":
            from hoopoe.errors import ResourceError

            raise ResourceError(f"no spaCy pipeline at {model!r} (expected a folder with config.cfg)")
        nlp = spacy.blank("en")
    if nlp.meta.get("hoopoe_tokenizer") != TOKENIZER_VERSION:
        _keep_hyphenated(nlp)
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    if first:
        nlp.add_pipe("hoopoe_sentences", before=first)
    else:
        nlp.add_pipe("hoopoe_sentences")
    if kb_entities:
        from hoopoe.nlp import entities  # noqa: F401  (registers the factory)

        if "ner" in nlp.pipe_names:
            nlp.add_pipe("hoopoe_kb_entities", before="ner")
        else:
            nlp.add_pipe("hoopoe_kb_entities")
    if "ner" in nlp.pipe_names:
        from hoopoe.nlp import consistency  # noqa: F401  (registers the component)

        nlp.add_pipe("hoopoe_doc_entities", after="ner")
    return nlp


#: The components whose output hoopoe's extractors read when coding events: tokens and sentence boundaries.
#: The trained tagger's POS (``token.pos_``, set by the morphologizer, which listens to ``tok2vec``) is read by
#: the event coder only when asked (``Settings.nlp_pos``): measured on the PLOVER gold-standard sentences it
#: lowered type accuracy (0.708 -> 0.680; the coder's noun/verb rules were written without a tagger and hold
#: better on news headlines than a tagger trained on web text). Other components (tagger, parser, ner, the
#: KB entity layer) are skipped when coding events: they cost time and nothing reads them yet.
USED_BY_EXTRACTORS = frozenset({"hoopoe_sentences"})
POS_COMPONENTS = frozenset({"tok2vec", "morphologizer"})


def unused_by_extractors(nlp: Language, pos: bool = False) -> list[str]:
    """Names of the pipeline's components to disable when coding events (see USED_BY_EXTRACTORS);
    ``pos`` keeps the components that set ``token.pos_``."""
    used = USED_BY_EXTRACTORS | (POS_COMPONENTS if pos else frozenset())
    return [name for name in nlp.pipe_names if name not in used]


def model_version(nlp: Language) -> str:
    meta = nlp.meta
    if not [p for p in nlp.pipe_names if not p.startswith("hoopoe_")]:
        return "nlp.blank-en.v1"
    return f"nlp.{meta.get('name', 'pipeline')}.{meta.get('version', '0')}"
