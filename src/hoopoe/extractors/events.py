"""Event coding: PLOVER events from trigger words and the actor, place, date and count mentions around them.

The coder works on one article at a time. For each sentence it finds trigger candidates (lexicon), decides
verb or noun readings, drops triggers that are only the content of another (``pledged to prevent``) or are
hypothetical, assigns actor and recipient from the mentions around the trigger (voice-aware: active subject,
passive ``by`` agent, noun premodifier and ``between A and B``), reads modality (negation, future,
hypothetical), and attaches date, place, casualties and cited sources. Article-level passes then merge
mentions of the same happening (``the explosion killed ...`` after ``a suicide bomber exploded ...``),
attach claims of responsibility, and fill contexts and crosswalk codes.

Without a dependency parse this is a sparse, pattern-based coder in the tradition of TABARI; when the
shipped spaCy pipeline provides part-of-speech tags they are used for the verb/noun decision.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Sequence

from spacy.tokens import Doc, Span

from hoopoe.extractors.cues import Cues, load_cues
from hoopoe.extractors.lexicon import (Lexicon, PloverTable, Trigger, TriggerMatch, load_plover,
                                    select)
from hoopoe.records import Count, DateInfo, Entity, Event, Evidence, Place

log = logging.getLogger(__name__)

VERSION = "events.hoopoe.v1"

#: how many sentences back an anaphoric mention ("the explosion", "that attack") may find its referent
ANAPHORA_WINDOW = 4
#: how many sentences apart two mentions of the same happening may be merged without an anaphor
MERGE_WINDOW = 2
#: at most this many words after a speech verb for "..., X said on Saturday." to be a trailing attribution
#: (set from wire copy: the date or place phrase after the verb is 1-4 words)
TRAILING_ATTRIBUTION = 4
#: verbal events whose recipient is the target of the action in their content clause
#: ("threatened to attack South Korea", "refused to meet Biden"); for the others the content is not the addressee
CONTENT_TARGET_TYPES = frozenset({"THREATEN", "REJECT"})
#: event types that describe something said rather than done (verbal events take a speaker)
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"})
#: PLOVER 2.0 rule: cooperative actions reported in the future tense are intentions, coded AGREE
FUTURE_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
#: PLOVER 2.0: an announced retreat ("said it would withdraw") is CONCEDE
FUTURE_TO_CONCEDE = frozenset({"RETREAT"})
#: PLOVER 2.0 (THREATEN ~ ASSAULT + hypothetical; CAMEO 13): conflictual action someone says they will take
#: is a threat; its mode is the content of the threat
FUTURE_TO_THREATEN = {"ASSAULT": "violence", "COERCE": "restrict", "PROTEST": "restrict", "SANCTION": "relations"}
#: what a pledge ("vowed to crush the rebels") becomes when its content is violence
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
#: "X said Y must ...": an obligation put on someone else in reported speech is a REQUEST (CAMEO 10)
OBLIGATION_MODALS = {("must",): 1, ("should",): 1, ("has", "to"): 2, ("have", "to"): 2, ("needs", "to"): 2,
                     ("need", "to"): 2, ("ought", "to"): 2}
MODAL_REQUEST = Trigger(event="REQUEST", key="modal: must", pos="verb", content=True, verbal_head=True)
#: verbal-event nouns that, as the object of another event verb, are what that event is about ("rejected
#: the EU's proposal", "denied the allegations"), not events of their own
_ABOUT_NOUN_TYPES = VERBAL_TYPES
GENERIC_KINDS = frozenset({"generic"})
VICTIM_KINDS = frozenset({"civilians", "religious_group", "ethnic_group"})


# ---------------------------------------------------------------------------------------------------------
# What the coder receives


@dataclass(slots=True)
class ActorMention:
    """An actor mention as the coder sees it: character span, resolved entity, and how it matched."""

    start: int
    end: int
    text: str
    entity: Entity
    via: str = "name"  # name alias demonym capital composed role-pattern surname generic pronoun
    kind: str | None = None
    tok_start: int = -1
    tok_end: int = -1
    org: Entity | None = None  # for people: the organisation they speak for, resolved

    @property
    def generic(self) -> bool:
        return self.via == "generic" or self.kind in GENERIC_KINDS


@dataclass(slots=True)
class DateSpan:
    start: int
    end: int
    info: DateInfo


@dataclass(slots=True)
class CasualtySpan:
    start: int
    end: int
    kind: str  # killed wounded missing arrested displaced
    count: Count


@dataclass(slots=True)
class ArticleView:
    """Everything the earlier stages found in one article."""

    text: str
    doc: Doc
    published: date | None
    actors: list[ActorMention]
    places: list[Place]
    dates: list[DateSpan]
    article_id: str
    casualties: list[CasualtySpan] = field(default_factory=list)
    renormalize_date: object = None  # callable(text, published, tense) -> DateInfo, for future events
    dateline: tuple[int, int] | None = None  # "KABUL, Oct 9 (Reuters) - ": where the story was filed


# ---------------------------------------------------------------------------------------------------------
# Intermediate candidates


@dataclass(slots=True)
class Candidate:
    event: str
    trigger: Trigger
    sent_index: int
    sent: Span
    tok_start: int  # absolute token indices
    tok_end: int
    head: int
    actor: list[ActorMention] = field(default_factory=list)
    recipient: list[ActorMention] = field(default_factory=list)
    modality: str = "asserted"
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    date: DateSpan | None = None
    place: tuple[Place, tuple[int, int]] | None = None
    killed: Count | None = None
    wounded: Count | None = None
    missing: Count | None = None
    claimed_by: list[ActorMention] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    speaker: ActorMention | None = None
    anaphoric: bool = False
    merged: list["Candidate"] = field(default_factory=list)
    passive: bool = False
    coordinated: bool = False
    follow_up: bool = False  # "Two soldiers were killed ...": refers to the latest attack, not the weightiest
    attribution: str | None = None  # how a perpetrator named outside the clause was attributed
    content_event: bool = False  # a content trigger whose clause holds another event ("prepared to lay down arms")

    @property
    def char_start(self) -> int:
        return self.sent.doc[self.tok_start].idx

    @property
    def char_end(self) -> int:
        last = self.sent.doc[self.tok_end - 1]
        return last.idx + len(last.text)


@dataclass(slots=True)
class SpeechFrame:
    speaker: ActorMention | None
    verb: int  # token index
    content_start: int  # token indices of what was said
    content_end: int
    reported_by: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------


class EventCoder:
    """Codes the events of one article. Holds the lexicon, cue lists and PLOVER table (loaded once)."""

    version = VERSION

    def __init__(self, lexicon: Lexicon | None = None, cues: Cues | None = None,
                 plover: PloverTable | None = None, *, keep_hypothetical: bool = False) -> None:
        self.lexicon = lexicon or Lexicon.load()
        self.cues = cues or load_cues()
        self.plover = plover or load_plover()
        self.keep_hypothetical = keep_hypothetical

    # -- entry point -------------------------------------------------------------------------------------
    def code(self, view: ArticleView) -> tuple[list[Candidate], list[SpeechFrame]]:
        doc = view.doc
        _align(view.actors, doc)
        sents = list(doc.sents)
        candidates: list[Candidate] = []
        frames: list[SpeechFrame] = []
        salient: list[ActorMention] = []
        for si, sent in enumerate(sents):
            words = _words(sent)
            mentions = [a for a in view.actors if a.start >= sent.start_char and a.end <= sent.end_char]
            mentions = _group_members(mentions, words, sent.start)
            mentions = self._usable(mentions, words, sent)
            mentions = self._add_pronouns(sent, words, mentions, salient)
            sent_frames = self._speech_frames(sent, words, mentions)
            frames.extend(sent_frames)
            found = self._sentence(view, si, sent, words, mentions, sent_frames)
            candidates.extend(found)
            # what the next sentence's pronouns most likely refer to: who spoke, then who acted
            now = [f.speaker for f in sent_frames if f.speaker is not None]
            now += [a for c in found for a in c.actor]
            now = [_speaker_side(a) if a.entity.kind == "person" and a.via == "pronoun" else a for a in now]
            now = [a for a in now if not a.generic]
            if not now:
                now = [a for a in mentions if a.via != "pronoun" and not a.generic]
            if now:
                salient = now
        self._attach_casualties(view, candidates, sents)
        self._attach_claims(view, candidates, sents)
        self._attach_attributions(view, candidates, sents)
        merged = self._merge(candidates)
        merged = [c for c in merged if self._keep(c)]
        return merged, frames

    # -- which mentions can be event participants ----------------------------------------------------------
    def _usable(self, mentions: list[ActorMention], words: list[str], sent: Span) -> list[ActorMention]:
        out = []
        base = sent.start
        for a in mentions:
            s, e = a.tok_start - base, a.tok_end - base
            if a.via == "capital":
                # "Kabul said", "demanded that Washington ..." are the government; "in Kabul" is a place;
                # "warned Moscow" may be either: usable only as the object of a verbal event
                subject = (e < len(words) and words[e] in self.cues.metonym_verbs and not (
                    s > 0 and words[s - 1] in _PREPOSITIONS)) or (s > 0 and words[s - 1] == "that")
                if not subject:
                    if s > 0 and (words[s - 1] in _PREPOSITIONS or words[s - 1] in self.cues.determiners):
                        continue
                    a = ActorMention(a.start, a.end, a.text, a.entity, "capital-object", a.kind, a.tok_start,
                                     a.tok_end, org=a.org)
            # photo credits: "(Reuters)" / "(AP)" closing a caption
            if s > 0 and words[s - 1] == "(" and e < len(words) and words[e] == ")" and e >= len(words) - 2:
                continue
            out.append(a)
        return out

    # -- sentence level ----------------------------------------------------------------------------------
    def _sentence(self, view: ArticleView, si: int, sent: Span, words: list[str], actors: list[ActorMention],
                  frames: list[SpeechFrame]) -> list[Candidate]:
        toks = list(sent)
        base = sent.start
        cues = self.cues
        taken = set()
        for a in actors:
            if a.via != "pronoun":
                taken.update(range(a.tok_start - base, a.tok_end - base))
        # a phrase's gap may hold an actor ("summoned Niger's ambassador"); its own words may not
        # and a verb phrase's object may be an actor ("expelled two Russian diplomats")
        raw = [m for m in self.lexicon.match(words)
               if not (({m.start, m.head} if m.trigger.verbal_head else {m.start, m.head, m.end - 1}) & taken)]
        raw = [m for m in raw if not _in_proper_name(words, toks, m)]
        # "riot police", "attack helicopters": an event noun modifying another noun names no event
        raw = [m for m in raw if not ((m.trigger.pos == "noun" or m.form in m.trigger.base_forms) and m.end < len(words)
                                      and words[m.end] in cues.modifier_heads)]
        raw = [m for m in raw if self._reading_ok(words, toks, m)]
        # "Protests are common in Karachi", "Attacks on aid workers have become more frequent": a bare plural
        # subject with a habitual predicate is a generalisation, not an event
        raw = [m for m in raw if not _habitual(words, m)]
        # "prisoners in Israeli jails", "died in custody": where someone is held, not an arrest
        raw = [m for m in raw if not (words[m.head] in _CUSTODY_NOUNS
                                      and _after_locative(words, toks, m.start, cues))]
        # "Jailed PKK members went on ...", "the detained students": a participle before a mention describes it
        starts = {a.tok_start - base for a in actors if a.via != "pronoun"}
        starts |= {s - k for s in starts for k in (1, 2) if s - k >= 1 and all(t.text[:1].isupper() for t in toks[s - k:s])}
        raw = [m for m in raw if not (m.trigger.pos == "verb" and m.end - m.start == 1 and m.end in starts and (
            (words[m.head].endswith("ed") and (m.start == 0 or words[m.start - 1] in cues.determiners))
            or (words[m.head].endswith("ing") and m.start == 0)))]
        # "signed in March 2001", "on 22 March": a capitalised month name is a date, not a march
        raw = [m for m in raw if not (toks[m.head].text in _MONTH_NAMES and (
            m.head > 0 or (m.head + 1 < len(toks) and toks[m.head + 1].text[:1].isdigit())))]
        matches = select(raw)
        matches = sorted(matches + self._obligations(words, frames, base, actors, matches), key=lambda x: x.start)
        setting = _setting(words, cues)
        sources = self._sources(sent, words, toks, actors)
        trailing = _trailing_source(words, actors, base)
        out: list[Candidate] = []
        setting_anaphor: str | None = None
        content_until = -1  # token index (relative) up to which we are inside a content or purpose clause
        for m in matches:
            trig = m.trigger
            if m.start < content_until:
                continue
            claimed = self._is_claim_phrase(words, m)
            in_setting = setting is not None and m.start < setting[1]
            if trig.pos == "verb" and words[m.head].endswith("ing") and m.head > 0 and words[m.head - 1] in cues.gerund_preps:
                continue  # "cooperate ... in targeting X": the complement of another word
            modality, negated = self._modality(words, m, frames, base, matches)
            preparing = trig.event == "ASSAULT" and _preparing(words, m.start, cues)
            event = trig.event
            intent = self._intent(words, m) if modality == "hypothetical" else None
            if intent is not None:
                event, modality = intent, "asserted"
            elif modality == "hypothetical" and not self.keep_hypothetical and not preparing:
                content_until = _purpose_end(words, m.end, _clause_end(words, m.end, setting))
                continue
            if trig.negated_only:
                if not negated:
                    continue
                event, modality = trig.negated_only, "asserted"
            elif negated and trig.negated:
                event, modality = trig.negated, "asserted"
            elif negated:
                modality = "negated"
            mode = list(trig.mode) if event == trig.event else []
            in_speech = _frame_of(frames, base + m.head) is not None
            if modality == "future" and event in FUTURE_TO_AGREE:
                event = "AGREE"
            elif modality == "future" and in_speech and {"unless", "if"} & set(words[m.end:_clause_end(words, m.end, None) + 2]) and (
                    event in FUTURE_TO_THREATEN or event in FUTURE_TO_CONCEDE or event == "SANCTION"):
                # "will withdraw its force unless ...": a conditional announcement is a threat
                event, mode = "THREATEN", ["relations" if event in ("RETREAT", "SANCTION") else
                                           FUTURE_TO_THREATEN.get(event, "violence")]
            elif modality == "future" and event in FUTURE_TO_CONCEDE:
                event, mode = "CONCEDE", []
            elif modality == "future" and event in FUTURE_TO_THREATEN and in_speech:
                event, mode = "THREATEN", [FUTURE_TO_THREATEN[event]]
            elif event == "AGREE" and trig.content:
                threat = self._threat_content(words, m, matches)
                if threat:
                    event, mode = "THREATEN", [threat]
            if event == "MOBILIZE" and trig.pos == "verb" and m.end < len(words):
                j = m.end
                while j < len(words) and (words[j] in cues.determiners or words[j].replace(",", "").isdigit()
                                          or words[j] in _QUANTITY_WORDS or words[j] in _CROWD_SIZES):
                    j += 1
                if j < len(words) and words[j] in cues.civil_mobilization:
                    if words[j] not in _SUPPORTER_WORDS:
                        continue  # "mobilized pressure groups", "mobilized funds": no military move
                    event, mode = "PROTEST", ["demo"]  # "mobilized thousands of supporters" (manual 3.14)
            if event == "ASSAULT" and preparing:
                # "the army prepared to resume shelling": readiness short of the use of force (manual 3.14)
                event, mode, modality = "MOBILIZE", ["troops"], "asserted"
            if trig.pos == "noun" and event in _ABOUT_NOUN_TYPES and trig.weak and self._object_of_event(words, m, out, base):
                continue
            cand = Candidate(
                event=event, trigger=trig, sent_index=si, sent=sent, tok_start=base + m.start,
                tok_end=base + m.end, head=base + m.head, modality=modality,
                mode=mode, context=list(trig.context),
            )
            prev = out[-1] if out else None
            self._arguments(cand, words, m, actors, frames, setting, prev)
            if cand.event == "ASSAULT":
                for a in cand.actor:
                    for word in a.text.lower().split():
                        cand.mode.extend(x for x in cues.actor_modes.get(word, ()) if x not in cand.mode)
            if trig is MODAL_REQUEST and not self._obligation_roles(cand, frames):
                continue
            if cand.event == "CONSULT" and trig.pos == "noun" and m.end < len(words) and words[m.end] in ("by", "of") \
                    and _VESSELS & set(words[m.end + 1:m.end + 6]):
                continue  # "visits by Chinese survey ships": port calls, not consultations
            cand.anaphoric = self._anaphoric(words, m, cand)
            if claimed and trig.pos == "noun" and _has_anaphoric_det(words, m.start, cues):
                # "claimed responsibility for the attack": the attack told before (or, with nothing before to
                # refer to, an attack this sentence reports with its own place and target)
                cand.anaphoric = True
            elif claimed and trig.pos != "noun":
                continue
            self._date(view, cand, words, m, setting, _content_spans(words, matches, setting))
            self._place(view, cand, words, m, setting)
            cand.reported_by.extend(x for x in sources if x not in cand.reported_by)
            if trailing and cand.event not in VERBAL_TYPES and trailing not in cand.reported_by:
                cand.reported_by.append(trailing)  # "..., U.N. officials said."
            if in_setting and trig.pos == "noun" and not (cand.actor or cand.recipient) and (
                    trig.event == "CONSULT" or _has_anaphoric_det(words, m.start, cues)):
                # "During a meeting in Doha, ...", "In that attack, ...": the frame of the sentence, not an event;
                # an anaphoric frame makes the sentence's own triggers of that type refer back too
                if _has_anaphoric_det(words, m.start, cues):
                    setting_anaphor = trig.event
                continue
            if trig.needs_object and not cand.recipient:
                continue
            if cand.event == "ASSAULT" and cand.passive and trig.pos == "verb" and not (
                    cand.actor or cand.place or cand.date):
                # "Seven policemen were killed ...": the casualties of the attack told just before
                cand.anaphoric = cand.follow_up = True
            if cand.event in VERBAL_TYPES and cand.actor and all(_is_media(a) for a in cand.actor):
                continue  # a journalist asking a question is a source, not an actor
            if trig.content:
                content_until = _clause_end(words, m.end, setting)
                cand.content_event = any(x is not m and m.end <= x.start < content_until for x in matches)
            out.append(cand)
        for c in out:
            # "Two soldiers were killed and five wounded." after an attack: its casualties
            if c.event == "ASSAULT" and c.trigger.key in _CASUALTY_KEYS and all(a.generic for a in c.actor) \
                    and c.place is None and c.date is None and c.trigger.pos == "verb":
                c.anaphoric = True
        if setting_anaphor:
            for c in out:
                if c.event == setting_anaphor and all(a.generic for a in c.actor):
                    c.anaphoric = True
        return _merge_in_sentence(out)

    def _obligations(self, words: list[str], frames: list[SpeechFrame], base: int, actors: list[ActorMention],
                     matches: list[TriggerMatch]) -> list[TriggerMatch]:
        """'Russia said Sudan must return the helicopter': an obligation modal in what someone said, with a
        named subject right before it, read as a REQUEST trigger (its roles are fixed by _obligation_roles)."""
        out = []
        taken = {k for x in matches for k in range(x.start, x.end)}
        ends = {a.tok_end - base for a in actors if a.via != "pronoun"}
        for i in range(1, len(words)):
            for modal, n in OBLIGATION_MODALS.items():
                if tuple(words[i:i + n]) != modal or i in taken:
                    continue
                frame = _frame_of(frames, base + i)
                # the subject right before the modal, or a coordinated one ("the US and other developed nations")
                if frame is None or frame.speaker is None or not any(
                        i - 2 <= e <= i or (i - 5 <= e < i and "and" in words[e:i] and not any(
                            w in (",", "that", "which", "who", ";") for w in words[e:i])) for e in ends):
                    continue
                out.append(TriggerMatch(i, i + n, i, MODAL_REQUEST, words[i]))
        return out

    @staticmethod
    def _obligation_roles(cand: Candidate, frames: list[SpeechFrame]) -> bool:
        """The speaker's side asks; the subject the obligation is put on is the recipient. False when there
        is no one else to ask ("the government said it must act")."""
        frame = _frame_of(frames, cand.head)
        if frame is None or frame.speaker is None:
            return False
        asker = _speaker_side(frame.speaker)
        asked = [a for a in cand.actor if _key(a) not in (_key(asker), _key(frame.speaker)) and a.via != "pronoun"]
        if not asked:
            return False
        cand.actor, cand.recipient, cand.speaker = [asker], asked, frame.speaker
        return True

    def _intent(self, words: list[str], m: TriggerMatch) -> str | None:
        """What an unrealised action still codes, or None. "wants to normalise ties", "is seeking talks": an
        expressed intention to cooperate is AGREE (PLOVER 3.1); "tried to assassinate": an attempted attack is
        an ASSAULT (CAMEO 185); "flew to Cairo to meet Mubarak": a trip to meet someone is the visit. Speculation
        ("could", "might", "if") stays hypothetical."""
        left = _clause_start(words, m.start)
        window = words[max(left, m.start - 6):m.start]
        if any(w in _SPECULATION for w in words[left:m.start]):
            return None
        event = m.trigger.event
        if event in _COOPERATIVE and any(w in _INTENT_WORDS for w in window):
            return "AGREE"
        if event == "ASSAULT" and m.trigger.pos == "verb" and any(w in _ATTEMPT_WORDS for w in window[-3:]):
            return "ASSAULT"
        if event == "CONSULT" and m.trigger.pos == "verb" and m.start > 0 and words[m.start - 1] == "to" and any(
                w in _TRAVEL_VERBS for w in words[max(left, m.start - 8):m.start - 1]):
            return "CONSULT"
        return None

    def _threat_content(self, words: list[str], m: TriggerMatch, matches: list[TriggerMatch]) -> str | None:
        """'vowed to fight', 'pledged to crush the rebels': a pledge whose content is violence is a threat."""
        j = m.end
        if j >= len(words) or words[j] != "to":
            return None
        j += 1
        while j < len(words) and words[j] in self.cues.adverbs:
            j += 1
        nxt = next((x for x in matches if x.start == j), None)
        if nxt is None or nxt.trigger.event not in VIOLENT_TYPES:
            return None
        return "arrest" if "arrest" in nxt.trigger.mode else "violence"

    def _object_of_event(self, words: list[str], m: TriggerMatch, out: list[Candidate], base: int) -> bool:
        """The noun is the object of the event verb just before it ("rejected the EU's proposal")."""
        prev = out[-1] if out else None
        if prev is None or prev.trigger.pos != "verb":
            return False
        gap = words[prev.tok_end - base:m.start]
        return len(gap) <= 5 and not any(w in (",", ";", ":", "that", "and", "to", "which", "who", "after",
                                                "before", "while", "as") for w in gap)

    def _reading_ok(self, words: list[str], toks, m: TriggerMatch) -> bool:
        """Verb entries need a verb reading of their head word, noun entries a noun reading."""
        trig = m.trigger
        i = m.head if trig.pos == "verb" else m.start
        tok = toks[m.head]
        if tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):  # a tagger is available: trust it
            if trig.pos == "verb":
                return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and m.end - m.start > 1)
            return tok.pos_ in ("NOUN", "PROPN") or m.end - m.start > 1
        prev = words[i - 1] if i > 0 else ""
        prev2 = words[i - 2] if i > 1 else ""
        form = words[m.head]
        if trig.pos == "noun":
            if form.endswith("ing") and prev in self.cues.verb_preceders and prev not in ("that", "which"):
                return False  # "to fighting", "was fighting": a verb
            if i == m.start and prev in _MODALS_AND_TO:
                return False  # "will boycott", "to boycott": a verb
            return True
        if i == m.start and prev in self.cues.determiners:
            return False  # "the attack", "a vest bomb", "the wounded"
        if form.endswith("ing"):
            if prev in self.cues.determiners or prev in ("of", "for"):
                return False
        elif form in trig.base_forms and prev.isalpha() and prev.islower():
            # base or 3rd-person form after a lower-case word: "vest bomb" is a noun, "they attack" a verb
            if prev not in self.cues.verb_preceders and prev2 in self.cues.determiners and not prev.endswith("s"):
                return False
            if prev not in self.cues.verb_preceders and prev2 in _PREPOSITIONS - {"that", "to"}:
                return False  # "in overnight raids", "during recent attacks": a noun after a preposition
        return True

    def _is_claim_phrase(self, words: list[str], m: TriggerMatch) -> bool:
        """'claimed responsibility for the attack': the attack is coded where it happened, the claim is a claim."""
        window = words[max(0, m.start - 6):m.start]
        if any(w in self.cues.claim_nouns for w in window) and any(w in self.cues.claim_verbs for w in window):
            return True
        return self._claims_object(words, m.start) is not None

    def _claims_object(self, words: list[str], k: int) -> int | None:
        """'X claimed the attack', 'claimed Friday's bombing': the index of the claim verb whose object is the
        attack noun at ``k`` (only determiners, possessives and adjectives between), else None."""
        if k >= len(words) or words[k] not in self.cues.claimed_objects:
            return None
        j = k - 1
        while j >= 0 and k - j <= 4 and words[j] not in self.cues.claim_verbs:
            if words[j] in (",", ".", ";", "and", "but", "that", "which", "who", "for", "of"):
                return None
            j -= 1
        if j >= 0 and words[j] in self.cues.claim_verbs and words[j].startswith("claim"):
            return j
        return None

    def _modality(self, words: list[str], m: TriggerMatch, frames: list[SpeechFrame], base: int,
                  matches: Sequence[TriggerMatch] = ()) -> tuple[str, bool]:
        """(modality, negated) from the words before the trigger in its clause. A noun that is the object of
        another event's verb ("will investigate the bombing", "did not condemn the attack") takes its own
        modality from the words after that verb only."""
        cues = self.cues
        start = m.start
        left = _clause_start(words, start)
        if m.trigger.pos == "noun":
            verbs = [x.end for x in matches if x is not m and x.trigger.pos == "verb" and x.end <= start
                     and not x.trigger.negated_only]  # "does not want assistance": negation passes through
            if verbs:
                left = max(left, max(verbs))
        lo = max(left, start - 6)
        # "On 7 May 2024", "in May": the month is not the modal
        window = [w if not (w == "may" and _month_may(words, lo + k)) else "" for k, w in enumerate(words[lo:start])]
        negated = any(w in cues.negation for w in window[-4:])
        if m.trigger.pos == "noun" and start > 0 and words[start - 1] == "no":
            negated = True
        hypo = any(w in cues.hypothetical for w in window[-5:])
        if any(w in ("if", "whether") for w in words[left:start]):
            hypo = True
        future = any(w in cues.future for w in window[-5:]) and not hypo
        if "would" in window[-4:] and not hypo:
            # "said it would not cooperate" (reported future) vs "this would expose" (hypothetical)
            in_speech = any(f.content_start - base <= start < f.content_end - base for f in frames)
            if in_speech:
                future = True
            else:
                hypo = True
        # an infinitive: "is expected to push" (future), "continued to fight" (event), "to meet demands" (purpose)
        if m.trigger.pos == "verb":
            j = start - 1
            while j >= 0 and words[j] in ("not", "n't", "also", "jointly"):
                j -= 1
            if j >= 0 and words[j] == "to":
                before = words[j - 1] if j > 0 else ""
                if before in cues.future:
                    future, hypo = True, False
                elif before not in cues.aspect_verbs:
                    hypo = True
        if m.trigger.pos == "noun" and not (future or hypo):
            # "will provide nearly 25,000 tons of emergency food aid", "will hold talks": the noun is the object
            # of a future giving or holding verb further back than the window
            for j in range(start - 1, max(left, start - 10) - 1, -1):
                if words[j] in _GIVING_VERBS:
                    k = j - 1
                    while k >= left and words[k] in ("also", "soon", "then", "now", "again", "not"):
                        k -= 1
                    future = k >= left and words[k] in cues.future and "not" not in words[k:j]
                    break
        if hypo:
            return "hypothetical", negated
        if future:
            return "future", negated
        return "asserted", negated

    # -- arguments ---------------------------------------------------------------------------------------
    def _arguments(self, cand: Candidate, words: list[str], m: TriggerMatch, actors: list[ActorMention],
                   frames: list[SpeechFrame], setting: tuple[int, int] | None, prev: Candidate | None) -> None:
        cues = self.cues
        base = cand.sent.start
        trig = cand.trigger
        rel = [(a, a.tok_start - base, a.tok_end - base) for a in actors
               if a.via != "capital-object" or cand.event in VERBAL_TYPES]
        clause_l = _clause_start(words, m.start, setting)
        clause_r = _clause_end(words, m.end, setting)
        passive = trig.pos == "verb" and self._passive(words, m.head)
        cand.passive = passive
        # a verb right after an event noun has that event as its subject: "the explosion killed 46"
        if prev is not None and trig.pos == "verb" and prev.trigger.pos == "noun" and \
                0 <= m.start - (prev.tok_end - base) <= 2 and all(w in cues.adverbs for w in words[prev.tok_end - base:m.start]):
            clause_l = m.start
        # coordinated verbs share their subject: "killed at least 46 people and wounded more than 140"
        coordinated = prev is not None and trig.pos == "verb" and prev.trigger.pos == "verb" and m.start > 0 and \
            words[m.start - 1] in ("and", ",") and prev.tok_end - base >= clause_l

        left = [(a, s, e) for a, s, e in rel if e <= m.start and s >= clause_l]
        right = [(a, s, e) for a, s, e in rel if s >= m.end and e <= clause_r]
        if trig.verbal_head and m.end - m.start > 1:  # the object inside the phrase: "expelled two Russian diplomats"
            right = [(a, s, e) for a, s, e in rel if m.head < s < m.end] + right

        def prep_before(s: int) -> tuple[str, int]:
            j = s - 1
            while j >= 0 and (words[j] in cues.determiners or words[j] in _NP_FILLERS):
                j -= 1
            return (words[j] if j >= 0 else ""), j

        def can_be_subject(x) -> bool:
            """Not a mention inside a place phrase ("a blast in a cafe in Southern Philippines killed two",
            "prisoners in Israeli jails began"), unless it qualifies a generic mention right before it
            ("Rebels in the Ivory Coast")."""
            prep, pj = prep_before(x[1])
            return prep not in cues.locative or any(y[2] == pj and y[0].generic for y in left)

        def reachable(s: int, limit: int) -> bool:
            """No comma or clause word between the trigger and position s, and s within `limit` tokens."""
            return s - m.end <= limit and not any(w in (",", ";", ":", "that", "who", "which") for w in words[m.end:s])

        def with_conjuncts(items, first_idx):
            """The mention items[first_idx] and the mentions coordinated with it ("A and B", "A, B and C")."""
            first = items[first_idx]
            pool = [x for x in rel if x[1] >= first[2]]
            group = [first]
            for x in pool:
                between = words[group[-1][2]:x[1]]
                if between and all(w in ("and", ",", "or", "the", "both", "as", "well") for w in between):
                    group.append(x)
                elif x[1] > group[-1][2]:
                    break
            # "A, B and C" is a list; "with the U.S., the Taliban said" is not: a member joined by a comma
            # alone counts only when an "and"/"or" joins a later member
            while len(group) > 1 and not any(w in ("and", "or", "well") for w in words[group[-2][2]:group[-1][1]]):
                group.pop()
            return group

        actor: list[ActorMention] = []
        recipient: list[ActorMention] = []
        # "by X" is the agent, except after a claim verb ("the attack was claimed by X": X is the claimant)
        agent = [x for x in right if prep_before(x[1])[0] in cues.agent_preps and reachable(x[1], 8)
                 and not (prep_before(x[1])[1] > 0 and words[prep_before(x[1])[1] - 1] in cues.claim_verbs)]
        if trig.pos == "verb" and not passive:
            if coordinated:
                actor = list(prev.actor)
            else:
                subjects = [x for x in left if can_be_subject(x)]
                actor = [a for a, _, _ in _nearest_left_group(_skip_relative(subjects, words, m.start), words)]
            if trig.content and cand.event not in CONTENT_TARGET_TYPES:
                # "urged the Taliban to ...", "demanded that Washington ...": the addressee, never what follows
                # in the content clause ("pledged to prevent terrorist groups")
                objs = [x for x in right if x[1] - m.end <= 2 and prep_before(x[1])[0] not in cues.locative
                        and not any(w in _PREPOSITIONS - {"that"} for w in words[m.end:x[1]])]
                if not objs and trig.to_role == "recipient":
                    # "appealed to the Iranian authorities to release ...": the addressee after "to"
                    objs = [x for x in right if x[1] - m.end <= 3 and words[m.end] == "to"
                            and prep_before(x[1]) == ("to", m.end)]
            elif trig.args == "intransitive":
                objs = []
            else:
                objs = []
                for x in right:
                    prep, pj = prep_before(x[1])
                    if reachable(x[1], 5) and not any(w in _PREPOSITIONS for w in words[m.end:x[1]]):
                        objs.append(x)  # direct object: "killed four militants", "warned Moscow"
                    elif prep in cues.recipient_preps | cues.pair_preps and reachable(pj, 5):
                        objs.append(x)
                    elif prep == "from" and trig.from_role == "recipient" and reachable(pj, 6):
                        objs.append(x)
                    elif prep == "to" and trig.to_role == "recipient" and reachable(pj, 6):
                        objs.append(x)  # "delivered aid to Afghanistan"
                    elif trig.content and m.end < len(words) and words[m.end] == "to" and reachable(x[1], 5):
                        objs.append(x)  # "threatened to attack South Korea": the target of the threat
            if objs:
                recipient = [a for a, _, _ in with_conjuncts(objs, 0)]
            if not recipient and cand.event not in VERBAL_TYPES and not trig.content:
                # "exploded a bomb inside a Shia mosque", "cracked down in Daesh cells"
                near = [x for x in right if x[0].kind not in _PLACE_KINDS and reachable(x[1], 8) and (
                    (cand.event == "ASSAULT" and x[0].kind in VICTIM_KINDS) or
                    (prep_before(x[1])[0] in cues.locative and reachable(x[1], 4)))]
                if near:
                    recipient = [near[0][0]]
            if trig.args == "symmetric" and recipient:
                actor, recipient = actor + recipient, []
        elif trig.pos == "verb" and passive:
            recipient = [a for a, _, _ in _nearest_left_group(left, words)]
            if agent:
                actor = [a for a, _, _ in with_conjuncts(agent, 0)]
        else:  # noun trigger
            if agent:
                actor = [a for a, _, _ in with_conjuncts(agent, 0)]
            # premodifier: "an ISIS-K suicide bombing", "Pakistani airstrikes", "the U.S.'s withdrawal"
            pre = [x for x in left if m.start - x[2] <= 3 and all(
                w in cues.determiners or w in ("'s", "s") or w in _ATTACK_ADJECTIVES for w in words[x[2]:m.start])]
            if pre and not actor:
                actor = [pre[-1][0]]
            between = [x for x in right if prep_before(x[1])[0] == "between" and reachable(x[1], 4)]
            if between:
                group = with_conjuncts(between, 0)
                if trig.args == "symmetric":
                    actor = actor + [a for a, _, _ in group]
                else:
                    if not actor:
                        actor, group = [group[0][0]], group[1:]
                    recipient = [a for a, _, _ in group]
            if not actor and cand.event in ("AID", "SUPPORT") and m.start == clause_l + (
                    1 if clause_l < len(words) and words[clause_l] in cues.determiners else 0):
                # "Aid from the European Union reached ...": the donor of a subject noun
                donor = [x for x in right if prep_before(x[1])[0] == "from" and reachable(x[1], 3)]
                if donor:
                    actor = [donor[0][0]]
            of = [x for x in right if prep_before(x[1])[0] == "of" and reachable(x[1], 3)]
            if of and trig.of == "actor" and not actor:
                actor = [of[0][0]]
            elif of and trig.of == "recipient" and not recipient:
                recipient = [of[0][0]]
            to = {"to"} if trig.to_role == "recipient" else set()
            # "the attack on a hotel", not "the bombing in a statement on its news agency": no other
            # prepositional phrase between the noun and its target
            targets = [x for x in right if prep_before(x[1])[0] in (cues.recipient_preps | cues.pair_preps | to) - {"between"}
                       and reachable(x[1], 5) and not any(w in cues.locative | {"for", "of", "from"}
                                                          for w in words[m.end:prep_before(x[1])[1]])]
            if targets and not recipient:
                recipient = [a for a, _, _ in with_conjuncts(targets, 0)]
            # light verb: "X conducted airstrikes", "X carried out an attack", "X signed an agreement"
            if not actor:
                j = m.start - 1
                while j >= clause_l and words[j] in cues.determiners:
                    j -= 1
                if j >= clause_l and (words[j] in cues.light_verbs or words[j] in ("out", "up")):
                    # the light verb's subject, not a mention in a place phrase ("prisoners in Israeli jails began")
                    lv = [x for x in left if x[2] <= j and can_be_subject(x)]
                    actor = [a for a, _, _ in _nearest_left_group(lv or [x for x in left if x[2] <= j], words)]
                elif j >= clause_l and words[j] == "for" and cand.event == "CONSULT":
                    # "Arafat flew to Cairo for consultations with Mubarak": the traveller consults
                    trip = [k for k in range(max(clause_l, j - 8), j) if words[k] in _TRAVEL_VERBS]
                    if trip:
                        actor = [a for a, _, _ in _nearest_left_group([x for x in left if x[2] <= trip[0]], words)]
            if not actor and not recipient and cand.event != "ASSAULT":
                # "Japan approved emergency aid for ...", "Iran announced a boycott of ...": the subject of the
                # clause acts through the noun (a named subject at the clause start, no comma or clause word
                # between, nothing it receives: "Pakistan received aid" is not Pakistan's aid)
                k = clause_l + (1 if clause_l < len(words) and words[clause_l] in cues.determiners else 0)
                subj = [x for x in left if x[1] == k and not x[0].generic]
                gap = words[subj[0][2]:m.start] if subj else []
                if subj and len(gap) <= 6 and not any(w in _NOT_SUBJECT_GAP for w in gap):
                    actor = [a for a, _, _ in _nearest_left_group([x for x in left if x[2] <= subj[0][2]], words)]
            if trig.args == "symmetric" and recipient:
                actor, recipient = actor + recipient, []
        # verbal events inside what someone said: the speaker's side is the actor
        frame = _frame_of(frames, cand.head)
        if frame and frame.speaker is not None and not actor and trig.pos == "noun" and cand.event != "ASSAULT" \
                and 0 < cand.tok_start - frame.verb <= 3 and all(w in cues.determiners for w in
                                                                   words[frame.verb - base + 1:m.start]):
            actor = [_speaker_side(frame.speaker)]  # "Italy announced a suspension of air links": Italy acts
        if frame and frame.speaker is not None:
            if cand.event in VERBAL_TYPES:
                cand.speaker = frame.speaker
            if not actor and cand.event in VERBAL_TYPES | {"COOPERATE", "AID"}:
                actor = [_speaker_side(frame.speaker)]
            cand.reported_by.extend(x for x in frame.reported_by if x not in cand.reported_by)
        if actor and cand.event in VERBAL_TYPES and cand.speaker is None:
            person = next((a for a in actor if a.entity.kind == "person"), None)
            if person:
                cand.speaker = person
        if cand.event in VERBAL_TYPES or cand.event in ("COOPERATE", "AID", "RETREAT", "MOBILIZE"):
            actor = [_speaker_side(a) if a.entity.kind == "person" and a.org is not None else a for a in actor]
        if cand.event == "ASSAULT":
            # civilians, worshippers, an ethnic group are the harmed side of an attack, not its perpetrators
            victims = [a for a in actor if a.kind in VICTIM_KINDS]

            def crowd(a: ActorMention) -> bool:
                return (a.entity.kb_id == "generic.protesters" or (
                    (a.entity.kb_id or "") in _CROWDS and a.tok_start > base and words[a.tok_start - base - 1] in _CROWD_STATES))

            police = [a for a in actor if a not in victims and (a.entity.kb_id or "").endswith(("police", "security-forces"))]
            if victims and len(victims) == len(actor):
                if not passive and all(crowd(a) for a in victims):
                    # "rioters torched cars", "protesters stormed the parliament": a crowd's violence is a riot
                    cand.event, cand.mode = "PROTEST", ["riot"]
                else:
                    actor, recipient = [], recipient + victims
            elif trig.args == "symmetric" and victims and all(crowd(a) for a in victims) and \
                    len(victims) + len(police) == len(actor):
                # "striking miners clashed with riot police": a riot, the police its counterpart
                cand.event, cand.mode = "PROTEST", ["riot"]
                actor, recipient = victims, recipient + police
        if cand.event == "MOBILIZE":
            # "deployed the army", "mobilised police": the forces moved are the actor's own, not at whom
            own = {a.entity.code for a in actor if a.entity.code}
            recipient = [r for r in recipient if not (r.entity.sector in ("MIL", "COP") and (
                r.entity.code is None or r.entity.code in own))]
        actor = [a for a in _dedupe(actor) if not _is_media(a)]
        ids = {_key(a) for a in actor}
        recipient = [r for r in _dedupe(recipient) if _key(r) not in ids and
                     (not _is_media(r) or cand.event in ("ASSAULT", "COERCE", "THREATEN", "ACCUSE", "SANCTION"))]
        cand.actor, cand.recipient = actor, recipient
        cand.coordinated = coordinated

    def _passive(self, words: list[str], head: int) -> bool:
        form = words[head]
        if not (form.endswith("ed") or form.endswith("en") or form in _IRREGULAR_PARTICIPLES):
            return False
        j = head - 1
        while j >= 0 and words[j] in self.cues.adverbs:
            j -= 1
        if j >= 0 and words[j] in self.cues.be:
            return True
        if form in _CASUALTY_FORMS and head > 0 and (words[head - 1] in _QUANTITY_WORDS or words[head - 1].isdigit()):
            return True  # "and five wounded", "a dozen injured"
        return head + 1 < len(words) and words[head + 1] == "by"  # "the mosque attacked by ISIS-K"

    def _anaphoric(self, words: list[str], m: TriggerMatch, cand: Candidate) -> bool:
        """'the explosion', 'that attack', 'the recent attacks' with no participants of their own refer back."""
        if cand.trigger.pos != "noun":
            return False
        return _has_anaphoric_det(words, m.start, self.cues) and not cand.actor

    def _date(self, view: ArticleView, cand: Candidate, words: list[str], m: TriggerMatch,
              setting: tuple[int, int] | None, contents: Sequence[tuple[int, int]] = ()) -> None:
        sent = cand.sent
        doc = sent.doc
        spans = [d for d in view.dates if d.start >= sent.start_char and d.end <= sent.end_char]
        # "called for a shutdown on Sunday", "urged them to leave by Friday": the time of what is asked,
        # promised or threatened, not of the asking (for this trigger's own content and for another's)
        if contents:
            spans = [d for d in spans if not any(
                a <= doc.char_span(d.start, d.end, alignment_mode="expand").start - sent.start < b
                for a, b in contents if not (a <= m.start < b))]
        if setting is not None and setting[0] == 0 and words[0] in self.cues.setting_temporal and m.start >= setting[1]:
            cut = doc[sent.start + setting[1]].idx
            spans = [d for d in spans if d.start >= cut]  # "After the withdrawal in August, X said": not August
        spans = [d for d in spans if not self._in_other_clause(words, m, doc, sent, d)]
        if not spans:
            return
        trig_char = cand.char_start
        clause_l = doc[sent.start + _clause_start(words, m.start, setting)].idx
        r = sent.start + _clause_end(words, m.end, setting) - 1
        clause_r = doc[r].idx + len(doc[r].text) if r >= sent.start else sent.end_char
        inside = [d for d in spans if d.start >= clause_l and d.end <= clause_r]
        best = min(inside or spans, key=lambda d: abs(d.start - trig_char))
        info = best.info
        if cand.modality == "future" and view.renormalize_date is not None and info.text:
            info = view.renormalize_date(info.text, view.published, "future")
        cand.date = DateSpan(best.start, best.end, info)

    @staticmethod
    def _in_other_clause(words: list[str], m: TriggerMatch, doc, sent: Span, d) -> bool:
        """'condemned the bombing, the deadliest since the Taliban took power in August': a date after the
        trigger inside a clause opened by a subordinator ("since", "after", "when", ...) with words of its own
        before the date is that clause's time, not the event's ("detained since August" is the event's)."""
        tok = doc.char_span(d.start, d.end, alignment_mode="expand")
        if tok is None:
            return False
        rel = tok.start - sent.start
        if rel <= m.end:
            return False
        return any(w in _SUBORDINATORS for w in words[m.end:rel - 1])

    def _place(self, view: ArticleView, cand: Candidate, words: list[str], m: TriggerMatch,
               setting: tuple[int, int] | None) -> None:
        sent = cand.sent
        used = [(a.start, a.end) for a in cand.actor + cand.recipient]
        options: list[tuple[int, Place, tuple[int, int]]] = []
        doc = sent.doc
        trig_char = cand.char_start
        temporal_setting = setting is not None and words[0] in self.cues.setting_temporal and m.start >= setting[1]
        for place in view.places:
            for s, e in place.mentions:
                if s < sent.start_char or e > sent.end_char:
                    continue
                if view.dateline and s < view.dateline[1]:
                    continue
                if any(s < a_e and a_s < e for a_s, a_e in used) and not (
                        cand.event == "ASSAULT" and _compass_before(view.text, s)):
                    continue  # a participant, unless it is an area: "rockets at northern Israel"
                tok = doc.char_span(s, e, alignment_mode="expand")
                if tok is None:
                    continue
                rel = tok.start - sent.start
                if temporal_setting and rel < setting[1]:
                    continue
                prep = _prep_before(words, rel, self.cues)
                locative = prep in self.cues.locative
                if not locative and any(s < a.end and a.start < e for a in view.actors
                                                     if a.kind in _PLACE_KINDS and a.via != "capital"):
                    continue  # "Iran condemned ...": a state named as a participant is not where it happened
                if cand.event in VERBAL_TYPES and not locative and not _modifies_event_noun(words, rel, tok.end - sent.start, self.lexicon):
                    continue
                if prep in ("from", "to", "toward", "towards", "of") and cand.event != "RETREAT":
                    continue
                if prep in ("with", "against", "between") and any(
                        s <= a.start < e for a in view.actors if a.via in ("capital", "capital-object", "name")):
                    continue  # "a standoff with Paris", "talks with Kabul": a party, not where it happened
                if rel >= 2 and words[rel - 1] == "with" and words[rel - 2] in ("border", "borders", "frontier"):
                    continue  # "near the border with Somalia": on the other side of it
                score = abs(s - trig_char)
                if not locative:
                    score += 200
                if tok.end - sent.start <= m.start:
                    # "fired rockets at northern Israel, and Israel struck targets in southern Lebanon": a place in
                    # an earlier coordinated clause with its own subject is that clause's
                    conj = [k for k in range(tok.end - sent.start, m.start) if words[k] in ("and", "but", "while")]
                    if conj and any(conj[0] < a.tok_start - sent.start < m.start for a in cand.actor):
                        score += 150
                elif tok.start - sent.start >= m.end:
                    conj = [k for k in range(m.end, tok.start - sent.start) if words[k] in ("and", "but", "while")]
                    if conj and any(conj[0] < a.tok_start - sent.start < tok.start - sent.start
                                    for a in view.actors if sent.start <= a.tok_start < sent.end):
                        score += 150  # a later coordinated clause with a subject of its own
                if place.feature == "country":
                    score += 100  # a named city or province in the clause is the better answer
                if cand.event in ("AGREE", "SUPPORT") and locative and _AT_TALKS.search(" ".join(words[max(0, rel - 8):rel])):
                    score -= 1000  # "agreed to a ceasefire in Shan after talks in Kunming": agreed where they talked
                options.append((score, place, (s, e)))
        if options:
            options.sort(key=lambda x: x[0])
            _, place, span = options[0]
            cand.place = (place, span)

    def _sources(self, sent: Span, words: list[str], toks, actors: list[ActorMention]) -> list[str]:
        """The sources a sentence cites ("according to X", "told X", "X reported"), in order."""
        base = sent.start
        out: list[str] = []
        for cue in self.cues.source_cues:
            n = len(cue)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) != cue:
                    continue
                src = _source_after(actors, base + i + n, words, i + n, toks)
                if src and src not in out:
                    out.append(src)
        for a in actors:
            if _is_media(a):
                rel_end = a.tok_end - base
                nxt = words[rel_end] if rel_end < len(words) else ""
                if nxt in ("reported", "reports", "said", "says", "quoted", "cited"):
                    name = a.entity.identifier_text or a.text
                    if name not in out:
                        out.append(name)
        return out

    # -- speech ------------------------------------------------------------------------------------------
    def _speech_frames(self, sent: Span, words: list[str], actors: list[ActorMention]) -> list[SpeechFrame]:
        base = sent.start
        frames = []
        inside = {k for a in actors if a.via != "pronoun" for k in range(a.tok_start - base, a.tok_end - base)}
        for i, w in enumerate(words):
            if w not in self.cues.speech_verbs or i in inside:  # "United States" is not a speech verb
                continue
            if w.startswith("claim") and i + 1 < len(words) and words[i + 1] in self.cues.claim_nouns:
                continue
            if w in ("report", "reported", "reports", "reporting") and not any(
                    a.tok_end - base == i and _is_media(a) for a in actors):
                continue
            speaker = None
            left = [a for a in actors if i - 4 <= a.tok_end - base <= i]
            if w in ("saying", "adding", "claiming", "insisting", "stating", "noting") and i > 0 and words[i - 1] == ",":
                # "ISIS-K identified the bomber as ..., saying ...": the main clause's subject speaks
                subj = [a for a in actors if not a.generic and a.tok_end - base < i]
                speaker = subj[0] if subj else None
            elif left:
                speaker = max(left, key=lambda a: a.tok_end)  # "X said" / "X, the group's spokesman, said"
            else:
                right = [a for a in actors if a.tok_start - base in (i + 1, i + 2)]
                if right:
                    speaker = right[0]  # "said Shaheen"
            reported = []
            start = i + 1
            for a in actors:  # "told the Associated Press that ...": the addressee is a cited source
                if a.tok_start - base in (i + 1, i + 2) and _is_media(a):
                    reported.append(a.entity.identifier_text or a.text)
                    start = a.tok_end - base
            if speaker is not None and _is_media(speaker):
                reported.append(speaker.entity.identifier_text or speaker.text)
            tail = [w for w in words[i + 1:] if w.isalnum()]
            trailing = speaker is not None and w not in ("saying", "adding", "claiming", "insisting", "stating",
                                                         "noting") and "that" not in words[i + 1:] and \
                len(tail) <= TRAILING_ATTRIBUTION and "," in words[max(0, speaker.tok_start - base - 2):speaker.tok_start - base]
            if i > 0 and words[i - 1] not in ("“", '"') and any(q in words[:i] for q in ("”", '"')):
                content_start, content_end = 0, i  # “...,” X said
            elif trailing:
                # "There will be no cooperation with the U.S., the Taliban said.": reported speech, no quotes
                content_start, content_end = 0, max(0, speaker.tok_start - base - 1)
            else:
                content_start, content_end = start, len(words)
            frames.append(SpeechFrame(speaker, base + i, base + content_start, base + content_end, reported))
        return frames

    # -- pronouns ----------------------------------------------------------------------------------------
    def _add_pronouns(self, sent: Span, words: list[str], actors: list[ActorMention],
                      salient: list[ActorMention]) -> list[ActorMention]:
        """Subject pronouns resolved to an antecedent: for relative 'who'/'which' the mention before it, else
        the subject earlier in the same sentence, else the salient actor of the previous sentences."""
        out = list(actors)
        base = sent.start
        for k, tok in enumerate(sent):
            w = words[k]
            if w in ("who", "which") and k >= 2 and words[k - 1] == ",":
                ante = [a for a in actors if a.via != "pronoun" and k - 3 <= a.tok_end - base <= k - 1]
                if ante:
                    a = ante[-1]
                    out.append(ActorMention(tok.idx, tok.idx + len(tok.text), tok.text, a.entity, "pronoun", a.kind,
                                            tok.i, tok.i + 1, org=a.org))
                continue
            number = self.cues.pronouns.get(w)
            if number is None or number == "speaker" or w in ("their", "its", "his", "her", "them", "him"):
                continue
            before = [a for a in actors if a.end <= tok.idx and a.via != "pronoun" and not a.generic]
            # "The United States, which has troops in Niger, ... said it": not a place phrase's or a parenthetical
            # relative clause's mention, when the sentence has another
            subjects = [a for a in before if not _in_place_or_relative(words, a.tok_start - base, k, self.cues)]
            before = subjects or before
            pool = before or salient
            if number == "person":
                pool = [a for a in pool if a.entity.kind == "person"]
            else:
                pool = [a for a in pool if a.entity.kind != "person" or a.via == "speaker"]
            if not pool:
                continue
            ante = pool[-1] if before else pool[0]
            out.append(ActorMention(tok.idx, tok.idx + len(tok.text), tok.text, ante.entity, "pronoun", ante.kind,
                                    tok.i, tok.i + 1, org=ante.org))
        out.sort(key=lambda a: a.start)
        return out

    # -- article level -----------------------------------------------------------------------------------
    def _attach_casualties(self, view: ArticleView, cands: list[Candidate], sents: list[Span]) -> None:
        by_sent: dict[int, list[Candidate]] = {}
        for c in cands:
            by_sent.setdefault(c.sent_index, []).append(c)
        for cas in view.casualties:
            si = next((i for i, s in enumerate(sents) if s.start_char <= cas.start < s.end_char), None)
            if si is None:
                continue
            local = [c for c in by_sent.get(si, []) if c.event == "ASSAULT"]
            if not local:
                # "Seven people were killed" with no attack word: the casualties of the event before
                sent = sents[si]
                span = sent.doc.char_span(cas.start, cas.end, alignment_mode="expand")
                tok = span.start if span is not None else sent.start
                end = span.end if span is not None else tok + 1
                cand = Candidate("ASSAULT", _CASUALTY_TRIGGER, si, sent, tok, max(end, tok + 1), tok, anaphoric=True)
                cands.append(cand)
                by_sent.setdefault(si, []).append(cand)
                local = [cand]
            target = min(local, key=lambda c: abs(c.char_start - cas.start))
            slot = {"killed": "killed", "wounded": "wounded", "missing": "missing"}.get(cas.kind)
            if slot and getattr(target, slot) is None:
                setattr(target, slot, cas.count)
        cands.sort(key=lambda c: (c.sent_index, c.tok_start))

    def _attach_claims(self, view: ArticleView, cands: list[Candidate], sents: list[Span]) -> None:
        cues = self.cues
        for si, sent in enumerate(sents):
            words = _words(sent)
            base = sent.start
            for i, w in enumerate(words):
                claim_noun = w in cues.claim_nouns and any(x in cues.claim_verbs for x in words[max(0, i - 3):i]) or \
                    w in cues.claimed_objects and self._claims_object(words, i) is not None
                claimed_by = w in cues.claim_verbs and i + 1 < len(words) and words[i + 1] == "by" and i > 0 \
                    and words[i - 1] in cues.be  # "the attack was claimed by X"
                if not (claim_noun or claimed_by):
                    continue
                actors = [a for a in view.actors if sent.start_char <= a.start < sent.end_char
                          and not a.generic and not _is_media(a)]
                left = [a for a in actors if a.tok_end - base <= i]
                # "Imam Shamil Battalion, an Al Qaeda affiliate, claimed ...": not the group in the apposition
                v = max((k for k in range(max(0, i - 3), i) if words[k] in cues.claim_verbs), default=None)
                if v is not None and v > 0 and words[v - 1] == ",":
                    p = max((k for k in range(v - 1) if words[k] == ","), default=None)
                    if p is not None:
                        outer = [a for a in left if a.tok_end - base <= p]
                        if outer:
                            left = outer
                by = [a for a in actors if a.tok_start - base > i and _prep_before(words, a.tok_start - base, cues) == "by"]
                claimant = by[0] if by else (left[-1] if left and left[-1].tok_end - base >= i - 8 else
                                             (left[0] if left else None))
                if claimant is None:
                    continue
                target = self._claimed_event(cands, si, words, i, base)
                if target is None:
                    continue
                if _key(claimant) not in {_key(x) for x in target.claimed_by}:
                    target.claimed_by.append(claimant)
                if not target.actor or all(a.generic for a in target.actor):
                    target.actor = [claimant] + [a for a in target.actor if not a.generic]
                    target.attribution = target.attribution or "claimed"

    def _attach_attributions(self, view: ArticleView, cands: list[Candidate], sents: list[Span]) -> None:
        """'X is suspected to be behind the attack', 'the attack was blamed on X', 'the attacker belonged to
        X': a group the text holds responsible becomes the actor of an attack whose perpetrator it only
        described ("gunmen", "a suicide bomber") or did not name; ``attribution`` says how."""
        patterns = [(kind, pat) for kind, pats in self.cues.attribution.items() for pat in pats]
        for si, sent in enumerate(sents):
            words = _words(sent)
            base = sent.start
            for a in view.actors:  # people the report names as the attacker ("the attacker, identified as X")
                if a.via == "named" and sent.start_char <= a.start < sent.end_char:
                    # the attack told without a named perpetrator: this sentence's, else the latest before
                    open_attacks = [c for c in cands if c.event == "ASSAULT" and not c.anaphoric
                                    and (c.sent_index < si and si - c.sent_index <= ANAPHORA_WINDOW
                                         or c.sent_index == si)
                                    and (not c.actor or all(_unnamed(x) for x in c.actor) or c.attribution)
                                    and not any(_key(x) == _key(a) for x in c.recipient)]
                    target = max(open_attacks, key=lambda c: (c.sent_index, c.tok_start)) if open_attacks else \
                        self._attributed_event(cands, si, a.tok_start - base)
                    if target is not None and (not target.actor or all(_unnamed(x) for x in target.actor)
                                               or target.attribution):
                        # the person who attacked comes first; a group that claimed it or is blamed stays beside
                        target.actor = [a] + [x for x in target.actor if not _unnamed(x) and _key(x) != _key(a)]
                        target.attribution = target.attribution or "identified"
                        for c in cands:
                            if c.event == "ASSAULT":
                                c.recipient = [x for x in c.recipient if _key(x) != _key(a)]
            named = [a for a in view.actors if sent.start_char <= a.start < sent.end_char
                     and not a.generic and not _is_media(a) and a.via != "pronoun"
                     and a.kind not in VICTIM_KINDS and a.kind != "person"]
            for a in named:
                s, e = a.tok_start - base, a.tok_end - base
                for kind, pat in patterns:
                    k = pat.index("actor")
                    before, after = pat[:k], pat[k + 1:]
                    if tuple(words[e:e + len(after)]) != after:
                        continue
                    if before:
                        # "blamed on the New IRA", "claimed by Islamist group Tehrik-i-Taliban Pakistan"
                        j = s
                        while j > 0 and s - j < 5 and words[j - 1] in _GROUP_DESCRIPTORS:
                            j -= 1
                        if tuple(words[j - len(before):j]) != before:
                            continue
                    target = self._attributed_event(cands, si, s)
                    if target is None:
                        break
                    for c in cands:  # "blamed on X", "suspected to be behind the attack": X is not its target
                        if c.sent_index == si and c.event == "ASSAULT":
                            c.recipient = [x for x in c.recipient if _key(x) != _key(a)]
                            if c is not target and c.anaphoric:
                                c.actor = [x for x in c.actor if _key(x) != _key(a)]
                    if not target.actor or all(x.generic for x in target.actor):
                        target.actor = [a] + [x for x in target.actor if not x.generic]
                        target.attribution = kind
                    break

    @staticmethod
    def _attributed_event(cands: list[Candidate], si: int, tok: int) -> Candidate | None:
        """The attack an attribution speaks of: the last one before it in its sentence, else the latest
        attack of the sentences before."""
        local = [c for c in cands if c.sent_index == si and c.event == "ASSAULT" and not c.anaphoric
                 and c.tok_start - c.sent.start < tok]
        if local:
            return local[-1]
        before = _referent([c for c in cands if c.sent_index < si and not c.anaphoric], si, "ASSAULT")
        if before is not None:
            return before
        here = [c for c in cands if c.sent_index == si and c.event == "ASSAULT"]
        return here[0] if here else _latest_attack(cands, si)

    def _claimed_event(self, cands: list[Candidate], si: int, words: list[str], i: int, base: int) -> Candidate | None:
        """'claimed responsibility for the deadly attack' -> the attack told before; 'for an attack on X' -> this
        sentence's attack; no object -> this sentence's attack, else the one before."""
        j = i + 1
        if j < len(words) and words[j] in ("for", "of"):
            k = j + 1
            while k < len(words) and words[k] in self.cues.determiners:
                k += 1
            anaphoric = _has_anaphoric_det(words, k, self.cues)
            here = [c for c in cands if c.sent_index == si and c.event == "ASSAULT" and c.tok_start - base >= k]
            if here and not anaphoric:
                return here[0]
            if anaphoric:
                ref = _referent([c for c in cands if c.sent_index < si], si, "ASSAULT")
                if ref is not None:
                    return ref
                if here:
                    return here[0]
        local = [c for c in cands if c.sent_index == si and c.event == "ASSAULT" and not c.anaphoric
                 and c.tok_start - base < i]
        if local:
            return local[-1]
        return _referent([c for c in cands if c.sent_index < si], si, "ASSAULT") or _latest_attack(cands, si)

    def _merge(self, cands: list[Candidate]) -> list[Candidate]:
        out: list[Candidate] = []
        for c in sorted(cands, key=lambda c: (c.sent_index, c.tok_start)):
            target = None
            if c.follow_up:
                ref = next((p for p in reversed(out) if p.event == c.event and not p.anaphoric
                            and c.sent_index - p.sent_index <= 1 and p.modality in ("asserted", "historical")), None)
                if ref is not None and _mergeable(ref, c, anaphor=True):
                    target = ref
            elif c.anaphoric or c.trigger is _CASUALTY_TRIGGER and not c.actor:
                ref = _referent(out, c.sent_index, c.event)
                if ref is not None and _mergeable(ref, c, anaphor=True):
                    target = ref
            else:
                for prev in reversed(out):
                    if _mergeable(prev, c):
                        target = prev
                        break
            if target is None:
                if c.anaphoric and not (c.actor or c.recipient or c.place or c.killed or c.wounded):
                    continue  # "the recent attacks" with nothing of its own and nothing to refer to
                out.append(c)
            else:
                _absorb(target, c)
        return out

    def _keep(self, c: Candidate) -> bool:
        named = [a for a in c.actor + c.recipient if not a.generic]
        if not (c.actor or c.recipient or c.place or c.killed or c.wounded):
            return False
        if c.trigger.weak and not named and not (c.killed or c.wounded or c.merged or (
                c.content_event and c.actor and c.event in ("AGREE", "THREATEN", "REJECT")
                and not any(a.kind in VICTIM_KINDS for a in c.actor))) and not (
                c.event == "PROTEST" and c.place is not None and c.sent.doc[c.head].text.islower()) and not (
                c.actor and c.place is not None and c.place[0].feature != "country" and c.trigger.pos == "verb"):
            return False  # people marching in a named place are a protest even when nobody in it is named
        return True


