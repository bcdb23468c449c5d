"""Reminders never doubled, never missed: the jobs, the reminder process and the app's toasts.

The clock is moved with time-machine (London, so TZ and the app's naive clock agree). Each
"process" has its own job runner: `JobRunner` holds jobs as APScheduler's scheduler does (the
same `add_job`/`get_job`/`get_jobs`/`remove_job` calls, the real DateTrigger, a job dropped
when it runs later than its misfire grace) and runs what is due when the test moves time.
"""

from __future__ import annotations

import inspect
import random
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from apscheduler.jobstores.base import JobLookupError

from companion.domain.routine import Occurrence, Routine, Step
from companion.reminders.in_app import InAppReminders
from companion.reminders.jobs import CHECK_JOB, JOB_PREFIX
from companion.reminders.notify import (
    DesktopNotifier,
    Reminder,
    TerminalNotifier,
    choose_notifier,
)
from companion.reminders.process import ReminderProcess
from companion.services import Services
from companion.store.schema import REMINDERS
from tests.tui.conftest import Notes

LONDON = ZoneInfo("Europe/London")
ROOT = Path(__file__).resolve().parents[2]


def local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


def go(traveller: time_machine.Traveller, moment: datetime) -> None:
    """Move the clock; a ZoneInfo destination keeps TZ on London for the naive clock."""
    traveller.move_to(moment.astimezone(LONDON))


# -- a job runner per "process" -----------------------------------------------------------


@dataclass
class Job:
    id: str
    func: Callable[..., Any]
    args: tuple[Any, ...]
    next_run_time: datetime
    every: timedelta | None = None  # an interval job
    misfire_grace_time: int | None = None


