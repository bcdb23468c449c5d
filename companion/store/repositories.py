"""One repository per kind of record: domain objects in, domain objects out."""

from __future__ import annotations

from typing import Any

import msgspec
from tinydb import Query

from companion.domain.family import Caregiver, Child, Family, Relative
from companion.domain.reflection import Reflection, ReflectionQuery, newest_first
from companion.store.datastore import DataStore, put
from companion.store.schema import FAMILY, REFLECTIONS, SETTINGS, Settings

FAMILY_FILE = "family.json"
SETTINGS_FILE = "settings.json"
REFLECTIONS_FOLDER = "reflections"


class FamilyRepository:
    def __init__(self, store: DataStore) -> None:
        self.store = store

    def load(self) -> Family:
        tables = self.store.read(FAMILY_FILE, FAMILY)
        return Family(
            caregivers=tuple(tables.caregivers.values()),
            children=tuple(tables.children.values()),
            relatives=tuple(tables.relatives.values()),
        )

    def add_caregiver(self, caregiver: Caregiver) -> None:
        self._insert("caregivers", caregiver)

    def add_child(self, child: Child) -> None:
        self._insert("children", child)

    def add_relative(self, relative: Relative) -> None:
        self._insert("relatives", relative)

    def remove_relative(self, relative: Relative) -> None:
        with self.store.transaction(FAMILY_FILE, FAMILY) as database:
            database.table("relatives").remove(Query().id == relative.id)

    def _insert(self, table: str, person: Caregiver | Child | Relative) -> None:
        with self.store.transaction(FAMILY_FILE, FAMILY) as database:
            database.table(table).insert(msgspec.to_builtins(person))


class ReflectionRepository:
    """Reflections live in one file per calendar year, so a save rewrites one year only.

    A reflection moved to another year is written there first and then taken from the year
    it left, so a writer killed in between leaves it twice, never nowhere; reading keeps the
    copy saved last."""

    def __init__(self, store: DataStore) -> None:
        self.store = store

    def add(self, reflection: Reflection) -> None:
        with self.store.transaction(self._file(reflection.day.year), REFLECTIONS) as database:
            database.table("reflections").insert(msgspec.to_builtins(reflection))

    def add_many(self, reflections: list[Reflection]) -> None:
        """One write per year: for seeding demo and benchmark families."""
        by_year: dict[int, list[Any]] = {}
        for reflection in reflections:
            by_year.setdefault(reflection.day.year, []).append(msgspec.to_builtins(reflection))
        for year, records in sorted(by_year.items()):
            with self.store.transaction(self._file(year), REFLECTIONS) as database:
                database.table("reflections").insert_multiple(records)

    def replace(self, old: Reflection, new: Reflection) -> None:
        """Save an edit: one write of its year's file. An edit that moves it to another year
        writes the new year first, then takes it from the others."""
        self.bring_back(new)
        if old.day.year != new.day.year:
            self._remove_from_years(new.id, but=new.day.year)

    def bring_back(self, reflection: Reflection) -> None:
        """Save the reflection whole, in place of any copy with its id in its year's file
        (so undoing a delete twice still leaves it there once)."""
        with self.store.transaction(self._file(reflection.day.year), REFLECTIONS) as database:
            put(database.table("reflections"), reflection, Query().id == reflection.id)

    def remove(self, reflection: Reflection) -> None:
        with self.store.transaction(self._file(reflection.day.year), REFLECTIONS) as database:
            database.table("reflections").remove(Query().id == reflection.id)
        # A copy an interrupted move left in another year must not come back in its place.
        self._remove_from_years(reflection.id, but=reflection.day.year)

    def _remove_from_years(self, reflection_id: str, but: int) -> None:
        """Take the reflection from every year's file but one; a look at a file's bytes
        first, so only a file that holds its id is rewritten."""
        wanted = f'"{reflection_id}"'.encode()
        for year in self.years():
            if year != but and wanted in self.store.path(self._file(year)).read_bytes():
                with self.store.transaction(self._file(year), REFLECTIONS) as database:
                    database.table("reflections").remove(Query().id == reflection_id)

    def find(self, query: ReflectionQuery) -> list[Reflection]:
        years = self.years()
        if not years:
            return []
        latest: dict[str, Reflection] = {}
        for year in query.years(years[0], years[-1]):
            if year in years:
                self._keep_latest(latest, year)
        return [reflection for reflection in latest.values() if query.matches(reflection)]

    def recent(self, count: int) -> list[Reflection]:
        """The newest few, reading back one year at a time until there are enough."""
        latest: dict[str, Reflection] = {}
        for year in reversed(self.years()):
            self._keep_latest(latest, year)
            if len(latest) >= count:
                break
        return newest_first(list(latest.values()))[:count]

    def _keep_latest(self, latest: dict[str, Reflection], year: int) -> None:
        """Add a year's reflections by id; of two copies, the one saved last is kept."""
        for reflection in self.store.read(self._file(year), REFLECTIONS).reflections.values():
            seen = latest.get(reflection.id)
            if seen is None or reflection.last_written >= seen.last_written:
                latest[reflection.id] = reflection

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

    def load(self) -> Settings:
        tables = self.store.read(SETTINGS_FILE, SETTINGS)
        return next(iter(tables.settings.values()), Settings())

    def update(self, **values: str) -> None:
        with self.store.transaction(SETTINGS_FILE, SETTINGS) as database:
            table = database.table("settings")
            if len(table):
                table.update(values)
            else:
                table.insert(values)
