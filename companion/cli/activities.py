"""`companion activities`: the library of connection games: list, show, check, mark, import
and export cards."""

from __future__ import annotations

from pathlib import Path

import click

from companion.cli.cards import DIMENSIONS, PLACES, card_json, card_lines
from companion.cli.common import print_json, services_of
from companion.domain.errors import CompanionError

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
    found = services_of(ctx).cards.find(card_filter)
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
    card = services_of(ctx).cards.get(card_id)
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
    from companion.exchange.card_files import check_paths

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
        card = services_of(ctx).cards.mark(card_id, **{mark: value})
        click.echo(f"{card.activity.title} {said}.")

    return set_mark


for _mark in _MARKS:
    activities.add_command(_mark_command(*_mark))


@activities.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def import_activities(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Bring in card files (your own, another home's, our therapist's); all or nothing."""
    from companion.exchange.card_files import check_paths

    checked = check_paths(paths)
    problems = [line for result in checked for line in result.problems]
    if problems:
        for line in problems:
            click.echo(line, err=True)
        raise click.ClickException("Nothing was imported; fix the problems above and try again.")
    cards = services_of(ctx).cards.add_imported([r.card for r in checked if r.card is not None])
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
    from companion.exchange.card_files import SUFFIX, export_cards

    ours = [c.activity for c in services_of(ctx).cards.all() if c.origin != "shipped"]
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
