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
from dataclasses import dataclass, field
from datetime import date
from typing import Sequence

from spacy.tokens import Doc, Span

from hoopoe.extract.cues import Cues, load_cues
from hoopoe.extract.lexicon import Lexicon, PloverTable, Trigger, TriggerMatch, load_plover, select
from hoopoe.records import Count, DateInfo, Entity, Event, Evidence, Place

log = logging.getLogger(__name__)

VERSION = "events.hoopoe.v1"

#: how many sentences back an anaphoric mention ("the explosion", "that attack") may find its referent
ANAPHORA_WINDOW = 4
#: how many sentences apart two mentions of the same happening may be merged without an anaphor
MERGE_WINDOW = 2
#: event types that describe something said rather than done (verbal events take a speaker)
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"})
#: PLOVER 2.0 rule: cooperative actions reported in the future tense are intentions, coded AGREE
FUTURE_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
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
        last_subjects: list[ActorMention] = []
        for si, sent in enumerate(sents):
            sent_actors = [a for a in view.actors if a.start >= sent.start_char and a.end <= sent.end_char]
            sent_actors = self._add_pronouns(sent, sent_actors, last_subjects)
            sent_frames = self._speech_frames(sent, sent_actors)
            frames.extend(sent_frames)
            found = self._sentence(view, si, sent, sent_actors, sent_frames)
            candidates.extend(found)
            subjects = [a for a in sent_actors if a.via != "pronoun" and not a.generic]
            if subjects:
                last_subjects = subjects
        self._attach_casualties(view, candidates, sents)
        self._attach_claims(view, candidates, sents)
        merged = self._merge(candidates)
        merged = [c for c in merged if self._keep(c)]
        return merged, frames

    # -- sentence level ----------------------------------------------------------------------------------
    def _sentence(self, view: ArticleView, si: int, sent: Span, actors: list[ActorMention],
                  frames: list[SpeechFrame]) -> list[Candidate]:
        doc = sent.doc
        toks = [t for t in sent]
        words = [t.lower_ for t in toks]
        base = sent.start
        taken = set()
        for a in actors:
            if a.via != "pronoun":
                taken.update(range(a.tok_start - base, a.tok_end - base))
        raw = [m for m in self.lexicon.match(words) if not (set(range(m.start, m.end)) & taken)]
        raw = [m for m in raw if self._reading_ok(words, toks, m)]
        matches = select(raw)
        out: list[Candidate] = []
        content_until = -1  # token index (relative) up to which we are inside a content clause
        for m in matches:
            trig = m.trigger
            head = m.head
            if m.start < content_until:
                continue
            if self._is_claim_phrase(words, m):
                continue
            modality, negated = self._modality(words, m, frames, base)
            if modality == "hypothetical" and not self.keep_hypothetical:
                if trig.content:
                    content_until = _clause_end(words, m.end)
                continue
            event = trig.event
            if trig.negated_only:
                if not negated:
                    continue
                event, modality = trig.negated_only, "asserted"
            elif negated and trig.negated:
                event, modality = trig.negated, "asserted"
            elif negated:
                modality = "negated"
            if modality == "future" and event in FUTURE_TO_AGREE:
                event = "AGREE"
            cand = Candidate(
                event=event, trigger=trig, sent_index=si, sent=sent, tok_start=base + m.start,
                tok_end=base + m.end, head=base + head, modality=modality,
                mode=list(trig.mode) if event == trig.event else [], context=list(trig.context),
            )
            self._arguments(cand, words, toks, m, actors, frames)
            cand.anaphoric = self._anaphoric(words, m, cand)
            self._date(view, cand, words, m)
            self._place(view, cand, words, m)
            self._sources(cand, words, toks, actors, frames)
            out.append(cand)
            if trig.content:
                content_until = _clause_end(words, m.end)
        return _merge_in_sentence(out)

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
            return True
        if i == m.start and (prev in self.cues.determiners):
            return False  # "the attack", "a vest bomb", "the wounded"
        if form.endswith("ing"):
            if prev in self.cues.determiners or prev in ("of", "for"):
                return False
        elif not (form.endswith("ed") or form.endswith("en")) and prev.isalpha() and prev.islower():
            # base or 3rd-person form after a lower-case word: "vest bomb" is a noun, "they attack" a verb
            if prev not in self.cues.verb_preceders and prev2 in self.cues.determiners and not prev.endswith("s"):
                return False
        return True

    def _is_claim_phrase(self, words: list[str], m: TriggerMatch) -> bool:
        """'claimed responsibility for the attack': the attack is coded where it happened, the claim is a claim."""
        window = words[max(0, m.start - 6):m.start]
        return any(w in self.cues.claim_nouns for w in window) and any(w in self.cues.claim_verbs for w in window)

    def _modality(self, words: list[str], m: TriggerMatch, frames: list[SpeechFrame], base: int) -> tuple[str, bool]:
        """(modality, negated) from the words before the trigger in its clause."""
        cues = self.cues
        start = m.start
        left = _clause_start(words, start, cues)
        window = words[max(left, start - 6):start]
        negated = any(w in cues.negation for w in window[-4:])
        if m.trigger.pos == "noun" and start > 0 and words[start - 1] == "no":
            negated = True
        # hypothetical: modal or conditional in the clause before the trigger
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
        if hypo:
            return "hypothetical", negated
        if future:
            return "future", negated
        return "asserted", negated

    # -- arguments ---------------------------------------------------------------------------------------
    def _arguments(self, cand: Candidate, words: list[str], toks, m: TriggerMatch,
                   actors: list[ActorMention], frames: list[SpeechFrame]) -> None:
        cues = self.cues
        base = cand.sent.start
        trig = cand.trigger
        rel = [(a, a.tok_start - base, a.tok_end - base) for a in actors]
        clause_l = _clause_start(words, m.start, cues)
        clause_r = _clause_end(words, m.end)
        head_form = words[m.head]
        passive = trig.pos == "verb" and self._passive(words, m.head)
        cand.passive = passive

        def left_mentions():
            return [(a, s, e) for a, s, e in rel if e <= m.start and s >= clause_l]

        def right_mentions():
            return [(a, s, e) for a, s, e in rel if s >= m.end and e <= clause_r]

        def prep_before(s: int) -> str:
            j = s - 1
            while j >= 0 and (words[j] in cues.determiners or words[j] in ("and", ",", "both", "-", "state-run")):
                j -= 1
            return words[j] if j >= 0 else ""

        def with_conjuncts(items, first_idx):
            """The mention at first_idx plus mentions joined to it by 'and' / ','."""
            group = [items[first_idx]]
            for k in range(first_idx + 1, len(items)):
                prev_end = group[-1][2]
                s = items[k][1]
                between = words[prev_end:s]
                if between and all(w in ("and", ",", "or", "the", "both", "as", "well") for w in between):
                    group.append(items[k])
                else:
                    break
            return group

        actor: list[ActorMention] = []
        recipient: list[ActorMention] = []
        right = right_mentions()
        left = left_mentions()
        agent = [x for x in right if prep_before(x[1]) in cues.agent_preps]
        if trig.pos == "verb" and not passive:
            # subject: nearest mention to the left, with the mentions coordinated with it
            subj = _nearest_left_group(left, words)
            actor = [a for a, _, _ in subj]
            if trig.args != "intransitive":
                objs = [x for x in right if prep_before(x[1]) not in cues.agent_preps | cues.locative | {"from", "of"}]
                if trig.args in ("pair", "symmetric"):
                    objs = [x for x in right if prep_before(x[1]) in cues.pair_preps or x[1] == m.end or
                            prep_before(x[1]) in cues.recipient_preps] or objs
                if objs:
                    recipient = [a for a, _, _ in with_conjuncts(objs, 0)]
            if not recipient and trig.args == "intransitive" or not recipient and cand.event == "ASSAULT":
                victims = [x for x in right if x[0].kind in VICTIM_KINDS]
                if victims:
                    recipient = [victims[0][0]]
            if trig.args == "symmetric" and recipient:
                actor, recipient = actor + recipient, []
        elif trig.pos == "verb" and passive:
            subj = _nearest_left_group(left, words)
            recipient = [a for a, _, _ in subj]
            if agent:
                actor = [a for a, _, _ in with_conjuncts(agent, 0)]
        else:  # noun trigger
            if agent:
                actor = [a for a, _, _ in with_conjuncts(agent, 0)]
            # premodifier: "an ISIS-K suicide bombing", "Pakistani airstrikes", "the U.S. withdrawal"
            pre = [x for x in left if m.start - x[2] <= 2 and all(
                w in cues.determiners or w == "'s" or w == "’s" for w in words[x[2]:m.start])]
            if pre and not actor:
                actor = [pre[-1][0]]
            between = [x for x in right if prep_before(x[1]) == "between"]
            if between:
                group = with_conjuncts(between, 0)
                if trig.args == "symmetric":
                    actor = actor + [a for a, _, _ in group]
                else:
                    if not actor:
                        actor, group = [group[0][0]], group[1:]
                    recipient = [a for a, _, _ in group]
            of = [x for x in right if prep_before(x[1]) == "of" and x[1] <= m.end + 3]
            if of and trig.of == "actor" and not actor:
                actor = [of[0][0]]
            elif of and trig.of != "actor" and not recipient:
                recipient = [of[0][0]]
            targets = [x for x in right if prep_before(x[1]) in cues.recipient_preps | cues.pair_preps - {"between"}]
            if targets and not recipient:
                recipient = [a for a, _, _ in with_conjuncts(targets, 0)]
            # light verb: "X conducted airstrikes", "X carried out an attack", "X signed an agreement"
            if not actor:
                j = m.start - 1
                while j >= clause_l and words[j] in cues.determiners:
                    j -= 1
                if j >= clause_l and (words[j] in cues.light_verbs or words[j] in ("out",)):
                    subj = _nearest_left_group([x for x in left if x[2] <= j], words)
                    actor = [a for a, _, _ in subj]
            if trig.args == "symmetric" and recipient:
                actor, recipient = actor + recipient, []
        # verbal events inside what someone said: the speaker's side is the actor
        frame = _frame_of(frames, cand.head)
        if frame and frame.speaker is not None:
            cand.speaker = frame.speaker
            if not actor and cand.event in VERBAL_TYPES | {"COOPERATE", "AID"}:
                actor = [_speaker_side(frame.speaker)]
            if frame.reported_by:
                cand.reported_by.extend(x for x in frame.reported_by if x not in cand.reported_by)
        if actor and cand.event in VERBAL_TYPES and cand.speaker is None:
            person = next((a for a in actor if a.entity.kind == "person"), None)
            if person:
                cand.speaker = person
        actor = _dedupe(actor)
        recipient = [r for r in _dedupe(recipient) if r.entity.kb_id not in {a.entity.kb_id for a in actor} or
                     r.entity.kb_id is None]
        cand.actor, cand.recipient = actor, recipient

    def _passive(self, words: list[str], head: int) -> bool:
        form = words[head]
        if not (form.endswith("ed") or form.endswith("en") or form in ("shot", "struck", "fought", "hit", "held",
                                                                          "met", "beat", "withdrawn")):
            return False
        j = head - 1
        while j >= 0 and words[j] in self.cues.adverbs - {"to"}:
            j -= 1
        if j >= 0 and words[j] in self.cues.be:
            return True
        if head + 1 < len(words) and words[head + 1] == "by":
            return True  # reduced relative: "the mosque attacked by ISIS-K"
        return False

    def _anaphoric(self, words: list[str], m: TriggerMatch, cand: Candidate) -> bool:
        """'the explosion', 'that attack', 'the recent attacks' with no arguments of their own refer back."""
        if cand.trigger.pos != "noun":
            # "the explosion killed 46": a verb whose subject is an anaphoric event noun
            return False
        j = m.start - 1
        while j >= 0 and words[j] in self.cues.determiners and words[j] not in self.cues.anaphoric_determiners:
            j -= 1
        return j >= 0 and words[j] in self.cues.anaphoric_determiners and not cand.actor

    def _date(self, view: ArticleView, cand: Candidate, words: list[str], m: TriggerMatch) -> None:
        sent = cand.sent
        spans = [d for d in view.dates if d.start >= sent.start_char and d.end <= sent.end_char]
        if not spans:
            return
        trig_char = cand.char_start
        # nearest expression; ones in the same clause first
        doc = sent.doc
        clause_l = doc[sent.start + _clause_start(words, m.start, self.cues)].idx
        clause_r_tok = sent.start + _clause_end(words, m.end) - 1
        clause_r = doc[clause_r_tok].idx + len(doc[clause_r_tok].text) if clause_r_tok >= sent.start else sent.end_char
        inside = [d for d in spans if d.start >= clause_l and d.end <= clause_r]
        pool = inside or spans
        best = min(pool, key=lambda d: abs(d.start - trig_char))
        info = best.info
        if cand.modality == "future" and view.renormalize_date is not None and info.text:
            info = view.renormalize_date(info.text, view.published, "future")
        cand.date = DateSpan(best.start, best.end, info)

    def _place(self, view: ArticleView, cand: Candidate, words: list[str], m: TriggerMatch) -> None:
        sent = cand.sent
        used = {(a.start, a.end) for a in cand.actor + cand.recipient}
        options: list[tuple[int, Place, tuple[int, int]]] = []
        doc = sent.doc
        trig_char = cand.char_start
        for place in view.places:
            for s, e in place.mentions:
                if s < sent.start_char or e > sent.end_char or (s, e) in used:
                    continue
                if any(a_s <= s and e <= a_e for a_s, a_e in used):
                    continue
                tok = doc.char_span(s, e, alignment_mode="expand")
                if tok is None:
                    continue
                rel = tok.start - sent.start
                prep = _prep_before(words, rel, self.cues)
                locative = prep in self.cues.locative
                if cand.event in VERBAL_TYPES and not locative and not _modifies_event_noun(words, rel, tok.end - sent.start, self.lexicon):
                    continue
                if prep in ("from", "to", "toward", "towards") and cand.event not in ("RETREAT",):
                    continue
                score = abs(s - trig_char)
                if not locative:
                    score += 200
                if place.feature == "country":
                    score += 100  # a named city or province in the clause is the better answer
                options.append((score, place, (s, e)))
        if options:
            options.sort(key=lambda x: x[0])
            _, place, span = options[0]
            cand.place = (place, span)

    def _sources(self, cand: Candidate, words: list[str], toks, actors: list[ActorMention],
                 frames: list[SpeechFrame]) -> None:
        base = cand.sent.start
        for cue in self.cues.source_cues:
            n = len(cue)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) != cue:
                    continue
                src = _source_after(actors, base + i + n, words, i + n, toks)
                if src and src not in cand.reported_by:
                    cand.reported_by.append(src)
        for a in actors:
            if a.entity.sector == "JRN" or a.kind == "media":
                rel_end = a.tok_end - base
                nxt = words[rel_end] if rel_end < len(words) else ""
                if nxt in ("reported", "reports", "said", "says", "quoted", "cited"):
                    name = a.entity.identifier_text or a.text
                    if name not in cand.reported_by:
                        cand.reported_by.append(name)

    # -- speech ------------------------------------------------------------------------------------------
    def _speech_frames(self, sent: Span, actors: list[ActorMention]) -> list[SpeechFrame]:
        words = [t.lower_ for t in sent]
        base = sent.start
        frames = []
        for i, w in enumerate(words):
            if w not in self.cues.speech_verbs:
                continue
            if w.startswith("claim") and i + 1 < len(words) and words[i + 1] in self.cues.claim_nouns:
                continue
            if w in ("report", "reported", "reports", "reporting") and not any(
                    a.tok_end - base == i and (a.entity.sector == "JRN" or a.kind == "media") for a in actors):
                continue
            speaker = None
            left = [a for a in actors if a.tok_end - base <= i and a.tok_end - base >= i - 4]
            # "X said" / "X, the group's spokesman, said": nearest mention before the verb in its clause
            if left:
                speaker = max(left, key=lambda a: a.tok_end)
            else:
                right = [a for a in actors if a.tok_start - base in (i + 1, i + 2)]
                if right:
                    speaker = right[0]  # "said Shaheen"
            reported = []
            start = i + 1
            # "told the Associated Press that ...": the addressee is a cited source when it is an outlet
            for a in actors:
                if a.tok_start - base in (i + 1, i + 2) and (a.entity.sector == "JRN" or a.kind == "media"):
                    reported.append(a.entity.identifier_text or a.text)
                    start = a.tok_end - base
            if speaker is not None and (speaker.entity.sector == "JRN" or speaker.kind == "media"):
                reported.append(speaker.entity.identifier_text or speaker.text)
            # content: after the verb (and "that"), or, for a quote before the verb, the quote
            if i > 0 and words[i - 1] not in ("“", '"') and any(q in words[:i] for q in ("”", '"')):
                content_start, content_end = 0, i
            else:
                content_start, content_end = start, len(words)
            frames.append(SpeechFrame(speaker, base + i, base + content_start, base + content_end, reported))
        return frames

    # -- pronouns ----------------------------------------------------------------------------------------
    def _add_pronouns(self, sent: Span, actors: list[ActorMention], last: list[ActorMention]) -> list[ActorMention]:
        """Subject pronouns resolved to an antecedent: the subject mention earlier in the same sentence, or
        the last named subject of the previous sentences."""
        out = list(actors)
        for tok in sent:
            number = self.cues.pronouns.get(tok.lower_)
            if number is None or number == "speaker":
                continue
            if tok.lower_ in ("their", "its", "his", "her", "them", "him"):
                continue  # possessives and objects are rarely event participants on their own
            before = [a for a in actors if a.end <= tok.idx and a.via != "pronoun" and not a.generic]
            pool = before or last
            if number == "person":
                pool = [a for a in pool if a.entity.kind == "person"]
            else:
                pool = [a for a in pool if a.entity.kind != "person"]
            if not pool:
                continue
            ante = pool[-1] if before else pool[0]
            out.append(ActorMention(tok.idx, tok.idx + len(tok.text), tok.text, ante.entity, "pronoun", ante.kind,
                                    tok.i, tok.i + 1))
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
                first = sent.doc.char_span(cas.start, cas.end, alignment_mode="expand")
                tok = first.start if first is not None else sent.start
                cand = Candidate("ASSAULT", _CASUALTY_TRIGGER, si, sent, tok, max(tok + 1, first.end if first else tok + 1),
                                 tok, anaphoric=True)
                cands.append(cand)
                by_sent.setdefault(si, []).append(cand)
                local = [cand]
            target = min(local, key=lambda c: abs(c.char_start - cas.start))
            slot = {"killed": "killed", "wounded": "wounded", "missing": "missing"}.get(cas.kind)
            if slot and getattr(target, slot) is None:
                setattr(target, slot, cas.count)
        cands.sort(key=lambda c: (c.sent_index, c.tok_start))

    def _attach_claims(self, view: ArticleView, cands: list[Candidate], sents: list[Span]) -> None:
        for si, sent in enumerate(sents):
            words = [t.lower_ for t in sent]
            for i, w in enumerate(words):
                if w not in self.cues.claim_nouns:
                    continue
                if not any(x in self.cues.claim_verbs for x in words[max(0, i - 3):i]):
                    continue
                actors = [a for a in view.actors if sent.start_char <= a.start < sent.end_char and not a.generic]
                base = sent.start
                claimant = None
                left = [a for a in actors if a.tok_end - base <= i]
                if left:
                    claimant = left[0] if words[0:1] != ["responsibility"] else None
                    claimant = left[-1] if left[-1].tok_end - base >= i - 6 else left[0]
                by = [a for a in actors if a.tok_start - base > i and words[a.tok_start - base - 1] == "by"]
                if by:
                    claimant = by[0]
                if claimant is None:
                    continue
                # the claimed event: an attack in this sentence, else the latest attack before it
                local = [c for c in cands if c.sent_index == si and c.event == "ASSAULT" and not c.anaphoric]
                before = [c for c in cands if c.sent_index < si and c.event == "ASSAULT" and not c.anaphoric]
                target = local[0] if local else (before[-1] if before and si - before[-1].sent_index <= ANAPHORA_WINDOW else None)
                if target is None:
                    continue
                if claimant.entity.kb_id not in {x.entity.kb_id for x in target.claimed_by}:
                    target.claimed_by.append(claimant)
                if not target.actor or all(a.generic for a in target.actor):
                    target.actor = [claimant] + [a for a in target.actor if not a.generic]

    def _merge(self, cands: list[Candidate]) -> list[Candidate]:
        out: list[Candidate] = []
        for c in sorted(cands, key=lambda c: (c.sent_index, c.tok_start)):
            target = None
            for prev in reversed(out):
                if c.sent_index - prev.sent_index > max(ANAPHORA_WINDOW, MERGE_WINDOW) and not _same_named(prev, c):
                    continue
                if _mergeable(prev, c):
                    target = prev
                    break
            if target is None:
                if c.anaphoric and not (c.actor or c.recipient or c.place):
                    continue  # "the recent attacks" with nothing of its own and nothing to refer to
                out.append(c)
            else:
                _absorb(target, c)
        return out

    def _keep(self, c: Candidate) -> bool:
        named = [a for a in c.actor + c.recipient if not a.generic]
        if not (c.actor or c.recipient or c.place or c.killed or c.wounded):
            return False
        if c.trigger.weak and not named and not (c.killed or c.wounded or c.merged):
            return False
        return True


