"""Deterministic synthetic "Coalition News" corpus in the seed layout, for benchmarks and tests.

    from benchmarks.generate import generate_items, generate_pages, write_corpus, build_store

- `generate_items(n, seed=0)` yields `GeneratedItem`s: `.date` (ISO, newest first, spread over
  2011-2024), `.body` (paragraphs joined by a blank line, genre text: statements with reporting
  verbs and titled speakers, meetings with envoys, massacre reports with casualty figures,
  displacement, detentions, sit-ins; Syrian place names), `.category`, `.attribution`, `.genre`.
- `generate_pages(n_items, seed=0, items_per_page=10)` yields `(file name, page text)` exactly
  like the seeds: a title line, `DD Month YYYY In Coalition News` lines, paragraphs, the body
  ending with ` (Source: ...)`, then `Page N of M` and the `Home Media Center ...` footer.
  Parsing a page gives back each item's body and date exactly.
- `write_corpus(folder, n_items, seed=0)` writes the pages as UTF-8 `.txt` files.
- `build_store(path, n_items, seed=0)` builds a store through the real importer code path
  (`annotator.ingest.parse_bytes` + `annotator.store.sources.insert_documents`), cached per
  (n, seed) under $ANNOTATOR_BENCH_CACHE (default: <tmp>/annotator-bench-cache), so reruns only
  copy a file.

Same (n, seed) always gives the same text: only `random.Random(seed)` is used, never the clock.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# Bump when the text changes, so cached stores are rebuilt.
GENERATOR_VERSION = 1
CATEGORY = "Coalition News"
ATTRIBUTION = "Syrian Coalition’s Media Department"
FIRST_DAY = date(2011, 3, 15)
LAST_DAY = date(2024, 12, 31)
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

SPEAKERS = [
    ("President of the Syrian Coalition", "Riad Seif"),
    ("President of the Syrian Coalition", "Anas al-Abdah"),
    ("President of the Syrian Coalition", "Khaled Khoja"),
    ("Secretary-General of the Syrian Coalition", "Nazir Hakim"),
    ("Vice-president of the Syrian Coalition", "Abdul Ahad Astepho"),
    ("Vice-president of the Syrian Coalition", "Salwa Aksoy"),
    ("Head of the Syrian Coalition’s media department", "Ahmed Ramadan"),
    ("Member of the Coalition’s political committee", "Yasser Farhan"),
    ("Member of the Coalition’s political committee", "Hadi al-Bahra"),
    ("Member of the Syrian Coalition", "Okab Yahya"),
    ("Member of the Syrian Coalition’s legal committee", "Haitham al-Maleh"),
    ("Head of the Syrian Interim Government", "Jawad Abu Hatab"),
    ("Spokesman for the High Negotiations Committee", "Salem al-Meslet"),
    ("Chief negotiator of the opposition delegation", "Mohammed Sabra"),
    ("Head of the Syrian Coalition’s human rights committee", "Rima Flihan"),
]
ORGANISATIONS = [
    "The Syrian Coalition", "The High Negotiations Committee", "The Syrian Network for Human Rights",
    "The Syrian Civil Defence", "The Local Council of {town}", "The Syrian Interim Government",
    "The Free Syrian Army", "The Syrian Observatory for Human Rights",
]
ENVOYS = [
    ("UN Special Envoy for Syria", "Staffan de Mistura"),
    ("UK Special Representative for Syria", "Martin Longden"),
    ("French special envoy to Syria", "Franck Gellet"),
    ("US Deputy Assistant Secretary of State", "Michael Ratney"),
    ("German special envoy to Syria", "Joachim Rücker"),
    ("Turkish Foreign Minister", "Mevlüt Çavuşoğlu"),
    ("Dutch special envoy for Syria", "Nicolette Teeuwen"),
    ("Qatari Minister of State for Foreign Affairs", "Sultan bin Saad al-Muraikhi"),
    ("UN Under-Secretary-General for Humanitarian Affairs", "Mark Lowcock"),
    ("EU High Representative", "Federica Mogherini"),
]
PLACES = [
    ("Raqqa", "Raqqa"), ("Tabqa", "Raqqa"), ("Deir Ezzor", "Deir Ezzor"), ("Mayadin", "Deir Ezzor"),
    ("Albu Kamal", "Deir Ezzor"), ("Alashara", "Deir Ezzor"), ("Hajin", "Deir Ezzor"), ("Idlib", "Idlib"),
    ("Khan Sheikhoun", "Idlib"), ("Maarat al-Numan", "Idlib"), ("Saraqib", "Idlib"), ("Jisr al-Shughour", "Idlib"),
    ("Kafr Nabl", "Idlib"), ("Ariha", "Idlib"), ("Aleppo", "Aleppo"), ("al-Bab", "Aleppo"), ("Manbij", "Aleppo"),
    ("Atareb", "Aleppo"), ("Jarabulus", "Aleppo"), ("Homs", "Homs"), ("Talbiseh", "Homs"), ("Rastan", "Homs"),
    ("Houla", "Homs"), ("Palmyra", "Homs"), ("Hama", "Hama"), ("Kafr Zita", "Hama"), ("Latamneh", "Hama"),
    ("Daraa", "Daraa"), ("Busra al-Harir", "Daraa"), ("Nawa", "Daraa"), ("Douma", "Rif Dimashq"),
    ("Harasta", "Rif Dimashq"), ("Arbin", "Rif Dimashq"), ("Zabadani", "Rif Dimashq"), ("Madaya", "Rif Dimashq"),
    ("Darayya", "Rif Dimashq"), ("Moadamiyeh", "Rif Dimashq"), ("Eastern Ghouta", "Rif Dimashq"),
    ("Qamishli", "Hasakah"), ("Ras al-Ain", "Hasakah"), ("Latakia", "Latakia"), ("Jableh", "Latakia"),
    ("Quneitra", "Quneitra"), ("Sweida", "Sweida"),
]
CITIES_ABROAD = ["Geneva", "Istanbul", "Riyadh", "Astana", "Brussels", "Paris", "London", "Doha", "Ankara", "Sochi"]
PERPETRATORS = [
    "Assad regime", "Russian", "Iranian-backed militia", "regime and Russian", "unidentified",
    "international coalition", "ISIS",
]
WEAPONS = [
    "barrel bombs", "cluster munitions", "vacuum missiles", "artillery shells", "surface-to-surface missiles",
    "incendiary weapons", "chlorine-filled barrel bombs", "mortar rounds",
]
TARGETS = [
    "a crowded market", "a field hospital", "a school", "a bakery", "a residential building", "a mosque",
    "a camp for displaced people", "a Civil Defence centre", "a water station", "a vegetable market",
]
REPORT_VERBS = ["said", "stressed", "emphasized", "noted", "warned", "pointed out", "reaffirmed", "added", "explained"]
CONDEMN_VERBS = ["condemned", "denounced", "strongly condemned", "deplored"]
URGE_VERBS = ["urged", "called on", "appealed to"]
ADDRESSEES = [
    "the international community", "the UN Security Council", "the Friends of Syria group", "the United Nations",
    "the European Union", "the guarantor countries", "the Arab League", "the International Committee of the Red Cross",
]
DEMANDS = [
    "to take urgent action to protect civilians",
    "to ensure accountability for the crimes committed against the Syrian people",
    "to secure the release of detainees held in the regime’s prisons",
    "to deliver humanitarian aid to the besieged areas",
    "to stop the forced displacement of civilians", "to refer the Syrian file to the International Criminal Court",
    "to enforce UN Security Council resolution 2254", "to impose a no-fly zone over the civilian areas",
]
ATTENDEES = ["the Coalition’s vice-presidents", "members of the political committee",
             "the head of the negotiations delegation"]
NEEDS = ["revive the political process", "protect civilians", "release detainees", "hold the regime accountable"]
TOPICS = [
    "the latest political and field developments", "the situation in the provinces of {prov} and {prov2}",
    "the developments of the political process and the next round of talks in {abroad}",
    "the humanitarian situation in {town}", "the file of detainees and forcibly disappeared persons",
    "the ceasefire agreement and the regime’s violations of it", "the reconstruction of local councils in {prov}",
]
QUOTES = [
    "There can be no political solution while the regime continues to bomb civilians",
    "The Syrian people will not accept any solution that keeps Assad and his clique in power",
    "What is happening in {town} is a war crime that must not go unpunished",
    "The silence of the international community encourages the regime to commit more massacres",
    "We are ready to cooperate with all parties to reach a just political solution",
    "Russia and Iran bear full responsibility for the crimes committed in {prov}",
    "The detainees file is a humanitarian issue that must not be subject to negotiation",
]
COUNT_PHRASES = [
    ("at least {n}", 1), ("about {n}", 1), ("nearly {n}", 1), ("more than {n}", 1), ("up to {n}", 1),
    ("{n}", 3), ("dozens of", 1), ("hundreds of", 1), ("tens of", 1), ("{w}", 1),
]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
VICTIMS = ["civilians", "people", "children", "women", "members of one family", "displaced people", "farmers"]


@dataclass(frozen=True)
class GeneratedItem:
    date: str
    body: str
    genre: str
    category: str = CATEGORY
    attribution: str = ATTRIBUTION


class _Text:
    """Fill-ins drawn from one Random, so the same seed always gives the same corpus."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def pick(self, seq):
        return self.r.choice(seq)

    def place(self) -> tuple[str, str]:
        return self.pick(PLACES)

    def count(self, lo: int = 2, hi: int = 90, numeric: bool = False) -> str:
        """A casualty figure as reports give it ("at least 12", "dozens of", "seven")."""
        phrases = [(p, w) for p, w in COUNT_PHRASES if not (numeric and p.endswith(" of"))]
        phrase = self.r.choices([p for p, _ in phrases], weights=[w for _, w in phrases])[0]
        return phrase.format(n=self.r.randint(lo, hi), w=self.pick(NUMBER_WORDS))

    def big(self) -> str:
        n = self.r.choice([self.r.randint(300, 9_000), self.r.randint(10, 400) * 1_000])
        return f"{self.pick(['more than ', 'about ', 'nearly ', 'at least ', ''])}{n:,}"

    def weekday(self) -> str:
        return self.pick(WEEKDAYS)

    def fill(self, template: str) -> str:
        town, prov = self.place()
        _, prov2 = self.place()
        return template.format(town=town, prov=prov, prov2=prov2, abroad=self.pick(CITIES_ABROAD))

    def speaker(self) -> tuple[str, str]:
        title, name = self.pick(SPEAKERS)
        return title, name

    def surname(self, name: str) -> str:
        return name.split()[-1].removeprefix("al-").capitalize() if self.r.random() < 0.3 else name.split()[-1]

    def quote(self) -> str:
        text = self.fill(self.pick(QUOTES))
        if self.r.random() < 0.5:
            return f"“{text}.”"
        return f"\"{text}.\""


