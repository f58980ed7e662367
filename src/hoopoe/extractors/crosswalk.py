"""Contexts, quad class and score, CAMEO root code and ACLED type for coded events (data in
``resources/crosswalk/crosswalk.yaml``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from hoopoe.extractors.lexicon import PloverTable, load_plover
from hoopoe.records import Event

CROSSWALK_FILE = Path(__file__).resolve().parents[1] / "resources" / "crosswalk" / "crosswalk.yaml"
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "UAF", "SPY"})


@lru_cache(maxsize=1)
def load_crosswalk() -> dict:
    return yaml.safe_load(CROSSWALK_FILE.read_text(encoding="utf-8"))


class Crosswalk:
    def __init__(self, data: dict | None = None, plover: PloverTable | None = None) -> None:
        self.data = data or load_crosswalk()
        self.plover = plover or load_plover()
        self.version = self.data["version"]
        ctx = self.data["contexts"]
        self._ctx = {k: frozenset(v) for k, v in ctx.items()}

    def cameo(self, ev: Event) -> str | None:
        table = self.data["cameo"].get(ev.event)
        if not table:
            return None
        for m in ev.mode:
            code = (table.get("modes") or {}).get(m)
            if code:
                return code
        return table["default"]

    def acled(self, ev: Event) -> dict[str, str] | None:
        for rule in self.data["acled"]:
            if rule["type"] != ev.event:
                continue
            if "mode_any" in rule and not set(rule["mode_any"]) & set(ev.mode):
                continue
            if "recipient_sector_any" in rule and not {r.sector for r in ev.recipient} & set(rule["recipient_sector_any"]):
                continue
            if rule.get("both_armed"):
                actors = [a for a in ev.actor if a.sector in ARMED_SECTORS or a.kind == "armed_group"]
                others = [r for r in ev.recipient if r.sector in ARMED_SECTORS or r.kind == "armed_group"]
                if not (len(actors) >= 2 or (actors and others)):
                    continue
            return {"event_type": rule["event_type"], "sub_event_type": rule["sub_event_type"]}
        return None

    def contexts(self, ev: Event, sentence: str) -> list[str]:
        c = self._ctx
        out = list(ev.context)
        words = {w.strip(".,;:()“”\"'").lower() for w in sentence.split()}

        def add(x: str) -> None:
            if x not in out:
                out.append(x)

        armed_actor = any(a.kind in c["terrorism_actor_kinds"] for a in ev.actor + ev.claimed_by)
        if ev.claimed_by or (armed_actor and (set(ev.mode) & c["terrorism_modes"] or ev.event == "ASSAULT")):
            add("terrorism")
        if words & c["religion_words"] or any(r.kind in c["religion_recipient_kinds"] for r in ev.recipient):
            add("religion_ethnicity")
        if ev.event in c["diplomatic_types"] and ev.actor and any(
                a.kind in c["diplomatic_actor_kinds"] or a.code in ("IGO", "UNO") for a in ev.actor + ev.recipient):
            add("diplomatic")
        if any(a.sector in c["military_sectors"] for a in ev.actor) and ev.event in ("ASSAULT", "MOBILIZE", "COERCE", "THREATEN"):
            add("military")
        if words & c["gender_words"]:
            add("gender")
        if set(ev.mode) & c["repression_modes"] and any(a.sector in ("GOV", "COP", "MIL") for a in ev.actor):
            add("repression")
        return out

    def apply(self, ev: Event, sentence: str) -> None:
        ev.context = self.contexts(ev, sentence)
        ev.quad_code = self.plover.quad(ev.event)
        ev.event_scale = self.plover.score(ev.event, ev.mode)
        ev.cameo = self.cameo(ev)
        ev.acled = self.acled(ev)
