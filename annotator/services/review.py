"""Review actions: one small function per thing an analyst does to a tag or an item.

Each returns a `Changes` (what changed, with exact before/after snapshots for undo/redo); the
store functions record every write in `history`. The first change to a `new` item moves it to
`in_progress`. Used by the window, the CLI and the tests alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from annotator.services import learning
from annotator.services.changes import Changes, Recorder, recording
from annotator.store import Store
from annotator.store import annotations as tag_store, history, items
from annotator.store.rows import decode
from annotator.vocabulary import ANNOTATION_KINDS, ITEM_STATUSES


def _annotation(db: Store, annotation_id: int) -> dict[str, Any]:
    row = tag_store.get(db, annotation_id)
    if row is None:
        raise KeyError(f"no annotation {annotation_id}")
    return row


def _item(db: Store, item_id: int) -> dict[str, Any]:
    row = items.get_item(db, item_id)
    if row is None:
        raise KeyError(f"no item {item_id}")
    return row


def mark_started(db: Store, rec: Recorder, item_id: int, analyst: str | None) -> None:
    """An analyst touched the item: `new` becomes `in_progress` (other statuses stay)."""
    rec.item(item_id)
    if rec.changes.before.items[item_id]["status"] == "new":
        items.set_status(db, item_id, "in_progress", analyst)


def _learn(db: Store, rec: Recorder, row: dict[str, Any], analyst: str | None) -> None:
    if row["kind"] in learning.LEARNED_KINDS and (row.get("text") or "").strip():
        body = _item(db, row["item_id"])["body"]
        for surface in learning.surfaces(row, body):  # snapshotted first: undo forgets them
            rec.alias(row["kind"], learning.surface_key(surface))
        learning.learn_from_annotation(db, row, analyst, body)


def add_tag(db: Store, item_id: int, kind: str, start: int, end: int, analyst: str | None,
            attributes: dict[str, Any] | None = None) -> Changes:
    """Tag body[start:end] by hand as `kind` (manual, accepted); speakers and locations are learned.
    A speaker tagged on a lone surname is the person of the item whose full name ends in it.
    A date tag given no attributes gets the date the tagger reads in that span ("on Wednesday"
    resolved against the item date), for the analyst to confirm or correct."""
    if kind not in ANNOTATION_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    item = _item(db, item_id)
    body = item["body"]
    if not (0 <= start < end <= len(body)) or not body[start:end].strip():
        raise ValueError(f"span {start}-{end} is empty or outside the item body")
    if kind == "date" and not attributes:
        attributes = resolved_date(body, item["date"], start, end)
    if kind == "location" and not attributes:  # coordinates and country from the gazetteer, as suggestions get
        from annotator.services.places import place_for_name

        attributes = place_for_name(db, body[start:end]) or {}
    if kind == "speaker" and not attributes:  # "Hakim" after "Abdulrahman al-Hakim": the same person
        from annotator.services.speaker_names import hand_tag_name

        attributes = hand_tag_name(tag_store.for_item(db, item_id), body, start, end)
    with recording(db, f"tag {kind}", item_id) as rec:
        new_id = tag_store.insert(db, item_id=item_id, kind=kind, start=start, end=end, text=body[start:end],
                                    attributes=attributes or {}, origin="manual", state="accepted", analyst=analyst)
        rec.created_annotation(new_id)
        mark_started(db, rec, item_id, analyst)
        _learn(db, rec, _annotation(db, new_id), analyst)
    return rec.changes


def resolved_date(body: str, item_date: str, start: int, end: int) -> dict[str, Any]:
    """The attributes of the date the tagger finds overlapping body[start:end] most ({} if none)."""
    from annotator.tagging.pipeline import tag_item  # the taggers load on first use

    best, overlap = None, 0
    for found in tag_item(body, item_date, ("date",)):
        shared = min(end, found.end) - max(start, found.start)
        if shared > overlap:
            best, overlap = found, shared
    return dict(best.attributes) if best else {}


def edit_attributes(db: Store, annotation_id: int, attributes: dict[str, Any],
                    analyst: str | None) -> Changes:
    """Replace a tag's attributes. Editing a suggestion makes it `edited` (counts as accepted)."""
    row = _annotation(db, annotation_id)
    attributes = _place_follows_name(db, row, attributes)
    with recording(db, f"edit {row['kind']}", row["item_id"]) as rec:
        rec.annotation(annotation_id)
        changes: dict[str, Any] = {"attributes": attributes, "analyst": analyst}
        if row["origin"] == "auto":
            changes["state"] = "edited"
        elif row["state"] != "accepted":
            changes["state"] = "accepted"
        tag_store.update(db, annotation_id, changes, analyst, action="edit")
        mark_started(db, rec, row["item_id"], analyst)
        _learn(db, rec, _annotation(db, annotation_id), analyst)
    return rec.changes


