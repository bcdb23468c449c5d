"""What a reminder says, and where it is shown: a desktop notification where the system has a
notifier (`notify-send`), the terminal otherwise.

    Bedtime in 10 minutes: Bath (15 min), then Brush teeth.

Set COMPANION_NOTIFY=terminal to keep reminders in the terminal even where there is a notifier.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from html import escape

from companion.domain.routine import Occurrence
from companion.domain.text import and_list
from companion.reminders.times import instant, minutes_between

NOTIFY_VARIABLE = "COMPANION_NOTIFY"  # "terminal" keeps reminders out of the desktop notifier
NOTIFY_SEND_SECONDS = 5

Echo = Callable[[str], None]


@dataclass(frozen=True)
class Reminder:
    """One occurrence, announced: the routine, when it starts, its first steps, for whom."""

    occurrence: Occurrence
    announced_at: datetime  # aware, in the local zone
    starts_at: datetime  # aware, in the local zone
    for_whom: tuple[str, ...] = ()  # caregivers' names; none means everyone

    @classmethod
    def of(
        cls,
        occurrence: Occurrence,
        now: datetime,
        zone: tzinfo,
        for_whom: tuple[str, ...] = (),
    ) -> Reminder:
        starts_at = instant(occurrence.starts_at, zone).astimezone(zone)
        return cls(occurrence, now.astimezone(zone), starts_at, for_whom)

    @property
    def title(self) -> str:
        """ "Bedtime in 10 minutes", "Bedtime starts now", "Bedtime started at 19:30"."""
        name = self.occurrence.routine.name
        minutes = minutes_between(self.announced_at, self.starts_at)
        if minutes > 0:
            return f"{name} in {minutes} minute{'s' if minutes != 1 else ''}"
        if minutes == 0:
            return f"{name} starts now"
        return f"{name} started at {self.starts_at:%H:%M}"

    @property
    def body(self) -> str:
        """ "Bath (15 min), then Brush teeth." with who does it when someone else does."""
        steps = self.occurrence.routine.steps
        parts: list[str] = []
        if steps:
            first = f"{steps[0].text} ({steps[0].minutes} min)"
            parts.append(f"{first}, then {steps[1].text}." if len(steps) > 1 else f"{first}.")
        change = self.occurrence.change
        if change is not None and change.kind == "someone_else" and change.who:
            parts.append(f"{change.who} does it today.")
        if self.for_whom:
            parts.append(f"For {and_list(self.for_whom)}.")
        return " ".join(parts)

    def sentence(self) -> str:
        return f"{self.title}: {self.body}" if self.body else f"{self.title}."


Notifier = Callable[[Reminder], None]


def print_line(text: str) -> None:
    """Print and flush at once: the reminder process often writes to a pipe or the journal."""
    print(text, flush=True)


class TerminalNotifier:
    """Each reminder as one line: "19:20  Bedtime in 10 minutes: Bath (15 min), then ..."."""

    def __init__(self, echo: Echo = print_line) -> None:
        self.echo = echo

    def __call__(self, reminder: Reminder) -> None:
        self.echo(f"{reminder.announced_at:%H:%M}  {reminder.sentence()}")


class DesktopNotifier:
    """A desktop notification through `notify-send`, and the same line in the terminal (or
    the journal, under systemd), so there is a record of what was said.

    A notifier that does not answer (say, the desktop was not up yet) is said once and tried
    again for the next reminder; when it answers again, that is said too."""

    def __init__(self, command: str, echo: Echo = print_line) -> None:
        self.command = command
        self.terminal = TerminalNotifier(echo)
        self.echo = echo
        self.failing = False

    def __call__(self, reminder: Reminder) -> None:
        self.terminal(reminder)
        # The body is markup to the notification server: a family's "&" or "<3" is text.
        body = escape(reminder.body or reminder.sentence(), quote=False)
        try:
            result = subprocess.run(
                # "--": a title or text that starts with "-" is words, not an option
                [self.command, "--app-name=companion", "--", reminder.title, body],
                capture_output=True,
                text=True,
                timeout=NOTIFY_SEND_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            self._did_not_answer(str(error))
            return
        if result.returncode != 0:
            self._did_not_answer(
                result.stderr.strip() or f"it stopped with code {result.returncode}"
            )
        elif self.failing:
            self.failing = False
            self.echo("The desktop notifier is answering again.")

    def _did_not_answer(self, why: str) -> None:
        if not self.failing:
            self.failing = True
            self.echo(
                f"The desktop notifier did not answer ({why}); reminders are shown here "
                "until it does."
            )


def choose_notifier(echo: Echo = print_line) -> Notifier:
    """`notify-send` where it exists (and COMPANION_NOTIFY is not "terminal"), else the
    terminal."""
    if os.environ.get(NOTIFY_VARIABLE, "").strip().lower() == "terminal":
        return TerminalNotifier(echo)
    command = shutil.which("notify-send")
    if command is None or sys.platform == "win32":
        return TerminalNotifier(echo)
    return DesktopNotifier(command, echo)
