"""Direct and reported speech with its speaker.

Direct quotes are text between quotation marks (curly or straight) with an attribution next to them:
``“...,” Shaheen said``, ``said Shaheen``, ``Shaheen said: “...”``, ``“...,” he said`` (the last person
named). Reported speech is a speech verb with a ``that`` clause: ``Shaheen told the AP that there would be
no cooperation``.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc

from hoopoe.extractors.cues import Cues, load_cues
from hoopoe.extractors.events import ActorMention, to_entity
from hoopoe.records import Quote

_QUOTE = re.compile(r"“([^”]{3,}?)”|\"([^\"\n]{3,}?)\"")
_MIN_DIRECT_WORDS = 3  # shorter quoted strings are scare quotes ("so-called “over-the-horizon” strikes")
_PRONOUN_PERSON = frozenset({"he", "she"})


class QuoteFinder:
    def __init__(self, cues: Cues | None = None) -> None:
        self.cues = cues or load_cues()
        self._speech = re.compile(
            r"\b(" + "|".join(sorted((re.escape(v) for v in self.cues.speech_verbs), key=len, reverse=True)) + r")\b",
            re.IGNORECASE,
        )

    def find(self, text: str, doc: Doc, actors: Sequence[ActorMention]) -> list[Quote]:
        # outlets are addressees or sources of quotes ("told the Associated Press"), not their speakers
        actors = [a for a in actors if a.entity.sector != "JRN" and a.kind != "media"]
        quotes: list[Quote] = []
        covered: list[tuple[int, int]] = []
        people = sorted((a for a in actors if a.entity.kind == "person"), key=lambda a: a.start)
        for m in _QUOTE.finditer(text):
            body = m.group(1) if m.group(1) is not None else m.group(2)
            if len(body.split()) < _MIN_DIRECT_WORDS:
                continue
            start, end = m.start() + 1, m.end() - 1
            speaker = self._attribution(text, m.start(), m.end(), actors, people)
            if speaker is None:
                continue
            quotes.append(Quote(speaker=to_entity(speaker), text=body.strip().rstrip(","), start=start, end=end,
                                direct=True))  # “...,” X said: the comma belongs to the attribution
            covered.append((m.start(), m.end()))
        for sent in doc.sents:
            if any(s < sent.end_char and e > sent.start_char for s, e in covered):
                continue
            q = self._reported(text, sent.start_char, sent.end_char, actors)
            if q:
                quotes.append(q)
        quotes.sort(key=lambda q: q.start)
        return quotes

    def _attribution(self, text: str, qs: int, qe: int, actors: Sequence[ActorMention],
                     people: Sequence[ActorMention]) -> ActorMention | None:
        # after the quote: ', Shaheen said' / ' said Shaheen' / ', he said' within the rest of the clause
        after_end = min(len(text), qe + 120)
        tail = text[qe:after_end]
        stop = re.search(r"[.!?](\s|$)|\n", tail)
        if stop:
            tail = tail[:stop.start()]
        verb = self._speech.search(tail)
        if verb:
            window_s, window_e = qe, qe + len(tail)
            cands = [a for a in actors if window_s <= a.start < window_e]
            if cands:
                return _prefer_person(cands)
            pron = re.search(r"\b(he|she)\b", tail, re.IGNORECASE)
            if pron:
                before = [p for p in people if p.end <= qs]
                if before:
                    return before[-1]
        # before the quote: 'Shaheen said: “...”' / 'Shaheen said, “...”'
        head_start = max(0, qs - 150)
        head = text[head_start:qs]
        cut = max(head.rfind(". "), head.rfind("\n"))
        if cut >= 0:
            head_start, head = head_start + cut + 1, head[cut + 1:]
        if self._speech.search(head) and re.search(r"[,:]\s*$", head):
            cands = [a for a in actors if head_start <= a.start < qs]
            if cands:
                return _prefer_person(cands)
        return None

    def _reported(self, text: str, s: int, e: int, actors: Sequence[ActorMention]) -> Quote | None:
        sent = text[s:e]
        m = re.search(r"\b(said|says|told [^,.;]{0,40}?|stated|announced|declared|insisted|warned|added)\s+(that\s+)",
                      sent)
        if not m:
            return None
        cands = [a for a in actors if s <= a.start < s + m.start() and a.via != "pronoun"]
        if not cands:
            return None
        speaker = _prefer_person(cands[-3:])
        body_start = s + m.end()
        body = text[body_start:e].rstrip(" .\n")
        if len(body.split()) < _MIN_DIRECT_WORDS:
            return None
        return Quote(speaker=to_entity(speaker), text=body, start=body_start, end=body_start + len(body), direct=False)


def _prefer_person(cands: Sequence[ActorMention]) -> ActorMention:
    people = [a for a in cands if a.entity.kind == "person"]
    return people[-1] if people else cands[-1]
