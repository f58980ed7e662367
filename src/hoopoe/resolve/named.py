"""Attackers named in the text: people no list holds, recognised where the report names the perpetrator.

Reports of attacks by individuals name them in a few set ways: "the attacker, identified as Sudesh Amman",
"a suicide bomber named Salman Abedi", "the suspect, 23-year-old Mark Anthony Conditt,", "52-year-old Khalid
Masood drove into pedestrians", "James Harris Jackson, a white supremacist, stabbed ...". Each such name
becomes an actor of kind ``person`` (identifier ``hoopoe:named:<slug>``) that the event coder attaches to the
attack as its perpetrator (``attribution`` ``identified``). Only these contexts are used: a capitalised name
elsewhere is left to the statistical entity recogniser, so a victim or an official is not taken for an
attacker.
"""

from __future__ import annotations

import re

from hoopoe.resolve.actors import Actor, ActorKB, ActorMatch, slugify

VERSION = "named-attackers.v1"
VIA = "named"

_PARTICLES = r"(?:bin|bint|ibn|al|el|de|da|di|van|von|der|ul|ud)"
_CAP = r"(?:[A-Z][a-z]+(?:['’\-][A-Za-z]+)*|[A-Z]\.)"
#: A person's name: two to five capitalised words, particles allowed inside ("Osama bin Laden").
NAME = rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|{_PARTICLES})){{0,4}}\s+{_CAP}|{_CAP}\s+{_CAP})"
_WHO = (r"(?:attacker|attackers|gunman|shooter|suspect|perpetrator|assailant|bomber|suicide bomber|knifeman|"
        r"stabber|hijacker|man|woman|teenager|youth|driver)")
_AGE = r"(?:\d{1,2}[- ]year[- ]old\s+)"
_BORN = r"(?:[A-Z][a-z]+[- ]born\s+)"
_VIOLENT = (r"(?:stabbed|shot|killed|attacked|opened|detonated|rammed|drove|bombed|blew|fired|murdered|hijacked|"
            r"set|threw|exploded|struck)")

PATTERNS: tuple[re.Pattern, ...] = (
    # "the attacker, identified as X", "a gunman identified as Arab Israeli X"
    re.compile(rf"\b{_WHO}\b[^.;]{{0,40}}?\b(?:identified|named|unmasked)\s+(?:him\s+)?as\s+{_AGE}?{NAME}"),
    # "a suicide bomber named X", "a man called X"
    re.compile(rf"\b{_WHO}\s+(?:named|called)\s+{_AGE}?{NAME}"),
    # "the attacker, 28-year-old convicted terrorist X,", "the suspect, X, ", "the perpetrator of the attacks, X,"
    re.compile(rf"\b{_WHO}(?:\s+(?:of|in|behind)\s+the\s+[a-z]+)?\s*,\s*(?:(?:an?|the)\s+)?{_AGE}?(?:[a-z][\w\-]*\s+){{0,3}}"
               rf"{_BORN}?{NAME}\s*[,(]"),
    # "52-year-old X drove into", "25 year old Libyan born X attacked"
    re.compile(rf"\b{_AGE}{_BORN}?{NAME}(?=\s*(?:,|\s[a-z]))"),
    # "X, a white supremacist, stabbed"
    re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n)){NAME},\s+(?:an?|the)\s+[^,.;]{{2,60}},\s+{_VIOLENT}\b"),
)


def find_named_attackers(text: str, kb: ActorKB, covered: list[tuple[int, int]]) -> list[ActorMatch]:
    """People named as attackers in ``text``, outside the ``covered`` character spans (known actors, places,
    organisations), each as an ActorMatch with a synthetic person actor (``via`` = ``named``)."""
    found: dict[tuple[int, int], ActorMatch] = {}
    for pat in PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span("name")
            s, e = _trim_known(text, s, e, kb)
            if e - s < 4 or " " not in text[s:e].strip():
                continue
            if any(s < ce and cs < e for cs, ce in covered) or kb.lookup(text[s:e]) is not None:
                continue
            if (s, e) not in found:
                name = text[s:e]
                actor = Actor(id=f"named:{slugify(name)}", name=name, kind="person", sector=None)
                found[(s, e)] = ActorMatch(s, e, name, actor, VIA)
    return sorted(found.values(), key=lambda x: x.start)


def _trim_known(text: str, s: int, e: int, kb: ActorKB) -> tuple[int, int]:
    """Drop leading words the knowledge base knows (demonyms, places, titles): "Arab Israeli Nasha'at Melhem"
    -> "Nasha'at Melhem"."""
    while True:
        m = re.match(r"(\S+)\s+", text[s:e])
        if not m:
            return s, e
        word = m.group(1)
        if kb.lookup(word) is None and word not in ("Arab", "Muslim", "Christian", "Jewish", "Islamist"):
            return s, e
        s += m.end()


