"""The command line. `run(argv) -> int` is what `main` and the tests call.

Start-up stays lean: Textual is imported only when a command opens the TUI.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from companion.cli.common import LazyGroup
from companion.cli.paths import data_folder, demo_folder
from companion.domain import messages
from companion.domain.errors import CompanionError
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
        "family": "companion.cli.family:family",
        "log": "companion.cli.log:log",
        "activities": "companion.cli.activities:activities",
        "today": "companion.cli.today:today",
        "session": "companion.cli.today:session",
        "routines": "companion.cli.routines:routines",
        "remind": "companion.cli.remind:remind",
        "appointments": "companion.cli.brief:appointments",
        "brief": "companion.cli.brief:brief",
        "doctor": "companion.cli.care:doctor",
        "restore": "companion.cli.care:restore",
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
    from companion.services.demo import seed_if_empty

    services = Services(demo_folder(data_dir or ctx.obj))
    created = seed_if_empty(services)
    if seed_only:
        state = "written to" if created else "already in"
        click.echo(f"The demo family is {state} {services.root}.")
        return
    _open_app(services)
