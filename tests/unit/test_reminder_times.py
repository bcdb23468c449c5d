"""Reminders at the family's local time, also on the two daylight-saving days.

London's clocks go forward at 01:00 on Sunday 29 March 2026 (01:00 to 01:59 never happen)
and back at 02:00 on Sunday 25 October 2026 (01:00 to 01:59 happen twice). A routine at
01:30 is reminded at 02:00 BST in March (the first instant that exists) and once, at the
first 01:30, in October; one at 07:30 at 07:30 on both days, an hour apart in UTC from the
day before.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from companion.domain.routine import Occurrence, Routine, Step
from companion.reminders.jobs import ReminderJobs, plan
from companion.reminders.notify import Reminder
from companion.reminders.times import exists, instant
from companion.services import Services

LONDON = ZoneInfo("Europe/London")
SPRING = date(2026, 3, 29)
AUTUMN = date(2026, 10, 25)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# -- wall time to an instant --------------------------------------------------------------


@pytest.mark.parametrize(
    ("wall", "expected"),
    [
        (datetime(2026, 3, 29, 0, 59, 59), utc(2026, 3, 29, 0, 59, 59)),  # still GMT
        (datetime(2026, 3, 29, 1, 0), utc(2026, 3, 29, 1, 0)),  # skipped: 02:00 BST
        (datetime(2026, 3, 29, 1, 30), utc(2026, 3, 29, 1, 0)),  # skipped: 02:00 BST
        (datetime(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0)),  # 02:00 BST
        (datetime(2026, 3, 29, 7, 30), utc(2026, 3, 29, 6, 30)),  # BST
        (datetime(2026, 3, 28, 7, 30), utc(2026, 3, 28, 7, 30)),  # the day before: GMT
        (datetime(2026, 10, 25, 1, 30), utc(2026, 10, 25, 0, 30)),  # twice: the first (BST)
        (datetime(2026, 10, 25, 2, 0), utc(2026, 10, 25, 2, 0)),  # GMT again
        (datetime(2026, 10, 25, 7, 30), utc(2026, 10, 25, 7, 30)),  # GMT
        (datetime(2026, 10, 24, 7, 30), utc(2026, 10, 24, 6, 30)),  # the day before: BST
    ],
)
def test_a_wall_time_becomes_one_instant(wall: datetime, expected: datetime) -> None:
    assert instant(wall, LONDON) == expected
    assert instant(wall, LONDON).tzinfo is UTC


def test_which_wall_times_exist() -> None:
    assert not exists(datetime(2026, 3, 29, 1, 30), LONDON)
    assert exists(datetime(2026, 10, 25, 1, 30), LONDON)  # twice, but it does
    assert exists(datetime(2026, 7, 1, 1, 30), LONDON)


def test_a_half_hour_change_and_a_zone_without_one() -> None:
    lord_howe = ZoneInfo("Australia/Lord_Howe")  # forward by 30 minutes at 02:00
    moved = instant(datetime(2026, 10, 4, 2, 15), lord_howe).astimezone(lord_howe)
    assert moved.strftime("%H:%M %z") == "02:30 +1100"
    tokyo = ZoneInfo("Asia/Tokyo")
    assert instant(datetime(2026, 3, 29, 1, 30), tokyo) == datetime(
        2026, 3, 29, 1, 30, tzinfo=tokyo
    )


# -- reminders on the two days, with the clock moved by time-machine ----------------------


@pytest.fixture
def traveller() -> Iterator[time_machine.Traveller]:
    # A ZoneInfo destination also sets TZ, so the app's naive local clock is London's too.
    with time_machine.travel(datetime(2026, 3, 20, 12, 0, tzinfo=LONDON), tick=False) as t:
        yield t


def add_routine(services: Services, name: str, at: str, lead: int) -> Routine:
    return services.routines.add(
        name, at=at, steps=["Settle:10", "Lights out:2"], lead_minutes=lead
    )


def go(traveller: time_machine.Traveller, moment: datetime) -> None:
    """Move the clock, keeping TZ on London (time-machine sets it from a ZoneInfo only), so
    the app's naive local clock agrees."""
    traveller.move_to(moment.astimezone(LONDON))


def run_day(
    jobs: ReminderJobs, traveller: time_machine.Traveller, day: date
) -> list[tuple[datetime, Reminder]]:
    """Move to each planned reminder of the day in turn: nothing a second before, the
    reminder at its time."""
    go(traveller, datetime.combine(day, time(0, 0), LONDON))
    given: list[tuple[datetime, Reminder]] = []
    while True:
        planned = [p for p in jobs.plan() if p.due.astimezone(LONDON).date() == day]
        if not planned:
            return given
        due = planned[0].due
        go(traveller, due - timedelta(seconds=1))
        assert jobs.due_now() == []
        go(traveller, due)
        reminders = jobs.due_now()
        assert reminders, f"nothing at {due}"
        given.extend((datetime.now(UTC), r) for r in reminders)