# ---------------------------------------------------------------------------------------------------------
# helpers

_MONTH_NAMES = frozenset({"March", "May"})
_SPECULATION = frozenset({"could", "might", "may", "if", "whether", "unless", "possible", "possibly", "potential",
                          "considering", "consider", "mulling", "alleged", "supposedly", "purported", "unable"})
_COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "AGREE"})
_INTENT_WORDS = frozenset({"want", "wants", "wanted", "hope", "hopes", "hoped", "hoping", "seek", "seeks", "sought",
                           "seeking", "willing", "willingness", "ready", "readiness", "intention", "intends", "intend",
                           "eager", "keen", "determined"})
_ATTEMPT_WORDS = frozenset({"attempt", "attempts", "attempted", "attempting", "tried", "try", "tries", "trying",
                            "bid"})
_TRAVEL_VERBS = frozenset({"flew", "flies", "fly", "travelled", "traveled", "travels", "arrived", "arrives", "went",
                           "goes", "came", "comes", "headed", "heads", "returned", "left", "visited", "visits"})
_AT_TALKS = re.compile(r"\b(?:talks|negotiations|meeting|meetings|summit|conference|consultations)\b"
                       r"(?: [a-z]+){0,2} (?:in|at)(?: the)?(?: [A-Za-z]+){0,3}$")
