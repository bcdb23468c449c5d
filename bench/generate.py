"""Make the benchmark families: ten years and one year of a busy household.

Ten years: two caregivers, two children, three reflections a day (about 11,000) and five
routines (morning, after school, homework, bath, bedtime) made through the services and checked
off on every day they run (about 16,000 check-offs). The same reflections are also written as a
plain-text jrnl journal, so `run.py` can time jrnl on the same entries.

    python -m bench.generate            # writes bench/out/
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from companion import demo
from companion.domain.routine import Checkoff, Routine
from companion.services import Services

OUT = Path(__file__).parent / "out"
# name, start, days, steps, children, who is reminded
ROUTINES: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Morning",
        "07:15",
        "every day",
        ("Wake up slowly:5", "Get dressed:10", "Breakfast together:15", "Shoes on:5"),
        ("Mia", "Leo"),
        ("Sam",),
    ),
    ("After school", "15:30", "weekdays", ("Snack and a hug:10", "Play outside:20"), (), ()),
    ("Homework", "16:30", "weekdays", ("Table ready:2", "Homework with help:25"), ("Mia",), ()),
    ("Bath", "18:45", "every day", ("Run the bath:5", "Bath play:15", "Pyjamas:5"), ("Leo",), ()),
    (
        "Bedtime",
        "19:30",
        "every day",
        ("Brush teeth:3", "Story:10", "Song and a cuddle:5"),
        ("Mia", "Leo"),
        ("Sam", "Jordan"),
    ),
)
NOTES = ("", "", "", "", "Calm tonight.", "Tired and a bit wobbly.", "Lots of giggles.")
REFLECTIONS_PER_DAY = (3,)


def make_family(folder: Path, years: int, today: date) -> int:
    """A family with `years` of history ending yesterday. Returns how many reflections."""
    if folder.exists():
        shutil.rmtree(folder)
    services = Services(folder, clock=lambda: datetime.combine(today, time(20, 0)))
    demo.seed(services, today, days=round(years * 365.25), per_day=REFLECTIONS_PER_DAY)
    add_routines(services, years, today)
    return len(services.find_reflections())


def add_routines(services: Services, years: int, today: date) -> int:
    """The five routines, made as a caregiver makes them, and checked off on the days they
    run for the whole history. Returns how many check-offs."""
    days = round(years * 365.25)
    first = today - timedelta(days=days)
    made: list[Routine] = []
    for name, at, on, steps, children, remind in ROUTINES:
        routine = services.routines.add(
            name, at=at, steps=steps, days=on, children=children, remind=remind
        )
        # As if added when the history starts, so nothing before it looks due.
        made.append(services.routines.save(replace(routine, added=datetime.combine(first, time()))))
    caregivers = [c.id for c in services.family().caregivers]
    rng = random.Random(5)
    checkoffs: list[Checkoff] = []
    for days_ago in range(days, 0, -1):
        day = today - timedelta(days=days_ago)
        for routine in made:
            if not routine.runs_on(day):
                continue
            finished = datetime.combine(day, routine.start) + timedelta(
                minutes=routine.total_minutes + rng.randint(0, 20)
            )
            checkoffs.append(
                Checkoff(
                    routine_id=routine.id,
                    day=day,
                    status=rng.choice(("done", "done", "done", "partly", "skipped")),
                    written_at=finished,
                    by=rng.choice(caregivers),
                    note=rng.choice(NOTES),
                )
            )
    services.routines.checkoffs.add_many(checkoffs)
    return len(checkoffs)


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
