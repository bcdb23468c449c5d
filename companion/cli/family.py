"""`companion family`: show who is in the family, or change it."""

from __future__ import annotations

import click

from companion.cli.common import print_json, services_of


@click.group(invoke_without_command=True)
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
