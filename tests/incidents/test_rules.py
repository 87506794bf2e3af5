"""The linking rules on figures built by hand (no store)."""

from __future__ import annotations

from datetime import date

from annotator.services.incident_grouping import group, item_units
from annotator.services.incident_model import (
    CasualtyAttrs, Figure, LocationAttrs, figure_place, is_aggregate, is_elsewhere, source_key,
)

TOWN = LocationAttrs(name="Kafr Batna", geonameid=1, lat=33.51, lon=36.37, admin1="08", feature="town")
TOWN_B = LocationAttrs(name="Saqba", geonameid=2, lat=33.52, lon=36.38, admin1="08", feature="town")
FAR = LocationAttrs(name="Jisr al-Shughur", geonameid=3, lat=35.81, lon=36.32, admin1="12", feature="town")
IDLIB_CITY = LocationAttrs(name="Idlib", geonameid=4, lat=35.93, lon=36.63, admin1="12", feature="city")
SYRIA = LocationAttrs(name="Syria", geonameid=5, lat=35.0, lon=38.5, feature="country")
DAY = date(2018, 2, 20)


def fig(n: int, item: int, pos: int, place=None, kind="killed", dated=True, day=DAY, **kw) -> Figure:
    return Figure(annotation_id=n, item_id=item, text=f"{n} people", kind=kind, low=n, high=n, coded=n, start=day,
                  end=day, dated=dated, place=place, source=f"outlet{item}", pos=pos, sentence=pos, **kw)


def test_a_headline_toll_joins_the_attack_the_report_places():
    units = item_units([fig(10, 1, 0, SYRIA), fig(12, 1, 200, TOWN)])
    assert [[m.annotation_id for m, _ in u] for u in units] == [[12, 10]]


def test_a_later_figure_told_as_another_event_stays_apart():
    units = item_units([fig(12, 1, 0, TOWN), fig(7, 1, 300, None, elsewhere=True)])
    assert len(units) == 2


def test_the_governorate_capital_counts_as_the_governorate_beside_a_town_of_it():
    units = item_units([fig(50, 1, 0, IDLIB_CITY), fig(36, 1, 300, FAR)])
    assert len(units) == 1
    units = item_units([fig(50, 1, 0, IDLIB_CITY), fig(36, 1, 300, TOWN)])  # a town of another province
    assert len(units) == 2


def test_places_within_five_km_link_and_a_country_never_does():
    clusters, _ = group([fig(10, 1, 0, TOWN), fig(11, 2, 0, TOWN_B), fig(12, 3, 0, FAR)])
    assert sorted(len(c.members) for c in clusters) == [1, 2]
    clusters, _ = group([fig(10, 1, 0, SYRIA), fig(11, 2, 0, SYRIA)])
    assert len(clusters) == 2


def test_dates_more_than_a_day_apart_do_not_link():
    clusters, _ = group([fig(10, 1, 0, TOWN), fig(11, 2, 0, TOWN, day=date(2018, 2, 23))])
    assert len(clusters) == 2
    clusters, _ = group([fig(10, 1, 0, TOWN), fig(11, 2, 0, TOWN, day=date(2018, 2, 21), dated=False)])
    assert len(clusters) == 1  # reported the next day, no event date: the day before counts


def test_a_dateline_is_not_where_it_happened():
    places = [(0, 6, "BEIRUT", LocationAttrs(name="Beirut", feature="city", geonameid=9, lat=33.9, lon=35.5)),
              (60, 70, "Kafr Batna", TOWN)]
    place, _ = figure_place(CasualtyAttrs(location="Beirut"), 20, 30, places, (10, 40))
    assert place == TOWN


def test_tallies_are_aggregates():
    assert is_aggregate(None, "a war that has killed at least 400,000 people")
    assert is_aggregate(None, "x", "killed", 12000)
    assert is_aggregate((date(2018, 1, 1), date(2018, 1, 31)), "x")
    assert not is_aggregate(None, "An air strike killed 12 people on Tuesday.", "killed", 12)
    assert is_elsewhere("Another 12 civilians were killed in other parts of the province.")


def test_wire_copies_count_once():
    assert source_key("Daily Star", "a.txt", "BEIRUT (AFP) - Air strikes") == source_key(None, "b.txt", "(AFP) x")
    assert source_key("Daily Star", "a.txt", "") != source_key("Gulf News", "a.txt", "")
