"""The command line for connection games: `activities ...`, `today` and `session`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import msgspec

from companion.cli_common import print_json, services_of
from companion.domain.errors import CompanionError

if TYPE_CHECKING:
    from companion.domain.activity import Activity
    from companion.domain.library import LibraryCard
    from companion.domain.picker import Pick

# The card's own words for these; written out so `--help` needs no card schema loaded.
DIMENSIONS = ["structure", "engagement", "nurture", "challenge"]
PLACES = ["floor", "table", "sofa", "bed", "bath", "car", "outdoors", "anywhere"]


# -- the library ------------------------------------------------------------------------


@click.group()
def activities() -> None:
    """The library of connection games: list, show, check, mark, import and export."""


@activities.command("list")
@click.option("--dimension", type=click.Choice(DIMENSIONS), help="Only this dimension.")
@click.option("--search", help="Words that must all appear.")
@click.option("--minutes", type=click.IntRange(1, 60), help="At most this many minutes.")
@click.option("--energy", type=click.Choice(["calm", "lively"]), help="Calm or lively.")
@click.option("--place", type=click.Choice(PLACES), help="Where you are.")
@click.option("--favourites", is_flag=True, help="Only our favourites.")
@click.option("--hidden", "show_hidden", is_flag=True, help="Include cards marked not for us.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def list_activities(
    ctx: click.Context,
    dimension: str | None,
    search: str | None,
    minutes: int | None,
    energy: str | None,
    place: str | None,
    favourites: bool,
    show_hidden: bool,
    as_json: bool,
) -> None:
    """List the cards, grouped by dimension."""
    from companion.domain.family import Dimension
    from companion.domain.library import CardFilter

    card_filter = CardFilter.from_search(
        search,
        dimension=Dimension(dimension) if dimension else None,
        max_minutes=minutes,
        energy=energy,
        place=place,
        favourites_only=favourites,
        show_hidden=show_hidden,
    )
    found = services_of(ctx).find_cards(card_filter)
    if as_json:
        print_json({"activities": [card_json(card) for card in found]})
        return
    if not found:
        click.echo("No card fits all of that; try fewer words or filters.")
        return
    for card in found:
        activity = card.activity
        marks = "".join(
            mark
            for mark, on in (
                (" ★ favourite", card.marks.favourite),
                (" · from our therapist", card.marks.from_therapist),
                (" · not for us", card.marks.hidden),
                (" · our own", card.origin != "shipped"),
                (" · has a safety warning", bool(card.concerns)),
            )
            if on
        )
        click.echo(
            f"{activity.id:<28} {activity.title} ({activity.dimensions[0]}, "
            f"{activity.minutes} min, {activity.energy}){marks}"
        )
    click.echo(f"{len(found)} card(s). `companion activities show ID` shows one.")


@activities.command("show")
@click.argument("card_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def show_activity(ctx: click.Context, card_id: str, as_json: bool) -> None:
    """Show one card in full."""
    card = services_of(ctx).card(card_id)
    if as_json:
        print_json({"activity": card_json(card)})
        return
    for line in card_lines(card):
        click.echo(line)


@activities.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def validate_activities(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check card files (or folders of them): every problem as `file: field: what is wrong`."""
    from companion.card_files import check_paths

    checked = check_paths(paths)
    problems = [line for result in checked for line in result.problems]
    for line in problems:
        click.echo(line)
    good = sum(1 for result in checked if result.card is not None)
    if problems:
        click.echo(
            f"{good} of {len(checked)} card(s) are good; {len(problems)} problem(s) above.",
            err=True,
        )
        ctx.exit(1)
    click.echo(f"All {good} card(s) are good.")


# name, help, what it says after the title, which mark, set to
_MARKS = (
    ("favourite", "Mark a card as a favourite.", "is a favourite now", "favourite", True),
    ("unfavourite", "Take the favourite mark off.", "is no longer a favourite", "favourite", False),
    (
        "hide",
        "Mark a card as not for us (never suggested).",
        "will not be suggested",
        "hidden",
        True,
    ),
    ("unhide", "Bring a hidden card back.", "can be suggested again", "hidden", False),
    (
        "therapist",
        "Mark a card as from our therapist.",
        "is from our therapist",
        "from_therapist",
        True,
    ),
    (
        "untherapist",
        "Take the therapist mark off.",
        "is one of ours again",
        "from_therapist",
        False,
    ),
)


