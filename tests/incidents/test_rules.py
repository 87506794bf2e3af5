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


# --- issue 18 quality pass: running totals, several-place attacks, late reports -------------------
JABLEH = LocationAttrs(name="Jableh", geonameid=11, lat=35.36, lon=35.93, admin1="Latakia", country="SY", feature="city")
TARTUS = LocationAttrs(name="Tartus", geonameid=12, lat=34.89, lon=35.89, admin1="Tartus", country="SY", feature="city")
MOSCOW = LocationAttrs(name="Moscow", geonameid=13, lat=55.75, lon=37.62, country="RU", feature="city")
AZAZ = LocationAttrs(name="Azaz", geonameid=14, lat=36.59, lon=37.05, admin1="Aleppo", country="SY", feature="town")


def test_rates_running_tolls_and_thousands_are_tallies():
    assert is_aggregate(None, "The guards burn about 40 bodies every day inside the prison.", "killed", 40)
    assert is_aggregate(None, "The raids have already claimed the lives of hundreds of civilians.", "killed", 100)
    assert is_aggregate(None, "The bombing campaign that began in the autumn has killed 300 people.", "killed", 300)
    assert is_aggregate(None, "Monitors say 900 people died since March, the running toll shows.", "killed", 900)
    assert is_aggregate(None, "Groups documented the deaths of thousands of detainees.", "killed", 1000,
                        "thousands of detainees")
    assert not is_aggregate(None, "A car bomb killed 40 people at the bus station on Monday.", "killed", 40)
    assert not is_aggregate(None, "Thousands fled after shelling that killed 9 people.", "killed", 9, "9 people")


def test_a_foreign_capital_never_places_a_figure_its_sentence_leaves_unplaced():
    body = "Moscow denied the reports. The raids have killed hundreds of civilians, the spokesman said."
    places = [(0, 6, "Moscow", MOSCOW)]
    start = body.index("hundreds")
    place, _ = figure_place(CasualtyAttrs(), start, start + 8, places, (27, len(body)))
    assert place is None
    place, _ = figure_place(CasualtyAttrs(), start, start + 8, [(0, 6, "Azaz", AZAZ)], (27, len(body)))
    assert place == AZAZ  # a town of the region named just before still places it


def test_an_attack_on_two_towns_links_the_reports_of_either_town():
    from annotator.services.incident_model import ItemPlaces, joint_places

    body = "Bombs struck Jableh (Latakia Governorate) and Tartus on Monday, killing 80 people."
    j, t = body.index("Jableh"), body.index("Tartus")
    prepared = ItemPlaces([(j, j + 6, "Jableh", JABLEH), (t, t + 6, "Tartus", TARTUS)])
    assert joint_places(body, prepared, JABLEH) == (TARTUS,)
    body2 = "Shelling hit Jableh on Monday. Later, in Tartus, the market reopened."
    j, t = body2.index("Jableh"), body2.index("Tartus")
    assert joint_places(body2, ItemPlaces([(j, j + 6, "Jableh", JABLEH), (t, t + 6, "Tartus", TARTUS)]), JABLEH) == ()
    both = fig(80, 1, 0, JABLEH, also=(TARTUS,))
    clusters, _ = group([both, fig(45, 2, 0, TARTUS), fig(30, 3, 0, JABLEH)])
    assert len(clusters) == 1


def test_a_town_then_its_governorate_capital_is_no_list():
    from annotator.services.incident_model import ItemPlaces, joint_places

    aleppo = LocationAttrs(name="Aleppo", geonameid=15, lat=36.2, lon=37.16, admin1="Aleppo", country="SY", feature="city")
    body = "A truck bomb in Azaz, Aleppo killed 40 people."
    a, b = body.index("Azaz"), body.index("Aleppo")
    assert joint_places(body, ItemPlaces([(a, a + 4, "Azaz", AZAZ), (b, b + 6, "Aleppo", aleppo)]), AZAZ) == ()


def test_a_report_a_week_late_naming_no_date_joins_the_attack_when_its_figures_agree():
    attack = date(2017, 1, 7)
    late = date(2017, 1, 14)
    reports = [fig(43, 1, 0, AZAZ, day=attack), fig(45, 2, 0, AZAZ, day=late, dated=False)]
    clusters, _ = group(reports)
    assert len(clusters) == 1
    clusters, _ = group([fig(43, 1, 0, AZAZ, day=attack), fig(7, 2, 0, AZAZ, day=late, dated=False)])
    assert len(clusters) == 2  # 7 is not 43: another, smaller attack there
    clusters, _ = group([fig(43, 1, 0, AZAZ, day=attack), fig(43, 2, 0, AZAZ, day=date(2017, 1, 20), dated=False)])
    assert len(clusters) == 2  # two weeks on: too late to tell