def _statement(t: _Text) -> list[str]:
    title, name = t.speaker()
    short = t.surname(name)
    town, prov = t.place()
    paras = [
        f"{title} {name} {t.pick(CONDEMN_VERBS)} the {t.pick(PERPETRATORS)} attacks on {town} in {prov} province, "
        f"which {t.pick(['killed', 'claimed the lives of', 'left'])} {t.count()} {t.pick(VICTIMS)}"
        f"{'' if t.r.random() < 0.5 else ' dead'} on {t.weekday()}.",
        f"{short} {t.pick(URGE_VERBS)} {t.pick(ADDRESSEES)} {t.pick(DEMANDS)}.",
        f"{t.quote()[:-2]},{t.quote()[-1]} {short} {t.pick(REPORT_VERBS)}.",
    ]
    if t.r.random() < 0.5:
        paras.append(f"{short} {t.pick(REPORT_VERBS)} that {t.fill(t.pick(QUOTES)).lower()}.")
    return paras


def _meeting(t: _Text) -> list[str]:
    title, name = t.speaker()
    etitle, ename = t.pick(ENVOYS)
    short = t.surname(name)
    paras = [
        f"{title} {name} on {t.weekday()} met with the {etitle} {ename} in {t.pick(CITIES_ABROAD)} "
        f"and discussed with him {t.fill(t.pick(TOPICS))}.",
        f"The meeting was attended by {t.pick(ATTENDEES)}.",
        f"{short} {t.pick(REPORT_VERBS)} the need to {t.pick(NEEDS)} "
        f"in accordance with UN Security Council resolution 2254 and the Geneva Communique of 2012.",
        f"For his part, {ename.split()[-1]} {t.pick(['reaffirmed', 'stressed', 'expressed'])} his country’s "
        f"continued support for the Syrian people. (He also {t.pick(REPORT_VERBS)} the daily violations in "
        f"{t.place()[0]}.)",
    ]
    return paras