#: words between a clause's subject and an event noun that stop the subject from being the noun's actor
_NOT_SUBJECT_GAP = frozenset({",", ";", ":", "that", "which", "who", "received", "receives", "receive", "receiving",
                              "got", "gets", "faced", "faces", "face", "suffered", "condemned", "denounced", "criticized",
                              "criticised", "rejected", "denied", "blamed", "accused", "welcomed", "praised", "after",
                              "before", "despite", "since", "following", "amid", "against", "by", "from", "to", "of",
                              "on", "in", "at", "for", "with", "and", "or", "but"})
_MODALS_AND_TO = frozenset({"to", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "did",
                            "'ll", "wo", "ca"})
_CROWD_STATES = frozenset({"striking", "protesting", "demonstrating", "rioting", "angry"})
_CROWD_SIZES = frozenset({"of", "thousands", "hundreds", "dozens", "tens", "scores", "millions"})
_SUPPORTER_WORDS = frozenset({"supporters", "followers", "activists", "members", "students", "workers", "people",
                              "masses", "citizens", "volunteers"})
_TRAILING_VERBS = frozenset({"said", "say", "says", "reported", "reports", "told", "confirmed", "added"})


def _in_place_or_relative(words: list[str], s: int, upto: int, cues: Cues) -> bool:
    """Whether the mention at ``s`` follows a locative preposition or sits in a ", which/who ... ," clause
    that closes before ``upto``."""
    if s > 0 and words[s - 1] in cues.locative:
        return True
    for r in range(s - 1, -1, -1):
        if words[r] == "," and r + 1 < len(words) and words[r + 1] in ("which", "who"):
            return "," in words[s:upto]
        if words[r] in (",", ".", ";"):
            return False
    return False


