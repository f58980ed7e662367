from hoopoe.records import Count, DateInfo, Document, ArticleMeta, Entity, Event, Evidence, Place, from_dict, to_dict


def test_round_trip_keeps_every_field():
    ev = Event(
        id="e1", event="ASSAULT", mode=["explosives"], context=["terrorism"],
        actor=[Entity("ISIS-K", "Q19371426", "Islamic State Khorasan Province", "IMG", "REB", mentions=[(0, 6)])],
        date=DateInfo("2021-10-08", "2021-10-08", "day", "On Friday"),
        event_loc=Place("Kunduz", "Kunduz", 1135689, 36.72896, 68.857, "city", "Kunduz", "AFG", 1, [(10, 16)]),
        killed=Count(46, None, "at least 46"), evidence=Evidence("x", 0, 1),
    )
    doc = Document(article=ArticleMeta(id="a"), events=[ev])
    data = to_dict(doc)
    assert data["events"][0]["killed"] == {"min": 46, "max": None, "text": "at least 46"}
    assert data["events"][0]["actor"][0]["mentions"] == [[0, 6]] or data["events"][0]["actor"][0]["mentions"] == [(0, 6)]
    back = from_dict(Document, data)
    assert back.events[0].event_loc.geonameid == 1135689
    assert back.events[0].actor[0].identifier_text == "Islamic State Khorasan Province"
    assert back.events[0].date.precision == "day"
    assert to_dict(back) == data
