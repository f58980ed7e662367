"""The library entry point: hoopoe.extract(), stable ids, undated articles, size limit, component versions."""

from __future__ import annotations

from datetime import date

import pytest

from hoopoe.errors import BadDate, EmptyInput, TooLarge
from hoopoe.pipeline import MAX_CHARS, default_pipeline, extract
from hoopoe.records import Article, Document, from_dict, to_dict

TEXT = ("On Friday, a suicide bomber killed 12 people at a mosque in Kunduz. "
        "Islamic State Khorasan Province claimed responsibility for the attack. "
        "The Taliban said they would not cooperate with the United States.")


@pytest.fixture(scope="module")
def pipe():
    return default_pipeline()


def test_extract_returns_a_document(pipe):
    doc = extract(TEXT, published="2021-10-11", title="Kunduz", source="test", pipeline=pipe)
    assert isinstance(doc, Document)
    assert doc.article.published == "2021-10-11" and doc.article.title == "Kunduz"
    assert [e.event for e in doc.events] == ["ASSAULT", "REJECT"]
    attack = doc.events[0]
    assert attack.date.start == "2021-10-08" and attack.killed.min == 12
    assert [e.identifier_text for e in attack.claimed_by] == ["Islamic State Khorasan Province"]
    assert {e.identifier_text for e in doc.entities} >= {"Islamic State Khorasan Province", "Taliban", "United States"}
    assert any(p.name == "Kunduz" for p in doc.places)


def test_default_pipeline_is_shared():
    assert default_pipeline() is default_pipeline()


def test_extract_accepts_a_date_object(pipe):
    a = extract(TEXT, published=date(2021, 10, 11), pipeline=pipe)
    b = extract(TEXT, published="2021-10-11", pipeline=pipe)
    assert to_dict(a) == to_dict(b)


def test_same_text_gives_same_ids(pipe):
    a = extract(TEXT, published="2021-10-11", pipeline=pipe)
    b = extract(TEXT, published="2021-10-11", pipeline=pipe)
    assert a.article.id == b.article.id
    assert [e.id for e in a.events] == [e.id for e in b.events]
    assert [c.id for c in a.commitments] == [c.id for c in b.commitments]
    c = extract(TEXT + " Police arrested three suspects.", published="2021-10-11", pipeline=pipe)
    assert c.article.id != a.article.id
    assert not {e.id for e in c.events} & {e.id for e in a.events}


def test_document_round_trips_through_json(pipe):
    doc = extract(TEXT, published="2021-10-11", pipeline=pipe)
    assert to_dict(from_dict(Document, to_dict(doc))) == to_dict(doc)


def test_undated_article_still_has_events_with_unknown_relative_dates(pipe):
    doc = extract(TEXT, pipeline=pipe)
    assert doc.article.published is None
    assert [e.event for e in doc.events] == ["ASSAULT", "REJECT"]
    attack = doc.events[0]
    assert attack.date.precision == "unknown" and attack.date.start is None
    assert attack.date.text in (None, "On Friday")


def test_absolute_dates_resolve_without_publication_date(pipe):
    doc = extract("On 8 October 2021, a suicide bomber killed 12 people in Kunduz.", pipeline=pipe)
    assert doc.events[0].date.start == "2021-10-08"


def test_huge_document_is_refused(pipe):
    text = "Police arrested three suspects in Kabul. " * (MAX_CHARS // 40 + 10)
    assert len(text) > 1_000_000
    with pytest.raises(TooLarge) as exc:
        extract(text, published="2021-10-11", pipeline=pipe)
    assert "1,000,000" in str(exc.value) and exc.value.reason == "too-large"


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_refused(pipe, text):
    with pytest.raises(EmptyInput):
        extract(text, pipeline=pipe)


@pytest.mark.parametrize("bad", ["2021-02-30", "yesterday", "11/10/2021"])
def test_bad_published_date(pipe, bad):
    with pytest.raises(BadDate) as exc:
        extract(TEXT, published=bad, pipeline=pipe)
    assert bad in str(exc.value)


def test_pipeline_versions(pipe):
    doc = extract(TEXT, published="2021-10-11", pipeline=pipe)
    assert set(doc.pipeline) >= {"hoopoe", "nlp", "actors", "geocoder", "events", "crosswalk"}
    assert all(isinstance(v, str) and v for v in doc.pipeline.values())
    assert doc.pipeline["events"].startswith("events.hoopoe.v1+triggers.v1")
    import hoopoe

    assert doc.pipeline["hoopoe"] == hoopoe.__version__


def test_process_takes_an_article(pipe):
    doc = pipe.process(Article(text=TEXT, id="my-id", published=date(2021, 10, 11)))
    assert doc.article.id == "my-id"
    assert all(e.evidence.text in TEXT for e in doc.events)


def test_hoopoe_extract_stays_callable_after_submodules_are_imported():
    """Regression: a subpackage named like the API function used to shadow hoopoe.extract after first use."""
    import hoopoe
    import hoopoe.extractors.events  # noqa: F401  (importing submodules must not rebind hoopoe.extract)

    first = hoopoe.extract("Gunmen attacked a checkpoint in Ghazni on Friday.", published="2023-05-08")
    second = hoopoe.extract("Gunmen attacked a checkpoint in Ghazni on Friday.", published="2023-05-08")
    assert callable(hoopoe.extract)
    assert [e.id for e in first.events] == [e.id for e in second.events] and first.events