@pytest.mark.parametrize("lead", [0, 10])
def test_reminders_come_at_local_time_on_the_day_the_clocks_go_forward(
    data_dir: Path, traveller: time_machine.Traveller, lead: int
) -> None:
    services = Services(data_dir)
    add_routine(services, "Night feed", "01:30", lead)
    add_routine(services, "Morning", "07:30", lead)
    jobs = ReminderJobs(services.routines, by="test", zone=LONDON)
    given = run_day(jobs, traveller, SPRING)
    # 01:30 (and 01:20) do not exist that night: the reminder comes at 02:00 BST.
    assert [(at, r.occurrence.routine.name) for at, r in given] == [
        (utc(2026, 3, 29, 1, 0), "Night feed"),
        (utc(2026, 3, 29, 6, 30 - lead), "Morning"),
    ]
    assert [at.astimezone(LONDON).strftime("%H:%M %Z") for at, _ in given] == [
        "02:00 BST",
        f"07:{30 - lead:02d} BST",
    ]
    assert [r.title for _, r in given] == [
        "Night feed starts now",  # it was due at 01:30, and 02:00 is the first time there is
        "Morning starts now" if lead == 0 else "Morning in 10 minutes",
    ]


@pytest.mark.parametrize("lead", [0, 10])
def test_reminders_come_once_at_local_time_on_the_day_the_clocks_go_back(
    data_dir: Path, traveller: time_machine.Traveller, lead: int
) -> None:
    traveller.move_to(datetime(2026, 10, 20, 12, 0, tzinfo=LONDON))
    services = Services(data_dir)
    add_routine(services, "Night feed", "01:30", lead)
    add_routine(services, "Morning", "07:30", lead)
    jobs = ReminderJobs(services.routines, by="test", zone=LONDON)
    given = run_day(jobs, traveller, AUTUMN)
    # 01:30 happens twice: the reminder comes at the first (BST), and not again at the second.
    assert [(at, r.occurrence.routine.name) for at, r in given] == [
        (utc(2026, 10, 25, 0, 30 - lead), "Night feed"),
        (utc(2026, 10, 25, 7, 30 - lead), "Morning"),
    ]
    assert [at.astimezone(LONDON).strftime("%H:%M %Z") for at, _ in given] == [
        f"01:{30 - lead:02d} BST",
        f"07:{30 - lead:02d} GMT",
    ]
    go(traveller, utc(2026, 10, 25, 1, 30 - lead))  # the second 01:30 (GMT)
    assert datetime.now().strftime("%H:%M") == f"01:{30 - lead:02d}"
    assert jobs.due_now() == []
    assert ReminderJobs(Services(data_dir).routines, by="another", zone=LONDON).due_now() == []


def test_the_scheduler_gets_aware_times_in_the_local_zone(
    data_dir: Path, traveller: time_machine.Traveller
) -> None:
    """The jobs APScheduler holds, across the spring change: a BackgroundScheduler started
    paused computes each job's next run time and runs nothing."""
    from apscheduler.schedulers.background import BackgroundScheduler

    traveller.move_to(datetime(2026, 3, 28, 23, 0, tzinfo=LONDON))
    services = Services(data_dir)
    night = add_routine(services, "Night feed", "01:30", 0)
    morning = add_routine(services, "Morning", "07:30", 0)
    jobs = ReminderJobs(services.routines, by="test", zone=LONDON)
    scheduler = BackgroundScheduler(timezone=LONDON)
    scheduler.start(paused=True)
    try:
        jobs.schedule(scheduler, jobs.plan(), lambda *args: None)
        runs = {job.id: job.next_run_time for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown(wait=False)
    assert runs == {
        f"reminder:{night.id}": utc(2026, 3, 29, 1, 0),
        f"reminder:{morning.id}": utc(2026, 3, 29, 6, 30),
    }
    assert {str(run.tzinfo) for run in runs.values()} == {"Europe/London"}


def test_a_reminder_keeps_the_seconds_of_its_occurrence() -> None:
    """The job's time comes from the occurrence, not from a whole minute."""
    routine = Routine("Snack", time(12, 0, 45), (Step("Apple", 5),), lead_minutes=0)
    occurrence = Occurrence(routine, date(2026, 3, 20), routine.start)
    now = datetime(2026, 3, 20, 12, 0, tzinfo=LONDON)
    [planned] = plan([occurrence], now=now, zone=LONDON)
    assert planned.due == utc(2026, 3, 20, 12, 0, 45)  # GMT in March