def _massacre(t: _Text) -> list[str]:
    town, prov = t.place()
    org = t.fill(t.pick(ORGANISATIONS))
    paras = [
        f"{t.count(3, 150).capitalize()} civilians, including {t.count(1, 40)} children and {t.pick(NUMBER_WORDS)} women, "
        f"were killed and {t.count(5, 300)} others injured when {t.pick(PERPETRATORS)} warplanes dropped "
        f"{t.pick(WEAPONS)} on {t.pick(TARGETS)} in {town} in rural {prov} on {t.weekday()}.",
        f"{org} said the death toll was likely to rise as rescue teams were still searching for survivors "
        f"under the rubble. It documented {t.big()} civilian deaths in {prov} province since the start of the year.",
        f"The Syrian Coalition {t.pick(CONDEMN_VERBS)} the massacre, describing it as a war crime, and "
        f"{t.pick(URGE_VERBS)} {t.pick(ADDRESSEES)} {t.pick(DEMANDS)}.",
    ]
    return paras


def _displacement(t: _Text) -> list[str]:
    town, prov = t.place()
    dest, dprov = t.place()
    towards = dest if dest == dprov else f"{dest} in {dprov}"
    return [
        f"{t.big().capitalize()} civilians have fled {town} and surrounding villages in {prov} province over the "
        f"past {t.pick(NUMBER_WORDS)} days to escape the intense bombardment, heading towards {towards}.",
        f"{t.fill(t.pick(ORGANISATIONS))} warned of a humanitarian catastrophe as the displaced live in the open "
        f"without shelter, food or medical care. It said {t.count(10, 900)} families were sleeping under olive trees.",
        f"The Coalition {t.pick(URGE_VERBS)} {t.pick(ADDRESSEES)} to expedite the delivery of humanitarian aid to "
        f"the people who fled the fighting in {prov} in accordance with UNSC resolution 2165.",
    ]