_CUSTODY_NOUNS = frozenset({"jail", "jails", "prison", "prisons", "custody", "detention", "gaol", "gaols", "cell",
                            "cells"})


def _after_locative(words: list[str], toks, i: int, cues: Cues) -> bool:
    """Whether the noun at ``i`` follows a locative preposition across determiners and capitalised words."""
    j = i - 1
    while j >= 0 and (words[j] in cues.determiners or toks[j].text[:1].isupper()):
        j -= 1
    return j >= 0 and words[j] in ("in", "inside", "from", "at", "into", "out")


def _content_spans(words: list[str], matches: Sequence[TriggerMatch],
                   setting: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Token spans (relative) of the content clauses of the content triggers among ``matches``: from the
    "to"/"that" that opens them (or the word after the trigger) to the clause end."""
    out = []
    for x in matches:
        if not x.trigger.content:
            continue
        start = x.end
        for k in range(x.end, min(len(words), x.end + 5)):
            if words[k] in ("to", "that"):
                start = k + 1
                break
        out.append((start, _clause_end(words, x.end, setting)))
    return out


def _compass_before(text: str, start: int) -> bool:
    """Whether the words right before ``start`` are a compass adjective ("northern Israel", "south Lebanon")."""
    before = text[max(0, start - 16):start].rstrip().rsplit(None, 1)
    return bool(before) and before[-1].lower() in _COMPASS_ADJECTIVES


_COMPASS_ADJECTIVES = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east",
                                 "west", "northeastern", "northwestern", "southeastern", "southwestern"})


_VESSELS = frozenset({"ship", "ships", "vessel", "vessels", "warship", "warships", "boat", "boats", "submarine",
                      "submarines", "carrier", "carriers", "tanker", "tankers", "aircraft", "plane", "planes"})


_HABITUAL = frozenset({"common", "commonplace", "frequent", "rare", "routine", "widespread", "regular", "endemic",
                       "typical", "usual", "rarer", "frequently", "often", "rarely", "increasingly", "seldom"})


def _habitual(words: list[str], m: TriggerMatch) -> bool:
    """A bare plural event noun opening the sentence whose predicate says how common such events are."""
    if m.start != 0 or not words[m.head].endswith("s"):
        return False
    tail = words[m.end:m.end + 10]
    stop = next((k for k, w in enumerate(tail) if w in (",", ";", ".", "but", "and")), len(tail))
    tail = tail[:stop]
    return any(w in ("are", "were", "is", "remain", "remained", "become", "became", "have", "has") for w in tail) \
        and any(w in _HABITUAL for w in tail)


def _month_may(words: list[str], j: int) -> bool:
    """Whether "may" at ``j`` is the month: next to a number, or after a word that takes a date."""
    before = words[j - 1] if j > 0 else ""
    after = words[j + 1] if j + 1 < len(words) else ""
    return before[:1].isdigit() or after[:1].isdigit() or before in _DATE_PREPOSITIONS


_DATE_PREPOSITIONS = frozenset({"in", "since", "until", "till", "of", "early", "late", "mid", "mid-", "last", "next",
                                "by", "from", "through", "throughout", "during", "this", "before", "after"})


def _trailing_source(words: list[str], actors: list[ActorMention], base: int) -> str | None:
    """'..., U.N. officials said.', '..., police told AFP.': who a sentence of fact is attributed to at its end
    (the mention's own words, as the report gives them)."""
    end = len(words)
    while end > 0 and (words[end - 1] in (".", "!", '"', "”", "'") or not words[end - 1].strip()):
        end -= 1
    for a in actors:
        if a.via == "pronoun":
            continue
        s, e = a.tok_start - base, a.tok_end - base
        j = e
        if j < end and words[j] in _TRAILING_VERBS and end - j <= 4 and all(
                w[:1].isupper() or w in ("on", "in", "a", "the") or w.isalnum() for w in words[j + 1:end]):
            k = s - 1
            while k >= 0 and words[k].lower() in ("the", "a", "an", "local", "senior", "provincial"):
                k -= 1
            if k >= 0 and words[k] == ",":
                return a.text
    return None

#: Generic actors that are crowds of people ("thousands marched in Tbilisi", "protesters rallied in Dhaka").
_CROWDS = frozenset({"generic.protesters", "generic.civilians", "generic.people", "generic.students",
                     "generic.workers", "generic.farmers"})

_CASUALTY_TRIGGER = Trigger(event="ASSAULT", key="casualties", pos="verb", weak=False)


def _align(actors: list[ActorMention], doc: Doc) -> None:
    for a in actors:
        if a.tok_start >= 0:
            continue
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is not None:
            a.tok_start, a.tok_end = span.start, span.end


_PREPOSITIONS = frozenset({"in", "at", "on", "near", "inside", "outside", "across", "into", "onto", "by", "with",
                           "between", "against", "from", "of", "for", "to", "toward", "towards", "after", "before",
                           "during", "since", "under", "over", "about", "around", "through", "throughout", "upon",
                           "amid", "despite", "within", "off", "that", "as", "than"})
_CASUALTY_FORMS = frozenset({"wounded", "injured", "killed", "hurt", "dead", "slain"})
_QUANTITY_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                             "twelve", "dozen", "dozens", "others", "more", "several", "many", "scores", "hundreds",
                             "people", "few"})
