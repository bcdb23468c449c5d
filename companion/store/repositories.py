"""One repository per kind of record: domain objects in, domain objects out."""

from __future__ import annotations

from datetime import date
from typing import Any

from tinydb import Query

from companion.domain.family import Caregiver, Child, Family, Relative
from companion.domain.reflection import Reflection, ReflectionQuery, newest_first
from companion.store.datastore import DataStore
from companion.store.schema import FAMILY, REFLECTIONS, SETTINGS

FAMILY_FILE = "family.json"
SETTINGS_FILE = "settings.json"
REFLECTIONS_FOLDER = "reflections"


class FamilyRepository:
    def __init__(self, store: DataStore) -> None:
        self.store = store

    def load(self) -> Family:
        tables = self.store.read(FAMILY_FILE, FAMILY)
        return Family(
            caregivers=tuple(
                Caregiver.from_record(r) for r in tables.get("caregivers", {}).values()
            ),
            children=tuple(Child.from_record(r) for r in tables.get("children", {}).values()),
            relatives=tuple(Relative.from_record(r) for r in tables.get("relatives", {}).values()),
        )

    def add_caregiver(self, caregiver: Caregiver) -> None:
        self._insert("caregivers", caregiver.to_record())

    def add_child(self, child: Child) -> None:
        self._insert("children", child.to_record())

    def add_relative(self, relative: Relative) -> None:
        self._insert("relatives", relative.to_record())

    def remove_relative(self, relative: Relative) -> None:
        with self.store.transaction(FAMILY_FILE, FAMILY) as database:
            database.table("relatives").remove(Query().id == relative.id)

    def _insert(self, table: str, record: dict[str, Any]) -> None:
        with self.store.transaction(FAMILY_FILE, FAMILY) as database:
            database.table(table).insert(record)


class ReflectionRepository:
    """Reflections live in one file per calendar year, so a save rewrites one year only."""

    def __init__(self, store: DataStore) -> None:
        self.store = store

    def add(self, reflection: Reflection) -> None:
        with self.store.transaction(self._file(reflection.day.year), REFLECTIONS) as database:
            database.table("reflections").insert(reflection.to_record())

    def add_many(self, reflections: list[Reflection]) -> None:
        """One write per year: for seeding demo and benchmark families."""
        by_year: dict[int, list[dict[str, Any]]] = {}
        for reflection in reflections:
            by_year.setdefault(reflection.day.year, []).append(reflection.to_record())
        for year, records in sorted(by_year.items()):
            with self.store.transaction(self._file(year), REFLECTIONS) as database:
                database.table("reflections").insert_multiple(records)

    def replace(self, old: Reflection, new: Reflection) -> None:
        """Save an edit. A new day in another year moves it: written there first, so a crash
        between the two writes leaves it twice rather than nowhere."""
        with self.store.transaction(self._file(new.day.year), REFLECTIONS) as database:
            # Removed and written anew: an update would keep parts the edit cleared.
            table = database.table("reflections")
            table.remove(Query().id == new.id)
            table.insert(new.to_record())
        if old.day.year != new.day.year:
            self.remove(old)

    def remove(self, reflection: Reflection) -> None:
        with self.store.transaction(self._file(reflection.day.year), REFLECTIONS) as database:
            database.table("reflections").remove(Query().id == reflection.id)

    def find(self, query: ReflectionQuery) -> list[Reflection]:
        years = self.years()
        if not years:
            return []
        found: list[Reflection] = []
        for year in query.years(years[0], years[-1]):
            if year not in years:
                continue
            tables = self.store.read(self._file(year), REFLECTIONS)
            for record in tables.get("reflections", {}).values():
                reflection = Reflection.from_record(record)
                if query.matches(reflection):
                    found.append(reflection)
        return found

    def recent(self, count: int) -> list[Reflection]:
        """The newest few, reading back one year at a time until there are enough."""
        found: list[Reflection] = []
        for year in reversed(self.years()):
            found.extend(
                self.find(ReflectionQuery.build(since=date(year, 1, 1), until=date(year, 12, 31)))
            )
            if len(found) >= count:
                break
        return newest_first(found)[:count]

    def years(self) -> list[int]:
        folder = self.store.path(REFLECTIONS_FOLDER)
        if not folder.is_dir():
            return []
        return sorted(int(p.stem) for p in folder.glob("*.json") if p.stem.isdigit())

    @staticmethod
    def _file(year: int) -> str:
        return f"{REFLECTIONS_FOLDER}/{year}.json"


class SettingsRepository:
    def __init__(self, store: DataStore) -> None:
        self.store = store

    def get(self, name: str, default: str) -> str:
        tables = self.store.read(SETTINGS_FILE, SETTINGS)
        for record in tables.get("settings", {}).values():
            value = record.get(name)
            if isinstance(value, str):
                return value
        return default

    def set(self, name: str, value: str) -> None:
        with self.store.transaction(SETTINGS_FILE, SETTINGS) as database:
            table = database.table("settings")
            if len(table):
                table.update({name: value})
            else:
                table.insert({name: value})
