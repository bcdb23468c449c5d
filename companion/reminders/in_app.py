"""Reminders while the app is open: an AsyncIOScheduler on Textual's event loop, and a toast
with the routine and its first step.

    def on_mount(self) -> None:
        self.reminders = InAppReminders(self, self.services.routines)
        self.reminders.start()

    def on_unmount(self) -> None:
        self.reminders.stop()

The jobs are `async def`, so they run on the loop; every file read or write (planning, the
announcement under the store's lock) runs in a thread with `asyncio.to_thread`, so no TinyDB
call blocks the loop. After the app saves a routine, `routines_changed()` plans again at
once; edits made elsewhere are picked up by the check every 30 seconds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Literal, Protocol

from companion.reminders.jobs import (
    CHECK_JOB,
    CHECK_SECONDS,
    Planned,
    ReminderJobs,
    missing_jobs,
)
from companion.reminders.source import RoutineSource

# Textual's severities, named here so the reminders need not import Textual.
SeverityLevel = Literal["information", "warning", "error"]

BY = "app"
TOAST_SECONDS = 60.0  # long enough to be seen by someone who looked away for a moment
CLOCK_TOLERANCE = timedelta(minutes=1)


class Notifies(Protocol):
    """What is needed of the App: its `notify` (its `log` too, when it has one)."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...


class InAppReminders:
    def __init__(
        self,
        app: Notifies,
        routines: RoutineSource,
        *,
        zone: tzinfo | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.app = app
        self.jobs = ReminderJobs(routines, by=BY, zone=zone, now=now)
        self.scheduler: Any = None
        self._busy = asyncio.Lock()  # one plan or reminder at a time
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def running(self) -> bool:
        return self.scheduler is not None and bool(self.scheduler.running)

    @property
    def next_reminder(self) -> Planned | None:
        """The soonest planned reminder (after the first plan), for a "next" line."""
        planned = self.jobs.planned
        return planned[0] if planned else None

    def start(self, scheduler: Any = None) -> None:
        """Call in the App's `on_mount`: the event loop is running then. (Tests may hand in a
        scheduler of their own, already running.)

        Reminders follow the machine's clock; when the services run on another (a test's
        fixed clock), nothing is started, so no reminder comes at a time they never see."""
        if self.running:
            return
        if not _on_the_machines_clock(self.jobs.routines.clock):
            return
        # APScheduler's own log would write over the screen; the app shows what matters.
        logger = logging.getLogger("apscheduler")
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        if scheduler is None:
            from apscheduler.schedulers.asyncio import AsyncIOScheduler

            scheduler = AsyncIOScheduler(timezone=self.jobs.zone)
        self.scheduler = scheduler
        scheduler.add_job(
            self._check,
            "interval",
            seconds=CHECK_SECONDS,
            id=CHECK_JOB,
            coalesce=True,
            misfire_grace_time=None,
        )
        if not scheduler.running:
            scheduler.start()
        self._soon(self.refresh())  # the first plan; a reminder already due fires at once

    def stop(self) -> None:
        """Call in the App's `on_unmount`."""
        if self.running:
            self.scheduler.shutdown(wait=False)
        for task in list(self._tasks):
            task.cancel()

    def routines_changed(self) -> None:
        """Plan again now (the app just saved, paused or deleted a routine). From the loop."""
        if self.running:
            self._soon(self.refresh())

    async def refresh(self) -> None:
        """Plan the jobs again from the files."""
        async with self._busy:
            await self._plan_again()

    async def fire(self, routine_id: str, day: date) -> None:
        """The reminder job: announce once (across processes), toast, plan that routine's next."""
        async with self._busy:
            try:
                reminder = await asyncio.to_thread(self.jobs.fire, routine_id, day)
            except Exception as error:  # a busy lock, a file that does not read: the check retries
                self._log(error)
                return
            if reminder is not None:
                self.app.notify(
                    reminder.body or reminder.title,
                    title=reminder.title,
                    timeout=TOAST_SECONDS,
                    markup=False,
                )
            await self._plan_again()

    async def _check(self) -> None:
        async with self._busy:
            try:
                changed = await asyncio.to_thread(self.jobs.routines_changed)
            except Exception as error:
                self._log(error)
                return
            if changed or missing_jobs(self.scheduler, self.jobs.planned):
                await self._plan_again()

    async def _plan_again(self) -> None:
        try:
            planned = await asyncio.to_thread(self.jobs.plan)
        except Exception as error:  # the Home screen names a file that does not read
            self._log(error)
            return
        if self.running:
            self.jobs.schedule(self.scheduler, planned, self.fire)

    def _soon(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _log(self, error: Exception) -> None:
        log = getattr(self.app, "log", None)
        if log is not None:
            log.warning(f"reminders: {type(error).__name__}: {error}")


def _on_the_machines_clock(clock: Callable[[], datetime]) -> bool:
    """Whether `clock` reads what the machine's clock reads (time-machine moves both)."""
    shown = clock()
    machine = datetime.now(shown.tzinfo) if shown.tzinfo else datetime.now()
    return abs(shown - machine) < CLOCK_TOLERANCE
