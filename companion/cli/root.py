"""The command line. `run(argv) -> int` is what `main` and the tests call.

Start-up stays lean: Textual is imported only when a command opens the TUI.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from companion.cli.common import LazyGroup
from companion.cli.paths import data_folder, demo_folder
from companion.domain import messages
from companion.domain.errors import CompanionError
from companion.services import Services
from companion.store import error_log


class _Run:
    """What the last line of defence needs to know about this run."""

    def __init__(self, *, debug: bool = False) -> None:
        self.folder: Path | None = None  # the family's data folder, where errors are kept
        self.debug = debug  # --debug or COMPANION_DEBUG=1: print the traceback too


_this_run = _Run()


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command; map every outcome to an exit code, never to a traceback (that goes
    to the error log in the data folder)."""
    global _this_run
    _this_run = _Run(debug=error_log.debugging())
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
        log = error_log.keep(error, _this_run.folder) if _this_run.folder else None
        if _this_run.debug:
            import traceback

            traceback.print_exception(error)
        click.echo(messages.unexpected(error, log), err=True)
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
@click.option(
    "--debug",
    is_flag=True,
    help="Print the details of an unexpected error too (they are always kept in errors.log).",
)
@click.version_option(package_name="companion")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, debug: bool) -> None:
    """A calm companion for connection games, routines, reflections and session briefs.

    Run with no command to open the app.
    """
    _this_run.debug = _this_run.debug or debug
    if ctx.invoked_subcommand == "demo":
        ctx.obj = data_dir  # the demo picks its own folder
        return
    ctx.obj = Services(data_folder(data_dir))
    _this_run.folder = ctx.obj.root
    if ctx.invoked_subcommand is None:
        _open_app(ctx.obj)


def _open_app(services: Services) -> None:
    from companion.tui.app import build_app  # Textual loads only here

    _this_run.folder = services.root
    build_app(services, debug=_this_run.debug).run()


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