@dataclass
class JobRunner:
    timezone: Any = LONDON
    running: bool = True
    jobs: dict[str, Job] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)

    def add_job(
        self,
        func: Callable[..., Any],
        trigger: Any,
        *,
        args: tuple[Any, ...] = (),
        id: str,
        seconds: int | None = None,
        misfire_grace_time: int | None = None,
        **_: Any,
    ) -> None:
        now = datetime.now(UTC)
        if trigger == "interval":
            assert seconds is not None
            every = timedelta(seconds=seconds)
            self.jobs[id] = Job(id, func, (), now + every, every, misfire_grace_time)
            return
        run = trigger.get_next_fire_time(None, now)
        self.jobs[id] = Job(id, func, tuple(args), run, None, misfire_grace_time)

    def get_job(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def get_jobs(self) -> list[Job]:
        return list(self.jobs.values())

    def remove_job(self, job_id: str) -> None:
        if self.jobs.pop(job_id, None) is None:
            raise JobLookupError(job_id)

    def shutdown(self, wait: bool = True) -> None:
        self.running = False

    def next_run(self) -> datetime | None:
        return min((job.next_run_time for job in self.jobs.values()), default=None)

    async def run_due(self) -> None:
        """Run every job whose time has come, as APScheduler does: first each due date job
        leaves the store and each interval job moves on (once however late: coalesce), then
        they run in turn, a job later than its grace dropped without running."""
        now = datetime.now(UTC)
        due = sorted(
            (job for job in self.jobs.values() if job.next_run_time <= now),
            key=lambda job: job.next_run_time,
        )
        runs = []
        for job in due:
            runs.append((job, now - job.next_run_time))
            if job.every is None:
                del self.jobs[job.id]
            else:
                while job.next_run_time <= now:
                    job.next_run_time += job.every
        for job, late in runs:
            grace = job.misfire_grace_time
            if grace is not None and late > timedelta(seconds=grace):
                self.dropped.append(job.id)
                continue
            result = job.func(*job.args)
            if inspect.isawaitable(result):
                await result

    def reminder_at(self, routine: Routine) -> datetime:
        return self.jobs[JOB_PREFIX + routine.id].next_run_time.astimezone(LONDON)


@dataclass
class FakeApp:
    """What InAppReminders needs of the App: notify (the toasts, kept here)."""

    toasts: list[tuple[datetime, str, str]] = field(default_factory=list)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        self.toasts.append((datetime.now(UTC), title, message))


@dataclass
class Said:
    """A notifier and an echo that keep what the reminder process said."""

    reminders: list[Reminder] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def notify(self, reminder: Reminder) -> None:
        self.reminders.append(reminder)

    def echo(self, line: str) -> None:
        self.lines.append(line)


def start_process(data_dir: Path) -> tuple[ReminderProcess, JobRunner, Said]:
    said = Said()
    process = ReminderProcess(
        Services(data_dir).routines, echo=said.echo, notifier=said.notify, zone=LONDON
    )
    runner = JobRunner()
    process.start_jobs(runner)
    return process, runner, said


@pytest.fixture
def traveller() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(local(2026, 11, 23, 12, 0), tick=False) as t:  # a Monday
        yield t


@pytest.fixture
def family(data_dir: Path, traveller: time_machine.Traveller) -> Services:
    services = Services(data_dir)
    services.add_caregiver("Sam")
    services.add_caregiver("Jordan")
    services.add_child("Mia", "2018-03-14")
    return services


@pytest.fixture
def bedtime(family: Services) -> Routine:
    return family.routines.add(
        "Bedtime", at="19:30", steps=["Bath:15", "Brush teeth:3", "Story:10"], remind=["Sam"]
    )


# -- what a reminder says -----------------------------------------------------------------


def test_a_reminder_names_the_routine_and_its_first_steps(family: Services) -> None:
    routine = Routine("Bedtime", time(19, 30), (Step("Bath", 15), Step("Brush teeth", 3)))
    occurrence = Occurrence(routine, date(2026, 11, 23), routine.start)
    reminder = Reminder.of(occurrence, local(2026, 11, 23, 19, 20), LONDON)
    assert reminder.sentence() == "Bedtime in 10 minutes: Bath (15 min), then Brush teeth."
    assert (reminder.title, reminder.body) == (
        "Bedtime in 10 minutes",
        "Bath (15 min), then Brush teeth.",
    )
    on_time = Reminder.of(occurrence, local(2026, 11, 23, 19, 29, 40), LONDON, ("Sam", "Jordan"))
    assert on_time.sentence() == (
        "Bedtime starts now: Bath (15 min), then Brush teeth. For Sam and Jordan."
    )
    late = Reminder.of(occurrence, local(2026, 11, 23, 19, 45), LONDON)
    assert late.title == "Bedtime started at 19:30"
    lines: list[str] = []
    TerminalNotifier(lines.append)(reminder)
    assert lines == ["19:20  Bedtime in 10 minutes: Bath (15 min), then Brush teeth."]


def test_the_desktop_notifier_where_there_is_one_the_terminal_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    routine = Routine("Bedtime", time(19, 30), (Step("Bath", 15),))
    reminder = Reminder.of(
        Occurrence(routine, date(2026, 11, 23), routine.start), local(2026, 11, 23, 19, 20), LONDON
    )
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("COMPANION_NOTIFY", raising=False)
    assert isinstance(choose_notifier(), TerminalNotifier)
    # A stand-in notify-send that keeps its arguments.
    received = tmp_path / "received"
    script = tmp_path / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {received}\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    lines: list[str] = []
    notifier = choose_notifier(lines.append)
    assert isinstance(notifier, DesktopNotifier)
    notifier(reminder)
    assert received.read_text().splitlines() == [
        "--app-name=companion",
        "--",
        "Bedtime in 10 minutes",
        "Bath (15 min).",
    ]
    assert lines == ["19:20  Bedtime in 10 minutes: Bath (15 min)."]  # and a line to keep
    monkeypatch.setenv("COMPANION_NOTIFY", "terminal")
    assert isinstance(choose_notifier(), TerminalNotifier)
    # Words with markup in them arrive as the family wrote them.
    party = Routine("Tom & Jerry <3", time(19, 30), (Step("Crisps & <b>dip</b>", 5),))
    notifier(
        Reminder.of(
            Occurrence(party, date(2026, 11, 23), party.start), local(2026, 11, 23, 19, 20), LONDON
        )
    )
    assert received.read_text().splitlines()[2:] == [
        "Tom & Jerry <3 in 10 minutes",  # the title is plain text to the server
        "Crisps &amp; &lt;b&gt;dip&lt;/b&gt; (5 min).",  # the body is markup: escaped
    ]
    del lines[:]
    # A notifier that fails is said once; the terminal keeps the reminders, and it is tried
    # again for each one, so a desktop that comes up later gets the next.
    working = script.read_text()
    script.write_text("#!/bin/sh\necho 'no session bus' >&2\nexit 1\n")
    monkeypatch.delenv("COMPANION_NOTIFY")
    failing = choose_notifier(lines.append)
    failing(reminder)
    failing(reminder)
    received.unlink()
    script.write_text(working)
    failing(reminder)
    assert received.read_text().splitlines()[2:] == ["Bedtime in 10 minutes", "Bath (15 min)."]
    assert lines == [
        "19:20  Bedtime in 10 minutes: Bath (15 min).",
        "The desktop notifier did not answer (no session bus); reminders are shown here until "
        "it does.",
        "19:20  Bedtime in 10 minutes: Bath (15 min).",
        "19:20  Bedtime in 10 minutes: Bath (15 min).",
        "The desktop notifier is answering again.",
    ]


# -- on time, once, not when done ---------------------------------------------------------


async def test_the_reminder_comes_at_its_time_with_its_first_step(
    family: Services, bedtime: Routine, traveller: time_machine.Traveller
) -> None:
    _, runner, said = start_process(family.root)
    assert runner.reminder_at(bedtime) == local(2026, 11, 23, 19, 20)
    assert said.lines == [
        "Reminders are on for 1 routine. Next: Bedtime reminder at 19:20 today. Stop with ctrl+c."
    ]
    go(traveller, local(2026, 11, 23, 19, 19, 59))
    await runner.run_due()
    assert said.reminders == []
    go(traveller, local(2026, 11, 23, 19, 20))
    await runner.run_due()
    [reminder] = said.reminders
    assert reminder.sentence() == (
        "Bedtime in 10 minutes: Bath (15 min), then Brush teeth. For Sam."
    )
    # The next one is planned straight away: tomorrow's.
    assert runner.reminder_at(bedtime) == local(2026, 11, 24, 19, 20)


async def test_no_reminder_for_a_routine_already_checked_off(
    family: Services, bedtime: Routine, traveller: time_machine.Traveller
) -> None:
    _, runner, said = start_process(family.root)
    go(traveller, local(2026, 11, 23, 19, 5))
    family.routines.check_off("Bedtime", day=date(2026, 11, 23), by="Jordan")  # done early
    go(traveller, local(2026, 11, 23, 19, 20))
    await runner.run_due()
    assert said.reminders == []
    # Nor by a later look (`--once`, the app), nor listed as missed the next day.
    go(traveller, local(2026, 11, 23, 19, 25))
    once = Said()
    ReminderProcess(Services(family.root).routines, echo=once.echo, notifier=once.notify).once()
    assert once.reminders == []
    assert once.lines[0] == "No reminders due right now."
    go(traveller, local(2026, 11, 24, 9, 0))
    assert family.routines.missed() == []


async def test_a_reminder_a_little_late_is_still_given(
    family: Services, bedtime: Routine, traveller: time_machine.Traveller
) -> None:
    """The laptop slept from 19:10 to 19:35: the reminder comes on waking, in words that fit."""
    _, runner, said = start_process(family.root)
    go(traveller, local(2026, 11, 23, 19, 35))
    await runner.run_due()
    [reminder] = said.reminders
    assert reminder.title == "Bedtime started at 19:30"


async def test_reminders_missed_after_a_gap_are_listed_at_the_next_start(
    family: Services, bedtime: Routine, traveller: time_machine.Traveller
) -> None:
    start_process(family.root)  # Monday noon: companion starts watching
    go(traveller, local(2026, 11, 25, 8, 0))  # nothing ran until Wednesday morning
    _, _, said = start_process(family.root)
    assert said.reminders == []
    assert said.lines[:4] == [
        "While nothing was running:",
        "  Bedtime reminder at 19:20 on Mon 23 Nov wasn't seen.",
        "  Bedtime reminder at 19:20 on Tue 24 Nov wasn't seen.",
        "Open companion to mark each one done or not today.",
    ]
    # `companion remind --once` lists them too, until they are answered.
    once = Said()
    ReminderProcess(Services(family.root).routines, echo=once.echo, notifier=once.notify).once()
    assert once.lines[:4] == said.lines[:4]
    for missed in family.routines.missed():
        family.routines.answer_missed(missed, "skip")
    again = Said()
    ReminderProcess(Services(family.root).routines, echo=again.echo, notifier=again.notify).once()
    assert again.lines == [
        "No reminders due right now.",
        "Next: Bedtime reminder at 19:20 today.",
    ]


async def test_reminders_missed_while_the_computer_slept_are_listed_on_waking(
    family: Services, bedtime: Routine, traveller: time_machine.Traveller
) -> None:
    _, runner, said = start_process(family.root)
    go(traveller, local(2026, 11, 23, 18, 0))
    await runner.run_due()
    go(traveller, local(2026, 11, 23, 21, 0))  # asleep from 18:00: too late to remind
    await runner.run_due()
    assert said.reminders == []
    assert runner.dropped == [JOB_PREFIX + bedtime.id]
    assert said.lines[-1] == (
        "Bedtime reminder at 19:20 on Mon 23 Nov wasn't seen. "
        "Open companion to mark it done or not today."
    )
    assert runner.reminder_at(bedtime) == local(2026, 11, 24, 19, 20)


async def test_an_edit_made_elsewhere_is_picked_up_within_a_minute(
    family: Services, bedtime: Routine, traveller: time_machine.Traveller
) -> None:
    _, runner, _ = start_process(family.root)
    app = FakeApp()
    in_app = InAppReminders(app, Services(family.root).routines, zone=LONDON)
    app_runner = JobRunner()
    in_app.start(app_runner)
    await in_app.refresh()
    go(traveller, local(2026, 11, 23, 15, 0, 10))
    Services(family.root).routines.edit("Bedtime", at="20:00")  # `companion routines edit`
    go(traveller, local(2026, 11, 23, 15, 0, 40))
    await runner.run_due()
    await app_runner.run_due()
    assert runner.reminder_at(bedtime) == local(2026, 11, 23, 19, 50)
    assert app_runner.reminder_at(bedtime) == local(2026, 11, 23, 19, 50)
    Services(family.root).routines.set_paused("Bedtime", True)
    in_app.routines_changed()  # the app's own edit: planned again at once
    await in_app.refresh()
    assert app_runner.get_jobs() == [app_runner.jobs[CHECK_JOB]]


# -- two processes over a week ------------------------------------------------------------


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


async def test_two_processes_over_a_week_announce_each_occurrence_exactly_once(
    data_dir: Path,
) -> None:
    """The reminder process runs all week; the app is opened every morning and evening (a
    new scheduler each time) and closed again, and while both run they race for every
    reminder. Edits come from a third process mid-week: a check-off, a routine moved, one
    paused and back. The week ends on the Sunday the clocks go back, with a routine at 01:30.
    """
    monday, end = utc(local(2026, 10, 19, 0, 0)), utc(local(2026, 10, 26, 0, 0))
    with time_machine.travel(local(2026, 10, 18, 12, 0), tick=False) as traveller:
        cli = Services(data_dir)  # what `companion routines ...` would do
        cli.add_caregiver("Sam")
        cli.add_caregiver("Jordan")
        cli.add_child("Mia", "2018-03-14")
        routines = cli.routines
        routines.add("Bedtime", at="19:30", steps=["Bath:15", "Story:10"], remind=["Sam"])
        routines.add("Morning", at="07:15", steps=["Dress:10"], days="weekdays", lead_minutes=5)
        routines.add("After school", at="15:30", steps=["Snack:10"], days="mon,wed,fri")
        routines.add("Night check", at="01:30", steps=["Look in:2"], lead_minutes=0)
        routines.change_day("Bedtime", date(2026, 10, 21), "move", new_start="20:30")
        routines.change_day("After school", date(2026, 10, 21), "skip")
        routines.change_day("After school", date(2026, 10, 23), "someone_else", who="Grandma")
        scripted: dict[datetime, Callable[[], object]] = {
            utc(local(2026, 10, 20, 19, 0)): lambda: routines.check_off(
                "Bedtime", day=date(2026, 10, 20), by="Jordan"
            ),
            utc(local(2026, 10, 22, 12, 0)): lambda: routines.edit("Morning", at="07:45"),
            utc(local(2026, 10, 24, 12, 0)): lambda: routines.set_paused("Bedtime", True),
            utc(local(2026, 10, 25, 12, 0)): lambda: routines.set_paused("Bedtime", False),
        }
        opening_hours = [(time(7, 0), time(9, 0)), (time(15, 0), time(22, 0))]

        def app_is_open(now: datetime) -> bool:
            wall = now.astimezone(LONDON).time()
            return any(opens <= wall < closes for opens, closes in opening_hours)

        def next_opening_change(now: datetime) -> datetime:
            today = now.astimezone(LONDON).date()
            changes = [
                utc(datetime.combine(today + timedelta(days=days), moment, LONDON))
                for days in (0, 1)
                for hours in opening_hours
                for moment in hours
            ]
            return min(change for change in changes if change > now)

        go(traveller, monday)
        _, process_runner, said = start_process(data_dir)
        app = FakeApp()
        in_app: InAppReminders | None = None
        app_runner = JobRunner()
        order = random.Random(5)
        now = monday
        while now < end:
            running = [process_runner] + ([app_runner] if in_app is not None else [])
            coming = [r.next_run() for r in running] + [next_opening_change(now)]
            coming += [moment for moment in scripted if moment > now]
            now = min(utc(moment) for moment in coming if moment is not None)
            go(traveller, now)
            if now in scripted:
                scripted[now]()
            if app_is_open(now) and in_app is None:
                in_app = InAppReminders(app, Services(data_dir).routines, zone=LONDON)
                app_runner = JobRunner()
                in_app.start(app_runner)
                await in_app.refresh()
            elif not app_is_open(now) and in_app is not None:
                in_app.stop()
                in_app = None
            running = [process_runner] + ([app_runner] if in_app is not None else [])
            order.shuffle(running)
            for runner in running:
                await runner.run_due()

    names = [r.name for r in Services(data_dir).routines.all()]

    def name_in(title: str) -> str:
        return next(name for name in names if title.startswith(name))

    given = [(utc(r.announced_at), r.occurrence.routine.name, "remind") for r in said.reminders]
    given += [(utc(at), name_in(title), "app") for at, title, _ in app.toasts]
    expected = [
        (local(2026, 10, 19, 1, 30), "Night check"),
        (local(2026, 10, 19, 7, 10), "Morning"),
        (local(2026, 10, 19, 15, 20), "After school"),
        (local(2026, 10, 19, 19, 20), "Bedtime"),
        (local(2026, 10, 20, 1, 30), "Night check"),
        (local(2026, 10, 20, 7, 10), "Morning"),
        # Tuesday's bedtime was checked off at 19:00: no reminder.
        (local(2026, 10, 21, 1, 30), "Night check"),
        (local(2026, 10, 21, 7, 10), "Morning"),
        # Wednesday: after school skipped, bedtime moved to 20:30.
        (local(2026, 10, 21, 20, 20), "Bedtime"),
        (local(2026, 10, 22, 1, 30), "Night check"),
        (local(2026, 10, 22, 7, 10), "Morning"),
        (local(2026, 10, 22, 19, 20), "Bedtime"),
        (local(2026, 10, 23, 1, 30), "Night check"),
        (local(2026, 10, 23, 7, 40), "Morning"),  # moved to 07:45 on Thursday
        (local(2026, 10, 23, 15, 20), "After school"),  # Grandma does it
        (local(2026, 10, 23, 19, 20), "Bedtime"),
        (local(2026, 10, 24, 1, 30), "Night check"),
        # Saturday's bedtime was paused. Sunday's 01:30 comes at the first of the two.
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "Night check"),
        (local(2026, 10, 25, 19, 20), "Bedtime"),  # back on Sunday
    ]
    assert sorted((at, name) for at, name, _ in given) == [(utc(t), n) for t, n in expected]
    # Exactly once in total, and both processes gave some.
    announced = Services(data_dir).store.read("reminders.json", REMINDERS).announced
    assert len(announced) == len(expected) == len(given)
    assert {record.by for record in announced.values()} == {"remind", "app"}
    assert {by for _, _, by in given} == {"remind", "app"}
    assert said.lines[1:] == []  # nothing was missed
    bodies = [r.body for r in said.reminders] + [message for _, _, message in app.toasts]
    assert sum("Grandma does it today." in body for body in bodies) == 1


