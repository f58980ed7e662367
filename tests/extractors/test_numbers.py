"""parse_number: exact cardinals as news writes them; vague quantities are None."""

from __future__ import annotations

import pytest

from hoopoe.extractors.numbers import parse_number


@pytest.mark.parametrize("text,value", [
    ("thirty", 30), ("a dozen", 12), ("1,200", 1200), ("two hundred", 200), ("3 million", 3_000_000),
    ("46", 46), ("Seven", 7), ("eleven", 11), ("thirty-five", 35), ("twenty one", 21),
    ("one hundred and fifty", 150), ("two thousand five hundred", 2500), ("a hundred", 100),
    ("a thousand", 1000), ("half a dozen", 6), ("two dozen", 24), ("3.5 million", 3_500_000),
    ("1.2 billion", 1_200_000_000), ("1,844", 1844), ("10,000", 10000), ("a couple", 2), ("zero", 0),
    ("  twelve ", 12), ("Ninety-Nine", 99), ("four hundred thousand", 400_000),
])
def test_exact_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", [
    "dozens", "several", "hundreds", "scores", "a number of", "many", "a few", "some", "2.5", "", "people",
    "one hundreds", "a", "thousands of", "1,20",
])
def test_vague_or_not_a_number_is_none(text):
    assert parse_number(text) is None
