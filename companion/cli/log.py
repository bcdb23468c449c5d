"""`companion log`: write a quick reflection, or find reflections again."""

from __future__ import annotations

from typing import Any

import click
import msgspec

from companion.cli.common import print_json, services_of
from companion.domain import messages
from companion.domain.family import Family
from companion.domain.reflection import WRITTEN_PARTS, Reflection, ReflectionDraft


@click.group()
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
