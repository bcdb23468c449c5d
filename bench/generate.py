"""Make the benchmark families: ten years and one year of a busy household.

Ten years: two caregivers, two children, three reflections a day (about 11,000) and five
routines (morning, after school, homework, bath, bedtime) made through the services and checked
off on every day they run (about 16,000 check-offs). The same reflections are also written as a
plain-text jrnl journal, so `run.py` can time jrnl on the same entries.

    python -m bench.generate            # writes bench/out/
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date, datetime, time
from pathlib import Path

from companion.services import Services, demo

OUT = Path(__file__).parent / "out"
REFLECTIONS_PER_DAY = (3,)


def make_family(folder: Path, years: int, today: date) -> int:
    """A family with `years` of history ending yesterday. Returns how many reflections."""
    if folder.exists():
        shutil.rmtree(folder)
    services = Services(folder, clock=lambda: datetime.combine(today, time(20, 0)))
    demo.seed(services, today, days=round(years * 365.25), per_day=REFLECTIONS_PER_DAY)
    return len(services.find_reflections())


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