# ---------------------------------------------------------------------------------------------------------
# helpers

_CASUALTY_TRIGGER = Trigger(event="ASSAULT", key="casualties", pos="verb", weak=False)


def _align(actors: list[ActorMention], doc: Doc) -> None:
    for a in actors:
        if a.tok_start >= 0:
            continue
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is not None:
            a.tok_start, a.tok_end = span.start, span.end


def _clause_start(words: list[str], i: int, cues: Cues) -> int:
    j = i - 1
    while j >= 0:
        if words[j] in (";", ":", "“", "”", '"'):
            return j + 1
        if words[j] == "," and j + 1 < len(words) and words[j + 1] in ("who", "which", "saying", "claiming", "while"):
            return j + 1
        j -= 1
    return 0


def _clause_end(words: list[str], i: int) -> int:
    for j in range(i, len(words)):
        if words[j] in (";", ":") or (words[j] == "," and j + 1 < len(words) and
                                        words[j + 1] in ("who", "which", "while", "saying", "adding", "but")):
            return j
    return len(words)


def _prep_before(words: list[str], s: int, cues: Cues) -> str:
    j = s - 1
    while j >= 0 and (words[j] in cues.determiners or words[j] in ("the", "northeastern", "northern", "southern",
                                                                   "eastern", "western", "central", "southeastern",
                                                                   "northwestern", "southwestern", "of")):
        if words[j] == "of" and j > 0 and words[j - 1] in ("inside", "outside", "north", "south", "east", "west"):
            j -= 1
            break
        j -= 1
    return words[j] if j >= 0 else ""


