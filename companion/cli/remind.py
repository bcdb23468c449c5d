"""`companion remind`: the reminder process. APScheduler is imported only when it runs."""

from __future__ import annotations

import click

from companion.cli.common import services_of


@click.command()
@click.option(
    "--once",
    is_flag=True,
    help="Give the reminders due now, list those that came while nothing ran, then stop.",
)
@click.pass_context
def remind(ctx: click.Context, once: bool) -> int:
    """Reminders for the routines, until stopped (ctrl+c).

    A desktop notification where the system has a notifier (notify-send), this terminal
    otherwise (or always, with COMPANION_NOTIFY=terminal). Each reminder comes once, even
    with the app open too; a routine already checked off is not reminded.
    """
    from companion.reminders.process import ReminderProcess

    process = ReminderProcess(services_of(ctx).routines)
    return process.once() if once else process.run()