_CASUALTY_KEYS = frozenset({"verb: kill", "verb: wound", "verb: injure", "casualties"})
_SPEECH_FORMS = frozenset({"said", "says", "told", "added", "stated", "announced", "declared", "warned"})
_NP_FILLERS = frozenset({"both", "-", "state-run", "'s", "northeastern", "northern", "southern", "eastern",
                        "western", "central", "southeastern", "northwestern", "southwestern", "local", "senior",
                        "so-called", "top", "foreign", "afghan"})
_PLACE_KINDS = frozenset({"state", "country", "place"})
_IRREGULAR_PARTICIPLES = frozenset({"shot", "struck", "fought", "hit", "held", "met", "beat", "beaten", "withdrawn",
                                    "taken", "seen", "slain", "stolen", "blown", "thrown", "sent", "hurt", "cut"})


#: words that may stand between a group's name and its attack ("an al-Shabaab double suicide car bombing")
_ATTACK_ADJECTIVES = frozenset({"double", "twin", "triple", "suicide", "deadly", "coordinated", "simultaneous",
                                "major", "massive", "fresh", "latest", "new", "alleged", "suspected", "apparent",
                                "failed", "foiled", "botched"})
#: words that may stand between an attribution cue and the group's name ("blamed on the militant group X")
_GROUP_DESCRIPTORS = frozenset({"the", "a", "an", "islamist", "islamic", "militant", "terrorist", "extremist",
                                "jihadist", "group", "outfit", "organisation", "organization", "rebel",
                                "separatist", "armed", "banned", "local", "regional", "insurgent", "faction"})