def _modifies_event_noun(words: list[str], s: int, e: int, lexicon: Lexicon) -> bool:
    """'the Doha meetings', 'the Kabul talks': a place name modifying an event noun."""
    nxt = words[e:e + 1]
    return bool(nxt) and any(p.trigger.pos == "noun" for p in lexicon.patterns.get(nxt[0], ()))


def _nearest_left_group(left: list, words: list[str]) -> list:
    if not left:
        return []
    group = [left[-1]]
    for k in range(len(left) - 2, -1, -1):
        between = words[left[k][2]:group[0][1]]
        if between and all(w in ("and", ",", "the", "both") for w in between) and "and" in between or between == [","]:
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
    ent = speaker.entity
    if ent.kind == "person" and ent.member_of:
        org = Entity(entity_text=speaker.text, identifier_text=ent.member_of, code=ent.code, sector=ent.sector,
                     kb_id=None, kind="organisation", mentions=[])
        return ActorMention(speaker.start, speaker.end, speaker.text, org, "speaker", "organisation",
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
                not c.actor or not prev.actor or _overlap(prev.actor, c.actor)):
            _absorb(prev, c)
            continue
        out.append(c)
    return out


def _ids(items: list[ActorMention]) -> set[str]:
    return {a.entity.kb_id or a.entity.identifier_text or a.text.lower() for a in items if not a.generic}


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


