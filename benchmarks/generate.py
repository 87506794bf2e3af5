"""Deterministic synthetic "Coalition News" corpus in the seed layout, for benchmarks and tests.

    from benchmarks.generate import generate_items, generate_pages, write_corpus, build_store

The text is shaped like real reports (calibrated on the seed pages and a handful of public
Coalition News pages, which stay outside the repository): short listing items of 2-6
paragraphs and longer single-article items of 6-12, about 1,800 characters and 6.5 paragraphs
on average, about 16 taggable mentions per item. Sentences are composed from the vocabularies
in `benchmarks/corpus_words.py` (names from ~100 x ~140 parts, ~2,200 places, figures drawn at
random, clause parts that combine into tens of thousands of sentences), so no long phrase
repeats much more than the stock phrases of real reports ("the Assad regime", "rural Idlib").

- `generate_items(n, seed=0)` yields `GeneratedItem`s: `.date` (ISO, newest first, spread over
  2011-2024), `.body` (paragraphs joined by a blank line), `.genre` ("listing" or "article"),
  `.category`, `.attribution`, and `.tags`: the speakers, places, casualty figures and dates
  written into the body, as (kind, start, end, text, attributes) with offsets into `.body`.
- `generate_pages(n_items, seed=0, items_per_page=10)` yields `(file name, page text)` exactly
  like the seeds: a title line, `DD Month YYYY In Coalition News` lines, paragraphs, the body
  ending with ` (Source: ...)`, then `Page N of M` and the `Home Media Center ...` footer.
  Parsing a page gives back each item's body and date exactly.
- `write_corpus(folder, n_items, seed=0)` writes the pages as UTF-8 `.txt` files.
- `build_store(path, n_items, seed=0, tagged=False)` builds a store through the real importer
  code path (`annotator.ingest.parse_bytes` + `annotator.store.sources.insert_documents`); with
  `tagged`, every item also gets its tags as suggestions (`annotations.insert_many_suggestions`,
  in bulk: running the tagger on a million items would take hours) and every REVIEWED_EVERY-th
  item is reviewed (tags accepted, status reviewed; `store.bulk_review`). Cached per
  (n, seed, tagged) under $ANNOTATOR_BENCH_CACHE (default: <tmp>/annotator-bench-cache), so
  reruns only copy a file. Pages are generated and parsed in worker processes.

Same (n, seed) always gives the same text: only `random.Random` seeded from (seed, block of
items) is used, never the clock, so blocks can be generated in any process.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from benchmarks import corpus_words as W

# Bump when the text changes, so cached stores are rebuilt.
GENERATOR_VERSION = 2
CATEGORY = "Coalition News"
ATTRIBUTION = "Syrian Coalition’s Media Department"
FIRST_DAY = date(2011, 3, 15)
LAST_DAY = date(2024, 12, 31)
MONTHS, WEEKDAYS = W.MONTHS, W.WEEKDAYS
BLOCK = 1000  # items per independently seeded block
REVIEWED_EVERY = 20  # in a tagged store, one item in 20 is reviewed
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class GeneratedItem:
    date: str
    body: str
    genre: str
    category: str = CATEGORY
    attribution: str = ATTRIBUTION
    tags: tuple = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Place:
    name: str
    admin1: str
    feature: str
    lat: float
    lon: float


@lru_cache(maxsize=1)
def _places() -> tuple[list[Place], list[Place], list[str]]:
    """(gazetteer towns and cities, composed villages, governorate names)."""
    data = json.loads((ROOT / "resources" / "gazetteer" / "syria.json").read_text(encoding="utf-8"))
    admin1 = data["admin1"]
    towns = [Place(p["name"], admin1[p["admin1"]], p["feature"], p["lat"], p["lon"]) for p in data["places"]
             if p["feature"] in ("town", "city", "village") and not p.get("auto") and p.get("admin1") in admin1
             and p.get("lat") is not None]
    rng = random.Random(1789)
    govs = sorted(set(admin1.values()))
    villages = [Place(f"{head} {root}", rng.choice(govs), "village", round(rng.uniform(32.4, 37.2), 4),
                      round(rng.uniform(35.8, 42.2), 4)) for head in W.VILLAGE_HEADS for root in W.VILLAGE_ROOTS]
    rng.shuffle(villages)
    return towns, villages, govs


class _Body:
    """Writes an item's text piece by piece, remembering where each tagged mention lands."""

    def __init__(self, rng: random.Random, day: date, people: list[tuple[str, str, str]]) -> None:
        self.r, self.day, self.people = rng, day, people
        self.parts: list[str] = []
        self.pos = 0
        self.tags: list[tuple] = []
        self.towns, self.villages, self.govs = _places()
        self.speaker: tuple[str, str, str] | None = None

    # --- writing ---------------------------------------------------------------------------------
    def w(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def t(self, kind: str, text: str, attributes: dict) -> None:
        self.tags.append((kind, self.pos, self.pos + len(text), text, attributes))
        self.w(text)

    def pick(self, seq):  # noqa: ANN001, ANN201
        return seq[int(self.r.random() * len(seq))]

    # --- mentions --------------------------------------------------------------------------------
    def place(self, village_share: float = 0.45) -> Place:
        return self.pick(self.villages if self.r.random() < village_share else self.towns)

    def loc(self, p: Place, precision: int = 1) -> None:
        self.t("location", p.name, {"name": p.name, "country": "SY", "admin1": p.admin1, "feature": p.feature,
                                    "precision": precision, "lat": p.lat, "lon": p.lon})

    def gov(self, name: str) -> None:
        self.t("location", name, {"name": f"{name} Governorate", "country": "SY", "admin1": name,
                                  "feature": "province", "precision": 3})

    def where(self, p: Place) -> None:
        """'the town of X in rural Y', 'X in northern Y province', 'X'."""
        lead = self.pick(("", "the town of ", "the village of ", "", "the city of " if p.feature == "city" else ""))
        self.w(lead)
        self.loc(p)
        style = self.r.random()
        if style < 0.2:
            self.w(f" in {self.pick(W.DIRECTIONS)} rural ")
            self.gov(p.admin1)
        elif style < 0.3:
            self.w(" in ")
            self.gov(p.admin1)
            self.w(" province")

    def person(self) -> tuple[str, str, str]:
        if self.r.random() < 0.5:
            return self.pick(self.people)
        return _new_person(self.r)

    def speaker_full(self, p: tuple[str, str, str]) -> None:
        name, role, org = p
        self.w(role[0].upper() + role[1:] + " ")
        self.t("speaker", name, {"name": name, "role": role.split(" of ")[0].split(" for ")[0],
                                 "organisation": org})
        self.speaker = p

    def speaker_short(self) -> None:
        p = self.speaker or self.person()
        name, role, org = p
        short = name.split()[-1]
        short = short[3:].capitalize() if short.startswith("al-") else short
        self.t("speaker", short, {"name": name, "role": role.split(" of ")[0], "organisation": org})

    def figure(self, lo: int, hi: int, victims: str, harm: str, cap: bool = False) -> None:
        """A casualty figure: '[qualifier] N victims' or 'dozens of victims'."""
        r = self.r.random()
        if r < 0.12:
            word = self.pick(("dozens", "hundreds", "scores", "tens"))
            text, attrs = f"{word} of {victims}", {"count_min": None, "count_max": None, "qualifier": "vague"}
        elif r < 0.25:
            n = self.pick(W.NUMBER_WORDS)
            text, attrs = f"{n} {victims}", {"count_min": None, "count_max": None, "qualifier": "exact", "words": n}
        else:
            n = int(lo + (hi - lo) * self.r.random() ** 3)
            said, qualifier = self.pick(W.QUALIFIERS)
            number = f"{n:,}"
            text = f"{said} {number} {victims}" if said else f"{number} {victims}"
            low = None if qualifier in ("nearly", "up_to") else n
            high = n if qualifier in ("exact", "about", "nearly", "up_to") else None
            attrs = {"count_min": low, "count_max": high, "qualifier": qualifier}
        if cap:
            text = text[0].upper() + text[1:]
        self.t("casualty", text, {**attrs, "kind": harm, "victims": victims})

    def weekday(self) -> None:
        back = self.r.randint(0, 6)
        when = self.day - timedelta(days=back)
        self.w("on ")
        self.t("date", WEEKDAYS[when.weekday()], {"value": when.isoformat()})

    def month_period(self) -> None:
        year, month0 = divmod(self.day.year * 12 + self.day.month - 1 - self.r.randint(1, 30), 12)
        end = date(year + (month0 == 11), (month0 + 1) % 12 + 1, 1) - timedelta(days=1)
        self.t("date", f"{MONTHS[month0]} {year}", {"start": f"{year}-{month0 + 1:02d}-01", "end": end.isoformat()})

    def calendar_day(self) -> None:
        when = self.day - timedelta(days=self.r.randint(1, 40))
        self.t("date", f"{when.day} {MONTHS[when.month - 1]}", {"value": when.isoformat()})

    def predicate(self) -> str:
        """A verb phrase: one of the stock ones, or composed from three parts (~3,000 forms)."""
        if self.r.random() < 0.3:
            return self.fill(self.pick(W.PREDICATES))
        return self.fill(f"{self.pick(W.MODALS)} {self.pick(W.VERB_PHRASES)} {self.pick(W.CONDITIONS)}")

    def fill(self, text: str) -> str:
        if "{" not in text:
            return text
        return text.format(town=self.place().name, gov=self.pick(self.govs), abroad=self.pick(W.ABROAD))


def _new_person(r: random.Random) -> tuple[str, str, str]:
    towns, _villages, govs = _places()
    org = r.choice(W.ORGS).format(town=r.choice(towns).name, gov=r.choice(govs))
    role = r.choice(W.ROLES).format(org=org)
    return f"{r.choice(W.GIVEN)} {r.choice(W.FAMILY)}", role, org


@lru_cache(maxsize=4)
def _people(seed: int) -> list[tuple[str, str, str]]:
    """The figures who speak again and again (a few hundred per corpus)."""
    r = random.Random(seed * 7919 + 17)
    return [_new_person(r) for _ in range(400)]


# --- sentences: each writes one sentence ending with a full stop --------------------------------
def _attack(b: _Body) -> None:
    p, victims = b.place(), b.pick(W.VICTIMS)
    if b.r.random() < 0.5:
        b.figure(2, 160, victims, "killed", cap=True)
        b.w(f" were killed and {b.pick(('many', 'dozens of', 'several', 'scores of'))} others injured when "
            f"{b.pick(W.PERPETRATORS)} {b.pick(('targeted', 'shelled', 'bombed', 'struck', 'hit'))} "
            f"{b.pick(W.TARGETS)} in ")
    else:
        perp = b.pick(W.PERPETRATORS)
        b.w(f"{perp[0].upper()}{perp[1:]} {b.pick(('killed', 'claimed the lives of', 'left dead'))} ")
        b.figure(2, 120, victims, "killed")
        b.w(f" in {b.pick(('an attack with', 'a strike with', 'a barrage of'))} {b.pick(W.WEAPONS)} on ")
    b.where(p)
    if b.r.random() < 0.6:
        b.w(" ")
        b.weekday()
    b.w(".")


def _injured(b: _Body) -> None:
    org = b.fill(b.pick(W.ORGS))
    b.w(f"{org[0].upper()}{org[1:]} {b.pick(('said', 'reported', 'confirmed'))} that ")
    b.figure(3, 300, b.pick(W.VICTIMS), "injured")
    b.w(f" {b.pick(('were injured', 'were wounded', 'suffered injuries'))}, "
        f"{b.pick(('some of them critically', 'most of them children', 'among them two paramedics', 'many seriously'))}, "
        f"and that {b.pick(('rescue teams', 'civil defence crews', 'volunteers'))} were still searching the rubble.")


def _places_list(b: _Body) -> None:
    b.w(f"{b.pick(('Similar shelling', 'Artillery fire', 'Airstrikes', 'Rocket attacks', 'Raids', 'Drone strikes'))} "
        f"{b.pick(('also targeted', 'hit', 'pounded', 'struck'))} the {b.pick(('towns', 'villages'))} of ")
    k = b.r.randint(2, 3)
    for i in range(k):
        if i:
            b.w(", " if i < k - 1 else " and ")
        b.loc(b.place(0.7))
    if b.r.random() < 0.25:
        b.w(f" in {b.pick(W.DIRECTIONS)} rural ")
        b.gov(b.pick(b.govs))
    b.w(f", {b.pick(('causing heavy damage', 'wounding many civilians', 'forcing families to flee', 'cutting the main road'))}.")


def _toll(b: _Body) -> None:
    org = b.fill(b.pick(W.ORGS))
    b.w(f"{org[0].upper()}{org[1:]} documented ")
    b.figure(20, 4000, b.pick(("civilian deaths", "civilians killed", "victims")), "killed")
    b.w(" in ")
    b.gov(b.pick(b.govs))
    b.w(" in ")
    b.month_period()
    if b.r.random() < 0.4:
        b.w(", including ")
        b.figure(1, 300, "children", "killed")
    b.w(f", {b.pick(W.TOLL_ENDINGS)}.")


def _statement(b: _Body) -> None:
    b.speaker_full(b.person())
    subj = b.fill(b.pick(W.SUBJECTS))
    b.w(f" {b.pick(W.REPORT_VERBS)} that {subj} {b.predicate()}.")


def _quote(b: _Body) -> None:
    subj = b.fill(b.pick(W.SUBJECTS))
    b.w(f"“{subj[0].upper()}{subj[1:]} {b.predicate()},” ")
    b.speaker_short()
    b.w(f" {b.pick(W.REPORT_VERBS)}.")


def _urge(b: _Body) -> None:
    if b.speaker and b.r.random() < 0.6:
        b.speaker_short()
    else:
        b.w("The Syrian Coalition")
    b.w(f" {b.pick(W.URGE)} {b.pick(W.ADDRESSEES)} to {b.fill(b.pick(W.ACTIONS))} "
        f"{b.pick(('as soon as possible', 'without delay', 'before it is too late', 'in line with international law', 'and to act on its own resolutions'))}.")


def _meeting(b: _Body) -> None:
    person = b.person()
    b.speaker = person
    name, role, _org = person
    frole, fname = b.pick(W.FOREIGN)
    b.w(f"{role[0].upper()}{role[1:]} {name} met with the {frole} {fname} in ")
    city = b.pick(W.ABROAD)
    b.t("location", city, {"name": city, "feature": "city", "precision": 1})
    b.w(" ")
    b.weekday()
    b.w(f" to discuss {b.fill(b.pick(W.TOPICS))}.")


def _detention(b: _Body) -> None:
    b.w(f"{b.pick(W.DETAINERS)} {b.pick(('arrested', 'detained', 'abducted'))} ")
    b.figure(2, 90, b.pick(("young men", "people", "civilians", "returnees", "students")), "detained")
    b.w(f" in a {b.pick(('raid', 'campaign of arrests', 'house-to-house search'))} on ")
    b.where(b.place())
    b.w(" ")
    b.weekday()
    b.w(f", {b.pick(('according to local activists', 'local sources said', 'a monitoring group reported'))}.")


def _displacement(b: _Body) -> None:
    b.figure(300, 250_000, b.pick(("people", "civilians", "families")), "displaced", cap=True)
    b.w(" have fled ")
    b.where(b.place())
    b.w(" since ")
    b.calendar_day()
    b.w(", heading towards ")
    b.loc(b.place(0.2))
    b.w(f" and {b.pick(('the camps near the border', 'olive groves', 'safer areas in the north', 'relatives in nearby towns'))}.")


def _background(b: _Body) -> None:
    subj = b.fill(b.pick(W.SUBJECTS))
    b.w(f"{subj[0].upper()}{subj[1:]} {b.predicate()}, "
        f"{b.fill(b.pick(W.ORGS))} said in a statement {b.pick(('released', 'issued', 'published'))} on ")
    b.calendar_day()
    b.w(".")


def _context(b: _Body) -> None:
    b.w(f"Since {b.pick(MONTHS)} {b.r.randint(2011, b.day.year)}, {b.pick(W.PERPETRATORS)} "
        f"{b.pick(('has used', 'has relied on', 'has escalated the use of'))} {b.pick(W.WEAPONS)} against "
        f"{b.pick(('residential areas', 'the camps', 'farmland', 'markets', 'hospitals'))} despite "
        f"{b.pick(('the ceasefire', 'international warnings', 'the de-escalation agreement', 'repeated UN resolutions'))}.")


def _reaction(b: _Body) -> None:
    subj = b.fill(b.pick(W.SUBJECTS))
    b.w(f"{b.pick(W.OPENERS)} {subj} {b.predicate()}, {b.pick(W.LINKS)} "
        f"{b.fill(b.pick(W.SUBJECTS))} {b.predicate()}.")


def _needs(b: _Body) -> None:
    b.w(f"{b.pick(W.NEED_SUBJECTS)} {b.pick(W.NEED_VERBS)} {b.pick(W.NEEDS)} and {b.pick(W.NEEDS)}, "
        f"{b.pick(W.NEED_ENDINGS)}.")


PARAGRAPHS = (
    (_attack, _injured), (_attack, _places_list), (_attack, _toll), (_statement, _quote), (_statement, _urge),
    (_quote, _urge), (_meeting, _statement), (_detention, _toll), (_displacement, _urge), (_background, _context),
    (_places_list, _needs), (_context, _statement), (_detention, _quote), (_toll, _reaction),
    (_reaction, _needs), (_statement, _reaction), (_needs, _urge), (_attack, _needs), (_reaction, _context),
)


LEADS = (_attack, _attack, _statement, _meeting, _detention, _displacement, _toll)


def _item(rng: random.Random, day: date, people: list) -> GeneratedItem:
    article = rng.random() < 0.45
    genre = "article" if article else "listing"
    paragraphs = rng.randint(6, 12) if article else rng.randint(2, 6)
    b = _Body(rng, day, people)
    for i in range(paragraphs):
        if i:
            b.w("\n\n")
        first, second = b.pick(PARAGRAPHS)
        (b.pick(LEADS) if i == 0 else first)(b)  # a report opens with what happened, who said it
        b.w(" ")
        second(b)
        if rng.random() < 0.25:
            b.w(" ")
            b.pick((_context, _reaction, _needs, _reaction, _background))(b)
    return GeneratedItem(date=day.isoformat(), body="".join(b.parts), genre=genre, tags=tuple(b.tags))


def _day(i: int, n: int) -> date:
    span = (LAST_DAY - FIRST_DAY).days
    return LAST_DAY - timedelta(days=(i * span) // max(n, 1))


def _block(n: int, seed: int, block: int) -> list[GeneratedItem]:
    rng = random.Random(seed * 1_000_003 + block)
    people = _people(seed)
    return [_item(rng, _day(i, n), people) for i in range(block * BLOCK, min(n, (block + 1) * BLOCK))]


def generate_items(n: int, seed: int = 0) -> Iterator[GeneratedItem]:
    """`n` items, newest first, dates spread evenly over 2011-03-15 .. 2024-12-31."""
    for block in range(-(-n // BLOCK)):
        yield from _block(n, seed, block)


def _date_line(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year} In {CATEGORY}"


def page_text(items: list[GeneratedItem], page: int, pages: int) -> str:
    """One listing page in the exact seed layout."""
    parts = [f"{CATEGORY}\n"]
    for it in items:
        parts.append(f"{_date_line(it.date)}\n\n{it.body} (Source: {it.attribution})\n\n")
    last = date.fromisoformat(items[-1].date) if items else LAST_DAY
    parts.append(f"Page {page} of {pages}\n")
    parts.append(f"Home Media Center {CATEGORY} Items filtered by date: {MONTHS[last.month - 1]} {last.year}")
    return "".join(parts)


def _pages_of(items: Iterator[GeneratedItem], n_items: int, seed: int, items_per_page: int, first_page: int = 0
              ) -> Iterator[tuple[str, str, list[GeneratedItem]]]:
    pages = max(1, -(-n_items // items_per_page))
    batch: list[GeneratedItem] = []
    page = first_page
    for item in items:
        batch.append(item)
        if len(batch) == items_per_page:
            page += 1
            yield f"page_{seed}_{page:06d}.txt", page_text(batch, page, pages), batch
            batch = []
    if batch:
        page += 1
        yield f"page_{seed}_{page:06d}.txt", page_text(batch, page, pages), batch


def generate_pages(n_items: int, seed: int = 0, items_per_page: int = 10) -> Iterator[tuple[str, str]]:
    for name, text, _items in _pages_of(generate_items(n_items, seed), n_items, seed, items_per_page):
        yield name, text


def write_corpus(folder: str | Path, n_items: int, seed: int = 0, items_per_page: int = 10) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate_pages(n_items, seed, items_per_page):
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def cache_dir() -> Path:
    return Path(os.environ.get("ANNOTATOR_BENCH_CACHE") or Path(tempfile.gettempdir()) / "annotator-bench-cache")


PAGE_ITEMS = 10  # items per generated page; BLOCK is a multiple, so blocks are whole pages


def _packed_block(args: tuple[int, int, int, bool]) -> tuple[list, list[list[tuple]]]:
    """Worker: one block's pages parsed and packed as the importer does, plus each item's tags."""
    from annotator.ingest import parse_bytes
    from annotator.ingest.packed import pack

    n, seed, block, tagged = args
    items = _block(n, seed, block)
    docs = [pack(parse_bytes(text.encode("utf-8"), name))
            for name, text, _ in _pages_of(iter(items), n, seed, PAGE_ITEMS, block * BLOCK // PAGE_ITEMS)]
    return docs, [list(it.tags) for it in items] if tagged else []


def _build_fresh(path: Path, n_items: int, seed: int, tagged: bool, jobs: int | None = None) -> None:
    from annotator.store import annotations, open_store
    from annotator.store.bulk_review import review_items
    from annotator.store.sources import insert_documents

    db = open_store(path)
    blocks = [(n_items, seed, b, tagged) for b in range(-(-n_items // BLOCK))]
    jobs = jobs or max(1, min(len(blocks), os.cpu_count() or 1))
    pool = None
    if jobs > 1:
        import multiprocessing

        pool = multiprocessing.get_context("spawn").Pool(jobs)
    try:
        for docs, tags in _in_order(pool, blocks, ahead=2 * jobs):
            first = db.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM items").fetchone()[0]
            _store_all(insert_documents(db, docs, analyst="generator"))
            if tagged:
                rows = [{"item_id": item_id, "kind": kind, "start": s, "end": e, "text": text, "attributes": attrs,
                         "rule": f"generated.{kind}", "confidence": 0.9}
                        for item_id, item_tags in enumerate(tags, first) for kind, s, e, text, attrs in item_tags]
                annotations.insert_many_suggestions(db, rows, analyst="generator")
                review_items(db, list(range(first + REVIEWED_EVERY - 1, first + len(tags), REVIEWED_EVERY)),
                             analyst="generator")
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        db.close()


def _in_order(pool, blocks: list, ahead: int) -> Iterator[tuple[list, list]]:  # noqa: ANN001
    """Each block's result in order, with at most `ahead` blocks generated but not yet stored
    (the store is the slower side: unbounded, finished blocks would pile up in memory)."""
    if pool is None:
        yield from map(_packed_block, blocks)
        return
    pending = [pool.apply_async(_packed_block, (b,)) for b in blocks[:ahead]]
    for nxt in blocks[ahead:] + [None] * min(ahead, len(blocks)):
        result = pending.pop(0).get()
        if nxt is not None:
            pending.append(pool.apply_async(_packed_block, (nxt,)))
        yield result


def _store_all(outcomes: list) -> None:
    failed = [o for o in outcomes if isinstance(o, Exception)]
    if failed:
        raise RuntimeError(f"generated page not stored: {failed[0]}")


def cached_store(n_items: int, seed: int = 0, tagged: bool = False) -> Path:
    """The cached store for (n_items, seed, tagged), built first if missing. Benchmarks that
    leave it as they found it (undoing their changes) may open it in place: the tagged million
    is about 18 GB, too big to copy for every run."""
    cached = cache_dir() / f"store-v{GENERATOR_VERSION}-n{n_items}-s{seed}{'-tagged' if tagged else ''}.db"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Build under a private name, then rename: two processes building at once never
        # see (or copy) a half-built cache file.
        tmp = cached.with_name(f"{cached.stem}.{os.getpid()}.building.db")
        _remove_store(tmp)
        try:
            _build_fresh(tmp, n_items, seed, tagged)
            os.replace(tmp, cached)
        finally:
            _remove_store(tmp)
    return cached


def build_store(path: str | Path, n_items: int, seed: int = 0, tagged: bool = False) -> Path:
    """A store at `path` holding the generated corpus (replacing any file there).

    The first build for (n_items, seed, tagged) goes through the importer; later calls copy the
    cached file. The copy is migrated to the current schema when opened."""
    path = Path(path)
    cached = cached_store(n_items, seed, tagged)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_store(path)
    shutil.copyfile(cached, path)
    os.chmod(path, 0o600)
    return path


def _remove_store(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--build"]:  # python -m benchmarks.generate --build N: the tagged store, cached
        print(cached_store(int(sys.argv[2]), tagged=True))
        raise SystemExit(0)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    for fname, text in generate_pages(n):
        print(f"==> {fname}\n{text}\n")
