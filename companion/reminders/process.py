"""`companion remind`: the reminder process, in the foreground, for a background service.

At start it gives what is due now, lists once the reminders that came while nothing ran,
then waits with a BlockingScheduler: one job per routine for its next reminder, and a check
every 30 seconds that plans again when the routines changed (an edit in the app is seen
within a minute). `--once` does the first part only and stops, for a timer or a glance.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from types import FrameType
from typing import TYPE_CHECKING, Any

from companion.domain.errors import CompanionError
from companion.reminders.jobs import (
    CHECK_JOB,
    CHECK_SECONDS,
    GRACE,
    Planned,
    ReminderJobs,
    missing_jobs,
)
from companion.reminders.notify import Echo, Notifier, choose_notifier, print_line
from companion.reminders.source import RoutineSource
from companion.reminders.times import instant

if TYPE_CHECKING:
    from companion.domain.routine import Missed

BY = "remind"


class ReminderProcess:
    def __init__(
        self,
        routines: RoutineSource,
        *,
        echo: Echo = print_line,
        notifier: Notifier | None = None,
        zone: tzinfo | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.routines = routines
        self.echo = echo
        self.notifier = notifier if notifier is not None else choose_notifier(echo)
        self.jobs = ReminderJobs(routines, by=BY, zone=zone, now=now)
        self.scheduler: Any = None
        self._listed: set[str] = set()  # missed occurrences already listed by this run
        self._last_check: datetime | None = None

    # -- once ------------------------------------------------------------------------------

    def catch_up(self) -> tuple[int, int]:
        """Give what is due now, then list what was missed. Returns how many of each."""
        given = self.jobs.due_now()
        for reminder in given:
            self.notifier(reminder)
        missed = self._newly_missed()
        if missed:
            self.echo("While nothing was running:")
            for one in missed:
                self.echo(f"  {one.sentence()}.")
            self.echo("Open companion to mark each one done or not today.")
        return len(given), len(missed)

    def once(self) -> int:
        """`companion remind --once`: what is due and what was missed, now; then stop."""
        given, missed = self.catch_up()
        if not given and not missed:
            self.echo("No reminders due right now.")
        self.echo(self._next_line(self.jobs.plan()))
        return 0

    def _newly_missed(self, older_than: datetime | None = None) -> list[Missed]:
        found = []
        for one in self.routines.missed():
            occurrence = one.occurrence
            if occurrence.key in self._listed:
                continue
            if older_than is not None and instant(occurrence.remind_at, self.jobs.zone) >= (
                older_than
            ):
                continue
            self._listed.add(occurrence.key)
            found.append(one)
        return found

    def _next_line(self, planned: list[Planned]) -> str:
        if not planned:
            return (
                "No reminders are planned: there are no routines yet, or all are paused. "
                "New ones are picked up within a minute."
            )
        first = planned[0]
        when = self.jobs.local(first.due)
        today = self.jobs.local(self.jobs.now()).date()
        day = "today" if when.date() == today else f"{when:%a %d %b}"
        return f"Next: {first.occurrence.routine.name} reminder at {when:%H:%M} {day}."

    # -- the long run ----------------------------------------------------------------------

    def run(self) -> int:
        """Wait for reminders until stopped (ctrl+c, or SIGTERM from systemd)."""
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.blocking import BlockingScheduler

        # One worker: reminders and checks run one after another, never racing over a plan.
        scheduler = BlockingScheduler(
            timezone=self.jobs.zone, executors={"default": ThreadPoolExecutor(1)}
        )
        self.start_jobs(scheduler)
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            if scheduler.running:
                scheduler.shutdown(wait=False)
        self.echo("Reminders stopped.")
        return 0

    def start_jobs(self, scheduler: Any) -> None:
        """Give what is due, list what was missed, then hand the scheduler one job per
        routine and the check. `run` gives it a BlockingScheduler; the tests their own."""
        self.scheduler = scheduler
        self.catch_up()
        planned = self.jobs.plan()
        self.jobs.schedule(scheduler, planned, self.fire)
        scheduler.add_job(
            self.check,
            "interval",
            seconds=CHECK_SECONDS,
            id=CHECK_JOB,
            coalesce=True,
            misfire_grace_time=None,
        )
        self._last_check = self.jobs.now()
        count = len(self.routines.all())
        self.echo(
            f"Reminders are on for {count} routine{'s' if count != 1 else ''}. "
            f"{self._next_line(planned)} Stop with ctrl+c."
        )

    def fire(self, routine_id: str, day: date) -> None:
        """The reminder job: announce (once, across processes), then plan that routine's next."""
        try:
            reminder = self.jobs.fire(routine_id, day)
        except CompanionError as error:
            # Tried again by the next check (the job is gone, so the plan is made again).
            self.echo(error.message)
            return
        if reminder is not None:
            self.notifier(reminder)
        self._plan_again()

    def check(self) -> None:
        """Every 30 seconds: plan again when the routines changed or a job was dropped, and
        after a sleep (the computer's), list the reminders it was too late to give."""
        now = self.jobs.now()
        asleep = 2 * timedelta(seconds=CHECK_SECONDS)  # a check this late: the computer slept
        slept = self._last_check is not None and now - self._last_check > asleep
        self._last_check = now
        try:
            if missing_jobs(self.scheduler, self.jobs.planned) or self.jobs.routines_changed():
                self._plan_again()
            missed = self._newly_missed(older_than=now - GRACE) if slept else []
        except CompanionError as error:
            self.echo(error.message)
            return
        for one in missed:
            self.echo(f"{one.sentence()}. Open companion to mark it done or not today.")

    def _plan_again(self) -> None:
        try:
            planned = self.jobs.plan()
        except CompanionError as error:
            self.echo(error.message)
            return
        self.jobs.schedule(self.scheduler, planned, self.fire)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
