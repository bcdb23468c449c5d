"""`companion routines ics`: the routines as iCalendar, parsed back and expanded for a month,
must give exactly the occurrences the routines have (the ones reminders are sent for)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from companion.exchange.icalendar import routines_ics, uid_of
from companion.services import Services
from tests.conftest import CliRunner, Clock
from tests.store.helpers import data_bytes, one_sentence, run_companion


@dataclass(frozen=True)
class Month:
    first: date
    zone: str
    skip: date  # Bedtime is not happening
    move: date  # Bedtime at 20:30
    someone_else: date  # Grandma does after school (a weekday)

    @property
    def last(self) -> date:
        following = (self.first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)


MONTHS = [
    # British summer time ends on Sunday 25 October 2026; Bedtime moves on that very day.
    Month(date(2026, 10, 1), "Europe/London", date(2026, 10, 5), date(2026, 10, 25),
          date(2026, 10, 7)),
    # and starts on Sunday 28 March 2027.
    Month(date(2027, 3, 1), "Europe/London", date(2027, 3, 28), date(2027, 3, 29),
          date(2027, 3, 26)),
    # New York falls back on Sunday 1 November 2026.
    Month(date(2026, 11, 1), "America/New_York", date(2026, 11, 1), date(2026, 11, 2),
          date(2026, 11, 30)),
]  # fmt: skip


@pytest.fixture
def family(family_services: Services) -> Services:
    return family_services


def make_routines(services: Services, clock: Clock, month: Month) -> None:
    clock.now = datetime.combine(month.first, time(8, 0))
    routines = services.routines
    routines.add(
        "Bedtime",
        at="19:30",
        steps=["Bath:15", "Brush teeth:3", "Story:10"],
        children=["Mia"],
        remind=["Sam"],
    )
    routines.add(
        "After school", at="15:30", steps=["Snack:10", "Play:20"], days="weekdays", lead_minutes=5
    )
    routines.add("Swimming", at="09:00", steps=["Pool:45"], days="sat", lead_minutes=30)
    routines.add("Piano", at="17:00", steps=["Practice:15"], days="tue,thu")
    routines.set_paused("Piano", True)
    routines.change_day("Bedtime", month.skip, "skip", say_to_child="Sleepover at Nan's!")
    routines.change_day(
        "Bedtime", month.move, "move", new_start="20:30", say_to_child="A late one tonight."
    )
    routines.change_day(
        "After school",
        month.someone_else,
        "someone_else",
        who="Grandma",
        say_to_child="Grandma picks you up today.",
    )


def export(cli: CliRunner, folder: Path, zone: str) -> bytes:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "routines.ics"
    code, out, err = cli("routines", "ics", "-o", str(target), "--tz", zone)
    assert (code, err) == (0, ""), err
    assert out.startswith("Wrote 3 routine(s) to ")
    return target.read_bytes()


def expand(ics: bytes, first: date, last: date) -> list[Any]:
    calendar = Calendar.from_ical(ics)
    found = recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))
    return sorted(found, key=lambda e: (e.start, str(e["UID"])))


@pytest.mark.parametrize("month", MONTHS, ids=lambda m: f"{m.first:%Y-%m}-{m.zone}")
def test_a_month_of_the_calendar_is_the_routines_month(
    cli: CliRunner, family: Services, clock: Clock, tmp_path: Path, month: Month
) -> None:
    make_routines(family, clock, month)
    zone = ZoneInfo(month.zone)
    events = expand(export(cli, tmp_path, month.zone), month.first, month.last)
    expected = family.routines.occurrences(month.first, month.last)

    got = [(str(e["UID"]), e.start.replace(tzinfo=None)) for e in events]
    assert sorted(got) == sorted((uid_of(o.routine), o.starts_at) for o in expected)
    assert len(got) == len(expected) > 40
    by_key = {(str(e["UID"]), e.start.date()): e for e in events}
    for occurrence in expected:
        event = by_key[(uid_of(occurrence.routine), occurrence.day)]
        # The local wall-clock time in the family's zone, on daylight-saving days too.
        assert event.start.tzinfo is not None
        assert event.start.utcoffset() == occurrence.starts_at.replace(tzinfo=zone).utcoffset()
        assert event.end - event.start == timedelta(minutes=occurrence.routine.total_minutes)
        [alarm] = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY"
        lead = timedelta(minutes=-occurrence.routine.lead_minutes)
        assert alarm.decoded("TRIGGER") == lead

    bedtime = family.routines.named("Bedtime")
    after_school = family.routines.named("After school")
    assert (uid_of(bedtime), month.skip) not in by_key
    moved = by_key[(uid_of(bedtime), month.move)]
    assert moved.start.time() == time(20, 30)
    assert "Bedtime is at 20:30 instead." in moved["DESCRIPTION"]
    assert 'Say to Mia: "A late one tonight."' in moved["DESCRIPTION"]
    grandma = by_key[(uid_of(after_school), month.someone_else)]
    assert grandma["SUMMARY"] == "After school (Grandma)"
    assert grandma.start.time() == time(15, 30)
    assert "Grandma does after school." in grandma["DESCRIPTION"]
    assert 'Say to the child: "Grandma picks you up today."' in grandma["DESCRIPTION"]
    # Paused: left out.
    assert "Piano" not in {str(e["SUMMARY"]) for e in events}


def test_the_file_says_it_the_way_calendars_read_it(
    cli: CliRunner, family: Services, clock: Clock, tmp_path: Path
) -> None:
    month = MONTHS[0]
    make_routines(family, clock, month)
    ics = export(cli, tmp_path, "Europe/London")
    text = ics.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//companion//routines//EN")
    bedtime = family.routines.named("Bedtime")
    calendar = Calendar.from_ical(ics)
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    events = calendar.walk("VEVENT")
    series = [e for e in events if "RECURRENCE-ID" not in e]
    assert sorted(str(e["SUMMARY"]) for e in series) == ["After school", "Bedtime", "Swimming"]
    assert len(events) == 5  # three series, a moved day and a day someone else does
    [series_bedtime] = [e for e in series if e["SUMMARY"] == "Bedtime"]
    assert series_bedtime["UID"] == f"{bedtime.id}@routines.companion"
    assert series_bedtime["DTSTART"].to_ical() == b"20261001T193000"
    assert series_bedtime["DTSTART"].params["TZID"] == "Europe/London"
    assert series_bedtime["DURATION"].to_ical() == b"PT28M"
    assert series_bedtime["DESCRIPTION"] == (
        "1. Bath (15 min)\n2. Brush teeth (3 min)\n3. Story (10 min)\n\n"
        "For Mia. Reminds Sam, 10 minutes before."
    )
    assert "DTSTAMP:20261001T080000Z\r\n" in text
    for line in (
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "RRULE:FREQ=WEEKLY;BYDAY=SA",
        "TRIGGER:-PT10M",
        "TRIGGER:-PT5M",
        "TRIGGER:-PT30M",
        "ACTION:DISPLAY",
        "EXDATE;TZID=Europe/London:20261005T193000",
        "RECURRENCE-ID;TZID=Europe/London:20261025T193000",
        "DTSTART;TZID=Europe/London:20261025T203000",
        "RECURRENCE-ID;TZID=Europe/London:20261007T153000",
    ):
        assert f"\r\n{line}\r\n" in text, line
    # Swimming is on Saturdays: the series starts on the first one after it was added.
    [swimming] = [e for e in series if e["SUMMARY"] == "Swimming"]
    assert swimming.decoded("DTSTART").date() == date(2026, 10, 3)


def test_uids_are_stable_and_the_same_routines_give_the_same_file(
    cli: CliRunner, family: Services, clock: Clock, tmp_path: Path
) -> None:
    make_routines(family, clock, MONTHS[0])
    first = export(cli, tmp_path / "one", "Europe/London")
    again = export(cli, tmp_path / "two", "Europe/London")
    assert first == again
    uids = {str(e["UID"]) for e in Calendar.from_ical(first).walk("VEVENT")}
    family.routines.edit("Bedtime", at="20:00", steps=["Story:10"])
    edited = Calendar.from_ical(export(cli, tmp_path / "three", "Europe/London"))
    assert {str(e["UID"]) for e in edited.walk("VEVENT")} == uids
    [series] = [
        e for e in edited.walk("VEVENT") if e["SUMMARY"] == "Bedtime" and "RECURRENCE-ID" not in e
    ]
    assert series.decoded("DTSTART").time() == time(20, 0)


def test_printed_without_a_file(
    cli: CliRunner, family: Services, clock: Clock, tmp_path: Path
) -> None:
    make_routines(family, clock, MONTHS[0])
    code, out, err = cli("routines", "ics", "--tz", "Europe/London")
    assert (code, err) == (0, "")
    assert out.encode() == export(cli, tmp_path, "Europe/London")


def test_floating_times_when_the_zone_is_unknown(family: Services, clock: Clock) -> None:
    month = MONTHS[0]
    make_routines(family, clock, month)
    routines = family.routines
    ics = routines_ics(
        [r for r in routines.all() if not r.paused],
        routines.changes(),
        family.family(),
        zone=None,
        stamp=clock.now.astimezone(),
        today=clock.now.date(),
    )
    assert b"VTIMEZONE" not in ics and b"TZID" not in ics
    events = expand(ics, month.first, month.last)
    assert sorted((str(e["UID"]), e.start) for e in events) == sorted(
        (uid_of(o.routine), o.starts_at) for o in routines.occurrences(month.first, month.last)
    )


def test_the_computers_zone_by_default(
    family: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    family.routines.add("Bedtime", at="19:30", steps=["Story"])
    monkeypatch.setenv("TZ", "America/New_York")
    result = run_companion(data_dir, "routines", "ics")
    assert result.returncode == 0, result.stderr
    assert "DTSTART;TZID=America/New_York:20261123T193000" in result.stdout


def test_refusals_write_nothing(
    cli: CliRunner, family: Services, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "routines.ics"

    def refused(*args: str) -> str:
        code, out, err = cli("routines", "ics", *args)
        assert (code, out) == (1, "")
        assert one_sentence(err), err
        return err.strip()

    assert refused("-o", str(target)) == (
        "There are no routines to put in a calendar yet (paused ones are left out); "
        "add one with `companion routines add`."
    )
    family.routines.add("Bedtime", at="19:30", steps=["Story"])
    before = data_bytes(data_dir)
    assert refused("--tz", "Mars/Olympus") == (
        '"Mars/Olympus" is not a time zone I know; write it like Europe/London.'
    )
    assert "There is no folder" in refused("-o", str(tmp_path / "nowhere" / "r.ics"))
    target.write_text("our own file")
    assert refused("-o", str(target)).startswith(f"{target} is already there; nothing was written.")
    assert target.read_text() == "our own file"
    assert data_bytes(data_dir) == before
    code, _, err = cli("routines", "ics", "-o", str(target), "--replace", "--tz", "UTC")
    assert (code, err) == (0, "")
    assert Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert list(tmp_path.glob(".*.tmp")) == []
