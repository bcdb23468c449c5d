"""`companion doctor` and `companion restore`: care of the data files and their backups."""

from __future__ import annotations

import click

from companion.cli.common import services_of


@click.command()
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


@click.command()
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