CLAIMANT_VIA = "claimant"
_ORG_WORD = r"(?:[A-Z][a-z]+(?:['’\-][A-Za-z]+)*|[A-Z]{2,})"
#: "Saraya Qasioun claimed responsibility", "Jund al-Khilafa has claimed the attack": a name no list holds,
#: at the start of a sentence, that claims an attack is a group (the statistical recogniser may miss it).
CLAIM_PATTERN = re.compile(
    rf"(?:^|(?<=[.!?])\s*|(?<=\n))(?P<name>{_ORG_WORD}(?:\s+(?:{_ORG_WORD}|{_PARTICLES})){{0,4}})\s+"
    r"(?:has\s+|have\s+|later\s+|quickly\s+|reportedly\s+)?claimed\s+(?:responsibility|the\s+(?:attack|attacks|bombing|"
    r"bombings|blast|killing|killings|kidnapping|assault|massacre|shooting|ambush))")
_NOT_CLAIMANTS = frozenset({"No", "Nobody", "No one", "It", "He", "She", "They", "We", "The", "A", "An", "Police",
                            "Officials", "Authorities", "Militants", "Gunmen", "Rebels", "Insurgents", "Jihadists"})


def find_claimants(text: str, kb: ActorKB, covered: list[tuple[int, int]]) -> list[ActorMatch]:
    """Groups no list holds that the text says claimed an attack, as ActorMatch objects with a synthetic
    ``armed_group`` actor (``via`` = ``claimant``)."""
    out = []
    for m in CLAIM_PATTERN.finditer(text):
        s, e = m.span("name")
        s, e = _trim_known(text, s, e, kb)
        name = text[s:e]
        if not name or name.split()[0] in _NOT_CLAIMANTS or name in _NOT_CLAIMANTS or len(name) < 3:
            continue
        if any(s < ce and cs < e for cs, ce in covered) or kb.lookup(name) is not None:
            continue
        actor = Actor(id=f"named:{slugify(name)}", name=name, kind="armed_group", sector="REB")
        out.append(ActorMatch(s, e, name, actor, CLAIMANT_VIA))
    return out


SPEAKER_VIA = "speaker-name"
_PNAME = rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|{_PARTICLES})){{0,3}}\s+{_CAP})"
#: People the text quotes or cites by name, in the set shapes of attribution: '"...," said Toby Harward, the UN
#: deputy coordinator', '"...," Mai Ngwe Tun told Reuters', 'Nabil Abdallah, the army's spokesman, said'.
SPEAKER_PATTERNS: tuple[re.Pattern, ...] = (
    re.compile(rf"\b(?:said|says|added|told|warned|stressed)\s+{_PNAME}(?=\s*(?:,|\.|$|\s+(?:on|in|at|to|of)\b))"),
    re.compile(rf"[”\"],?\s+{_PNAME}\s+(?:said|says|added|told|wrote|warned)\b"),
    re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n)){_PNAME},\s+(?:the|a|an)\s+[^,.;]{{3,90}},\s+(?:said|says|told|added)\b"),
    re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=,\s)){_PNAME}\s+(?:told|said|says)\s+(?:reporters|journalists|Reuters|AFP|AP|the)\b"),
)
_NOT_PERSON_WORDS = frozenset({"The", "A", "An", "He", "She", "They", "It", "We", "This", "That", "Officials",
                               "Police", "Army", "Ministry", "Government", "President", "Minister", "General",
                               "Spokesman", "Spokeswoman", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                               "Saturday", "Sunday", "United", "National", "International", "News", "Agency"})


def find_speakers(text: str, kb: ActorKB, covered: list[tuple[int, int]]) -> list[ActorMatch]:
    """People no list holds whom the text quotes by name, as ActorMatch objects with a synthetic person actor
    (``via`` = ``speaker-name``). The organisation they speak for is the first organisation or state the
    knowledge base finds in the apposition after the name ("Toby Harward, the UN deputy coordinator" -> UN)."""
    found: dict[tuple[int, int], ActorMatch] = {}
    for pat in SPEAKER_PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span("name")
            s, e = _trim_known(text, s, e, kb)
            name = text[s:e]
            words = name.split()
            if len(words) < 2 or any(w in _NOT_PERSON_WORDS for w in words):
                continue
            if any(s < ce and cs < e for cs, ce in covered) or kb.lookup(name) is not None:
                continue
            member_of = None
            tail = re.match(r",\s+(?:the|a|an)\s+([^,.;]{3,90})", text[e:e + 100])
            if tail:
                for hit in kb.find(tail.group(1)):
                    if hit.actor.kind != "person":
                        member_of = hit.actor.id
                        break
            actor = Actor(id=f"named:{slugify(name)}", name=name, kind="person", sector=None, member_of=member_of)
            found.setdefault((s, e), ActorMatch(s, e, name, actor, SPEAKER_VIA))
    return sorted(found.values(), key=lambda x: x.start)