# -- the app: a real AsyncIOScheduler on Textual's loop -------------------------------------


async def test_the_app_shows_a_toast_from_its_scheduler(data_dir: Path) -> None:
    """A routine whose reminder came a minute ago, before the app opened: the app's
    AsyncIOScheduler gives it at once, as a toast with the routine and its first step."""
    from textual.app import App

    services = Services(data_dir)
    started = (datetime.now() - timedelta(minutes=1)).time().replace(microsecond=0)
    services.routines.save(
        Routine("Bedtime", started, (Step("Bath", 15), Step("Brush teeth", 3)), lead_minutes=0)
    )

    class Host(App[None]):
        def on_mount(self) -> None:
            self.reminders = InAppReminders(self, Services(data_dir).routines)
            self.reminders.start()

        def on_unmount(self) -> None:
            self.reminders.stop()

    app, notes = Host(), Notes()
    async with app.run_test(message_hook=notes) as pilot:
        for _ in range(100):  # until the first plan ran (in a thread) and the job fired
            await pilot.pause(0.05)
            if notes.posted:
                break
        [toast] = notes.posted
        assert toast.title.startswith("Bedtime started at ")
        assert toast.message == "Bath (15 min), then Brush teeth."
        assert app.reminders.running
        assert app.reminders.scheduler.get_job(CHECK_JOB) is not None
    assert not app.reminders.running


