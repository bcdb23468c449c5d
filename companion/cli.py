"""The command line. `run(argv) -> int` is what `main` and the tests call.

Start-up stays lean: Textual is imported only when a command opens the TUI.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click
import msgspec

from companion import messages
from companion.cli_common import LazyGroup, print_json, services_of
from companion.domain.errors import CompanionError
from companion.domain.family import Family
from companion.domain.reflection import WRITTEN_PARTS, Reflection, ReflectionDraft
from companion.paths import data_folder, demo_folder
from companion.services import Services


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command; map every outcome to an exit code, never to a traceback."""
    try:
        result = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="companion",
            standalone_mode=False,
        )
    except CompanionError as error:
        click.echo(error.message, err=True)
        return 1
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("Stopped; nothing more was changed.", err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: one sentence, no traceback
        detail = f"{type(error).__name__}: {error}"
        click.echo(messages.UNEXPECTED.format(detail=detail), err=True)
        return 1
    return result if isinstance(result, int) else 0


def main() -> None:
    sys.exit(run())


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    lazy={
        "activities": "companion.cli_activities:activities",
        "today": "companion.cli_activities:today",
        "session": "companion.cli_activities:session",
        "routines": "companion.cli_routines:routines",
        "remind": "companion.cli_remind:remind",
        "appointments": "companion.cli_brief:appointments",
        "brief": "companion.cli_brief:brief",
    },
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    help="Folder for the family's data (default: $COMPANION_HOME, else your user data folder).",
)
@click.version_option(package_name="companion")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None) -> None:
    """A calm companion for connection games, routines, reflections and session briefs.

    Run with no command to open the app.
    """
    if ctx.invoked_subcommand == "demo":
        ctx.obj = data_dir  # the demo picks its own folder
        return
    ctx.obj = Services(data_folder(data_dir))
    if ctx.invoked_subcommand is None:
        _open_app(ctx.obj)


def _open_app(services: Services) -> None:
    from companion.tui.app import build_app  # Textual loads only here

    build_app(services).run()


# -- demo -------------------------------------------------------------------------------


@cli.command()
@click.option("--seed-only", is_flag=True, help="Write the demo family and exit.")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    help="Keep the demo family here instead of its own folder.",
)
@click.pass_context
def demo(ctx: click.Context, seed_only: bool, data_dir: str | None) -> None:
    """Open the app on a demo family with six months of history."""
    from companion.demo import seed_if_empty

    services = Services(demo_folder(data_dir or ctx.obj))
    created = seed_if_empty(services)
    if seed_only:
        state = "written to" if created else "already in"
        click.echo(f"The demo family is {state} {services.root}.")
        return
    _open_app(services)


# -- family -----------------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def family(ctx: click.Context, as_json: bool) -> None:
    """Show who is in the family, or change it."""
    if ctx.invoked_subcommand is not None:
        return
    people = services_of(ctx).family()
    if as_json:
        print_json(
            {
                "caregivers": people.caregivers,
                "children": people.children,
                "relatives": people.relatives,
            }
        )
        return
    if not people.caregivers and not people.children:
        click.echo(
            "No family yet. Open the app (`companion`) or use "
            "`companion family add-caregiver NAME` to begin."
        )
        return
    today = services_of(ctx).today()
    click.echo("Caregivers: " + (", ".join(c.name for c in people.caregivers) or "none yet"))
    click.echo("Children:" + ("" if people.children else " none yet"))
    for child in people.children:
        details = [f"{child.age_on(today)} years old", child.touch.label]
        if child.focus:
            details.append("focus: " + ", ".join(d.value for d in child.focus))
        click.echo(f"  {child.name} (born {child.born}): " + "; ".join(details))
        if child.developmental_note:
            click.echo(f"    note: {child.developmental_note}")
        if child.avoid:
            click.echo("    avoid: " + ", ".join(child.avoid))
    if people.relatives:
        click.echo("Relatives: " + ", ".join(r.name for r in people.relatives))


