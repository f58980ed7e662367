"""Quotes: direct speech with its speaker before or after, "he said" back-references, scare quotes, and
reported speech (``X told Y that ...``)."""

from __future__ import annotations

import pytest

from hoopoe.pipeline import default_pipeline, extract


@pytest.fixture(scope="module")
def pipe():
    return default_pipeline()


def quotes(pipe, text):
    return extract(text, published="2021-10-11", pipeline=pipe).quotes


@pytest.mark.parametrize("text,speaker,body", [
    ("“We will not allow anyone to use Afghan soil against other countries,” Zabihullah Mujahid said.",
     "Zabihullah Mujahid", "We will not allow anyone to use Afghan soil against other countries"),
    ('"The talks were productive and useful," said Suhail Shaheen.',
     "Suhail Shaheen", "The talks were productive and useful"),
    ("Suhail Shaheen said: “The talks in Doha were productive and useful.”",
     "Suhail Shaheen", "The talks in Doha were productive and useful."),
    ("Zabihullah Mujahid spoke to reporters in Kabul. “Our forces will find everyone who helped the attackers,” "
     "he said.", "Zabihullah Mujahid", "Our forces will find everyone who helped the attackers"),
])
def test_direct_quotes(pipe, text, speaker, body):
    (q,) = quotes(pipe, text)
    assert q.direct is True
    assert q.speaker.identifier_text == speaker
    assert q.text == body
    assert text[q.start:q.end].startswith(body)


@pytest.mark.parametrize("text", [
    "Critics mocked the so-called “over-the-horizon” strikes.",
    'The ministry called the report "fake news" on Monday.',
])
def test_scare_quotes_are_not_quotes(pipe, text):
    assert quotes(pipe, text) == []


def test_quote_without_attribution_is_not_kept(pipe):
    assert quotes(pipe, "“The situation is very dangerous for everyone in the city.”") == []


@pytest.mark.parametrize("text,speaker,body", [
    ("Suhail Shaheen told the Associated Press that the group would not cooperate with Washington.",
     "Suhail Shaheen", "the group would not cooperate with Washington"),
    ("Zabihullah Mujahid said that the Chinese investment is the region's most important economic venture.",
     "Zabihullah Mujahid", "the Chinese investment is the region's most important economic venture"),
])
def test_reported_speech(pipe, text, speaker, body):
    (q,) = quotes(pipe, text)
    assert q.direct is False
    assert q.speaker.identifier_text == speaker
    assert q.text == body
    assert text[q.start:q.end] == body


def test_direct_and_reported_in_one_article_in_text_order(pipe):
    text = ("Suhail Shaheen told the Associated Press that the group would not cooperate with Washington. "
            "“We are able to deal with the threat ourselves,” Shaheen said.")
    qs = quotes(pipe, text)
    assert [q.direct for q in qs] == [False, True]
    assert {q.speaker.identifier_text for q in qs} == {"Suhail Shaheen"}
    assert qs[0].start < qs[1].start
