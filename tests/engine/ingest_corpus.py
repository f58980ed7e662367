"""Helpers for the engine tests: a generated corpus of short news items, ``hoopoe ingest`` as a
subprocess, a store's contents."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from hoopoe.store import open_store

ROOT = Path(__file__).resolve().parents[2]

GROUPS = ["Taliban fighters", "Islamic State militants", "al-Shabaab fighters", "Boko Haram militants",
          "Houthi rebels", "gunmen", "suspected rebels", "unidentified attackers"]
TARGETS = ["a police checkpoint", "an army base", "a market", "a convoy", "a mosque", "a school",
           "a government office", "a village"]
PLACES = ["Kabul", "Kunduz", "Herat", "Mogadishu", "Maiduguri", "Aden", "Mosul", "Kirkuk", "Gao", "Mopti",
          "Quetta", "Peshawar", "Jalalabad", "Kandahar", "Baidoa", "Sanaa"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OFFICIALS = ["the interior ministry", "a provincial spokesman", "local officials", "the police chief",
             "the United Nations", "a hospital director"]


def news_item(i: int) -> str:
    """A short, distinct news item (a headline and three or four sentences); ``i`` seeds it."""
    r = random.Random(i)
    place, day = r.choice(PLACES), r.choice(DAYS)
    killed, wounded = r.randint(2, 60), r.randint(1, 90)
    lines = [f"Attack in {place} leaves {killed} dead (report {i})", "",
             (f"{r.choice(GROUPS).capitalize()} attacked {r.choice(TARGETS)} in {place} on {day}, "
              f"killing {killed} people and wounding {wounded}, {r.choice(OFFICIALS)} said."),
             f"Police arrested {r.randint(2, 9)} suspects in {r.choice(PLACES)} on {r.choice(DAYS)}."]
    if r.random() < 0.5:
        lines.append(f"Hundreds of people protested in {r.choice(PLACES)} against the violence.")
    lines.append(f"The government condemned the attack and promised an investigation, {r.choice(OFFICIALS)} said.")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, numbers: range | list[int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (folder / f"item-{i:04d}.txt").write_text(news_item(i), encoding="utf-8")
    return folder


def hoopoe_cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", "from hoopoe.cli import main; main()", "ingest", *args]


def hoopoe_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def run_hoopoe(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(hoopoe_cmd(*args), env=hoopoe_env(), capture_output=True, text=True, timeout=timeout,
                          check=False)


def contents(url: str) -> dict[str, list[tuple[str, str]]]:
    """Every stored article's events as (event id, type), by article id."""
    with open_store(url) as store:
        out: dict[str, list[tuple[str, str]]] = {aid: [] for (aid,) in store._query("SELECT id FROM articles")}
        for meta, ev in store.events():
            out[meta.id].append((ev.id, ev.event))
        return {k: sorted(v) for k, v in out.items()}


#: Items in the session's corpus: a few hundred, so that a run can be killed in its middle.
CORPUS_SIZE = 300