@family.command("add-caregiver")
@click.argument("name")
@click.pass_context
def add_caregiver(ctx: click.Context, name: str) -> None:
    """Add a caregiver (a parent, grandparent, foster carer...)."""
    caregiver = services_of(ctx).add_caregiver(name)
    click.echo(f"Welcome, {caregiver.name}.")


@family.command("add-relative")
@click.argument("name")
@click.pass_context
def add_relative(ctx: click.Context, name: str) -> None:
    """Name a relative your reflections mention (a sibling, a grandparent), so a brief with
    --redact shows their initials too."""
    relative = services_of(ctx).add_relative(name)
    click.echo(f"{relative.name} will show as initials in a brief with --redact.")


@family.command("remove-relative")
@click.argument("name")
@click.pass_context
def remove_relative(ctx: click.Context, name: str) -> None:
    """Take a relative off the list; a brief with --redact then shows their name as written."""
    relative = services_of(ctx).remove_relative(name)
    click.echo(f"{relative.name} is no longer on the list of relatives.")


@family.command("add-child")
@click.argument("name")
@click.option("--born", required=True, help="Birth date, e.g. 2019-05-02.")
@click.option(
    "--touch",
    type=click.Choice(["comfortable", "light", "none"]),
    default="comfortable",
    show_default=True,
    help="How the child feels about touch.",
)
@click.option("--avoid", multiple=True, help="Something to avoid (repeatable).")
@click.option(
    "--focus",
    multiple=True,
    type=click.Choice(["structure", "engagement", "nurture", "challenge"]),
    help="A dimension the therapist wants to focus on (repeatable).",
)
@click.option("--note", default="", help="A developmental-age note, in your words.")
@click.pass_context
def add_child(
    ctx: click.Context,
    name: str,
    born: str,
    touch: str,
    avoid: tuple[str, ...],
    focus: tuple[str, ...],
    note: str,
) -> None:
    """Add a child, with their touch profile."""
    child = services_of(ctx).add_child(
        name, born, touch=touch, avoid=avoid, focus=focus, developmental_note=note
    )
    click.echo(f"{child.name} is part of the family now.")


# -- reflections ------------------------------------------------------------------------


@cli.group()
def log() -> None:
    """Quick reflections: write one, or find them again."""


@log.command("add")
@click.argument("text")
@click.option("--child", "children", multiple=True, help="Which child it is about (repeatable).")
@click.option("--by", help="Which caregiver is writing.")
@click.option("--tag", "tags", multiple=True, help="A tag such as bedtime (repeatable).")
@click.option("--therapist", is_flag=True, help="Bring this up with our therapist.")
@click.option("--activity", "played", multiple=True, help="The id of a game played (repeatable).")
@click.option("--enjoyed", is_flag=True, help="The child enjoyed the games played.")
@click.option("--feeling", help="How you are: calm, stretched or empty (running on empty).")
@click.option("--engagement", type=click.IntRange(1, 5), help="How the child joined in, 1 to 5.")
@click.option("--before", help="The child before: calm, wobbly or overwhelmed.")
@click.option("--after", help="The child after: calm, wobbly or overwhelmed.")
@click.option("--question", "questions", multiple=True, help="A question for our therapist.")
@click.option("--date", "day", help="The day it is about, if not today (yesterday, 2026-03-01).")
@click.pass_context
def log_add(
    ctx: click.Context,
    text: str,
    children: tuple[str, ...],
    by: str | None,
    tags: tuple[str, ...],
    therapist: bool,
    played: tuple[str, ...],
    enjoyed: bool,
    feeling: str | None,
    engagement: int | None,
    before: str | None,
    after: str | None,
    questions: tuple[str, ...],
    day: str | None,
) -> None:
    """Write a reflection; prints its id once it is safely saved."""
    services = services_of(ctx)
    draft = ReflectionDraft(
        text=text,
        children=children,
        by=by,
        tags=tags,
        for_therapist=therapist,
        activities=played,
        enjoyed=played if enjoyed else (),
        feeling=feeling,
        engagement=engagement,
        before=before,
        after=after,
        questions="\n".join(questions),
        day=services.parse_day(day) if day else None,
    )
    click.echo(services.save_reflection(draft).id)


