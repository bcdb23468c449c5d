"""Shared routines: ordered steps at a time on some days, check-offs, and one-off changes.

Times are local wall-clock times ("bedtime at 19:30"), as a family thinks of them; turning
them into instants in a time zone (and across daylight-saving changes) is done where the
reminders are scheduled. An occurrence is one routine on one day; its key names it for good.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from companion.domain.errors import CompanionError
from companion.domain.ids import new_id

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
ChangeKind = Literal["skip", "move", "someone_else"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("skip", "move", "someone_else")


@dataclass(frozen=True)
class Step:
    text: str
    minutes: int = 5

    def to_record(self) -> dict[str, Any]:
        return {"text": self.text, "minutes": self.minutes}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Step:
        text, minutes = record.get("text"), record.get("minutes")
        if type(text) is not str or not text.strip() or type(minutes) is not int:
            raise ValueError('a step needs "text" and whole "minutes"')
        if not 1 <= minutes <= MAX_STEP_MINUTES:
            raise ValueError(f"a step takes 1 to {MAX_STEP_MINUTES} minutes, not {minutes}")
        return cls(text=text, minutes=minutes)


@dataclass(frozen=True)
class Routine:
    name: str
    start: time
    steps: tuple[Step, ...]
    days: frozenset[int] = EVERY_DAY  # 0 is Monday
    children: tuple[str, ...] = ()  # child ids; none means the whole family
    remind: tuple[str, ...] = ()  # caregiver ids to remind; none means everyone
    lead_minutes: int = 10  # the reminder comes this long before the start
    paused: bool = False
    added: datetime | None = None  # reminders before this were never due
    id: str = field(default_factory=new_id)

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
        return replace(self, steps=tuple(steps))

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "start": self.start.strftime("%H:%M"),
            "days": sorted(self.days),
            "steps": [step.to_record() for step in self.steps],
            "children": list(self.children),
            "remind": list(self.remind),
            "lead_minutes": self.lead_minutes,
            "paused": self.paused,
            **({"added": self.added.isoformat(timespec="seconds")} if self.added else {}),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Routine:
        days = frozenset(record["days"])
        if not days <= EVERY_DAY:
            raise ValueError(f"days must be 0 to 6, not {sorted(days)}")
        if not record["name"].strip() or not record["steps"]:
            raise ValueError("a routine needs a name and at least one step")
        if not 0 <= record["lead_minutes"] <= MAX_LEAD_MINUTES:
            raise ValueError(f"a reminder comes 0 to {MAX_LEAD_MINUTES} minutes before")
        return cls(
            id=record["id"],
            name=record["name"],
            start=time.fromisoformat(record["start"]),
            days=days,
            steps=tuple(Step.from_record(s) for s in record["steps"]),
            children=tuple(record["children"]),
            remind=tuple(record["remind"]),
            lead_minutes=record["lead_minutes"],
            paused=record["paused"],
            added=datetime.fromisoformat(record["added"]) if record.get("added") else None,
        )


@dataclass(frozen=True)
class Checkoff:
    """A routine on a day: done, partly done or skipped, by whom, with an optional note."""

    routine_id: str
    day: date
    status: CheckoffStatus
    written_at: datetime
    by: str | None = None  # caregiver id
    note: str = ""
    id: str = field(default_factory=new_id)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "routine": self.routine_id,
            "day": self.day.isoformat(),
            "status": self.status,
            "written_at": self.written_at.isoformat(timespec="seconds"),
            "note": self.note,
        }
        if self.by:
            record["by"] = self.by
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Checkoff:
        status = record["status"]
        if status not in CHECKOFF_STATUSES:
            raise ValueError(f'"{status}" is not done, partly or skipped')
        return cls(
            id=record["id"],
            routine_id=record["routine"],
            day=date.fromisoformat(record["day"]),
            status=status,
            written_at=datetime.fromisoformat(record["written_at"]),
            by=record.get("by"),
            note=record.get("note", ""),
        )


@dataclass(frozen=True)
class DayChange:
    """A one-off change for one date: not today, at another time, or someone else does it,
    with a line to say to the child ("Tomorrow grandma picks you up")."""

    routine_id: str
    day: date
    kind: ChangeKind
    say_to_child: str = ""
    new_start: time | None = None  # for "move"
    who: str = ""  # for "someone_else": a name, as the family says it ("grandma")
    id: str = field(default_factory=new_id)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "routine": self.routine_id,
            "day": self.day.isoformat(),
            "kind": self.kind,
            "say_to_child": self.say_to_child,
            "who": self.who,
        }
        if self.new_start is not None:
            record["new_start"] = self.new_start.strftime("%H:%M")
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DayChange:
        kind = record["kind"]
        if kind not in CHANGE_KINDS:
            raise ValueError(f'"{kind}" is not skip, move or someone_else')
        new_start = record.get("new_start")
        if kind == "move" and not new_start:
            raise ValueError("a moved day needs its new time")
        return cls(
            id=record["id"],
            routine_id=record["routine"],
            day=date.fromisoformat(record["day"]),
            kind=kind,
            say_to_child=record.get("say_to_child", ""),
            new_start=time.fromisoformat(new_start) if new_start else None,
            who=record.get("who", ""),
        )

    def describe(self, routine_name: str) -> str:
        """In plain words: "Bedtime is at 20:30 instead", "Grandma does after school"."""
        if self.kind == "skip":
            return f"{routine_name} is not happening"
        if self.kind == "move" and self.new_start is not None:
            return f"{routine_name} is at {self.new_start:%H:%M} instead"
        return f"{self.who or 'someone else'} does {routine_name.lower()}"


@dataclass(frozen=True)
class Occurrence:
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
                f'"{word}" is not a day I know; write days like "mon,wed,fri", "weekdays" '
                'or "every day".'
            )
        days.add(matches[0])
    return frozenset(days)


def parse_time(text: str, what: str = "time") -> time:
    """ "19:30", "7:05" or "0730"."""
    cleaned = text.strip()
    if cleaned.isdigit() and len(cleaned) in (3, 4):
        cleaned = f"{cleaned[:-2]}:{cleaned[-2:]}"
    try:
        hours, minutes = (int(part) for part in cleaned.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise CompanionError(
            f'"{text}" is not a {what} I can read; write it like 19:30 (24-hour clock).'
        ) from None


def parse_step(text: str) -> Step:
    """ "Brush teeth:3" is a step of 3 minutes; without a number, 5 minutes."""
    words, colon, minutes = text.rpartition(":")
    if colon and not minutes.strip().isdigit() and minutes.strip().lstrip("-").isdigit():
        raise CompanionError(
            f'"{text}": a step takes 1 to {MAX_STEP_MINUTES} minutes; please change it.'
        )
    if words and minutes.strip().isdigit():
        count = int(minutes)
        if not 1 <= count <= MAX_STEP_MINUTES:
            raise CompanionError(
                f'"{text}": a step takes 1 to {MAX_STEP_MINUTES} minutes; please change it.'
            )
        return Step(" ".join(words.split()), count)
    cleaned = " ".join(text.split())
    if not cleaned:
        raise CompanionError('A step needs a few words, like "Brush teeth:3".')
    return Step(cleaned)