def _detentions(t: _Text) -> list[str]:
    town, prov = t.place()
    title, name = t.speaker()
    return [
        f"Regime forces arrested {t.count(3, 200)} people, including {t.count(1, 30)} women, in a raid on {town} "
        f"in {prov} province on {t.weekday()}, according to local activists.",
        f"The Syrian Network for Human Rights documented {t.big()} cases of arbitrary arrest since {t.pick(MONTHS)} "
        f"{t.r.randint(2011, 2023)}, {t.count(10, 900, numeric=True)} of whom died under torture in the regime’s prisons.",
        f"{title} {name} {t.pick(REPORT_VERBS)} that the fate of the detainees is \"a priority that cannot be "
        f"postponed\" and {t.pick(URGE_VERBS)} {t.pick(ADDRESSEES)} {t.pick(DEMANDS)}.",
    ]


def _sit_in(t: _Text) -> list[str]:
    abroad = t.pick(CITIES_ABROAD)
    return [
        f"Syrian activists on {t.weekday()} held a sit-in outside the United Nations headquarters in {abroad} "
        f"calling for the release of detainees in the prisons of the Assad regime.",
        f"Participants, who included relatives of detainees from {t.place()[0]} and {t.place()[0]}, held placards "
        f"stressing that they are making their demands on behalf of every Syrian family.",
        f"Participants called for exercising pressure on the regime to \"immediately disclose all information "
        f"about the fate of detainees\" and to allow independent monitors into its prisons.",
    ]


