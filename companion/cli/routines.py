"""The command line for routines: `companion routines list|add|edit|pause|resume|delete|
undo-delete|done|week|change|changes|ics`.

Every name, time, day and date is checked by the services before anything is written; a
mistake is one sentence on stderr and exit code 1. The icalendar library is loaded only by
`routines ics`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from companion.cli import routine_days, routine_week
from companion.cli.common import print_json, services_of
from companion.cli.routine_words import for_whom, routine_json, routine_lines, steps_summary, when
from companion.domain.errors import CompanionError

_Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
_F = TypeVar("_F", bound=Callable[..., Any])


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
        print_json({"routines": [routine_json(r, people, sentences.get(r.id, "")) for r in found]})
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
        for line in routine_lines(routine, people):
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
    click.echo(f"{routine.name} is saved: {when(routine)}, {steps_summary(routine)}.")
    click.echo(for_whom(routine, services.family()))


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
    click.echo(f"{edited.name} is saved: {when(edited)}, {steps_summary(edited)}.")
    click.echo(for_whom(edited, services.family()))


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
    click.echo(f"{routine.name} is back on: {when(routine)}.")


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
    click.echo(f"{routine.name} is back: {when(routine)}, with its check-offs and changes.")


for _command in (*routine_week.COMMANDS, *routine_days.COMMANDS):
    routines.add_command(_command)