async def test_the_app_starts_no_reminders_when_its_clock_is_not_the_machines(
    family: Services, bedtime: Routine
) -> None:
    """Pilot tests run the app on a fixed clock: reminders on the machine's clock would come
    at times those tests never see, so the app's scheduler is not started then."""
    fixed = Services(family.root, clock=lambda: datetime(2026, 11, 23, 19, 30))
    idle = InAppReminders(FakeApp(), fixed.routines, zone=LONDON)
    idle.start(JobRunner())
    assert not idle.running
    working = InAppReminders(FakeApp(), Services(family.root).routines, zone=LONDON)
    working.start(JobRunner())
    await working.refresh()
    assert working.running
    assert working.next_reminder is not None
    assert working.next_reminder.occurrence.routine.name == "Bedtime"


def test_the_remind_command_once(
    family: Services,
    bedtime: Routine,
    traveller: time_machine.Traveller,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`companion remind --once` (the click command, on the family's folder)."""
    from companion.cli.remind import remind

    monkeypatch.setenv("COMPANION_NOTIFY", "terminal")
    monkeypatch.setenv("TZ", "Europe/London")
    go(traveller, local(2026, 11, 23, 19, 21))
    assert remind.main(["--once"], obj=Services(family.root), standalone_mode=False) == 0
    assert capsys.readouterr().out.splitlines() == [
        "19:21  Bedtime in 9 minutes: Bath (15 min), then Brush teeth. For Sam.",
        "Next: Bedtime reminder at 19:20 Tue 24 Nov.",
    ]
    assert remind.main(["--once"], obj=Services(family.root), standalone_mode=False) == 0
    assert capsys.readouterr().out.splitlines() == [
        "No reminders due right now.",
        "Next: Bedtime reminder at 19:20 Tue 24 Nov.",
    ]


# -- start-up stays lean --------------------------------------------------------------------


def test_the_remind_command_loads_apscheduler_only_when_it_runs() -> None:
    probe = "import companion.cli.remind, sys; print('apscheduler' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"


def test_a_reminder_that_met_a_busy_lock_is_tried_again(
    family: Services,
    bedtime: Routine,
    traveller: time_machine.Traveller,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from companion.domain.errors import CompanionError
    from companion.reminders.jobs import ReminderJobs

    jobs = ReminderJobs(family.routines, by="remind", zone=LONDON)
    go(traveller, local(2026, 11, 23, 19, 20))
    real = family.routines.announce_once

    def busy(*args: object) -> bool:
        raise CompanionError("Another companion window is busy saving; please try again.")

    monkeypatch.setattr(family.routines, "announce_once", busy)
    with pytest.raises(CompanionError):
        jobs.fire(bedtime.id, date(2026, 11, 23))
    monkeypatch.setattr(family.routines, "announce_once", real)
    reminder = jobs.fire(bedtime.id, date(2026, 11, 23))
    assert reminder is not None and reminder.occurrence.routine.name == "Bedtime"