def change_span(db: Store, annotation_id: int, start: int, end: int, analyst: str | None) -> Changes:
    """Move a tag to body[start:end] (its text follows)."""
    row = _annotation(db, annotation_id)
    body = _item(db, row["item_id"])["body"]
    if not (0 <= start < end <= len(body)) or not body[start:end].strip():
        raise ValueError(f"span {start}-{end} is empty or outside the item body")
    with recording(db, f"change {row['kind']} span", row["item_id"]) as rec:
        rec.annotation(annotation_id)
        changes: dict[str, Any] = {"start": start, "end": end, "text": body[start:end], "analyst": analyst}
        if row["origin"] == "auto":
            changes["state"] = "edited"
        tag_store.update(db, annotation_id, changes, analyst, action="span")
        mark_started(db, rec, row["item_id"], analyst)
    return rec.changes


def delete_tag(db: Store, annotation_id: int, analyst: str | None) -> Changes:
    """Delete a manual tag (and its notes). Suggestions are rejected, not deleted, so that the
    tagger remembers them and never suggests the same span again."""
    row = _annotation(db, annotation_id)
    if row["origin"] == "auto":
        raise ValueError("suggestions are rejected, not deleted (the tagger must remember them)")
    with recording(db, f"delete {row['kind']}", row["item_id"]) as rec:
        rec.annotation(annotation_id)
        tag_store.delete(db, annotation_id, analyst)
        mark_started(db, rec, row["item_id"], analyst)
    return rec.changes


def restore_tag(db: Store, row: dict[str, Any], analyst: str | None) -> Changes:
    """Re-create a deleted tag under its old id (with its original creation time)."""
    with recording(db, f"restore {row['kind']}", row["item_id"]) as rec:
        rec.annotation(row["id"])
        if rec.changes.before.annotations[row["id"]] is not None:
            raise ValueError(f"annotation {row['id']} still exists")
        tag_store.insert(db, item_id=row["item_id"], kind=row["kind"], start=row["start"], end=row["end"],
                           text=row["text"], attributes=row.get("attributes") or {}, origin=row["origin"],
                           state=row["state"], analyst=analyst, rule=row.get("rule"),
                           rules_version=row.get("rules_version"), confidence=row.get("confidence"),
                           conflict_group=row.get("conflict_group"), annotation_id=row["id"],
                           created=row.get("created"), action="restore")
    return rec.changes


def _set_states(db: Store, label: str, item_id: int, ids: Iterable[int], state: str,
                analyst: str | None) -> Changes:
    with recording(db, label, item_id) as rec:
        for annotation_id in ids:
            rec.annotation(annotation_id)
            tag_store.update(db, annotation_id, {"state": state, "analyst": analyst}, analyst,
                               action="reject" if state == "rejected" else "accept")
            if state != "rejected":  # an accepted speaker name is found again in later reports
                row = _annotation(db, annotation_id)
                if learning.teaches_alias(row):
                    _learn(db, rec, row, analyst)
        if rec.changes.before.annotations:
            mark_started(db, rec, item_id, analyst)
    return rec.changes


def accept(db: Store, annotation_id: int, analyst: str | None) -> Changes:
    """Accept a suggestion (or take back a rejection). An edited tag stays `edited`."""
    row = _annotation(db, annotation_id)
    state = "edited" if row["state"] == "edited" else "accepted"
    return _set_states(db, f"accept {row['kind']}", row["item_id"], [annotation_id], state, analyst)


def reject(db: Store, annotation_id: int, analyst: str | None) -> Changes:
    row = _annotation(db, annotation_id)
    return _set_states(db, f"reject {row['kind']}", row["item_id"], [annotation_id], "rejected", analyst)


def accept_all(db: Store, item_id: int, analyst: str | None,
               kinds: Iterable[str] | None = None) -> Changes:
    """Accept every open suggestion in the item (optionally only some kinds), as one action."""
    ids = [a["id"] for a in tag_store.for_item(db, item_id, kinds=kinds, states=["suggested"])]
    return _set_states(db, "accept all in item", item_id, ids, "accepted", analyst)


def set_item_status(db: Store, item_id: int, status: str, analyst: str | None) -> Changes:
    """new -> in_progress -> annotated -> reviewed, or flagged; any step can be taken back."""
    if status not in ITEM_STATUSES:
        raise ValueError(f"unknown status {status!r}; expected one of {', '.join(ITEM_STATUSES)}")
    with recording(db, f"mark {status.replace('_', ' ')}", item_id) as rec:
        rec.item(item_id)
        items.set_status(db, item_id, status, analyst)
    return rec.changes


@dataclass
class HistoryEntry:
    at: str
    analyst: str | None
    action: str
    table: str
    row_id: int | None
    before: Any
    after: Any


