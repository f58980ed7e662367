"""The read-side queries behind the API: a page is the same whichever plan serves it, and totals are
exact up to the cap."""

from __future__ import annotations

import pytest

from hoopoe.store import read as r


def test_count_is_exact_up_to_the_cap(filled, monkeypatch):
    every = r.event_page(filled, r.EventQuery(dedup=False), limit=100)
    assert every.total_exact and every.total == len(every.items) >= 3
    monkeypatch.setattr(r, "COUNT_CAP", 2)
    capped = r.event_page(filled, r.EventQuery(dedup=False), limit=100)
    assert (capped.total, capped.total_exact) == (2, False)
    assert [it["id"] for it in capped.items] == [it["id"] for it in every.items]


def test_a_crowded_box_gives_the_same_page_without_the_spatial_index(filled, monkeypatch):
    box = r.EventQuery(dedup=False, bbox=(-180.0, -90.0, 180.0, 90.0))
    sparse = r.event_page(filled, box, limit=100)  # counted exactly: served from the lat/lon index
    assert sparse.total_exact and sparse.items
    monkeypatch.setattr(r, "COUNT_CAP", 1)  # now the box is "crowded": read on the date index instead
    crowded = r.event_page(filled, box, limit=100)
    assert not crowded.total_exact
    assert [it["id"] for it in crowded.items] == [it["id"] for it in sparse.items]


@pytest.mark.parametrize("bbox", [(-180.0, -90.0, 180.0, 90.0), (170.0, -90.0, -170.0, 90.0)])
def test_bbox_across_the_antimeridian(filled, bbox):
    page = r.event_page(filled, r.EventQuery(dedup=False, bbox=bbox), limit=100)
    lo, _, hi, _ = bbox
    for it in page.items:
        lon = it["place"]["lon"]
        assert (lo <= lon <= hi) if lo <= hi else (lon >= lo or lon <= hi)