GENRES = {
    "statement": _statement, "meeting": _meeting, "massacre": _massacre,
    "displacement": _displacement, "detentions": _detentions, "sit_in": _sit_in,
}


def generate_items(n: int, seed: int = 0) -> Iterator[GeneratedItem]:
    """`n` items, newest first, dates spread evenly over 2011-03-15 .. 2024-12-31."""
    rng = random.Random(seed)
    t = _Text(rng)
    span = (LAST_DAY - FIRST_DAY).days
    names = list(GENRES)
    for i in range(n):
        day = LAST_DAY - timedelta(days=(i * span) // max(n, 1))
        genre = rng.choice(names)
        body = "\n\n".join(GENRES[genre](t))
        yield GeneratedItem(date=day.isoformat(), body=body, genre=genre)


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


def generate_pages(n_items: int, seed: int = 0, items_per_page: int = 10) -> Iterator[tuple[str, str]]:
    pages = max(1, -(-n_items // items_per_page))
    batch: list[GeneratedItem] = []
    page = 0
    for item in generate_items(n_items, seed):
        batch.append(item)
        if len(batch) == items_per_page:
            page += 1
            yield f"page_{seed}_{page:06d}.txt", page_text(batch, page, pages)
            batch = []
    if batch:
        page += 1
        yield f"page_{seed}_{page:06d}.txt", page_text(batch, page, pages)


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


def _build_fresh(path: Path, n_items: int, seed: int) -> None:
    from annotator.ingest import parse_bytes
    from annotator.ingest.packed import pack
    from annotator.store import open_store
    from annotator.store.sources import insert_documents

    db = open_store(path)
    try:
        batch = []
        for name, text in generate_pages(n_items, seed):  # stored in batches, as the importer does
            batch.append(pack(parse_bytes(text.encode("utf-8"), name)))
            if len(batch) == 200:
                _store_all(insert_documents(db, batch, analyst="generator"))
                batch = []
        _store_all(insert_documents(db, batch, analyst="generator"))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def _store_all(outcomes: list) -> None:
    failed = [o for o in outcomes if isinstance(o, Exception)]
    if failed:
        raise RuntimeError(f"generated page not stored: {failed[0]}")


def build_store(path: str | Path, n_items: int, seed: int = 0) -> Path:
    """A store at `path` holding the generated corpus (replacing any file there).

    The first build for (n_items, seed) goes through the importer; later calls copy the cached
    file. The copy is migrated to the current schema when opened."""
    path = Path(path)
    cached = cache_dir() / f"store-v{GENERATOR_VERSION}-n{n_items}-s{seed}.db"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Build under a private name, then rename: two processes building at once never
        # see (or copy) a half-built cache file.
        tmp = cached.with_name(f"{cached.stem}.{os.getpid()}.building.db")
        _remove_store(tmp)
        _build_fresh(tmp, n_items, seed)
        os.replace(tmp, cached)
        _remove_store(tmp)
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

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    for fname, text in generate_pages(n):
        print(f"==> {fname}\n{text}\n")
