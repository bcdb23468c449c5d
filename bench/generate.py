"""Make the benchmark families: ten years and one year of a busy household.

Ten years: two caregivers, two children, three reflections a day (about 11,000) and five
routines checked off every day. The same reflections are also written as a plain-text jrnl
journal, so `run.py` can time jrnl on the same entries.

    python -m bench.generate            # writes bench/out/
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import orjson

from companion import demo
from companion.domain.ids import new_id
from companion.services import Services

OUT = Path(__file__).parent / "out"
ROUTINES = ("morning", "after school", "homework", "bath", "bedtime")
REFLECTIONS_PER_DAY = (3,)


def make_family(folder: Path, years: int, today: date) -> int:
    """A family with `years` of history ending yesterday. Returns how many reflections."""
    if folder.exists():
        shutil.rmtree(folder)
    services = Services(folder, clock=lambda: datetime.combine(today, time(20, 0)))
    demo.seed(services, today, days=round(years * 365.25), per_day=REFLECTIONS_PER_DAY)
    write_checkoffs(folder, years, today)
    return len(services.find_reflections())


def write_checkoffs(folder: Path, years: int, today: date) -> None:
    """Five routines done every day, one file per year, in the store's envelope format.

    Routines arrive with issue 5; until then nothing reads these files, but they sit in the
    folder (and its backups) with their real size, as they will for a family."""
    rng = random.Random(5)
    by_year: dict[int, dict[str, dict[str, str]]] = {}
    for days_ago in range(round(years * 365.25), 0, -1):
        day = today - timedelta(days=days_ago)
        table = by_year.setdefault(day.year, {})
        for routine in ROUTINES:
            table[str(len(table) + 1)] = {
                "id": new_id(),
                "routine": routine,
                "day": day.isoformat(),
                "status": rng.choice(("done", "done", "done", "partly", "skipped")),
                "by": rng.choice(("Sam", "Jordan")),
            }
    checkoffs = folder / "checkoffs"
    checkoffs.mkdir(mode=0o700, exist_ok=True)
    for year, table in by_year.items():
        envelope = {"companion": {"kind": "checkoffs", "schema": 1}, "tables": {"checkoffs": table}}
        (checkoffs / f"{year}.json").write_bytes(orjson.dumps(envelope))


def make_jrnl_journal(family: Path, folder: Path) -> Path:
    """The family's reflections as a jrnl journal, with a config that never prompts."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    services = Services(family)
    journal = folder / "journal.txt"
    with journal.open("w", encoding="utf-8") as out:
        for reflection in services.find_reflections():
            stamp = reflection.written_at.strftime("%Y-%m-%d %H:%M")
            out.write(f"[{stamp}] {reflection.text}\n\n")
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals: {{default: {{journal: {journal}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: '4.6'\n",
        encoding="utf-8",
    )
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (bench/out)")
    args = parser.parse_args(argv)
    today = date.today()
    for years in (10, 1):
        count = make_family(args.out / f"family-{years}y", years, today)
        print(f"family-{years}y: {count:,} reflections")
    make_jrnl_journal(args.out / "family-10y", args.out / "jrnl-10y")
    print(f"jrnl-10y: the same entries as a jrnl journal in {args.out / 'jrnl-10y'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