#: kinds of actor a generic attacker may belong to ("a Taliban suicide bomber", "three Boko Haram gunmen")
_GROUP_KINDS = frozenset({"armed_group", "organisation", "party", "militia"})


def _group_members(mentions: list[ActorMention], words: list[str], base: int) -> list[ActorMention]:
    """'3 Boko Haram suicide bombers detonated ...': the generic attackers are the group's; the group stands
    as the mention (a state's demonym does not: "a Pakistani suicide bomber" is not Pakistan)."""
    out = []
    for k, a in enumerate(mentions):
        prev = out[-1] if out else None
        if a.generic and prev is not None and prev.kind in _GROUP_KINDS and 0 <= a.tok_start - prev.tok_end <= 2 \
                and all(w in _ATTACK_ADJECTIVES or w.isdigit() for w in words[prev.tok_end - base:a.tok_start - base]):
            continue
        out.append(a)
    return out


def _in_proper_name(words: list[str], toks, m: TriggerMatch) -> bool:
    """A trigger word inside a capitalised name ("the Ceasefire Violations Committee", "Peace Council")."""
    if m.end - m.start > 1:
        return False
    i = m.head
    text = toks[i].text
    if not (text[:1].isupper() and not text.isupper()):
        return False
    def cap(j: int) -> bool:
        return 0 <= j < len(toks) and toks[j].text[:1].isupper() and toks[j].text.isalpha() and not toks[j].text.isupper()
    if i == 0:
        return cap(1) and cap(2)
    return cap(i + 1) or (i > 1 and cap(i - 1))


