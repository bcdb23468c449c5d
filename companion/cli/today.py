"""`companion today` and `companion session`: today's connection game, and a home session."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from companion.cli.cards import PLACES, card_json, summary
from companion.cli.common import print_json, services_of

if TYPE_CHECKING:
    from companion.domain.picker import Pick


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
    picks = services.picks.for_today(conditions, child=child, another=1 if another else 0)
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
    click.echo(f"{child_name}: {activity.title} ({summary(activity)})")
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
    kid, plan = services_of(ctx).picks.session(int(minutes), child=child)
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
