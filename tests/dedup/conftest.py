"""Fixtures of the dedup tests; the builders of hand-made reports are in dedup_builders.py."""

from __future__ import annotations

import pytest

from hoopoe.store import open_store


@pytest.fixture()
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'dedup.db'}") as s:
        yield s