def _mark_command(name: str, help_text: str, said: str, mark: str, value: bool) -> click.Command:
    @click.command(name, help=help_text)
    @click.argument("card_id", metavar="ID")
    @click.pass_context
    def set_mark(ctx: click.Context, card_id: str) -> None:
        card = services_of(ctx).mark_card(card_id, **{mark: value})
        click.echo(f"{card.activity.title} {said}.")

    return set_mark


for _mark in _MARKS:
    activities.add_command(_mark_command(*_mark))


@activities.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def import_activities(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Bring in card files (your own, another home's, our therapist's); all or nothing."""
    from companion.card_files import check_paths

    checked = check_paths(paths)
    problems = [line for result in checked for line in result.problems]
    if problems:
        for line in problems:
            click.echo(line, err=True)
        raise click.ClickException("Nothing was imported; fix the problems above and try again.")
    cards = services_of(ctx).import_cards([r.card for r in checked if r.card is not None])
    click.echo(f"Imported {len(cards)} card(s): {', '.join(c.id for c in cards)}.")


@activities.command("export")
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("our-cards"),
    show_default=True,
    help="The folder to write the cards into.",
)
@click.option("--replace", is_flag=True, help="Write over card files already in the folder.")
@click.pass_context
def export_activities(ctx: click.Context, folder: Path, replace: bool) -> None:
    """Write our own and imported cards as TOML card files, one per card."""
    from companion.card_files import SUFFIX, export_cards

    ours = [c.activity for c in services_of(ctx).library() if c.origin != "shipped"]
    if not ours:
        click.echo("There are no cards of our own yet; nothing to export.")
        return
    there = [f"{a.id}{SUFFIX}" for a in ours if (folder / f"{a.id}{SUFFIX}").exists()]
    if there and not replace:
        raise CompanionError(
            f"{folder} already has {', '.join(there)}; nothing was written. Choose another "
            "folder with -o, or add --replace to write over them."
        )
    written = export_cards(ours, folder)
    click.echo(f"Wrote {len(written)} card(s) to {folder}.")


# -- today's pick and the session -------------------------------------------------------


@click.command()
@click.option("--child", help="Only this child (default: each child).")
@click.option("--minutes", type=click.IntRange(1, 60), help="The minutes you have.")
@click.option("--energy", type=click.Choice(["calm", "lively"]), help="Calm or lively.")
@click.option("--place", type=click.Choice(PLACES), help="Where you are.")
@click.option("--have", "materials", multiple=True, help="Something at hand (repeatable).")
@click.option("--nothing-at-hand", is_flag=True, help="Only games that need nothing.")
@click.option(
    "--feeling",
    type=click.Choice(["calm", "stretched", "empty"]),
    default="calm",
    show_default=True,
    help="How you are today (empty: running on empty).",
)
@click.option("--another", is_flag=True, help="The next best one instead.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def today(
    ctx: click.Context,
    child: str | None,
    minutes: int | None,
    energy: str | None,
    place: str | None,
    materials: tuple[str, ...],
    nothing_at_hand: bool,
    feeling: str,
    another: bool,
    as_json: bool,
) -> None:
    """Today's connection game for each child, with why."""
    from companion.domain.picker import Conditions

    conditions = Conditions.from_text(
        minutes=minutes,
        energy=energy,
        place=place,
        # None: no word about materials, so any card; --nothing-at-hand: an empty set
        materials_at_hand=materials if (materials or nothing_at_hand) else None,
        feeling=feeling,
    )
    services = services_of(ctx)
    picks = services.todays_picks(conditions, child=child, another=1 if another else 0)
    if as_json:
        print_json(
            {
                "day": services.today().isoformat(),
                "picks": [
                    {
                        "child": kid.name,
                        "activity": card_json(result.pick.card) if result.pick else None,
                        "no_touch": result.pick.no_touch if result.pick else False,
                        "reasons": [r.text for r in result.pick.reasons] if result.pick else [],
                        "explanation": result.pick.explanation() if result.pick else "",
                        "rest_is_fine": result.rest_is_fine,
                        "message": result.message,
                    }
                    for kid, result in picks
                ],
            }
        )
        return
    for number, (kid, result) in enumerate(picks):
        if number:
            click.echo("")
        if result.pick is None:
            click.echo(f"{kid.name}: {result.message}")
            continue
        _echo_pick(kid.name, result.pick)
        if result.rest_is_fine and result.message:
            click.echo(f"  {result.message}")
    if not another and any(result.pick for _, result in picks):
        click.echo("\nAnother one: companion today --another")


def _echo_pick(child_name: str, pick: Pick) -> None:
    activity = pick.card.activity
    click.echo(f"{child_name}: {activity.title} ({_summary(activity)})")
    click.echo(f"  Why today: {pick.explanation()}")
    steps = [pick.card.activity.no_touch] if pick.no_touch else list(activity.steps)
    if pick.no_touch:
        click.echo(f"  In its no-touch version for {child_name}:")
    for number, step in enumerate(steps, start=1):
        click.echo(f"  {number}. {step}")
    if activity.safety:
        click.echo(f"  Take care: {activity.safety}")
    click.echo(f"  `companion activities show {activity.id}` has the whole card.")


@click.command()
@click.option("--child", help="Who the session is with (needed when there are several).")
@click.option("--minutes", type=click.Choice(["5", "10", "15"]), default="10", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def session(ctx: click.Context, child: str | None, minutes: str, as_json: bool) -> None:
    """A home session plan: hello, games, a nurture moment, goodbye."""
    kid, plan = services_of(ctx).session_plan(int(minutes), child=child)
    if as_json:
        print_json(
            {
                "child": kid.name,
                "minutes": plan.minutes,
                "steps": [
                    {
                        "role": step.role,
                        "id": step.card.id,
                        "title": step.card.activity.title,
                        "minutes": step.minutes,
                        "no_touch": step.no_touch,
                    }
                    for step in plan.steps
                ],
            }
        )
        return
    click.echo(f"A {plan.minutes}-minute session with {kid.name}:")
    for step in plan.steps:
        touch = " (no-touch version)" if step.no_touch else ""
        click.echo(
            f"  {step.minutes:>2} min  {step.role:<8} {step.card.activity.title}{touch}"
            f"  [{step.card.id}]"
        )
    for step in plan.steps:
        if step.card.activity.safety:
            click.echo(f"Take care ({step.card.activity.title}): {step.card.activity.safety}")
    click.echo("It is an invitation: stop whenever your child says stop, and enjoy the rest.")


# -- how a card reads -------------------------------------------------------------------


def card_json(card: LibraryCard) -> dict[str, Any]:
    return {
        **msgspec.to_builtins(card.activity),
        "origin": card.origin,
        "favourite": card.marks.favourite,
        "hidden": card.marks.hidden,
        "from_therapist": card.marks.from_therapist,
        "safety_warnings": [c.sentence() for c in card.concerns],
    }


def _summary(activity: Activity) -> str:
    return f"{activity.minutes} min, {activity.energy}, {', '.join(activity.dimensions)}"


def card_lines(card: LibraryCard) -> list[str]:
    """A card as plain text, for `activities show`."""
    from companion.domain.library import ORIGIN_LABELS

    activity = card.activity
    ages = f"ages {activity.ages[0]}-{activity.ages[1]}"
    touch = {"none": "no touch", "light": "light touch", "hands-on": "hands-on"}[activity.touch]
    lines = [
        f"{activity.title}  [{activity.id}]",
        f"{_summary(activity)} · {ages} · {', '.join(activity.places)} · {touch}",
        "Needs: " + (", ".join(activity.materials) if activity.materials else "nothing"),
        "",
        *(f"{n}. {step}" for n, step in enumerate(activity.steps, start=1)),
        "",
        f"What to notice: {activity.notice}",
        f"Easier: {activity.easier}",
        f"Harder: {activity.harder}",
    ]
    if activity.no_touch:
        lines.append(f"No-touch version: {activity.no_touch}")
    lines.append(f"Why it helps ({', '.join(activity.helps)}): {activity.why}")
    if activity.safety:
        lines.append(f"Safety: {activity.safety}")
    marks = [
        label
        for label, on in (
            ("a favourite", card.marks.favourite),
            ("from our therapist", card.marks.from_therapist),
            ("not for us (never suggested)", card.marks.hidden),
        )
        if on
    ]
    lines.append(
        f"This card is {ORIGIN_LABELS[card.origin]}" + (f"; {', '.join(marks)}." if marks else ".")
    )
    lines.extend(f"Warning: {concern.sentence()}" for concern in card.concerns)
    return lines