@log.command("list")
@click.option("--since", help="From this date (2026-03-01, yesterday, 7 days ago).")
@click.option("--until", help="Up to and including this date.")
@click.option("--search", help="Words that must all appear.")
@click.option("--tag", help="Only reflections with this tag.")
@click.option("--child", help="Only reflections about this child.")
@click.option("--by", help="Only reflections written by this caregiver.")
@click.option("--therapist", is_flag=True, help="Only those marked for our therapist.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def log_list(
    ctx: click.Context,
    since: str | None,
    until: str | None,
    search: str | None,
    tag: str | None,
    child: str | None,
    by: str | None,
    therapist: bool,
    as_json: bool,
) -> None:
    """List reflections, oldest first."""
    services = services_of(ctx)
    found = services.find_reflections(
        since=since,
        until=until,
        search=search,
        tag=tag,
        child=child,
        by=by,
        for_therapist_only=therapist,
    )
    people = services.family()
    if as_json:
        print_json({"reflections": [_reflection_json(r, people) for r in found]})
        return
    if not found:
        click.echo(messages.NO_REFLECTIONS)
        return
    for reflection in found:
        click.echo(_reflection_heading(reflection, people))
        for label, words in reflection.written_parts():
            if label != WRITTEN_PARTS[0][1]:  # what happened needs no label
                click.echo(f"  {label}:")
            for line in words.splitlines():
                click.echo(f"  {line}")


def _reflection_json(reflection: Reflection, people: Family) -> dict[str, Any]:
    # Every reflection shows these, even when empty; the parts a quick one has not are left out.
    record: dict[str, Any] = msgspec.to_builtins(reflection)
    record["children"] = [people.name_of(i) for i in reflection.children]
    record["by"] = people.name_of(reflection.by) if reflection.by else None
    record["tags"] = list(reflection.tags)
    record["therapist"] = reflection.for_therapist
    return record


def _reflection_heading(reflection: Reflection, people: Family) -> str:
    parts = [f"{reflection.day:%a %d %b %Y}", reflection.id]
    if reflection.children:
        parts.append(", ".join(people.name_of(i) for i in reflection.children))
    if reflection.by:
        parts.append(f"by {people.name_of(reflection.by)}")
    if reflection.tags:
        parts.append(" ".join(f"#{t}" for t in reflection.tags))
    if reflection.for_therapist:
        parts.append("for our therapist")
    if reflection.edited_at:
        parts.append(f"edited {reflection.edited_at:%d %b %H:%M}")
    return " · ".join(parts)


# -- care of the data -------------------------------------------------------------------


@cli.command()
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """Check the data files, their privacy and the backups. Changes nothing."""
    checkup = services_of(ctx).checkup()
    click.echo(f"Data folder: {services_of(ctx).root}")
    for line in checkup.good:
        click.echo(f"  ok  {line}")
    for line in checkup.problems:
        click.echo(f"  !!  {line}")
    if not checkup.healthy:
        click.echo("Something needs a look (marked !! above).", err=True)
        ctx.exit(1)
    click.echo("All is well.")


@cli.command()
@click.argument("backup")
@click.pass_context
def restore(ctx: click.Context, backup: str) -> None:
    """Put back the data files from a backup (today's files are kept in a backup first)."""
    restored = services_of(ctx).restore(backup)
    click.echo(f"Restored the files from the backup {restored.backup.name}.")
    if restored.removed:
        names = ", ".join(str(path) for path in restored.removed)
        click.echo(f"The backup did not have {names}, so they were taken away.")
    if restored.safety:
        click.echo(f"What was there before is kept in the backup {restored.safety.name}.")