def test_a_headline_toll_and_the_leads_toll_at_one_place_are_one_unit():
    units = item_units([fig(25, 1, 0, AZAZ, dated=False), fig(43, 1, 200, AZAZ, dated=False),
                        fig(60, 1, 400, None, dated=False)])
    assert len(units) == 1
    units = item_units([fig(25, 1, 0, AZAZ), fig(8, 1, 200, AZAZ, elsewhere=True)])
    assert len(units) == 2  # told as another event


def test_where_a_source_is_based_or_the_wounded_are_treated_is_not_the_scene():
    from annotator.services.incident_model import ItemPlaces

    kilis = LocationAttrs(name="Kilis", geonameid=16, lat=36.72, lon=37.12, country="TR", feature="city")
    body = ("A car bomb in Azaz killed 40 people. The commander, who is based in the nearby city of Tal Rifaat, "
            "put the wounded at 60. Dozens of injured are being treated at a hospital in the Turkish town of Kilis.")
    tal = LocationAttrs(name="Tal Rifaat", geonameid=17, lat=36.47, lon=37.1, country="SY", feature="town")
    places = [(body.index("Azaz"), body.index("Azaz") + 4, "Azaz", AZAZ),
              (body.index("Tal Rifaat"), body.index("Tal Rifaat") + 10, "Tal Rifaat", tal),
              (body.index("Kilis"), body.index("Kilis") + 5, "Kilis", kilis)]
    prepared = ItemPlaces(places, body)
    at = body.index("60")
    sentence = (body.index("The commander"), body.index("Dozens") - 1)
    assert figure_place(CasualtyAttrs(), at, at + 2, prepared, sentence)[0] == AZAZ
    at = body.index("Dozens")
    assert figure_place(CasualtyAttrs(), at, at + 6, prepared, (at, len(body)))[0] == AZAZ
    assert figure_place(CasualtyAttrs(), at, at + 6, ItemPlaces(places), (at, len(body)))[0] == kilis  # without the body


# --- heldout-3 pass (issue 18b): places told apart and spellings joined ---------------------------
def _prepared(body: str, places: list[tuple[str, LocationAttrs]]):
    from annotator.services.incident_model import ItemPlaces

    tags, at = [], 0
    for text, attrs in places:
        i = body.index(text, at)
        tags.append((i, i + len(text), text, attrs))
        at = i + len(text)
    return ItemPlaces(tags, body)


def _sentence_of(body: str, word: str) -> tuple[int, int]:
    from annotator.services.incident_model import sentence_span

    i = body.index(word)
    return sentence_span(body, i, i + len(word))


DAMASCUS = LocationAttrs(name="Damascus", geonameid=170654, lat=33.51, lon=36.29, admin1="13", feature="city", country="SY")
ARIHA = LocationAttrs(name="Ariha", geonameid=172994, lat=35.81, lon=36.61, admin1="12", feature="town", country="SY")
ATAREB = LocationAttrs(name="Atareb", geonameid=174030, lat=36.14, lon=36.83, admin1="09", feature="town", country="SY")


def test_a_village_no_gazetteer_has_is_one_place_however_it_is_spelled():
    a = LocationAttrs(name="al-Jina", feature="village", country="SY")
    b = LocationAttrs(name="al Jinneh", feature="village", country="SY")
    c = LocationAttrs(name="Jinan", feature="village", country="SY")
    clusters, _ = group([fig(42, 1, 0, a), fig(50, 2, 0, b)])
    assert len(clusters) == 1
    clusters, _ = group([fig(42, 1, 0, a), fig(50, 2, 0, c)])
    assert len(clusters) == 2


def test_a_town_that_only_locates_the_village_is_not_the_scene():
    village = LocationAttrs(name="Kafr Dael", feature="village", country="SY", admin1="09")
    body = "Jets struck the village of Kafr Dael, southwest of Atareb, killing 30 people on Friday."
    prepared = _prepared(body, [("Kafr Dael", village), ("Atareb", ATAREB)])
    at = body.index("30")
    assert figure_place(CasualtyAttrs(), at, at + 9, prepared, (0, len(body)))[0] == village
    # the tagger's guess (the nearer town) gives way too
    assert figure_place(CasualtyAttrs(location="Atareb"), at, at + 9, prepared, (0, len(body)), trusted=False)[0] == village
    alone = "Jets struck a school near Atareb, killing 30 people."
    prepared = _prepared(alone, [("Atareb", ATAREB)])
    at = alone.index("30")
    assert figure_place(CasualtyAttrs(), at, at + 9, prepared, (0, len(alone)))[0] == ATAREB


