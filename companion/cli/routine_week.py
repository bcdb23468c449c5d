"""`companion routines done` and `routines week`: check-off, and the week at a glance."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import click

from companion.cli.common import print_json, services_of
from companion.domain.dates import day_words
from companion.domain.errors import CompanionError
from companion.domain.routine import STATUS_WORDS, Checkoff

if TYPE_CHECKING:
    from companion.domain.consistency import WeekRow
    from companion.domain.family import Family

# A mark per status beside the word in the legend; a day with no check-off stays blank.
MARKS = {"done": "✓", "partly": "◐", "skipped": "-"}
NOT_PLANNED = "·"
LEGEND = "✓ done   ◐ partly done   - not today   · not planned   blank: nothing checked off"


@click.command("done")
@click.argument("name")
@click.option("--date", "day_text", help="The day (default today): 2026-11-22, yesterday...")
@click.option("--by", help="Who did it (default: the only caregiver, if there is one).")
@click.option("--partly", is_flag=True, help="It was partly done.")
@click.option("--skipped", is_flag=True, help="Not today.")
@click.option("--note", default="", help="A few words about how it went.")
@click.pass_context
def done(
    ctx: click.Context,
    name: str,
    day_text: str | None,
    by: str | None,
    partly: bool,
    skipped: bool,
    note: str,
) -> None:
    """Check a routine off for today or a past day: done, partly done or not today."""
    if partly and skipped:
        raise CompanionError("Choose --partly or --skipped, not both.")
    services = services_of(ctx)
    day = services.parse_day(day_text) if day_text else services.today()
    status = "partly" if partly else "skipped" if skipped else "done"
    people = services.family()
    if by is None and len(people.caregivers) == 1:
        by = people.caregivers[0].name
    checkoff = services.routines.check_off(name, day=day, status=status, by=by, note=note)
    routine = services.routines.named(checkoff.routine_id)
    when = day_words(day, services.today())
    who = f", by {people.name_of(checkoff.by)}" if checkoff.by else ""
    if status == "done":
        click.echo(f"{routine.name} is checked off for {when}{who}.")
    elif status == "partly":
        click.echo(f"{routine.name} is checked off as partly done for {when}{who}.")
    else:
        click.echo(f"{routine.name} is marked not today for {when}{who}.")
    if checkoff.note:
        click.echo(f'  Note: "{checkoff.note}"')


@click.command("week")
@click.option("--date", "day_text", help="A day in the week to show (default: this week).")
@click.option("--who", is_flag=True, help="Also list who checked off what.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def week(ctx: click.Context, day_text: str | None, who: bool, as_json: bool) -> None:
    """The week at a glance: days across, routines down; a day not checked off is blank."""
    services = services_of(ctx)
    today = services.today()
    day = services.parse_day(day_text) if day_text else today
    rows = services.routines.week(day)
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    latest = _latest_checkoffs(services.routines.checked_off(monday, sunday))
    people = services.family()
    if as_json:
        print_json(
            {
                "week_of": monday.isoformat(),
                "today": today.isoformat(),
                "routines": [_row_json(row, today, monday, latest, people) for row in rows],
            }
        )
        return
    if not rows:
        click.echo("No routines yet; `companion routines add` adds one.")
        return
    for line in _grid_lines(rows, monday, today):
        click.echo(line)
    click.echo("")
    for row in rows:
        click.echo(row.sentence(today))
    if who:
        click.echo("")
        order = {row.routine.id: n for n, row in enumerate(rows)}
        found = sorted(
            (c for c in latest.values() if c.routine_id in order),
            key=lambda c: (c.day, order[c.routine_id]),
        )
        if not found:
            click.echo("Nothing was checked off that week.")
        for checkoff in found:
            routine = rows[order[checkoff.routine_id]].routine
            by = f", by {people.name_of(checkoff.by)}" if checkoff.by else ""
            note = f' · "{checkoff.note}"' if checkoff.note else ""
            click.echo(
                f"{checkoff.day:%a %d %b}  {routine.name}: "
                f"{STATUS_WORDS[checkoff.status]}{by}{note}"
            )


def _grid_lines(rows: list[WeekRow], monday: date, today: date) -> list[str]:
    labels = [f"{row.routine.name} {row.routine.start:%H:%M}" for row in rows]
    width = min(max(len(label) for label in labels), 28)
    days = [monday + timedelta(days=n) for n in range(7)]
    head = " " * width + "".join(f"  {d:%a} {d.day:>2}" for d in days)
    lines = [f"Week of {monday:%a %d %b %Y}", head]
    for label, row in zip(labels, rows, strict=True):
        if len(label) > width:
            label = label[: width - 1] + "…"
        cells = []
        for cell in row.cells:
            if cell.status is not None:
                mark = MARKS[cell.status]
            elif not cell.planned:
                mark = NOT_PLANNED
            else:
                mark = ""
            cells.append(f"  {mark:^6}")
        lines.append((f"{label:<{width}}" + "".join(cells)).rstrip())
    lines.append(LEGEND)
    return lines


def _latest_checkoffs(checkoffs: list[Checkoff]) -> dict[tuple[str, date], Checkoff]:
    """The newest check-off of each routine and day: the one the grid shows."""
    latest: dict[tuple[str, date], Checkoff] = {}
    for checkoff in sorted(checkoffs, key=lambda c: c.written_at):
        latest[(checkoff.routine_id, checkoff.day)] = checkoff
    return latest


def _row_json(
    row: WeekRow,
    today: date,
    monday: date,
    latest: dict[tuple[str, date], Checkoff],
    people: Family,
) -> dict[str, Any]:
    cells = []
    for cell in row.cells:
        found = latest.get((row.routine.id, cell.day))
        cells.append(
            {
                "day": cell.day.isoformat(),
                "planned": cell.planned,
                "status": cell.status,
                "by": people.name_of(found.by) if found and found.by else None,
                "note": found.note if found else "",
            }
        )
    return {
        "id": row.routine.id,
        "name": row.routine.name,
        "start": f"{row.routine.start:%H:%M}",
        "cells": cells,
        "happened": row.happened(today),
        "planned_so_far": row.planned_so_far(today),
        "sentence": row.sentence(today),
    }


COMMANDS = (done, week)