def _mergeable(prev: Candidate, c: Candidate) -> bool:
    if prev.event != c.event:
        return False
    if not _dates_compatible(prev.date, c.date) or not _places_compatible(prev.place, c.place):
        return False
    if prev.actor and c.actor and not _overlap(prev.actor, c.actor) and not (
            all(a.generic for a in prev.actor) or all(a.generic for a in c.actor)):
        return False
    gap = c.sent_index - prev.sent_index
    if c.anaphoric or (not c.actor and not c.recipient and c.trigger is _CASUALTY_TRIGGER):
        return gap <= ANAPHORA_WINDOW
    if _same_named(prev, c):
        return True
    if prev.modality != c.modality:
        return False
    shared = _overlap(prev.actor, c.actor) or _overlap(prev.recipient, c.recipient)
    return gap <= MERGE_WINDOW and shared and (
        prev.date is None or c.date is None or prev.place is None or c.place is None or True)


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
        if getattr(into, slot) is None and getattr(c, slot) is not None:
            setattr(into, slot, getattr(c, slot))
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
    if into.speaker is None:
        into.speaker = c.speaker


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


def to_event(c: Candidate, article_id: str, text: str) -> Event:
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


def candidates_in_sentence(cands: Sequence[Candidate], sent_index: int) -> list[Candidate]:
    return [c for c in cands if c.sent_index == sent_index]
