"""The routines as iCalendar, for the family's own calendar apps.

One recurring event per routine (RRULE FREQ=WEEKLY;BYDAY=...), starting on the first day it
runs since it was added, at its local time in a named time zone (with its VTIMEZONE), lasting
its steps' minutes, with the steps in the description and a display alarm at the reminder's
lead time. UIDs come from the routines' ids, so a calendar that imports the file again updates
the events instead of doubling them. One-off changes are exceptions to the series: a skipped
day is an EXDATE; a moved day, or a day someone else does it, is an override (the same UID
with a RECURRENCE-ID) at its time, with the line to say to the child. Paused routines are left
out.

Imported only by `companion routines ics`: the icalendar library is not loaded otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from companion.domain.errors import CompanionError
from companion.domain.text import and_list, quoted

if TYPE_CHECKING:
    from companion.domain.family import Family
    from companion.domain.routine import DayChange, Routine

PRODID = "-//companion//routines//EN"
UID_DOMAIN = "routines.companion"
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def local_zone(name: str | None = None) -> ZoneInfo | None:
    """The zone named (like Europe/London), else this computer's. None when the computer
    does not say: the times are then written floating (19:30 wherever the calendar is)."""
    if name is not None:
        try:
            return ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
            raise CompanionError(
                f"{quoted(name)} is not a time zone I know; write it like Europe/London."
            ) from None
    try:
        import tzlocal

        return ZoneInfo(tzlocal.get_localzone_name())
    except Exception:  # no zone configured, or one zoneinfo does not know
        return None


def uid_of(routine: Routine) -> str:
    return f"{routine.id}@{UID_DOMAIN}"


def routines_calendar(
    routines: Iterable[Routine],
    changes: Iterable[DayChange],
    family: Family,
    *,
    zone: ZoneInfo | None,
    stamp: datetime,
    today: date,
) -> Calendar:
    """The calendar of the routines that are not paused. `stamp` is when it was made (aware);
    a routine without a date it was added starts from `today`."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Our routines")
    stamp_utc = stamp.astimezone(UTC)
    all_changes = sorted(changes, key=lambda c: c.day)
    first_days: list[date] = []
    for routine in routines:
        if routine.paused:
            continue
        since = routine.added.date() if routine.added else today
        first = _first_day(routine, since)
        if first is None:
            continue
        first_days.append(first)
        mine = [
            c
            for c in all_changes
            if c.routine_id == routine.id and c.day >= first and c.day.weekday() in routine.days
        ]
        for event in _events(routine, mine, family, zone, stamp_utc, first):
            calendar.add_component(event)
    if zone is not None and first_days:
        start = date(min(first_days).year, 1, 1)
        calendar.add_missing_timezones(first_date=start, last_date=date(start.year + 30, 1, 1))
    return calendar


def routines_ics(
    routines: Iterable[Routine],
    changes: Iterable[DayChange],
    family: Family,
    *,
    zone: ZoneInfo | None,
    stamp: datetime,
    today: date,
) -> bytes:
    calendar = routines_calendar(routines, changes, family, zone=zone, stamp=stamp, today=today)
    ics: bytes = calendar.to_ical()
    return ics


# -- one routine -------------------------------------------------------------------------


def _events(
    routine: Routine,
    changes: list[DayChange],
    family: Family,
    zone: ZoneInfo | None,
    stamp: datetime,
    first: date,
) -> list[Event]:
    series = _event(routine, family, stamp, _at(first, routine.start, zone))
    series.add("rrule", {"FREQ": "WEEKLY", "BYDAY": [BYDAY[d] for d in sorted(routine.days)]})
    skipped = [_at(c.day, routine.start, zone) for c in changes if c.kind == "skip"]
    if skipped:
        series.add("exdate", skipped)
    events = [series]
    for change in changes:
        if change.kind == "skip":
            continue
        start = change.new_start if change.kind == "move" and change.new_start else routine.start
        override = _event(routine, family, stamp, _at(change.day, start, zone), change)
        override.add("recurrence-id", _at(change.day, routine.start, zone))
        events.append(override)
    return events


def _event(
    routine: Routine,
    family: Family,
    stamp: datetime,
    start: datetime,
    change: DayChange | None = None,
) -> Event:
    summary = routine.name
    if change is not None and change.kind == "someone_else" and change.who:
        summary = f"{routine.name} ({change.who})"
    event = Event()
    event.add("uid", uid_of(routine))
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=max(routine.total_minutes, 1)))
    event.add("description", _description(routine, family, change))
    event.add_component(_alarm(routine, start))
    return event


def _alarm(routine: Routine, start: datetime) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(minutes=-routine.lead_minutes))
    first_step = f": first, {routine.steps[0].text}" if routine.steps else ""
    alarm.add("description", f"{routine.name} at {start:%H:%M}{first_step}.")
    return alarm


def _description(routine: Routine, family: Family, change: DayChange | None) -> str:
    lines: list[str] = []
    children = [family.name_of(i) for i in routine.children]
    if change is not None:
        lines.append(f"{change.describe(routine.name)}.")
        if change.say_to_child:
            to = and_list(children) if children else "the child"
            lines.append(f'Say to {to}: "{change.say_to_child}"')
        lines.append("")
    lines.extend(
        f"{n}. {step.text} ({step.minutes} min)" for n, step in enumerate(routine.steps, start=1)
    )
    lines.append("")
    reminded = (
        and_list([family.name_of(i) for i in routine.remind]) if routine.remind else "everyone"
    )
    who = f"For {and_list(children)}. " if children else ""
    lines.append(f"{who}Reminds {reminded}, {routine.lead_minutes} minutes before.")
    return "\n".join(lines)


# -- helpers -----------------------------------------------------------------------------


def _first_day(routine: Routine, since: date) -> date | None:
    """The first day on or after `since` that the routine runs; None if it never does."""
    for offset in range(7):
        day = since + timedelta(days=offset)
        if day.weekday() in routine.days:
            return day
    return None


def _at(day: date, at: time, zone: ZoneInfo | None) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)
