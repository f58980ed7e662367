"""The knowledge-base entity layer: names hoopoe's actor knowledge base and gazetteer know, typed PER/ORG/LOC
before the statistical NER runs (spaCy's NER keeps preset entities and labels only the rest), so a known
name ("Helmand", "ISIS-K", "Zabihullah Mujahid") is never mis-typed.

Typing (``kb_label``): people are PER; states are LOC by name, alias or capital ("Kabul"), and nothing by
demonym ("Afghan"); armed groups, parties, militaries, police, media, agencies, NGOs and international
organisations are ORG by name or alias. Mentions the knowledge base *composes* ("Iraqi police", "Taliban
fighters") and ethnic or religious groups are left to the statistical model, as they are not names. Places
come from hoopoe's toponym recogniser (gazetteer matching with its rules against capitalised common words,
person names and places inside organisation names), outside any actor mention.
"""

from __future__ import annotations

import logging
import re
import threading

from spacy.language import Language
from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

VERSION = "kb-entities.v1"

#: actor kinds whose names are organisations
ORG_KINDS = frozenset({"armed_group", "party", "military", "media", "igo", "government", "ngo", "police", "agency"})
#: how an actor was matched for its text to be a name (not "composed", "demonym", role patterns)
NAME_VIA = frozenset({"name", "alias"})


def kb_label(kind: str, via: str) -> str | None:
    """The entity label of a knowledge-base match, or None when the mention is not a typed name."""
    if kind == "person" and via in NAME_VIA:
        return "PER"
    if kind == "state" and via in NAME_VIA | {"capital"}:
        return "LOC"
    if kind in ORG_KINDS and via in NAME_VIA:
        return "ORG"
    return None


#: words allowed in lower case inside a name ("Islamic State of Iraq and the Levant", "al-Qaeda")
_GLUE = frozenset({"of", "the", "and", "for", "in", "al", "bin", "ibn", "e", "i", "de", "ul", "ud", "wa", "&"})
_POSSESSIVE = re.compile(r"^(.+?)['’]s\s+(\S.*)$")
_TITLE = re.compile(
    r"^(?:(?:Mullah|Mawlawi|Maulvi|Sheikh|Shaikh|Haji|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Gen\.?|General|President|"
    r"Prime Minister|Minister|King|Prince|Crown Prince|Emir|Ayatollah|Imam|Commander|Sen\.?|Col\.?|Lt\.?)\s+)+"
)


def _name_like(surface: str) -> bool:
    """A proper name, not a description: every word but glue words starts with a capital or a digit
    ("Indian troops", "Saudi-led coalition" are not names)."""
    for w in re.split(r"[\s]+", surface.strip()):
        core = w.strip(".,'’\"()")
        if not core or core.lower() in _GLUE:
            continue
        parts = [p for p in re.split(r"[-/]", core) if p]
        if not parts or not (parts[0][:1].isupper() or parts[0][:1].isdigit() or parts[0].lower() in _GLUE):
            return False
        if len(parts) > 1 and parts[-1].islower() and parts[-1] not in _GLUE:  # "Saudi-led"
            return False
    return True


class KBEntityLayer:
    """spaCy component ``hoopoe_kb_entities``. The knowledge base and gazetteer are loaded on the first
    document (not when the pipeline loads) and shared by the component's calls."""

    def __init__(self, nlp: Language, name: str = "hoopoe_kb_entities") -> None:
        self.name = name
        self._kb = None
        self._toponyms = None
        self._lock = threading.Lock()

    def _resources(self):
        if self._kb is None:
            with self._lock:
                if self._kb is None:
                    from hoopoe.geo import Gazetteer
                    from hoopoe.geo.recognize import ToponymRecognizer
                    from hoopoe.resolve.actors import ActorKB

                    self._toponyms = ToponymRecognizer(Gazetteer.open())
                    self._kb = ActorKB.load()
        return self._kb, self._toponyms

    def _names(self, kb, start: int, end: int, text: str, kind: str, via: str) -> list[tuple[int, int, str]]:
        """The typed name spans of one knowledge-base match (possibly none, possibly two)."""
        surface = text[start:end]
        if via == "composed":
            poss = _POSSESSIVE.match(surface)
            if poss:  # "Pakistan's army", "Iraq's military": the state is a place name
                owner = kb.lookup(poss.group(1))
                if owner is not None and owner.kind == "state" and _name_like(poss.group(1)):
                    return [(start, start + poss.end(1), "LOC")]
            # "Taliban fighters", "Hashd al-Shaabi fighters": the listed organisation's name is the head
            words = list(re.finditer(r"\S+", surface))
            for k in range(len(words) - 1, 0, -1):
                cand = surface[: words[k - 1].end()]
                actor = kb.lookup(cand)
                if actor is not None and kb_label(actor.kind, "name") and actor.kind != "state" and _name_like(cand):
                    return [(start, start + len(cand), kb_label(actor.kind, "name"))]
            return []
        label = kb_label(kind, via)
        if not label or not _name_like(surface):
            return []
        poss = _POSSESSIVE.match(surface)
        if poss and label == "ORG":
            owner = kb.lookup(poss.group(1))
            if owner is not None and owner.kind == "state":  # "Iran's Revolutionary Guards"
                return [(start, start + poss.end(1), "LOC"), (start + poss.start(2), end, "ORG")]
        if label == "PER":
            title = _TITLE.match(surface)
            if title:  # "Mullah Mohammad Hassan Akhund": the title is not part of the name
                start += title.end()
        return [(start, end, label)]

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start_char, end_char, label) of the known names in ``text``, non-overlapping, in order."""
        kb, toponyms = self._resources()
        out: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []
        for m in kb.find(text):
            taken.append((m.start, m.end))
            out.extend(self._names(kb, m.start, m.end, text, m.actor.kind, m.via))
        for t in toponyms.find(text, exclude=taken):
            out.append((t.start, t.end, "LOC"))
        out.sort()
        kept: list[tuple[int, int, str]] = []
        for s, e, lab in out:
            if kept and s < kept[-1][1]:
                continue
            kept.append((s, e, lab))
        return kept

    def __call__(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        for s, e, label in self.spans(doc.text):
            span = doc.char_span(s, e, label=label, alignment_mode="contract")
            if span is not None and len(span):
                ents.append(span)
        if ents:
            keep = [x for x in doc.ents if not any(x.start < y.end and y.start < x.end for y in ents)]
            doc.set_ents(sorted(keep + ents, key=lambda x: x.start), default="unmodified")
        return doc


@Language.factory("hoopoe_kb_entities")
def make_kb_entities(nlp: Language, name: str) -> KBEntityLayer:
    return KBEntityLayer(nlp, name)
