"""Shared routines: ordered steps at a time on some days, check-offs, and one-off changes.

Times are local wall-clock times ("bedtime at 19:30"), as a family thinks of them; turning
them into instants in a time zone (and across daylight-saving changes) is done where the
reminders are scheduled. An occurrence is one routine on one day; its key names it for good.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Annotated, Literal

import msgspec

from companion.domain.errors import CompanionError
from companion.domain.ids import new_id
from companion.domain.numbers import whole_number
from companion.domain.text import quoted

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EVERY_DAY = frozenset(range(7))
MAX_STEP_MINUTES = 120
MAX_LEAD_MINUTES = 180

CheckoffStatus = Literal["done", "partly", "skipped"]
CHECKOFF_STATUSES: tuple[CheckoffStatus, ...] = ("done", "partly", "skipped")
STATUS_WORDS: dict[CheckoffStatus, str] = {
    "done": "done",
    "partly": "partly done",
    "skipped": "not today",
}
# A reminder up to this late is still given by a running scheduler; only older ones are missed.
LATE_GRACE = timedelta(minutes=30)
ChangeKind = Literal["skip", "move", "someone_else"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("skip", "move", "someone_else")

# What a stored routine must hold, checked as it is read.
Words = Annotated[str, msgspec.Meta(pattern=r"\S")]  # not empty, not only spaces
StepMinutes = Annotated[int, msgspec.Meta(ge=1, le=MAX_STEP_MINUTES)]
LeadMinutes = Annotated[int, msgspec.Meta(ge=0, le=MAX_LEAD_MINUTES)]
Weekday = Annotated[int, msgspec.Meta(ge=0, le=6)]  # 0 is Monday


class Step(msgspec.Struct, frozen=True):
    text: Words
    minutes: StepMinutes = 5


class Routine(msgspec.Struct, frozen=True, omit_defaults=True):
    name: Words
    start: time
    steps: Annotated[tuple[Step, ...], msgspec.Meta(min_length=1)]
    days: frozenset[Weekday] = EVERY_DAY
    children: tuple[str, ...] = ()  # child ids; none means the whole family
    remind: tuple[str, ...] = ()  # caregiver ids to remind; none means everyone
    lead_minutes: LeadMinutes = 10  # the reminder comes this long before the start
    paused: bool = False
    added: datetime | None = None  # reminders before this were never due
    id: str = msgspec.field(default_factory=new_id)

    @property
    def total_minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    def runs_on(self, day: date) -> bool:
        """Whether the routine is planned for the day (before any one-off change)."""
        return not self.paused and day.weekday() in self.days

    def days_text(self) -> str:
        """ "every day", "weekdays", "weekends" or "mon, wed, fri"."""
        if self.days == EVERY_DAY:
            return "every day"
        if self.days == frozenset(range(5)):
            return "weekdays"
        if self.days == frozenset({5, 6}):
            return "weekends"
        return ", ".join(WEEKDAYS[d] for d in sorted(self.days))

    def with_steps(self, steps: Iterable[Step]) -> Routine:
        return msgspec.structs.replace(self, steps=tuple(steps))


class Checkoff(msgspec.Struct, frozen=True, omit_defaults=True):
    """A routine on a day: done, partly done or skipped, by whom, with an optional note."""

    routine_id: str = msgspec.field(name="routine")
    day: date
    status: CheckoffStatus
    written_at: datetime
    by: str | None = None  # caregiver id
    note: str = ""
    id: str = msgspec.field(default_factory=new_id)


class DayChange(msgspec.Struct, frozen=True, omit_defaults=True):
    """A one-off change for one date: not today, at another time, or someone else does it,
    with a line to say to the child ("Tomorrow grandma picks you up")."""

    routine_id: str = msgspec.field(name="routine")
    day: date
    kind: ChangeKind
    say_to_child: str = ""
    new_start: time | None = None  # for "move"
    who: str = ""  # for "someone_else": a name, as the family says it ("grandma")
    id: str = msgspec.field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.kind == "move" and self.new_start is None:
            raise ValueError("a moved day needs its new time")

    def describe(self, routine_name: str) -> str:
        """In plain words: "Bedtime is at 20:30 instead", "Grandma does after school"."""
        if self.kind == "skip":
            return f"{routine_name} is not happening"
        if self.kind == "move" and self.new_start is not None:
            return f"{routine_name} is at {self.new_start:%H:%M} instead"
        return f"{self.who or 'someone else'} does {routine_name.lower()}"


class Occurrence(msgspec.Struct, frozen=True):
    """One routine on one day, at its (possibly moved) local time."""

    routine: Routine
    day: date
    start: time
    change: DayChange | None = None

    @property
    def key(self) -> str:
        """Names the occurrence for good: recorded once it has been announced."""
        return f"{self.routine.id}@{self.day.isoformat()}"

    @property
    def starts_at(self) -> datetime:
        """Local wall-clock start, without a time zone."""
        return datetime.combine(self.day, self.start)

    @property
    def remind_at(self) -> datetime:
        return self.starts_at - timedelta(minutes=self.routine.lead_minutes)


class Missed(msgspec.Struct, frozen=True):
    """An occurrence whose reminder came while nothing was running: do now, or skip."""

    occurrence: Occurrence

    def sentence(self) -> str:
        o = self.occurrence
        return f"{o.routine.name} reminder at {o.remind_at:%H:%M} on {o.day:%a %d %b} wasn't seen"


def occurrences(
    routine: Routine, changes: Iterable[DayChange], first: date, last: date
) -> Iterator[Occurrence]:
    """The routine's occurrences from `first` to `last` (both included), honouring one-off
    changes: a skipped day has none, a moved one its new time."""
    by_day = {c.day: c for c in changes if c.routine_id == routine.id}
    day = first
    while day <= last:
        if routine.runs_on(day):
            change = by_day.get(day)
            if change is None:
                yield Occurrence(routine, day, routine.start)
            elif change.kind == "move" and change.new_start is not None:
                yield Occurrence(routine, day, change.new_start, change)
            elif change.kind != "skip":
                yield Occurrence(routine, day, routine.start, change)
        day += timedelta(days=1)


def parse_days(text: str) -> frozenset[int]:
    """ "every day", "weekdays", "weekends" or names like "mon,wed,fri" ("monday" works)."""
    cleaned = text.strip().lower()
    if cleaned in ("", "every day", "everyday", "daily", "all"):
        return EVERY_DAY
    if cleaned == "weekdays":
        return frozenset(range(5))
    if cleaned == "weekends":
        return frozenset({5, 6})
    days: set[int] = set()
    for word in cleaned.replace(",", " ").split():
        matches = [n for n, name in enumerate(_DAY_NAMES) if name.startswith(word)]
        if len(matches) != 1 or len(word) < 3:
            raise CompanionError(
                f'{quoted(word)} is not a day I know; write days like "mon,wed,fri", "weekdays" '
                'or "every day".'
            )
        days.add(matches[0])
    return frozenset(days)


_CLOCK_TIME = re.compile(r"([0-9]{1,2}):?([0-9]{2})", re.ASCII)


def parse_time(text: str, what: str = "time") -> time:
    """ "19:30", "7:05" or "0730"."""
    match = _CLOCK_TIME.fullmatch(text.strip())
    hours, minutes = (int(match[1]), int(match[2])) if match else (-1, -1)
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise CompanionError(
            f"{quoted(text)} is not a {what} I can read; write it like 19:30 (24-hour clock)."
        )
    return time(hours, minutes)


_MINUTES = re.compile(r"-?[0-9]+", re.ASCII)


def parse_step(text: str) -> Step:
    """ "Brush teeth:3" is a step of 3 minutes; without a number, 5 minutes."""
    words, colon, minutes = text.rpartition(":")
    if colon and words.strip() and _MINUTES.fullmatch(minutes.strip()):
        count = whole_number(minutes)  # None when negative or absurdly long
        if count is None or not 1 <= count <= MAX_STEP_MINUTES:
            raise CompanionError(
                f"{quoted(text)}: a step takes 1 to {MAX_STEP_MINUTES} minutes; please change it."
            )
        return Step(" ".join(words.split()), count)
    cleaned = " ".join(text.split())
    if not cleaned:
        raise CompanionError('A step needs a few words, like "Brush teeth:3".')
    return Step(cleaned)
