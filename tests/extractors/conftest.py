"""Shared fixtures for the coder's rule tests: one pipeline per session, and ``coded(text)`` -> its events."""

from __future__ import annotations

import pytest

from hoopoe.pipeline import default_pipeline, extract

#: The publication date the rule tests' sentences are read against.
PUBLISHED = "2021-10-11"


@pytest.fixture(scope="session")
def pipe():
    return default_pipeline()


@pytest.fixture()
def coded(pipe):
    def _coded(text: str, published: str = PUBLISHED):
        return extract(text, published=published, pipeline=pipe).events

    return _coded
