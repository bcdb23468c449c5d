"""The command line for routines: `companion routines list|add|edit|pause|resume|delete|
undo-delete|done|week|change|changes|ics`.

Every name, time, day and date is checked by the services before anything is written; a
mistake is one sentence on stderr and exit code 1. The icalendar library is loaded only by
`routines ics`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from companion.cli_common import print_json, services_of
from companion.domain.dates import day_words
from companion.domain.errors import CompanionError
from companion.domain.routine import STATUS_WORDS, WEEKDAYS, Checkoff, DayChange, Routine
from companion.domain.text import and_list

if TYPE_CHECKING:
    from companion.domain.consistency import WeekRow
    from companion.domain.family import Family

_Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
_F = TypeVar("_F", bound=Callable[..., Any])

# Where `routines delete` keeps the routine it took away, for `routines undo-delete`.

# A mark per status beside the word in the legend; a day with no check-off stays blank.
MARKS = {"done": "✓", "partly": "◐", "skipped": "-"}
NOT_PLANNED = "·"
LEGEND = "✓ done   ◐ partly done   - not today   · not planned   blank: nothing checked off"


@click.group()
def routines() -> None:
    """Shared routines: list, add, edit, check off, the week, one-off changes, a calendar."""


# -- the routines ------------------------------------------------------------------------


@routines.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def list_routines(ctx: click.Context, as_json: bool) -> None:
    """Every routine: its time, days, steps, who it is for and who is reminded."""
    services = services_of(ctx)
    found = services.routines.all()
    today = services.today()
    sentences = {row.routine.id: row.sentence(today) for row in services.routines.week(today)}
    people = services.family()
    if as_json:
        print_json({"routines": [_routine_json(r, people, sentences.get(r.id, "")) for r in found]})
        return
    if not found:
        click.echo(
            "No routines yet; add one with "
            '`companion routines add Bedtime --at 19:30 --step "Bath:15"`.'
        )
        return
    for number, routine in enumerate(found):
        if number:
            click.echo("")
        for line in _routine_lines(routine, people):
            click.echo(line)
        if not routine.paused:
            click.echo(f"  {sentences.get(routine.id, '')}")


def _routine_options(for_edit: bool) -> list[_Decorator]:
    """The options `add` and `edit` share; for `edit`, none has a default."""
    return [
        click.option(
            "--at",
            required=not for_edit,
            help="The start time, like 19:30 (24-hour clock).",
        ),
        click.option(
            "--step",
            "steps",
            multiple=True,
            help='A step and its minutes, like "Brush teeth:3" (repeatable, in order)'
            + ("; giving steps replaces them all." if for_edit else "."),
        ),
        click.option(
            "--days",
            default=None if for_edit else "every day",
            show_default=not for_edit,
            help='Which days: "every day", "weekdays", "weekends" or like "mon,wed,fri".',
        ),
        click.option(
            "--child",
            "children",
            multiple=True,
            help="A child it is for (repeatable; none: the whole family).",
        ),
        click.option(
            "--remind",
            multiple=True,
            help="A caregiver to remind (repeatable; none: everyone).",
        ),
        click.option(
            "--lead",
            type=int,
            default=None if for_edit else 10,
            show_default=not for_edit,
            help="Minutes before the start that the reminder comes.",
        ),
    ]


def _with_options(options: list[_Decorator]) -> Callable[[_F], _F]:
    def apply(command: _F) -> _F:
        wrapped: Callable[..., Any] = command
        for option in reversed(options):
            wrapped = option(wrapped)
        return cast(_F, wrapped)

    return apply


@routines.command("add")
@click.argument("name")
@_with_options(_routine_options(for_edit=False))
@click.pass_context
def add_routine(
    ctx: click.Context,
    name: str,
    at: str,
    steps: tuple[str, ...],
    days: str,
    children: tuple[str, ...],
    remind: tuple[str, ...],
    lead: int,
) -> None:
    """Add a routine: its start time, steps in order, days and who it is for.

    \b
    companion routines add Bedtime --at 19:30 --step "Bath:15" --step "Story:10"
    """
    services = services_of(ctx)
    routine = services.routines.add(
        name,
        at=at,
        steps=steps,
        days=days,
        children=children,
        remind=remind,
        lead_minutes=lead,
    )
    click.echo(f"{routine.name} is saved: {_when(routine)}, {_steps_summary(routine)}.")
    click.echo(_for_whom(routine, services.family()))


@routines.command("edit")
@click.argument("name")
@click.option("--name", "new_name", help="A new name for the routine.")
@_with_options(_routine_options(for_edit=True))
@click.option("--whole-family", is_flag=True, help="For the whole family, not some children.")
@click.option("--remind-everyone", is_flag=True, help="Remind every caregiver.")
@click.pass_context
def edit_routine(
    ctx: click.Context,
    name: str,
    new_name: str | None,
    at: str | None,
    steps: tuple[str, ...],
    days: str | None,
    children: tuple[str, ...],
    remind: tuple[str, ...],
    lead: int | None,
    whole_family: bool,
    remind_everyone: bool,
) -> None:
    """Change what is given; the rest stays as it was. Steps given replace all the steps."""
    services = services_of(ctx)
    if whole_family and children:
        raise CompanionError("Choose --child or --whole-family, not both.")
    if remind_everyone and remind:
        raise CompanionError("Choose --remind or --remind-everyone, not both.")
    routine = services.routines.named(name)
    given: dict[str, Any] = {
        "new_name": new_name,
        "at": at,
        "steps": steps or None,
        "days": days,
        "children": () if whole_family else (children or None),
        "remind": () if remind_everyone else (remind or None),
        "lead_minutes": lead,
    }
    if all(value is None for value in given.values()):
        raise CompanionError(
            f"Nothing to change in {routine.name}; say what changes, like --at 20:00 or "
            '--step "Story:10".'
        )
    edited = services.routines.edit(routine.id, **given)
    click.echo(f"{edited.name} is saved: {_when(edited)}, {_steps_summary(edited)}.")
    click.echo(_for_whom(edited, services.family()))


@routines.command("pause")
@click.argument("name")
@click.pass_context
def pause_routine(ctx: click.Context, name: str) -> None:
    """Pause a routine: no reminders, not in the calendar, kept as it is."""
    routine = services_of(ctx).routines.set_paused(name, True)
    click.echo(
        f"{routine.name} is paused: no reminders until `companion routines resume "
        f'"{routine.name}"`.'
    )


@routines.command("resume")
@click.argument("name")
@click.pass_context
def resume_routine(ctx: click.Context, name: str) -> None:
    """Bring a paused routine back."""
    routine = services_of(ctx).routines.set_paused(name, False)
    click.echo(f"{routine.name} is back on: {_when(routine)}.")


@routines.command("delete")
@click.argument("name")
@click.pass_context
def delete_routine(ctx: click.Context, name: str) -> None:
    """Delete a routine; `routines undo-delete` brings the last one deleted back."""
    routine = services_of(ctx).routines.delete(name)
    click.echo(
        f"{routine.name} is deleted. `companion routines undo-delete` brings it back, "
        "with its check-offs and changes."
    )


@routines.command("undo-delete")
@click.pass_context
def undo_delete(ctx: click.Context) -> None:
    """Bring back the routine deleted last."""
    routine = services_of(ctx).routines.undo_delete()
    click.echo(f"{routine.name} is back: {_when(routine)}, with its check-offs and changes.")


# -- check-off and the week ----------------------------------------------------------------


@routines.command("done")
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


@routines.command("week")
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


# -- a different day -----------------------------------------------------------------------


@routines.command("change")
@click.argument("name")
@click.option("--date", "day_text", required=True, help="The day: 2026-11-24, tomorrow...")
@click.option("--skip", is_flag=True, help="Not happening that day.")
@click.option("--move", "move_to", metavar="HH:MM", help="At another time that day.")
@click.option("--someone-else", "who", metavar="WHO", help="Someone else does it, like Grandma.")
@click.option("--as-planned", is_flag=True, help="Take the day's change away.")
@click.option("--say", default="", help="A line to say to the child about it.")
@click.pass_context
def change(
    ctx: click.Context,
    name: str,
    day_text: str,
    skip: bool,
    move_to: str | None,
    who: str | None,
    as_planned: bool,
    say: str,
) -> None:
    """A one-off change for one day: --skip, --move 20:30 or --someone-else Grandma."""
    chosen = [kind for kind, on in (("skip", skip), ("move", move_to), ("who", who)) if on]
    if as_planned:
        chosen.append("as planned")
    if len(chosen) != 1:
        raise CompanionError(
            "Say one change for the day: --skip, --move 20:30, --someone-else NAME or --as-planned."
        )
    services = services_of(ctx)
    routine = services.routines.named(name)
    today = services.today()
    day = services.parse_day(day_text)
    when = day_words(day, today)
    if as_planned:
        services.routines.as_planned(routine.id, day)
        click.echo(f"{when}: {routine.name} is as planned again, at {routine.start:%H:%M}.")
        return
    kind = "skip" if skip else "move" if move_to else "someone_else"
    made = services.routines.change_day(
        routine.id, day, kind, say_to_child=say, new_start=move_to, who=who or ""
    )
    click.echo(f"{when}: {made.describe(routine.name)}.")
    if made.say_to_child:
        click.echo(
            f'  To say to {_children_text(routine, services.family())}: "{made.say_to_child}"'
        )


@routines.command("changes")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def changes(ctx: click.Context, as_json: bool) -> None:
    """The one-off changes still to come (today's too)."""
    services = services_of(ctx)
    today = services.today()
    by_id = {r.id: r for r in services.routines.all()}
    upcoming = sorted(
        (c for c in services.routines.changes() if c.day >= today and c.routine_id in by_id),
        key=lambda c: (c.day, by_id[c.routine_id].start),
    )
    if as_json:
        print_json({"changes": [_change_json(c, by_id[c.routine_id]) for c in upcoming]})
        return
    if not upcoming:
        click.echo("No changes coming up; every routine runs as planned.")
        return
    for made in upcoming:
        routine = by_id[made.routine_id]
        say = f' · say: "{made.say_to_child}"' if made.say_to_child else ""
        click.echo(f"{day_words(made.day, today)}  {made.describe(routine.name)}{say}")


def _change_json(made: DayChange, routine: Routine) -> dict[str, Any]:
    return {
        "id": made.id,
        "routine": routine.name,
        "routine_id": routine.id,
        "day": made.day.isoformat(),
        "kind": made.kind,
        "new_start": f"{made.new_start:%H:%M}" if made.new_start else None,
        "who": made.who,
        "say_to_child": made.say_to_child,
        "sentence": made.describe(routine.name) + ".",
    }


# -- the calendar --------------------------------------------------------------------------


@routines.command("ics")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default: print it).",
)
@click.option("--tz", "zone_name", help="Time zone, like Europe/London (default: this computer's).")
@click.option("--replace", is_flag=True, help="Write over the file if it is there.")
@click.pass_context
def ics(ctx: click.Context, output: Path | None, zone_name: str | None, replace: bool) -> None:
    """The routines as iCalendar, for a calendar app (paused routines are left out)."""
    from companion.exchange.icalendar import local_zone, routines_ics

    services = services_of(ctx)
    zone = local_zone(zone_name)
    active = [r for r in services.routines.all() if not r.paused and r.days]
    if not active:
        raise CompanionError(
            "There are no routines to put in a calendar yet (paused ones are left out); "
            "add one with `companion routines add`."
        )
    if output is not None and output.exists() and not replace:
        raise CompanionError(
            f"{output} is already there; nothing was written. Choose another file with -o, "
            "or add --replace to write over it."
        )
    if output is not None and not output.parent.is_dir():
        raise CompanionError(f"There is no folder {output.parent}; create it or choose another.")
    now = services.clock()
    data = routines_ics(
        active,
        services.routines.changes(),
        services.family(),
        zone=zone,
        stamp=now.astimezone(UTC),
        today=now.date(),
    )
    if output is None:
        click.echo(data.decode(), nl=False)
        return
    from companion.store.files import atomic_write  # whole or not at all; one sentence if not

    atomic_write(output, data)
    zone_words = f"{zone.key} time" if zone is not None else "local time"
    click.echo(
        f"Wrote {len(active)} routine(s) to {output} ({zone_words}); import it in your "
        "calendar app."
    )


