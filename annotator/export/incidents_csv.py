"""Incidents CSV: one row per incident in UCDP GED's column names and meanings, plus ACLED's
`fatalities`, the grading, the state and the member figures' item and tag ids.

UCDP GED columns written (codebook 23.1): id, year, side_a (perpetrators named by the sources),
number_of_sources, source_article (the member items' files and dates), source_office (the
independent sources), source_date, where_prec, where_coordinates, where_description (the place
as the figures name it), adm_1, latitude, longitude, geom_wkt, country, event_clarity (1 clear
event), date_prec, date_start, date_end, best, high, low (killed: best the median of the
independent sources' figures, low/high the lowest/highest reported). Columns GED derives from
its own actor and conflict lists (conflict ids, dyads, side_b, deaths by side) are not written:
nothing in the store records them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from annotator.export.safe_csv import SafeWriter

COLUMNS = (
    "id", "year", "side_a", "number_of_sources", "source_article", "source_office", "source_date", "where_prec",
    "where_coordinates", "where_description", "adm_1", "latitude", "longitude", "geom_wkt", "country",
    "event_clarity", "date_prec", "date_start", "date_end", "best", "high", "low", "fatalities", "injured_best",
    "injured_low", "injured_high", "detained", "displaced", "missing", "grading", "grading_suggested", "state",
    "label", "member_item_ids", "member_annotation_ids",
)
NUMERIC = {"id", "year", "number_of_sources", "where_prec", "latitude", "longitude", "event_clarity", "date_prec",
           "best", "high", "low", "fatalities", "injured_best", "injured_low", "injured_high", "detained", "displaced",
           "missing"}


def whole(value: Any) -> Any:
    """12.0 -> 12: figures are counts of people."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _source_label(key: str) -> str:
    return key.split(":", 1)[-1]


def incident_row(incident: dict[str, Any], members: list[dict[str, Any]], sources: list[str],
                 country: str | None, admin1: str | None) -> dict[str, Any]:
    figures = incident.get("figures") or {}
    killed = figures.get("killed") or {}
    injured = figures.get("injured") or {}
    lat, lon = incident.get("lat"), incident.get("lon")
    perpetrators = sorted({str((m.get("attributes") or {}).get("perpetrator")) for m in members
                           if (m.get("attributes") or {}).get("perpetrator")})
    return {
        "id": incident["id"], "year": (incident.get("date_start") or "")[:4] or None, "side_a": "; ".join(perpetrators),
        "number_of_sources": incident.get("number_of_sources"),
        "source_article": "; ".join(sorted({f"{m['file']} ({m['date']})" for m in members})),
        "source_office": "; ".join(_source_label(s) for s in sources),
        "source_date": "; ".join(sorted({m["date"] for m in members})),
        "where_prec": incident.get("where_prec"), "where_coordinates": incident.get("place"),
        "where_description": "; ".join(sorted({m["text"] for m in members})), "adm_1": admin1,
        "latitude": lat, "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None, "country": country,
        "event_clarity": incident.get("event_clarity"), "date_prec": incident.get("date_prec"),
        "date_start": incident.get("date_start"), "date_end": incident.get("date_end"),
        "best": killed.get("best"), "high": killed.get("high"), "low": killed.get("low"),
        "fatalities": whole(incident.get("fatalities")), "injured_best": injured.get("best"), "injured_low": injured.get("low"),
        "injured_high": injured.get("high"),
        **{k: (figures.get(k) or {}).get("low") for k in ("detained", "displaced", "missing")},
        "grading": incident.get("grading") or incident.get("grading_suggested"),
        "grading_suggested": incident.get("grading_suggested"), "state": incident.get("state"),
        "label": incident.get("label"),
        "member_item_ids": " ".join(str(i) for i in sorted({m["item_id"] for m in members})),
        "member_annotation_ids": " ".join(str(m["annotation_id"]) for m in members),
    }


def write(rows: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """Write the header and the rows made by `incident_row`; returns the number of rows."""
    out = SafeWriter(fh, COLUMNS, NUMERIC)
    n = 0
    for row in rows:
        out.row(row)
        n += 1
    return n
