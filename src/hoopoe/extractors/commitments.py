"""The commitments ledger within an article: pledges, promises and agreements' obligations, and the events
that bear on them.

A commitment is read from a commissive trigger (``pledged to``, ``promised to``, ``vowed to``, ``agreed
to``, ``committed to``) with its content clause. Its counterpart is the other party of an agreement in the
same sentence (``Under the agreement between the United States and the Taliban ..., the Taliban pledged to
...``) or the recipient. Later events bear on it:

- a request to honour it (``pressing the Taliban to honor their commitment``) is evidence that it is in
  question;
- for a pledge to prevent or not allow armed groups to operate somewhere, an attack there by an armed group
  after the pledge was made tests it.

hoopoe never declares a pledge kept or broken on machine evidence alone: with evidence that tests it the
status is ``disputed`` (the evidence ids say why); without, ``open``.
"""

from __future__ import annotations

import hashlib
import re
from typing import Sequence

from hoopoe.extractors.events import ArticleView, Candidate, _place_record, to_entity
from hoopoe.records import Commitment, DateInfo, Event, Evidence, Place

COMMISSIVE = frozenset({"verb: pledge", "verb: promise", "verb: vow", "verb: commit", "verb: agree", "noun: pledge"})
_PREVENTION = re.compile(r"\b(prevent|not (to )?allow|stop|deny|bar|keep)\b", re.I)
_ARMED = re.compile(r"\b(terrorist|militant|extremist|armed|jihadist|insurgent)s?\b|\bgroups?\b", re.I)
_HONOUR = re.compile(r"\b(honou?r|keep|respect|abide by|fulfil+|implement|live up to)\b[^.]{0,40}\b(commitments?|pledges?|promises?|obligations?)\b", re.I)


class CommitmentFinder:
    version = "commitments.v1"

    def find(self, view: ArticleView, cands: Sequence[Candidate], events: Sequence[Event]) -> list[Commitment]:
        ids = {id(c): e.id for c, e in zip(cands, events)}
        out: list[Commitment] = []
        for c in cands:
            commissive = [x for x in [c] + c.merged if x.trigger.key in COMMISSIVE]
            if c.event != "AGREE" or not commissive:
                continue
            trig = commissive[0]
            content = _content(view.text, trig)
            if not content:
                continue
            counterpart = []
            for other in cands:
                if other is c or other.event != "AGREE" or other.sent_index != c.sent_index:
                    continue
                mine = {a.entity.kb_id for a in c.actor}
                parties = [a for a in other.actor + other.recipient if a.entity.kb_id not in mine]
                counterpart.extend(parties)
            if not counterpart:
                counterpart = list(c.recipient)
            made = c.date.info if c.date else DateInfo()
            sent = c.sent
            out.append(Commitment(
                id="cm-" + hashlib.sha1(f"{view.article_id}:{trig.char_start}:{content}".encode()).hexdigest()[:16],
                actor=[to_entity(a) for a in c.actor],
                counterpart=[to_entity(a) for a in counterpart],
                text=content,
                made=DateInfo(made.start, made.end, made.precision, made.text),
                place=_place_record(c.place) if c.place else None,
                status="open",
                evidence=[],
                source_text=Evidence(sent.text.strip(), sent.start_char, sent.start_char + len(sent.text.rstrip())),
            ))
            self._link(out[-1], c, cands, events, ids, view)
        return out

    def _link(self, cm: Commitment, made_by: Candidate, cands: Sequence[Candidate], events: Sequence[Event],
              ids: dict, view: ArticleView) -> None:
        committers = {a.kb_id for a in cm.actor if a.kb_id} | {a.identifier_text for a in cm.actor}
        prevention = bool(_PREVENTION.search(cm.text) and _ARMED.search(cm.text))
        scope = _scope_countries(cm.text, view.places)
        for c, ev in zip(cands, events):
            if c is made_by:
                continue
            sentence = ev.evidence.text if ev.evidence else ""
            actors = {a.kb_id for a in ev.actor if a.kb_id} | {a.identifier_text for a in ev.actor}
            recips = {a.kb_id for a in ev.recipient if a.kb_id} | {a.identifier_text for a in ev.recipient}
            if ev.event == "REQUEST" and recips & committers and _HONOUR.search(sentence):
                cm.evidence.append(ev.id)
                continue
            if prevention and ev.event == "ASSAULT" and not actors & committers and any(
                    a.kind == "armed_group" for a in ev.actor + ev.claimed_by):
                country = ev.event_loc.country if ev.event_loc else None
                after = not cm.made.end or not ev.date.start or ev.date.start >= cm.made.end
                if country and country in scope and after:
                    cm.evidence.append(ev.id)
        if any(e.id in cm.evidence and e.event == "ASSAULT" for e in events):
            cm.status = "disputed"  # an attack tests the pledge; a request to honour it alone does not


def _content(text: str, trig: Candidate) -> str:
    """What was pledged: the clause after the trigger, from 'to' to the end of the sentence."""
    start = trig.char_end
    end = trig.sent.end_char
    rest = text[start:end].strip()
    rest = re.sub(r"^(to|that|on)\s+", "", rest)
    return rest.rstrip(" .\n")


def _scope_countries(content: str, places: Sequence[Place]) -> set[str]:
    out = set()
    for p in places:
        if p.country and (p.text in content or (p.name and p.name in content)):
            out.add(p.country)
    return out