# -- how a routine reads -------------------------------------------------------------------


def _when(routine: Routine) -> str:
    return f"{routine.start:%H:%M} {routine.days_text()}"


def _steps_summary(routine: Routine) -> str:
    count = len(routine.steps)
    return f"{count} step{'s' if count != 1 else ''}, {routine.total_minutes} minutes"


def _children_text(routine: Routine, people: Family) -> str:
    return and_list([people.name_of(i) for i in routine.children]) or "the children"


def _for_whom(routine: Routine, people: Family) -> str:
    kids = and_list([people.name_of(i) for i in routine.children]) or "the whole family"
    reminded = and_list([people.name_of(i) for i in routine.remind]) or "everyone"
    lead = routine.lead_minutes
    if lead == 0:
        return f"For {kids}; reminds {reminded} as it starts."
    return f"For {kids}; reminds {reminded} {lead} minute{'s' if lead != 1 else ''} before."


def _routine_lines(routine: Routine, people: Family) -> list[str]:
    paused = " · paused (no reminders)" if routine.paused else ""
    lines = [f"{routine.name} · {_when(routine)} · {routine.total_minutes} minutes{paused}"]
    lines.extend(
        f"  {n}. {step.text} ({step.minutes} min)" for n, step in enumerate(routine.steps, start=1)
    )
    lines.append(f"  {_for_whom(routine, people)}")
    return lines


def _routine_json(routine: Routine, people: Family, this_week: str) -> dict[str, Any]:
    return {
        "id": routine.id,
        "name": routine.name,
        "start": f"{routine.start:%H:%M}",
        "days": [WEEKDAYS[d] for d in sorted(routine.days)],
        "days_text": routine.days_text(),
        "steps": routine.steps,
        "total_minutes": routine.total_minutes,
        "children": [people.name_of(i) for i in routine.children],
        "remind": [people.name_of(i) for i in routine.remind],
        "lead_minutes": routine.lead_minutes,
        "paused": routine.paused,
        "this_week": this_week,
    }
