"""Routines, their one-off changes, check-offs (a file per year) and announced reminders."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import msgspec
from tinydb import Query

from companion.domain.routine import Checkoff, DayChange, Routine
from companion.store.datastore import DataStore, put
from companion.store.schema import CHECKOFFS, REMINDERS, ROUTINES, Announced, Watching

ROUTINES_FILE = "routines.json"
REMINDERS_FILE = "reminders.json"
CHECKOFFS_FOLDER = "checkoffs"
KEEP_DAYS = 60  # announced keys are kept this long: far beyond any missed-reminder look-back


class RoutineRepository:
    def __init__(self, store: DataStore) -> None:
        self.store = store

    def load(self) -> list[Routine]:
        routines = self.store.read(ROUTINES_FILE, ROUTINES).routines.values()
        return sorted(routines, key=lambda r: (r.start, r.name.casefold()))

    def changes(self) -> list[DayChange]:
        return list(self.store.read(ROUTINES_FILE, ROUTINES).changes.values())

    def save(self, routine: Routine) -> None:
        """Add a routine, or replace the one with its id (whole, in one write)."""
        with self.store.transaction(ROUTINES_FILE, ROUTINES) as database:
            put(database.table("routines"), routine, Query().id == routine.id)

    def delete(self, routine: Routine) -> None:
        """The routine goes; its check-offs and changes stay, and the routine itself is kept
        as the last deleted one (in the same write, so there is always a way back)."""
        with self.store.transaction(ROUTINES_FILE, ROUTINES) as database:
            deleted = database.table("deleted")
            deleted.truncate()
            deleted.insert(msgspec.to_builtins(routine))
            database.table("routines").remove(Query().id == routine.id)

    def bring_back(self, routine: Routine) -> None:
        with self.store.transaction(ROUTINES_FILE, ROUTINES) as database:
            put(database.table("routines"), routine, Query().id == routine.id)
            database.table("deleted").truncate()

    def last_deleted(self) -> Routine | None:
        deleted = self.store.read(ROUTINES_FILE, ROUTINES).deleted.values()
        return next(iter(deleted), None)

    def save_change(self, change: DayChange) -> None:
        """One change per routine and day: a new one replaces the old."""
        wanted = (Query().routine == change.routine_id) & (Query().day == change.day.isoformat())
        with self.store.transaction(ROUTINES_FILE, ROUTINES) as database:
            put(database.table("changes"), change, wanted)

    def remove_change(self, routine_id: str, day: date) -> None:
        wanted = (Query().routine == routine_id) & (Query().day == day.isoformat())
        with self.store.transaction(ROUTINES_FILE, ROUTINES) as database:
            database.table("changes").remove(wanted)


class CheckoffRepository:
    """Check-offs live in one file per calendar year, so a check-off rewrites one year only."""

    def __init__(self, store: DataStore) -> None:
        self.store = store

    def add(self, checkoff: Checkoff) -> None:
        with self.store.transaction(self._file(checkoff.day.year), CHECKOFFS) as database:
            database.table("checkoffs").insert(msgspec.to_builtins(checkoff))

    def add_many(self, checkoffs: list[Checkoff]) -> None:
        """One write per year: for seeding demo and benchmark families."""
        by_year: dict[int, list[Checkoff]] = {}
        for checkoff in checkoffs:
            by_year.setdefault(checkoff.day.year, []).append(checkoff)
        for year, found in sorted(by_year.items()):
            with self.store.transaction(self._file(year), CHECKOFFS) as database:
                database.table("checkoffs").insert_multiple(msgspec.to_builtins(found))

    def between(self, first: date, last: date) -> list[Checkoff]:
        found: list[Checkoff] = []
        for year in range(first.year, last.year + 1):
            if not self.store.path(self._file(year)).is_file():
                continue
            checkoffs = self.store.read(self._file(year), CHECKOFFS).checkoffs.values()
            found.extend(c for c in checkoffs if first <= c.day <= last)
        return sorted(found, key=lambda c: (c.day, c.written_at))

    @staticmethod
    def _file(year: int) -> str:
        return f"{CHECKOFFS_FOLDER}/{year}.json"


class AnnouncementRepository:
    """Occurrences already announced: the app and the reminder process share this file, and
    recording a key under the store's lock is what keeps a reminder from coming twice."""

    def __init__(self, store: DataStore) -> None:
        self.store = store

    def announce_once(self, key: str, at: datetime, by: str) -> bool:
        """Record the occurrence as announced; False if someone already had."""
        with self.store.transaction(REMINDERS_FILE, REMINDERS) as database:
            table = database.table("announced")
            if table.contains(Query().key == key):
                return False
            # Keys older than the look-back for missed reminders are no longer needed.
            forgotten = (at - timedelta(days=KEEP_DAYS)).isoformat(timespec="seconds")
            table.remove(Query().at < forgotten)
            table.insert(msgspec.to_builtins(Announced(key, _to_the_second(at), by)))
            return True

    def watching_since(self, now: datetime) -> datetime:
        """When companion first looked for due reminders in this folder (now, the first time):
        nothing before it can have been missed."""
        for watching in self.store.read(REMINDERS_FILE, REMINDERS).watching.values():
            return watching.since
        with self.store.transaction(REMINDERS_FILE, REMINDERS) as database:
            table = database.table("watching")
            if not len(table):
                table.insert(msgspec.to_builtins(Watching(_to_the_second(now))))
                return now
            return msgspec.convert(table.all()[0], Watching).since

    def announced(self) -> set[str]:
        return {a.key for a in self.store.read(REMINDERS_FILE, REMINDERS).announced.values()}

    def answer(self, key: str, answer: str, at: datetime, by: str) -> None:
        """A missed occurrence answered ("done now", "skipped"): it is not listed again."""
        with self.store.transaction(REMINDERS_FILE, REMINDERS) as database:
            record = Announced(key, _to_the_second(at), by, answer)
            put(database.table("announced"), record, Query().key == key)


def _to_the_second(moment: datetime) -> datetime:
    # Kept to the second: `announce_once` compares these moments as text.
    return moment.replace(microsecond=0)
