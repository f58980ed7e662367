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
            if "actor_sector_any" in rule and not {a.sector for a in ev.actor} & set(rule["actor_sector_any"]):
                continue
            if "words_any" in rule and not any(w in (ev.event_text or "").lower() for w in rule["words_any"]):
                continue
            if "killed" in rule and bool(ev.killed and (ev.killed.min or ev.killed.max)) != rule["killed"]:
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


# -- CAMEO -> PLOVER 2.0 (resources/crosswalk/cameo.yaml, built by scripts/build_cameo_crosswalk.py) -----------
# Self-contained block (its imports included) so that it merges apart from edits to the code above.

import re
from dataclasses import dataclass

from hoopoe.errors import HoopoeError, ResourceError

CAMEO_FILE = CROSSWALK_FILE.parent / "cameo.yaml"


@dataclass(frozen=True, slots=True)
class CameoEntry:
    """One CAMEO code and its PLOVER 2.0 equivalent; ``event`` is None for the dropped roots 01 and 02."""

    code: str
    name: str
    event: str | None
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    official: str = ""
    notes: tuple[str, ...] = ()

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def dropped(self) -> bool:
        return self.event is None


@lru_cache(maxsize=4)
def load_cameo_table(path: Path | None = None) -> dict[str, CameoEntry]:
    """Every CAMEO code of the cleaned official table (2-, 3- and 4-digit) by code, as strings ("0874")."""
    src = path or CAMEO_FILE
    try:
        data = yaml.safe_load(Path(src).read_text(encoding="utf-8"))
        codes = data["codes"]
        return {str(code): CameoEntry(code=str(code), name=e["name"], event=e["event"], mode=tuple(e.get("mode") or ()),
                                      context=tuple(e.get("context") or ()), official=e.get("official", ""),
                                      notes=tuple(e.get("notes") or ()))
                for code, e in codes.items()}
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as e:
        raise ResourceError(f"the CAMEO crosswalk {src} cannot be read ({e}); rebuild it with "
                            "scripts/build_cameo_crosswalk.py") from e


def cameo_to_plover(code: str) -> CameoEntry | None:
    """The PLOVER 2.0 mapping of a CAMEO event code ("190", "0874"), or None for the dropped roots 01 and 02.

    A code the official table does not list (a later CAMEO addition such as "1951", or any 01x/02x code) takes
    the mapping of its nearest listed parent; the returned entry's ``code`` says which. A string that is not a
    2-4 digit code under the roots 01-20 raises HoopoeError (reason ``bad-cameo-code``).
    """
    table = load_cameo_table()
    c = code.strip() if isinstance(code, str) else code
    if not isinstance(c, str) or not re.fullmatch(r"\d{2,4}", c) or c[:2] not in table:
        roots = sorted(k for k in table if len(k) == 2)
        raise HoopoeError(f"{code!r} is not a CAMEO event code: expected 2-4 digits (a string, leading zero kept) "
                          f"under the roots {roots[0]}-{roots[-1]}", reason="bad-cameo-code")
    for n in range(len(c), 1, -1):
        entry = table.get(c[:n])
        if entry is not None:
            return None if entry.dropped else entry
    raise AssertionError("unreachable: every root is in the table")