def test_another_event_named_by_its_place_and_the_part_of_the_country_keep_two_attacks_apart():
    body = ("Two bombs on an army bus killed 14 soldiers in Damascus on Monday. Shortly after the Damascus bombing, "
            "army shelling killed nine people in a town in north-western Syria. The shelling hit the market of "
            "Ariha during the school run.")
    prepared = _prepared(body, [("Damascus", DAMASCUS), ("Damascus", DAMASCUS), ("Ariha", ARIHA)])
    at = body.index("nine")
    place, note = figure_place(CasualtyAttrs(), at, at + 11, prepared, _sentence_of(body, "nine"))
    assert place == ARIHA and "later sentence" in (note or "")
    # the part of the country rules out the Damascus guess a tagger made from "the Damascus bombing"
    assert figure_place(CasualtyAttrs(location="Damascus"), at, at + 11, prepared, _sentence_of(body, "nine"),
                        trusted=False)[0] == ARIHA
    without = ("Two bombs on an army bus killed 14 soldiers in Damascus on Monday. Soon afterwards army "
               "shelling killed nine people in the opposition-held north-west.")
    prepared = _prepared(without, [("Damascus", DAMASCUS)])
    at = without.index("nine")
    assert figure_place(CasualtyAttrs(), at, at + 11, prepared, _sentence_of(without, "nine"))[0] is None
    units = item_units([fig(14, 1, 0, DAMASCUS), fig(9, 1, 80, None, part="northwest")])
    assert len(units) == 2  # not joined to the Damascus attack told just before it
    units = item_units([fig(14, 1, 0, DAMASCUS), fig(9, 1, 80, None)])
    assert len(units) == 1


def test_where_the_people_came_from_is_not_where_they_were_hit():
    origin = LocationAttrs(name="Zahra", feature="town", country="SY", geonameid=77, lat=36.3, lon=37.0)
    scene = LocationAttrs(name="Tel Hadid", feature="village", country="SY")
    body = ("Buses carrying civilians evacuated from the town of Zahra waited at a crossing. "
            "A car bomb in Tel Hadid killed 30 of them. Buses with Zahra residents were hit.")
    prepared = _prepared(body, [("Zahra", origin), ("Tel Hadid", scene), ("Zahra", origin)])
    assert [p[2] for p in prepared.places] == ["Tel Hadid"]


def test_damascus_beside_a_village_of_unknown_governorate_is_still_the_city():
    village = LocationAttrs(name="Kafr Dael", feature="village", country="SY")
    aleppo = LocationAttrs(name="Aleppo", geonameid=170063, lat=36.2, lon=37.16, admin1="09", feature="city")
    units = item_units([fig(42, 1, 0, village), fig(43, 1, 400, DAMASCUS)])
    assert len(units) == 2  # another attack, in the capital
    units = item_units([fig(42, 1, 0, village), fig(40, 1, 400, aleppo)])
    assert len(units) == 1  # "Aleppo" beside a village there: the governorate


def test_a_report_naming_only_a_province_joins_the_one_attack_there_when_a_figure_agrees():
    homs = LocationAttrs(name="Homs", geonameid=169577, lat=34.72, lon=36.73, admin1="11", feature="city")
    province = LocationAttrs(name="Homs Governorate", geonameid=169575, lat=34.6, lon=37.9, admin1="11",
                             feature="province")
    town = [fig(80, 1, 0, homs), fig(240, 1, 50, homs, kind="injured")]
    clusters, _ = group(town + [fig(80, 2, 0, province)])
    assert len(clusters) == 1
    clusters, _ = group(town + [fig(15, 2, 0, province)])
    assert len(clusters) == 2  # 15 is not 80: maybe another attack in the province
    other = LocationAttrs(name="Talbiseh", geonameid=163000, lat=34.84, lon=36.73, admin1="11", feature="town")
    clusters, _ = group(town + [fig(80, 3, 0, other), fig(80, 4, 0, province)])
    assert len(clusters) == 3  # two attacks in the province that day: nothing says which


def test_the_province_a_report_names_places_figures_when_it_names_no_town():
    from annotator.services.incident_model import ItemPlaces

    province = LocationAttrs(name="Homs Governorate", geonameid=169575, lat=34.6, lon=37.9, admin1="11",
                             feature="province", country="SY")
    body = "A drone attack struck a college in Homs province on Thursday. The minister put the toll at 80 dead."
    places = ItemPlaces([(body.index("Homs"), body.index("Homs") + 4, "Homs", province)], body)
    at = body.index("80")
    assert figure_place(CasualtyAttrs(), at, at + 7, places, _sentence_of(body, "80"))[0] == province


