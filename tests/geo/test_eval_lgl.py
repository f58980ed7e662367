"""Pinned floors on LGL. Raise them when the scores rise; never lower them silently.

Measured (second round): gold spans acc161 0.810, exact 0.791; raw text (LGL convention: demonyms and places
inside organisation names count) acc161 0.747, recognition F1 0.777 (P 0.730, R 0.830). Rules were tuned
looking only at errors of the first half of the articles (0-293); the second half scores acc161 0.751, F1 0.787.
With hoopoe's own defaults (no places inside names) acc161 0.669, F1 0.753.

Third round (ordinary words at a sentence's start, document coherence, weak places inside longer names, places
inside names as context): gold spans acc161 0.810, exact 0.791; raw text acc161 0.748, F1 0.778 (P 0.732,
R 0.831); second half acc161 0.753, F1 0.789; own defaults acc161 0.679, F1 0.756. These rules were checked
against the changes they made on all articles, the second half included (FAR_KM was raised after a case there),
so the second half is no longer strictly held out."""

from __future__ import annotations

import pytest

from hoopoe.eval.geo import evaluate, read_corpus

FLOORS_GOLD = {"acc161": 0.80, "exact": 0.79}
FLOORS_RAW = {"acc161": 0.74, "recognition_f": 0.77}
#: the held-out second half of the articles, never looked at while writing the rules
FLOORS_RAW_HELD_OUT = {"acc161": 0.75, "recognition_f": 0.78}
FLOORS_RAW_NO_NAMES = {"acc161": 0.67, "recognition_f": 0.75}


@pytest.mark.shared
def test_lgl_gold_spans_floor(geocoder, shared_dir):
    s = evaluate(geocoder, shared_dir / "data/geo/lgl/lgl.xml", gold_spans=True)
    assert s["n"] == 4462 and s["excluded"] == 626
    for k, floor in FLOORS_GOLD.items():
        assert s[k] >= floor, (k, s)


@pytest.mark.shared
def test_lgl_raw_text_floor(geocoder, shared_dir):
    s = evaluate(geocoder, shared_dir / "data/geo/lgl/lgl.xml", gold_spans=False)
    for k, floor in FLOORS_RAW.items():
        assert s[k] >= floor, (k, s)
    s = evaluate(geocoder, shared_dir / "data/geo/lgl/lgl.xml", gold_spans=False, articles=slice(294, None))
    assert s["n"] == 2252
    for k, floor in FLOORS_RAW_HELD_OUT.items():
        assert s[k] >= floor, (k, s)
    s = evaluate(geocoder, shared_dir / "data/geo/lgl/lgl.xml", gold_spans=False, names=False)
    for k, floor in FLOORS_RAW_NO_NAMES.items():
        assert s[k] >= floor, (k, s)


def test_read_corpus_small(tmp_path):
    xml = tmp_path / "c.xml"
    xml.write_text("""<articles><article docid="1"><text>In Kabul today.</text><toponyms>
      <toponym><start>3</start><end>8</end><phrase>Kabul</phrase><gaztag geonameid="1138958"><lat>34.5</lat>
      <lon>69.2</lon></gaztag></toponym><toponym><start>9</start><end>14</end><phrase>today</phrase></toponym>
      </toponyms></article></articles>""")
    (art,) = read_corpus(xml)
    assert art.toponyms[0].geonameid == 1138958 and art.toponyms[1].lat is None
