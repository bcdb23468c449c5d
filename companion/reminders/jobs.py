"""The routines in TinyDB, turned into APScheduler jobs: one job per routine, for its next
reminder, at an aware instant in the local time zone.

TinyDB is the truth, so there is no APScheduler job store: the jobs are planned again at
start, after each reminder, and when the routines file changes (a check every
`CHECK_SECONDS` compares the file's identity, so an edit made in the app or another command
is picked up within a minute). A DateTrigger per occurrence rather than a CronTrigger per
routine lets one-off changes (a moved or skipped day), lead times that cross midnight and
daylight-saving days all come from the same occurrence the rest of companion sees.

The job itself (`ReminderJobs.fire`) records the occurrence's key under the store's lock
(`RoutineSource.announce_once`): of the app and the reminder process, only the one that
records it first announces it, and a routine already checked off is not announced at all.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from companion.domain.routine import LATE_GRACE, Occurrence
from companion.reminders.notify import Reminder
from companion.reminders.source import RoutineSource
from companion.reminders.times import instant, local_zone, now_utc

GRACE = LATE_GRACE  # a reminder up to this late is still given; older is "missed"
EARLY = timedelta(seconds=0.5)  # a job this early is on time (the clocks read a little apart)
LOOK_AHEAD = timedelta(days=8)  # far enough to find the next of a once-a-week routine
CHECK_SECONDS = 30  # how often the routines file is compared: edits are seen within a minute
JOB_PREFIX = "reminder:"
CHECK_JOB = "check-routines"

Signature = tuple[int, int, int] | None


@dataclass(frozen=True)
class Planned:
    """A routine's next reminder: its occurrence and the instant it is due."""

    occurrence: Occurrence
    due: datetime  # in UTC (see companion.reminders.times)

    @property
    def job_id(self) -> str:
        return JOB_PREFIX + self.occurrence.routine.id

    @property
    def args(self) -> tuple[str, date]:
        return (self.occurrence.routine.id, self.occurrence.day)


def plan(
    found: Iterable[Occurrence], *, now: datetime, zone: tzinfo, skip: Collection[str] = ()
) -> list[Planned]:
    """Per routine, the next reminder to give: its first occurrence not in `skip` (announced,
    or already handled here) whose reminder time came at most `GRACE` ago, and not before
    the routine was added. Soonest first. `now` is aware; the plan's times are in UTC."""
    now = now.astimezone(UTC)
    chosen: dict[str, Planned] = {}
    for occurrence in found:
        routine = occurrence.routine
        if occurrence.key in skip:
            continue
        if routine.added is not None and occurrence.remind_at < routine.added:
            continue
        due = instant(occurrence.remind_at, zone)
        if due < now - GRACE:
            continue
        best = chosen.get(routine.id)
        if best is None or due < best.due:
            chosen[routine.id] = Planned(occurrence, due)
    return sorted(chosen.values(), key=lambda p: (p.due, p.occurrence.routine.name))


