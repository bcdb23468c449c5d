"""`companion routines change`, `changes` and `ics`: one-off changes for a day, and the
routines as a calendar (the icalendar library is loaded only by `ics`)."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

import click

from companion.cli.common import print_json, services_of
from companion.cli.routine_words import children_text
from companion.domain.dates import day_words
from companion.domain.errors import CompanionError
from companion.domain.routine import DayChange, Routine


@click.command("change")
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
            f'  To say to {children_text(routine, services.family())}: "{made.say_to_child}"'
        )


@click.command("changes")
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


@click.command("ics")
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


COMMANDS = (change, changes, ics)
