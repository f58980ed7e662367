"""Fixtures: a generated corpus (:mod:`ingest_corpus`) and what an uninterrupted run stores for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_corpus import CORPUS_SIZE, contents, write_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """:data:`CORPUS_SIZE` short news items, one text file each."""
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news", range(CORPUS_SIZE))


@pytest.fixture(scope="session")
def reference(corpus, tmp_path_factory) -> dict[str, list[tuple[str, str]]]:
    """What an uninterrupted run in this process stores for the corpus."""
    from hoopoe.engine import ingest

    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'ref.db'}"
    summary = ingest([corpus], db=url)
    assert (summary.stored, summary.skipped_total) == (CORPUS_SIZE, 0)
    return contents(url)