def test_a_headline_toll_the_report_places_below_joins_that_figure_not_the_town_named_most():
    units = item_units([fig(14, 1, 0, DAMASCUS, guessed=True), fig(12, 1, 40, DAMASCUS, guessed=True),
                        fig(14, 1, 200, DAMASCUS), fig(12, 1, 300, ARIHA)])
    assert sorted(sorted(m.annotation_id for m, _ in u) for u in units) == [[12, 12], [14, 14]]
    assert {u[0][0].place.name for u in units} == {"Damascus", "Ariha"}


def test_among_the_dead_were_is_a_subgroup():
    from annotator.services.incident_model import is_subgroup

    assert is_subgroup("Shelling killed 12. Among the dead were ")
    assert is_subgroup("Shelling killed 12, among the dead ")
    assert not is_subgroup("Shelling killed 12 and wounded ")



def test_a_similar_attack_on_a_town_nearby_is_another_incident():
    near = LocationAttrs(name="Tel Hadid", lat=35.07, lon=40.41, feature="village", country="SY")
    other = LocationAttrs(name="Umm Batna", lat=35.09, lon=40.38, feature="village", country="SY")  # ~3 km away
    clusters, _ = group([fig(10, 1, 0, other), fig(12, 1, 200, near, kind="injured", elsewhere=True)])
    assert len(clusters) == 2
    clusters, _ = group([fig(10, 1, 0, other), fig(12, 2, 0, near, kind="injured")])
    assert len(clusters) == 1  # another report's figure nearby: the same attack (cross-sub, 1-5 km)
    assert is_elsewhere("Similar attacks targeted the village of Tel Hadid, injuring dozens.")
    assert is_aggregate(None, "Raids on towns in rural Raqqa have killed at least 90 civilians over the past week.")


def test_the_area_named_after_a_place_links_with_that_place():
    area = LocationAttrs(name="Tel Hadid", feature="region", precision=2)  # "in the Tel Hadid area"
    village = LocationAttrs(name="Tel Hadid", feature="village", country="SY")
    assert area.specific and area.where_prec() == 2
    clusters, _ = group([fig(70, 1, 0, area), fig(43, 2, 0, village)])
    assert len(clusters) == 1
    bare = LocationAttrs(name="market", feature="facility")  # a bare noun the gazetteer could not place
    assert not bare.specific


def test_the_buses_town_and_a_guess_read_from_it_do_not_place_the_figure():
    zahra = LocationAttrs(name="Zahra", feature="town", country="SY", geonameid=77, lat=36.3, lon=37.0)
    body = ("A blast hit the Zahra buses in Tel Hadid, killing 43. The buses of Zahra had waited for hours. "
            "Rescuers said 20 people were wounded.")
    prepared = _prepared(body, [("Zahra", zahra), ("Tel Hadid", LocationAttrs(name="Tel Hadid", feature="village")),
                                ("Zahra", zahra)])
    assert [p[2] for p in prepared.places] == ["Tel Hadid"]
    at = body.index("43")
    sentence = _sentence_of(body, "43")
    assert figure_place(CasualtyAttrs(location="Zahra"), at, at + 2, prepared, sentence, trusted=False)[0].name == "Tel Hadid"
    alone = "A blast hit the Zahra buses, killing 43."
    prepared = _prepared(alone, [("Zahra", zahra)])
    at = alone.index("43")
    assert figure_place(CasualtyAttrs(location="Zahra"), at, at + 2, prepared, _sentence_of(alone, "43"),
                        trusted=False)[0] is None  # the tagger's guess was the buses' town


def test_undated_reports_of_one_place_do_not_chain_into_one_incident_of_weeks():
    # every report two days after the one before, none stating the day of its attack: each window
    # touches the next, but an attack is not told for a month
    days = [date.fromordinal(date(2018, 3, 1).toordinal() + 2 * k) for k in range(15)]
    clusters, _ = group([fig(10 + k, k + 1, 0, TOWN, day=d, dated=False) for k, d in enumerate(days)])
    assert len(clusters) > 1
    assert max((c.end - c.start).days for c in clusters) <= 4
    # reports of three days in a row, naming no day, still tell one attack
    row = [date(2018, 3, 1), date(2018, 3, 2), date(2018, 3, 3)]
    clusters, _ = group([fig(10 + k, k + 1, 0, TOWN, day=d, dated=False) for k, d in enumerate(row)])
    assert len(clusters) == 1
