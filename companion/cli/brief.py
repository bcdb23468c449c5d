"""`companion appointments` and `companion brief`: preparing for the next therapy session."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import click

from companion.cli.common import print_json, services_of
from companion.services.briefs import BRIEF_FORMATS, BriefFormat, default_file_name


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def appointments(ctx: click.Context, as_json: bool) -> None:
    """Therapy appointments; the brief runs from the last one until today."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_appointments, as_json=as_json)


@appointments.command("add")
@click.argument("day", metavar="DATE")
@click.option("--note", default="", help="A short note, e.g. who it is with.")
@click.pass_context
def add_appointment(ctx: click.Context, day: str, note: str) -> None:
    """Note an appointment (2026-12-03, tomorrow, in 10 days)."""
    appointment = services_of(ctx).briefs.add_appointment(day, note)
    click.echo(f"Noted the appointment on {appointment.day:%a %d %b %Y}.")


@appointments.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def list_appointments(ctx: click.Context, as_json: bool) -> None:
    """Every appointment, oldest first; the next one is marked."""
    briefs = services_of(ctx).briefs
    found = briefs.appointments()
    coming = briefs.next_appointment()
    if as_json:
        print_json(
            {
                "appointments": found,
                "next": coming,
            }
        )
        return
    if not found:
        click.echo("No appointments yet; add one with `companion appointments add DATE`.")
        return
    for appointment in found:
        mark = "  (next)" if appointment == coming else ""
        note = f" · {appointment.note}" if appointment.note else ""
        click.echo(f"{appointment.day:%a %d %b %Y}{note}{mark}")


@click.command()
@click.option("--since", help="First day (default: the last appointment).")
@click.option("--until", help="Last day (default: today).")
@click.option(
    "--format",
    "form",
    type=click.Choice(BRIEF_FORMATS),
    default="md",
    show_default=True,
    help="Markdown, a printable HTML page, or PDF.",
)
@click.option("--redact", is_flag=True, help="Replace every name with initials.")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write to this file, or into this folder with a name of its own (PDF needs one).",
)
@click.pass_context
def brief(
    ctx: click.Context,
    since: str | None,
    until: str | None,
    form: str,
    redact: bool,
    output: str | None,
) -> None:
    """The session brief: what happened between appointments, for our therapist."""
    briefs = services_of(ctx).briefs
    chosen = cast(BriefFormat, form)
    if chosen == "pdf" and output is None and sys.stdout.isatty():
        raise click.UsageError("A PDF needs a file: add -o brief.pdf.")
    first, last = briefs.span(since, until)
    content = briefs.render(briefs.build(first, last, redact=redact), chosen)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    from companion.reports.words import span as span_words

    path = Path(output).expanduser()
    if path.is_dir():
        path /= default_file_name(first, last, chosen)
    path = briefs.write(content, path)
    click.echo(f"Saved the brief for {span_words(first, last)} to {path}.")