def item_history(db: Store, item_id: int) -> list[HistoryEntry]:
    """Every recorded change to the item, its tags and notes, oldest first."""
    rows = [decode(r) for r in history.for_item(db, item_id)]
    return [HistoryEntry(at=r["at"], analyst=r["analyst"], action=r["action"], table=r["table_name"],
                         row_id=r["row_id"], before=r["before"], after=r["after"]) for r in rows]


REVERTIBLE = ("start", "end", "text", "state", "attributes")


def revert_change(db: Store, entry: HistoryEntry, analyst: str | None) -> Changes:
    """Put one tag, or the item's status, back as it was before a history row (Item > History >
    Revert). A tag the row created is deleted (manual) or rejected (suggested); a tag it deleted
    is restored. The revert is itself one recorded, undoable change."""
    if entry.table == "items" and isinstance(entry.before, dict) and entry.before.get("status"):
        if entry.row_id is None:
            raise ValueError("this history row names no item")
        return set_item_status(db, entry.row_id, entry.before["status"], analyst)
    if entry.table != "annotations" or entry.row_id is None:
        raise ValueError("only changes to tags and to the item status can be reverted here")
    now = tag_store.get(db, entry.row_id)
    if entry.before is None:  # the row created the tag
        if now is None:
            raise ValueError("that tag is already gone")
        return delete_tag(db, entry.row_id, analyst) if now["origin"] == "manual" else reject(db, entry.row_id, analyst)
    before = dict(entry.before)
    if isinstance(before.get("attributes"), str):
        before = decode(before)
    if now is None:  # the row deleted the tag
        return restore_tag(db, before, analyst)
    changes = {k: before[k] for k in REVERTIBLE if k in before and before[k] != now.get(k)}
    if not changes:
        raise ValueError("the tag is already as it was before that change")
    with recording(db, f"revert {now['kind']}", now["item_id"]) as rec:
        rec.annotation(entry.row_id)
        tag_store.update(db, entry.row_id, changes, analyst, action="revert")
    return rec.changes


def entity_key(tag: dict[str, Any]) -> str:
    """Which person or place a speaker / location tag is about: its canonical name, else its text."""
    found = tag.get("attributes")
    attrs: dict[str, Any] = found if isinstance(found, dict) else {}
    return " ".join(str(attrs.get("name") or tag.get("text") or "").split()).casefold()


def same_entity(tags: Iterable[dict[str, Any]], tag: dict[str, Any]) -> list[dict[str, Any]]:
    """The item's tags of the same kind about the same person or place (rejected ones left out)."""
    key = entity_key(tag)
    return [t for t in tags if t["kind"] == tag["kind"] and t["state"] != "rejected" and entity_key(t) == key]


def edit_entity(db: Store, annotation_id: int, attributes: dict[str, Any],
                analyst: str | None) -> Changes:
    """Give every mention of one person or place in the item the same attributes (name, role,
    coordinates...) as one change: the entity is edited once, for all its mentions. Each
    mention keeps the attributes the form does not show (a speaker's quote)."""
    row = _annotation(db, annotation_id)
    attributes = _place_follows_name(db, row, attributes)
    mentions = same_entity(tag_store.for_item(db, row["item_id"]), row)
    with recording(db, f"edit {row['kind']} ({len(mentions)} mentions)", row["item_id"]) as rec:
        for tag in mentions:
            rec.annotation(tag["id"])
            stored = tag.get("attributes")
            own: dict[str, Any] = stored if isinstance(stored, dict) else {}
            if tag["id"] == annotation_id:
                merged = dict(attributes)
            else:  # the form's keys as the form has them (cleared ones cleared); the rest its own
                merged = {**{k: v for k, v in own.items() if k not in _shown_keys(row["kind"])}, **{
                    k: v for k, v in attributes.items() if k in _shown_keys(row["kind"])}}
            changes: dict[str, Any] = {"attributes": merged, "analyst": analyst}
            if tag["origin"] == "auto":
                changes["state"] = "edited"
            elif tag["state"] != "accepted":
                changes["state"] = "accepted"
            tag_store.update(db, tag["id"], changes, analyst, action="edit")
        mark_started(db, rec, row["item_id"], analyst)
        _learn(db, rec, _annotation(db, annotation_id), analyst)
    return rec.changes


def _place_follows_name(db: Store, row: dict[str, Any], attributes: dict[str, Any]) -> dict[str, Any]:
    if row["kind"] != "location":
        return attributes
    from annotator.services.places import follow_renamed_place

    stored = row.get("attributes")
    return follow_renamed_place(db, stored if isinstance(stored, dict) else {}, attributes)


def _shown_keys(kind: str) -> tuple[str, ...]:
    """The keys the panel's form edits for a kind (the others, like a quote, are per mention)."""
    return {"speaker": ("name", "role", "organisation"),
            "location": ("name", "lat", "lon", "country", "feature", "precision", "geonameid", "admin1")}.get(kind, ())