def _words(sent: Span) -> list[str]:
    """Lower-cased token texts with typographic apostrophes normalised ("can’t" -> "ca", "n't")."""
    return [t.lower_.replace("’", "'") for t in sent]


def _is_media(a: ActorMention) -> bool:
    return a.entity.sector == "JRN" or a.kind == "media"


def _key(a: ActorMention) -> str:
    e = a.entity
    return e.kb_id or e.identifier_text or a.text.lower()


def _has_anaphoric_det(words: list[str], i: int, cues: Cues) -> bool:
    """Is the noun phrase ending before token i introduced by 'the', 'that', 'this' ...?"""
    j = i - 1
    while j >= 0 and words[j] in cues.determiners and words[j] not in cues.anaphoric_determiners:
        j -= 1
    return j >= 0 and words[j] in cues.anaphoric_determiners


def _setting(words: list[str], cues: Cues) -> tuple[int, int] | None:
    """A sentence-initial setting phrase ("During a meeting in Doha,", "After the withdrawal in August,",
    "While publicly rejecting the West,"): (0, index of its comma)."""
    if not words:
        return None
    first = words[0]
    if first not in cues.setting_transfer and first not in cues.setting_temporal:
        return None
    for k, w in enumerate(words[:25]):
        if w == ",":
            return (0, k) if k < len(words) - 3 else None
    return None


def _clause_start(words: list[str], i: int, setting: tuple[int, int] | None = None) -> int:
    if setting is not None and i > setting[1]:
        floor = setting[1] + 1
    else:
        floor = 0
    j = i - 1
    while j >= floor:
        if words[j] in (";", ":", "“", "”", '"'):
            return j + 1
        if words[j] == "," and j + 1 < len(words) and words[j + 1] in ("who", "which", "saying", "claiming", "while"):
            if words[j + 1] in ("who", "which") and "," in words[j + 2:i] and words[i - 1] == ",":
                # "The United States, which has troops in Niger, suspended ...": a parenthetical relative clause
                # closed right before the verb; the clause goes on before it
                j -= 1
                continue
            return j + 1
        j -= 1
    return floor


def _clause_end(words: list[str], i: int, setting: tuple[int, int] | None = None) -> int:
    if setting is not None and i <= setting[1]:
        return setting[1]
    for j in range(i, len(words)):
        if words[j] in (";", ":") or (words[j] == "," and j + 1 < len(words) and
                                        words[j + 1] in ("who", "which", "while", "saying", "adding", "but")):
            return j
        if words[j] == "and" and j + 1 < len(words) and words[j + 1] in _SPEECH_FORMS:
            return j  # "condemned the attack and said ...": what follows is another clause
    return len(words)


def _purpose_end(words: list[str], i: int, clause_end: int) -> int:
    """A purpose or intention clause ("to disperse the demonstrators") ends at the clause end or where a
    coordinated finite verb takes over ("... and detained four of the organisers")."""
    for j in range(i, clause_end - 1):
        nxt = words[j + 1]
        if words[j] == "and" and (nxt.endswith("ed") or nxt in _IRREGULAR_PARTICIPLES):
            return j + 1
    return clause_end


def _prep_before(words: list[str], s: int, cues: Cues) -> str:
    j = s - 1
    if j >= 1 and words[j] in ("'s", "s"):
        j -= 2  # "in Pakistan's Balochistan province": look past the possessor
    while j >= 0 and (words[j] in cues.determiners or words[j] in _NP_FILLERS or words[j] == "of"):
        if words[j] == "of" and j > 0 and words[j - 1] in ("inside", "outside", "north", "south", "east", "west"):
            j -= 1
            break
        if words[j] == "of" and j > 0 and words[j - 1] in _PLACE_HEADS:
            j -= 2  # "in the northern city of Kunduz", "on the outskirts of Kabul": the preposition before the head
            continue
        if words[j] == "of":
            break
        j -= 1
    return words[j] if j >= 0 else ""


_PREPARE = frozenset({"prepared", "preparing", "prepares", "prepare", "readied", "readying", "gearing", "geared"})


def _preparing(words: list[str], start: int, cues: Cues) -> bool:
    """'The army prepared to resume shelling', 'troops are preparing for an offensive' (not 'is prepared to':
    willingness, which is AGREE)."""
    for j in range(max(0, start - 4), start):
        if words[j] in _PREPARE and j + 1 < len(words) and words[j + 1] in ("to", "for", "up"):
            before = words[j - 1] if j > 0 else ""
            if words[j] == "prepared" and before in cues.be:
                return False
            return True
    return False


#: Base forms of verbs whose object noun is the event they bring about ("will provide aid", "will hold talks").
_GIVING_VERBS = frozenset({"provide", "give", "send", "deliver", "grant", "offer", "extend", "supply", "donate",
                           "ship", "hold", "sign", "host", "pay", "conduct", "stage", "launch", "make"})

#: Words that open a clause with its own time ("since the Taliban took power in August").
_SUBORDINATORS = frozenset({"since", "after", "before", "when", "until", "while", "once", "whereas", "because"})

#: Nouns that name a place by the proper name after "of" ("the city of Kunduz").
_PLACE_HEADS = frozenset({"city", "town", "village", "province", "district", "region", "capital", "port",
                          "outskirts", "suburbs", "suburb", "county", "state", "governorate", "municipality",
                          "island", "islands", "area", "areas", "part", "parts", "neighbourhood", "neighborhood",
                          "neighbourhoods", "neighborhoods", "districts", "villages", "quarter", "heart", "centre",
                          "center", "streets",
                          "university", "airport"})


def _latest_attack(cands: Sequence["Candidate"], si: int) -> "Candidate | None":
    """The latest attack told in the sentences just before, even one told only by its toll ("30 people were
    killed when a car bomb detonated"), for a claim or an attribution that follows it."""
    pool = [c for c in cands if c.event == "ASSAULT" and c.sent_index < si and si - c.sent_index <= ANAPHORA_WINDOW
            and c.modality in ("asserted", "historical")]
    return max(pool, key=lambda c: (c.sent_index, c.tok_start)) if pool else None


def _referent(before: Sequence["Candidate"], si: int, event: str) -> "Candidate | None":
    """The event an anaphor ("the explosion", "that attack") most likely refers to: among recent events of the
    type, prefer those told with substance (casualties, an explosive or suicide mode, a place), then the latest."""
    pool = [c for c in before if c.event == event and si - c.sent_index <= ANAPHORA_WINDOW and not c.anaphoric
            and c.modality in ("asserted", "historical")]
    if not pool:
        return None

    def substance(c: "Candidate") -> int:
        return bool(c.killed or c.wounded) + bool(set(c.mode) & {"explosives", "suicide-attack", "aerial"}) + bool(c.place)

    told = [c for c in pool if substance(c) > 0]
    return max(told or pool, key=lambda c: (c.sent_index, c.tok_start))


