"""One name, one type, throughout an article: the ``hoopoe_doc_entities`` component.

A statistical NER decides each mention from a few words around it, so the same name can be found in one
sentence and missed, or typed differently, in the next ("the AHAC" found once and missed eight times,
"Dvořák" a person twice and an organisation once). Newswire names keep their type within an article
(one sense per discourse; Krishnan & Manning 2006 use the same observation as non-local features), so after
the NER this component

- types an acronym the article defines in brackets after a typed name as that name ("the Amateur Hockey
  Association of Canada (AHAC)"),
- retypes a name whose mentions disagree to the type most of them have (a strict majority of at least two),
- marks the other occurrences of a name the article already typed, and the bare surname of a person it
  named in full ("Antonín Dvořák" ... "Dvořák"),

and nothing else: it reads only the entities already in the document (the NER's and the knowledge-base
layer's), never a list. An occurrence is marked only where it stands alone: every word capitalised, not a
single stop word, and not glued to other capitalised words ("Montreal" inside "Montreal Hockey Club").
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from hoopoe.nlp.entities import _GLUE as _NAME_GLUE

LABELS = frozenset({"PER", "ORG", "LOC"})
# the KB layer's lower-case words inside a name, plus the pieces the tokenizer splits off ("'s", a lone hyphen)
_GLUE = _NAME_GLUE | {"-", "'s"}


def _name_word(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit() or text.lower() in _GLUE


def _standalone(doc: Doc, start: int, end: int) -> bool:
    toks = doc[start:end]
    if not toks[0].text[:1].isupper() or not all(_name_word(t.text) for t in toks):
        return False
    if len(toks) == 1 and (toks[0].is_stop or toks[0].is_punct or len(toks[0].text) < 2):
        return False
    if start > 0 and not doc[start].is_sent_start:
        prev = doc[start - 1]
        if prev.text[:1].isupper() and prev.is_alpha and not prev.is_stop:  # "The AHAC" is fine
            return False
    if end < len(doc):
        nxt = doc[end]
        if nxt.text[:1].isupper() and nxt.is_alpha:
            return False
    return True


def _initials_match(acronym: str, words: list[str]) -> bool:
    """"AHAC" for "Amateur Hockey Association of Canada", "ISKP" for "Islamic State Khorasan Province": the
    acronym's letters are the name's capitalised initials in order, starting with the first."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    initials = [w[0].upper() for w in words if w[:1].isupper()]
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in letters) and len(letters) >= len(initials) * 2 / 3


def _acronyms(doc: Doc, ents: list[Span]) -> list[Span]:
    """The acronym a name defines in brackets right after it, typed as the name: "the Amateur Hockey
    Association of Canada (AHAC)"."""
    taken = {k for e in ents for k in range(e.start, e.end)}
    out = []
    for e in ents:
        if e.label_ not in LABELS or len(e) < 2 or e.end + 2 >= len(doc):
            continue
        op, acr, cl = doc[e.end], doc[e.end + 1], doc[e.end + 2]
        if op.text == "(" and cl.text == ")" and acr.i not in taken and acr.text.isupper() \
                and _initials_match(acr.text, [t.text for t in e]):
            out.append(Span(doc, acr.i, acr.i + 1, label=e.label_))
    return out


def consistent_entities(doc: Doc) -> Doc:
    ents = list(doc.ents)
    defined = _acronyms(doc, ents)
    if defined:
        ents = sorted(ents + defined, key=lambda s: s.start)
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for e in ents:
        if e.label_ in LABELS:
            votes[tuple(t.text for t in e)][e.label_] += 1
    surnames: Counter = Counter()
    for e in ents:
        if e.label_ == "PER" and len(e) >= 2 and e[-1].text[:1].isupper() and e[-1].is_alpha:
            surnames[(e[-1].text,)] += 1
    if not votes:
        return doc
    label_of: dict[tuple[str, ...], str] = {}
    for key, counter in votes.items():
        (best, n), *rest = counter.most_common()
        if not rest or n > sum(c for _, c in rest):
            label_of[key] = best
    for key in surnames:
        if key not in votes:
            label_of[key] = "PER"

    changed = bool(defined)
    out: list[Span] = []
    for e in ents:
        key = tuple(t.text for t in e)
        want = label_of.get(key)
        if e.label_ in LABELS and want and want != e.label_ and votes[key][want] >= 2:
            e = Span(doc, e.start, e.end, label=want)
            changed = True
        out.append(e)

    taken = [False] * len(doc)
    for e in out:
        for k in range(e.start, e.end):
            taken[k] = True
    longest = max(len(k) for k in label_of) if label_of else 0
    i = 0
    while i < len(doc):
        hit = 0
        if not taken[i] and doc[i].text[:1].isupper():
            for n in range(min(longest, len(doc) - i), 0, -1):
                key = tuple(t.text for t in doc[i : i + n])
                if key in label_of and not any(taken[i : i + n]) and _standalone(doc, i, i + n):
                    out.append(Span(doc, i, i + n, label=label_of[key]))
                    hit = n
                    changed = True
                    break
        i += hit or 1
    if changed:
        doc.set_ents(sorted(out, key=lambda s: s.start), default="unmodified")
    return doc


@Language.component("hoopoe_doc_entities")
def doc_entities(doc: Doc) -> Doc:
    return consistent_entities(doc)
