"""What the interfaces call for routines: `services.routines.add(...)`, `.check_off(...)`,
`.week(...)`, `.due(...)`. Names typed by a person (a routine, a child, a caregiver) are
found here, with one clear sentence when there is no such one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from companion.domain.consistency import WeekRow, week_grid, week_start
from companion.domain.dates import day_words
from companion.domain.errors import CompanionError
from companion.domain.family import Family
from companion.domain.routine import (
    CHANGE_KINDS,
    CHECKOFF_STATUSES,
    LATE_GRACE,
    MAX_LEAD_MINUTES,
    Checkoff,
    DayChange,
    Missed,
    Occurrence,
    Routine,
    Step,
    occurrences,
    parse_days,
    parse_step,
    parse_time,
)
from companion.store.datastore import DataStore
from companion.store.routine_repository import (
    ROUTINES_FILE,
    AnnouncementRepository,
    CheckoffRepository,
    RoutineRepository,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

MISSED_LOOK_BACK = timedelta(days=2)  # older unannounced occurrences are let go quietly


class RoutineService:
    def __init__(
        self, store: DataStore, family: Callable[[], Family], clock: Callable[[], datetime]
    ) -> None:
        self.family = family
        self.clock = clock
        self.repo = RoutineRepository(store)
        self.checkoffs = CheckoffRepository(store)
        self.announcements = AnnouncementRepository(store)

    # -- the routines ----------------------------------------------------------------------

    def all(self) -> list[Routine]:
        return self.repo.load()

    def named(self, name: str) -> Routine:
        wanted = " ".join(name.split()).casefold()
        routines = self.all()
        for routine in routines:
            if routine.name.casefold() == wanted or routine.id == wanted:
                return routine
        known = ", ".join(r.name for r in routines) or "none yet"
        raise CompanionError(
            f'There is no routine called "{name.strip()}" (known: {known}); check the spelling '
            "or add it with `companion routines add`."
        )

    def add(
        self,
        name: str,
        *,
        at: str,
        steps: Sequence[str],
        days: str = "every day",
        children: Sequence[str] = (),
        remind: Sequence[str] = (),
        lead_minutes: int = 10,
    ) -> Routine:
        """Check everything first, then save."""
        cleaned = " ".join(name.split())
        if not cleaned:
            raise CompanionError('Please give the routine a name, like "Bedtime".')
        self._refuse_name_twice(cleaned, None)
        routine = Routine(
            added=self.clock().replace(microsecond=0),
            name=cleaned,
            start=parse_time(at, "start time"),
            steps=self._steps(steps),
            days=parse_days(days),
            children=self._child_ids(children),
            remind=self._caregiver_ids(remind),
            lead_minutes=_lead(lead_minutes),
        )
        self.repo.save(routine)
        return routine

    def edit(
        self,
        name: str,
        *,
        new_name: str | None = None,
        at: str | None = None,
        steps: Sequence[str] | None = None,
        days: str | None = None,
        children: Sequence[str] | None = None,
        remind: Sequence[str] | None = None,
        lead_minutes: int | None = None,
    ) -> Routine:
        """Change what is given; what is not given stays as it was."""
        routine = self.named(name)
        changes: dict[str, Any] = {}
        if new_name is not None:
            cleaned = " ".join(new_name.split())
            if not cleaned:
                raise CompanionError('Please give the routine a name, like "Bedtime".')
            self._refuse_name_twice(cleaned, routine.id)
            changes["name"] = cleaned
        if at is not None:
            changes["start"] = parse_time(at, "start time")
            # Reminders at the new time earlier today were never due: none of them was missed.
            changes["added"] = self.clock().replace(microsecond=0)
        if steps is not None:
            changes["steps"] = self._steps(steps)
        if days is not None:
            changes["days"] = parse_days(days)
        if children is not None:
            changes["children"] = self._child_ids(children)
        if remind is not None:
            changes["remind"] = self._caregiver_ids(remind)
        if lead_minutes is not None:
            changes["lead_minutes"] = _lead(lead_minutes)
        edited = msgspec.structs.replace(routine, **changes)
        self.repo.save(edited)
        return edited

    def save(self, routine: Routine) -> Routine:
        """Save a routine as the editor built it (steps reordered, paused...), or bring back a
        deleted one (undo)."""
        if not routine.steps:
            raise CompanionError("A routine needs at least one step.")
        self._refuse_name_twice(routine.name, routine.id)
        self.repo.save(routine)
        return routine

    def _refuse_name_twice(self, name: str, own_id: str | None) -> None:
        for other in self.all():
            if other.name.casefold() == name.casefold() and other.id != own_id:
                raise CompanionError(
                    f"There is already a routine called {other.name}; pick another name."
                )

    def set_paused(self, name: str, paused: bool) -> Routine:
        routine = self.named(name)
        # On resuming, the paused days' reminders were never due: nothing there was missed.
        added = routine.added if paused else self.clock().replace(microsecond=0)
        return self.save(msgspec.structs.replace(routine, paused=paused, added=added))

    def delete(self, name: str) -> Routine:
        """The routine goes; it is kept (with its check-offs and changes) for `undo_delete`."""
        routine = self.named(name)
        self.repo.delete(routine)
        return routine

    def undo_delete(self) -> Routine:
        """Bring back the routine deleted last."""
        routine = self.repo.last_deleted()
        if routine is None:
            raise CompanionError("There is no deleted routine to bring back.")
        if any(r.id == routine.id for r in self.all()):
            raise CompanionError(f"{routine.name} is already back; nothing was changed.")
        self._refuse_name_twice(routine.name, routine.id)
        self.repo.bring_back(routine)
        return routine

    # -- one-off changes for a date --------------------------------------------------------

    def changes(self) -> list[DayChange]:
        return self.repo.changes()

    def change_day(
        self,
        name: str,
        day: date,
        kind: str,
        *,
        say_to_child: str = "",
        new_start: str | None = None,
        who: str = "",
    ) -> DayChange:
        routine = self.named(name)
        self._refuse_day(routine, day)
        if kind not in CHANGE_KINDS:
            raise CompanionError(f'"{kind}" is not a change I know: skip, move or someone_else.')
        if kind == "move" and not new_start:
            raise CompanionError(f"At what time is {routine.name} that day? Give it like 20:30.")
        if kind == "someone_else" and not who.strip():
            raise CompanionError(f"Who does {routine.name} that day? Give a name, like Grandma.")
        change = DayChange(
            routine_id=routine.id,
            day=day,
            kind=kind,
            say_to_child=" ".join(say_to_child.split()),
            new_start=parse_time(new_start, "time") if new_start else None,
            who=" ".join(who.split()),
        )
        self.repo.save_change(change)
        return change

    def as_planned(self, name: str, day: date) -> Routine:
        """Take a day's change away: the routine is as usual that day."""
        routine = self.named(name)
        if not any(c.routine_id == routine.id and c.day == day for c in self.changes()):
            when = day_words(day, self.clock().date())
            raise CompanionError(f"{routine.name} has no change on {when}; nothing to take away.")
        self.repo.remove_change(routine.id, day)
        return routine

    def _refuse_day(self, routine: Routine, day: date) -> None:
        today = self.clock().date()
        when = day_words(day, today)
        if day < today:
            raise CompanionError(f"{when} has passed; a change is for today or a day to come.")
        if day.weekday() not in routine.days:
            raise CompanionError(
                f"{routine.name} is not planned on {when} (it runs {routine.days_text()}); "
                "pick one of its days."
            )

    def heads_up(self, today: date) -> list[tuple[Routine, DayChange]]:
        """Tomorrow's (and today's) changes, to show the day before."""
        routines = {r.id: r for r in self.all()}
        return [
            (routines[c.routine_id], c)
            for c in sorted(self.changes(), key=lambda c: c.day)
            if c.routine_id in routines and today <= c.day <= today + timedelta(days=1)
        ]

    # -- check-off and consistency ---------------------------------------------------------

    def check_off(
        self,
        name: str,
        *,
        day: date,
        status: str = "done",
        by: str | None = None,
        note: str = "",
    ) -> Checkoff:
        routine = self.named(name)
        if status not in CHECKOFF_STATUSES:
            raise CompanionError(f'"{status}" is not done, partly or skipped.')
        now = self.clock().replace(microsecond=0)  # kept to the second, as it is stored
        if day > now.date():
            raise CompanionError(
                f"{day} is still to come; a routine can be checked off for today or a past day."
            )
        checkoff = Checkoff(
            routine_id=routine.id,
            day=day,
            status=status,
            written_at=now,
            by=self.family().caregiver_named(by).id if by else None,
            note=" ".join(note.split()),
        )
        self.checkoffs.add(checkoff)
        return checkoff

    def checked_off(self, first: date, last: date) -> list[Checkoff]:
        return self.checkoffs.between(first, last)

    def week(self, day: date) -> list[WeekRow]:
        monday = week_start(day)
        return week_grid(
            self.all(),
            self.checkoffs.between(monday, monday + timedelta(days=6)),
            self.changes(),
            monday,
        )

    # -- what is due, and what came while nothing ran ---------------------------------------

    def occurrences(self, first: date, last: date) -> list[Occurrence]:
        changes = self.changes()
        found = [o for r in self.all() for o in occurrences(r, changes, first, last)]
        return sorted(found, key=lambda o: o.remind_at)

    def next_up(self) -> Occurrence | None:
        """The routine under way or next to start (today or tomorrow), not checked off."""
        now = self.clock()
        today = now.date()
        done = {(c.routine_id, c.day) for c in self.checkoffs.between(today, today)}
        for occurrence in self.occurrences(today, today + timedelta(days=1)):
            # A routine under way stays "next" until its steps' minutes are over.
            ends = occurrence.starts_at + timedelta(minutes=occurrence.routine.total_minutes)
            if ends >= now and (occurrence.routine.id, occurrence.day) not in done:
                return occurrence
        return None

    def is_done(self, occurrence: Occurrence) -> bool:
        """Checked off (done, partly or skipped): no reminder is needed any more."""
        return any(
            c.routine_id == occurrence.routine.id
            for c in self.checkoffs.between(occurrence.day, occurrence.day)
        )

    def announced(self) -> set[str]:
        """The keys of every occurrence announced so far (by the app or `companion remind`)."""
        return self.announcements.announced()

    def caregiver_names(self) -> dict[str, str]:
        return {c.id: c.name for c in self.family().caregivers}

    @property
    def routines_file(self) -> Path:
        """The file the routines live in: a new one means an edit somewhere."""
        return self.repo.store.path(ROUTINES_FILE)

    def announce_once(self, occurrence: Occurrence, by: str) -> bool:
        """True for the one process that should announce this occurrence now: not yet
        announced by anyone, and not already checked off."""
        if self.is_done(occurrence):
            return False
        return self.announcements.announce_once(occurrence.key, self.clock(), by)

    def missed(self) -> list[Missed]:
        """Reminders that came due while nothing was running, not announced, not done.
        Only since companion first watched the routines, and since each routine was added."""
        now = self.clock()
        since = max(self.announcements.watching_since(now), now - MISSED_LOOK_BACK)
        announced = self.announcements.announced()
        done = {(c.routine_id, c.day) for c in self.checkoffs.between(since.date(), now.date())}
        return [
            Missed(o)
            for o in self.occurrences(since.date(), now.date())
            if since <= o.remind_at < now - LATE_GRACE
            and (o.routine.added is None or o.routine.added <= o.remind_at)
            and o.key not in announced
            and (o.routine.id, o.day) not in done
        ]

    def answer_missed(self, missed: Missed, answer: str, by: str | None = None) -> None:
        """ "done" checks it off now; "skip" lets it go. Either way it is not listed again."""
        occurrence = missed.occurrence
        if answer == "done":
            self.check_off(occurrence.routine.name, day=occurrence.day, status="done", by=by)
        self.announcements.answer(occurrence.key, answer, self.clock(), by or "")

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _steps(steps: Sequence[str]) -> tuple[Step, ...]:
        parsed = tuple(parse_step(s) for s in steps)
        if not parsed:
            raise CompanionError('A routine needs at least one step, like --step "Brush teeth:3".')
        return parsed

    def _child_ids(self, names: Sequence[str]) -> tuple[str, ...]:
        family = self.family()
        return tuple(family.child_named(n).id for n in names)

    def _caregiver_ids(self, names: Sequence[str]) -> tuple[str, ...]:
        family = self.family()
        return tuple(family.caregiver_named(n).id for n in names)


def _lead(minutes: int) -> int:
    if not 0 <= minutes <= MAX_LEAD_MINUTES:
        raise CompanionError(
            f"A reminder can come 0 to {MAX_LEAD_MINUTES} minutes before; please change it."
        )
    return minutes