def _modifies_event_noun(words: list[str], s: int, e: int, lexicon: Lexicon) -> bool:
    """'the Doha meetings', 'the Kabul talks': a place name modifying an event noun."""
    nxt = words[e:e + 1]
    return bool(nxt) and any(p.trigger.pos == "noun" for p in lexicon.patterns.get(nxt[0], ()))


def _skip_relative(left: list, words: list[str], start: int) -> list:
    """'Turkey, which backs some rebel factions, condemned ...', 'X, a body linked to Y, investigated ...': the
    subject stands before the relative clause or apposition that ends right before the verb; mentions inside it
    are not the subject."""
    if start < 2 or words[start - 1] != ",":
        return left
    for r in range(start - 2, -1, -1):
        if words[r] == "," and r + 1 < start and words[r + 1] in ("which", "who", "whose", "whom"):
            before = [x for x in left if x[2] <= r]
            return before or left
        if words[r] == "," and r + 1 < start and words[r + 1] in ("a", "an", "the") and "and" not in words[r:start]:
            # an apposition: "the Association of African Jurists, a body linked to the OAU, investigated"
            before = [x for x in left if x[2] <= r]
            return before or left
        if words[r] in (".", ";"):
            break
    return left


def _nearest_left_group(left: list, words: list[str]) -> list:
    if not left:
        return []
    group = [left[-1]]
    for k in range(len(left) - 2, -1, -1):
        between = words[left[k][2]:group[0][1]]
        if between and all(w in ("and", ",", "the", "both") for w in between) and "and" in between or between == [","]:
            group.insert(0, left[k])
        elif len(between) <= 9 and between[:1] == ["and"] and "of" in between and all(
                w.replace("-", "").isalnum() and not w[:1].isupper() for w in between):
            # "Myanmar's military government and an alliance of three ethnic minority armed groups"
            group.insert(0, left[k])
        else:
            break
    # apposition: "Taliban spokesman Suhail Shaheen" -> the person (whose member_of is the Taliban)
    return group


def _frame_of(frames: list[SpeechFrame], tok: int) -> SpeechFrame | None:
    for f in frames:
        if f.content_start <= tok < f.content_end:
            return f
    return None


def _speaker_side(speaker: ActorMention) -> ActorMention:
    """A person speaks for an organisation: the organisation is the event's actor."""
    if speaker.entity.kind == "person" and speaker.org is not None:
        return ActorMention(speaker.start, speaker.end, speaker.text, speaker.org, "speaker", speaker.org.kind,
                            speaker.tok_start, speaker.tok_end)
    return speaker


def _dedupe(items: list[ActorMention]) -> list[ActorMention]:
    seen, out = set(), []
    for a in items:
        key = a.entity.kb_id or a.entity.identifier_text or a.text.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


def _source_after(actors: list[ActorMention], tok: int, words: list[str], rel: int, toks) -> str | None:
    for a in actors:
        if tok <= a.tok_start <= tok + 3:
            if a.generic:
                # "according to local media", "security sources told": the words as written, not "Journalists"
                j = rel
                while j < len(words) and words[j] in ("the", "a", "an"):
                    j += 1
                return " ".join(t.text for t in toks[j:a.tok_end - (tok - rel)]) or a.text
            return a.entity.identifier_text or a.text
    # an unlisted source: the capitalised words after the cue ("according to Tolo News")
    j = rel
    while j < len(words) and words[j] in ("the", "a", "state-run", "local", "state", "official", "private"):
        j += 1
    name = []
    while j < len(toks) and toks[j].text[:1].isupper():
        name.append(toks[j].text)
        j += 1
    if name:
        return " ".join(name)
    if j < len(words) and words[j] in ("officials", "police", "witnesses", "residents", "sources", "authorities"):
        return words[j]
    return None


def _merge_in_sentence(cands: list[Candidate]) -> list[Candidate]:
    """'the explosion killed 46 and wounded 140': triggers of one type in a row with no new participants
    are one event."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and prev.event == c.event and prev.modality == c.modality and (
                c.coordinated or not c.actor or not prev.actor or _overlap(prev.actor, c.actor)):
            _absorb(prev, c)
            continue
        out.append(c)
    return out


def _ids(items: list[ActorMention]) -> set[str]:
    return {_key(a) for a in items if not a.generic}


def _overlap(a: list[ActorMention], b: list[ActorMention]) -> bool:
    return bool(_ids(a) & _ids(b))


def _same_named(a: Candidate, b: Candidate) -> bool:
    return a.event == b.event and _overlap(a.actor, b.actor) and a.place is not None and b.place is not None and \
        a.place[0].geonameid == b.place[0].geonameid


def _dates_compatible(a: DateSpan | None, b: DateSpan | None) -> bool:
    if a is None or b is None or not a.info.start or not b.info.start:
        return True
    return not (a.info.end < b.info.start or b.info.end < a.info.start)


def _places_compatible(a, b) -> bool:
    if a is None or b is None:
        return True
    pa, pb = a[0], b[0]
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return True
    if pa.country and pa.country == pb.country and (pa.feature in ("country", "admin1") or pb.feature in ("country", "admin1")):
        return True
    return False


def _mergeable(prev: Candidate, c: Candidate, anaphor: bool = False) -> bool:
    if prev.event != c.event:
        return False
    if not _dates_compatible(prev.date, c.date) or not _places_compatible(prev.place, c.place):
        return False
    if prev.actor and c.actor and not _overlap(prev.actor, c.actor) and not (
            all(a.generic for a in prev.actor) or all(a.generic for a in c.actor)):
        return False
    gap = c.sent_index - prev.sent_index
    if anaphor:
        return gap <= ANAPHORA_WINDOW
    if _same_named(prev, c):
        return True
    if prev.modality != c.modality or gap > MERGE_WINDOW:
        return False
    if _overlap(prev.actor, c.actor) or _overlap(prev.recipient, c.recipient):
        return True
    if _all_generic(prev.actor) or _all_generic(c.actor):
        # "a suicide bomber exploded ... in Kunduz" and "an ISIS-K suicide bombing on Friday": the same happening
        # when they agree on when or where
        same_day = prev.date is not None and c.date is not None and prev.date.info.start is not None and \
            prev.date.info.start == c.date.info.start and prev.date.info.precision == "day"
        same_place = prev.place is not None and c.place is not None and prev.place[0].geonameid == c.place[0].geonameid
        return same_day or same_place
    return False


def _all_generic(items: list[ActorMention]) -> bool:
    return all(a.generic for a in items)


def _unnamed(a: ActorMention) -> bool:
    """A described, unnamed party ("gunmen", "a former soldier", "militants")."""
    return a.generic or (a.entity.kb_id or "").startswith("generic.")


_VAGUE_WORDS = frozenset({"numerous", "several", "many", "dozens", "scores", "hundreds", "thousands", "some",
                          "multiple", "a number", "few", "a few", "countless"})


def _vague(count: Count) -> bool:
    """A count told without a figure ("numerous", "several", "dozens")."""
    text = (count.text or "").lower()
    return not any(ch.isdigit() for ch in text) and any(w in text for w in _VAGUE_WORDS)


def _absorb(into: Candidate, c: Candidate) -> None:
    into.merged.append(c)
    if (not into.actor or all(a.generic for a in into.actor)) and c.actor and not all(a.generic for a in c.actor):
        into.actor = c.actor + [a for a in into.actor if not a.generic and a not in c.actor]
    elif not into.actor:
        into.actor = c.actor
    for r in c.recipient:
        if r.entity.kb_id is None or r.entity.kb_id not in _ids(into.recipient) | _ids(into.actor):
            if not any(x.entity.kb_id == r.entity.kb_id and r.entity.kb_id for x in into.recipient):
                into.recipient.append(r)
    into.recipient = _dedupe(into.recipient)
    if into.date is None or (c.date is not None and into.date.info.precision == "unknown"):
        into.date = c.date or into.date
    if into.place is None or (c.place is not None and into.place[0].feature == "country" and c.place[0].feature != "country"):
        into.place = c.place or into.place
    for slot in ("killed", "wounded", "missing"):
        have, new = getattr(into, slot), getattr(c, slot)
        if new is not None and (have is None or _vague(have) and not _vague(new)):
            setattr(into, slot, new)  # "numerous injuries" ... "In total there were 50 injuries"
    for m in c.mode:
        if m not in into.mode:
            into.mode.append(m)
    for x in c.context:
        if x not in into.context:
            into.context.append(x)
    for src in c.reported_by:
        if src not in into.reported_by:
            into.reported_by.append(src)
    for cl in c.claimed_by:
        if cl.entity.kb_id not in {x.entity.kb_id for x in into.claimed_by}:
            into.claimed_by.append(cl)
    if into.speaker is None or (c.speaker is not None and c.speaker.entity.kind == "person"
                                and into.speaker.entity.kind != "person"):
        into.speaker = c.speaker or into.speaker


# ---------------------------------------------------------------------------------------------------------
# Candidates to records


def event_id(article_id: str, start: int, end: int, event: str) -> str:
    digest = hashlib.sha1(f"{article_id}:{start}:{end}:{event}".encode()).hexdigest()[:16]
    return f"ev-{digest}"


def to_entity(a: ActorMention) -> Entity:
    e = a.entity
    return Entity(entity_text=a.text, identifier_id=e.identifier_id, identifier_text=e.identifier_text,
                  code=e.code, sector=e.sector, member_of=e.member_of, mentions=[(a.start, a.end)],
                  kb_id=e.kb_id, kind=e.kind)


def to_event(c: Candidate, article_id: str) -> Event:
    sent = c.sent
    ev_text = sent.doc[c.tok_start:c.tok_end].text
    date_info = c.date.info if c.date else DateInfo(text=None)
    return Event(
        id=event_id(article_id, c.char_start, c.char_end, c.event),
        event=c.event,
        mode=list(c.mode),
        context=list(c.context),
        actor=[to_entity(a) for a in c.actor],
        recipient=[to_entity(a) for a in c.recipient],
        date=DateInfo(date_info.start, date_info.end, date_info.precision, date_info.text),
        event_loc=_place_record(c.place) if c.place else None,
        killed=c.killed,
        wounded=c.wounded,
        missing=c.missing,
        attribution=c.attribution,
        claimed_by=[to_entity(a) for a in c.claimed_by],
        reported_by=list(c.reported_by),
        speaker=to_entity(c.speaker) if c.speaker else None,
        modality=c.modality,
        event_text=ev_text,
        evidence=Evidence(sent.text.strip(), sent.start_char + (len(sent.text) - len(sent.text.lstrip())),
                          sent.start_char + len(sent.text.rstrip())),
        confidence=_confidence(c),
    )


def _place_record(place: tuple[Place, tuple[int, int]]) -> Place:
    p, span = place
    return Place(text=p.text, name=p.name, geonameid=p.geonameid, lat=p.lat, lon=p.lon, feature=p.feature,
                 admin1=p.admin1, country=p.country, precision=p.precision, mentions=[span])


def _confidence(c: Candidate) -> float:
    """A transparent heuristic, not a calibrated probability: evidence found for each role raises it."""
    score = 0.45
    if any(not a.generic for a in c.actor):
        score += 0.15
    if c.recipient:
        score += 0.1
    if c.place:
        score += 0.1
    if c.date and c.date.info.precision != "unknown":
        score += 0.05
    if c.merged:
        score += 0.05
    if c.trigger.weak:
        score -= 0.1
    return round(min(score, 0.95), 2)