class ReminderJobs:
    """What both schedulers share: plan the jobs from TinyDB, fire one, notice edits.

    Every method reads or writes files: in the app, call them in a thread."""

    def __init__(
        self,
        routines: RoutineSource,
        *,
        by: str,
        zone: tzinfo | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.routines = routines
        self.by = by  # recorded with each announcement: "app" or "remind"
        self.zone = zone if zone is not None else local_zone()
        self._now = now if now is not None else now_utc
        self._handled: set[str] = set()  # occurrences this process has fired, whatever came
        self._seen: Signature = None
        self._planned: list[Planned] = []
        self._scheduled: dict[str, tuple[str, date]] = {}  # job id: what it was last given
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """Now, in UTC."""
        return self._now().astimezone(UTC)

    def local(self, moment: datetime) -> datetime:
        """An instant as the family's clock shows it."""
        return moment.astimezone(self.zone)

    # -- planning --------------------------------------------------------------------------

    def plan(self) -> list[Planned]:
        """Each routine's next reminder, read fresh from the files."""
        signature = self._signature()  # before reading: an edit made meanwhile is seen next time
        now = self.now()
        today = self.local(now).date()
        found = self.routines.occurrences(today - timedelta(days=1), today + LOOK_AHEAD)
        announced = self.routines.announced()
        with self._lock:
            planned = plan(found, now=now, zone=self.zone, skip=announced | self._handled)
            self._seen = signature
            self._planned = planned
        return planned

    @property
    def planned(self) -> list[Planned]:
        """What the last `plan` found."""
        return list(self._planned)

    def routines_changed(self) -> bool:
        """Whether the routines file changed since the last plan (an edit anywhere)."""
        return self._signature() != self._seen

    def _signature(self) -> Signature:
        try:
            stat = self.routines.routines_file.stat()
        except FileNotFoundError:
            return None
        # Saves replace the file (a new inode), so even an edit within the same tick shows.
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    # -- firing ----------------------------------------------------------------------------

    def fire(self, routine_id: str, day: date) -> Reminder | None:
        """The job: the routine's occurrence on `day`, announced if no one has yet and it is
        not checked off. None when there is nothing to say (already announced elsewhere,
        done, deleted, paused, skipped that day, or moved later)."""
        self._scheduled.pop(JOB_PREFIX + routine_id, None)  # it runs: no longer on its way
        now = self.now()
        occurrence = next(
            (o for o in self.routines.occurrences(day, day) if o.routine.id == routine_id), None
        )
        if occurrence is None:
            return None
        due = instant(occurrence.remind_at, self.zone)
        if due > now + EARLY:
            return None  # moved later since the job was made: the next plan has its new time
        with self._lock:
            if occurrence.key in self._handled:
                return None
            self._handled.add(occurrence.key)
        try:
            if due < now - GRACE or not self.routines.announce_once(occurrence, self.by):
                return None
        except Exception:
            # Not recorded (a busy lock, a full disk): let the next plan try it again.
            with self._lock:
                self._handled.discard(occurrence.key)
            raise
        return Reminder.of(occurrence, now, self.zone, self._names(occurrence))

    def due_now(self) -> list[Reminder]:
        """Fire every reminder whose time has come (at most `GRACE` ago): at start, and for
        `companion remind --once`."""
        now = self.now()
        fired = (self.fire(*p.args) for p in self.plan() if p.due <= now)
        return [reminder for reminder in fired if reminder is not None]

    def _names(self, occurrence: Occurrence) -> tuple[str, ...]:
        wanted = occurrence.routine.remind
        if not wanted:
            return ()
        caregivers = self.routines.caregiver_names()
        return tuple(caregivers[i] for i in wanted if i in caregivers)

    # -- the scheduler side: the same for the app's AsyncIOScheduler and the process's
    # BlockingScheduler (APScheduler has no type hints, so `scheduler` is Any) --------------

    def schedule(self, scheduler: Any, planned: Iterable[Planned], job: Callable[..., Any]) -> None:
        """Make the scheduler's reminder jobs match the plan: one DateTrigger per routine, at
        its next reminder (at once when it is already due), gone when the routine is. The
        triggers are in the scheduler's (local) time zone."""
        from apscheduler.jobstores.base import JobLookupError
        from apscheduler.triggers.date import DateTrigger

        now = self.now()
        wanted = {p.job_id: p for p in planned}
        for existing in scheduler.get_jobs():
            if existing.id.startswith(JOB_PREFIX) and existing.id not in wanted:
                with contextlib.suppress(JobLookupError):  # it fired meanwhile
                    scheduler.remove_job(existing.id)
                self._scheduled.pop(existing.id, None)
        for job_id, one in wanted.items():
            at = max(one.due, now)
            current = scheduler.get_job(job_id)
            if current is None and one.due <= now and self._scheduled.get(job_id) == one.args:
                continue  # handed to the executor already: it is about to fire
            # A job added before the scheduler starts has no next_run_time yet.
            current_at = getattr(current, "next_run_time", None)
            if (
                current is not None
                and tuple(current.args) == one.args
                and current_at is not None
                and current_at.astimezone(UTC) == at
            ):
                continue
            scheduler.add_job(
                job,
                DateTrigger(
                    run_date=at.astimezone(scheduler.timezone), timezone=scheduler.timezone
                ),
                args=one.args,
                id=job_id,
                name=f"{one.occurrence.routine.name} reminder",
                replace_existing=True,
                misfire_grace_time=int(GRACE.total_seconds()),
                coalesce=True,
            )
            self._scheduled[job_id] = one.args


def missing_jobs(scheduler: Any, planned: Iterable[Planned]) -> bool:
    """Whether a planned reminder has no job (APScheduler drops a job it could not run in
    time, after the computer slept): then the plan is made again."""
    present = {job.id for job in scheduler.get_jobs()}
    return any(p.job_id not in present for p in planned)
