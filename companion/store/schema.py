"""The kinds of data file: the Struct that declares each one's tables, its schema version and
its migrations.

Every file is an envelope: {"companion": {"kind": ..., "schema": N}, "tables": {...}}.
`tables` is what TinyDB sees: each table maps a document id to one record. A kind's tables
Struct types every record with its domain Struct, so decoding a file checks every value and
builds the domain objects in one pass. Migrations turn the tables of version N into N+1 and
run once: the store writes the result back (after a backup) the first time it holds the lock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast

import msgspec

from companion.domain.appointment import Appointment
from companion.domain.family import Caregiver, Child, Relative
from companion.domain.reflection import Reflection
from companion.domain.routine import Checkoff, DayChange, Routine
from companion.store.migrations import Tables, reflections_1_to_2, routines_1_to_2

if TYPE_CHECKING:
    from companion.store.library_repository import LibraryTables

Migration = Callable[[Tables], Tables]
T = TypeVar("T", bound=msgspec.Struct)


class FileKind(Generic[T]):
    """One kind of data file: its name, its schema number, its records and how older
    schemas are brought up to date. (A plain class: a dataclass costs every command about a
    millisecond of start-up to make.)"""

    def __init__(
        self,
        name: str,
        schema: int,
        declared: Callable[[], type[T]],
        migrations: Mapping[int, Migration] | None = None,
    ) -> None:
        self.name = name
        self.schema = schema
        # Gives the Struct of the file's tables; called on first use, so a kind whose
        # records need big modules (the library's cards) costs nothing to commands that
        # never read it.
        self.declared = declared
        # migrations[n] turns schema n into n + 1
        self.migrations: Mapping[int, Migration] = migrations or {}

    def __repr__(self) -> str:
        return f"FileKind({self.name!r}, schema {self.schema})"

    @cached_property
    def tables(self) -> type[T]:
        return self.declared()

    @cached_property
    def decoder(self) -> msgspec.json.Decoder[Any]:
        """Decodes a whole file of the current schema: header, tables and every record."""
        literal = cast(Any, Literal)
        header = msgspec.defstruct(
            f"{self.name.title()}Header",
            [("kind", literal[self.name]), ("schema", literal[self.schema])],
        )
        envelope = msgspec.defstruct(
            f"{self.name.title()}File", [("companion", header), ("tables", self.tables)]
        )
        return msgspec.json.Decoder(envelope)


# -- the tables of each kind ---------------------------------------------------------------


class FamilyTables(msgspec.Struct):
    caregivers: dict[str, Caregiver] = {}
    children: dict[str, Child] = {}
    # Added without a new schema number: a file without it simply has no relatives.
    relatives: dict[str, Relative] = {}


class ReflectionTables(msgspec.Struct):
    reflections: dict[str, Reflection] = {}


class Settings(msgspec.Struct, frozen=True, omit_defaults=True):
    """The family's choices for the app; one record."""

    theme: str | None = None


class SettingsTables(msgspec.Struct):
    settings: dict[str, Settings] = {}


class RoutineTables(msgspec.Struct):
    routines: dict[str, Routine] = {}
    deleted: dict[str, Routine] = {}  # the routine deleted last, kept for undo
    changes: dict[str, DayChange] = {}


class CheckoffTables(msgspec.Struct):
    checkoffs: dict[str, Checkoff] = {}


class Announced(msgspec.Struct, frozen=True, omit_defaults=True):
    """An occurrence announced (by the app or the reminder process), or a missed one that
    was answered ("done", "skip"), so none is announced twice."""

    key: str
    at: datetime
    by: str = ""
    answer: str | None = None


class Watching(msgspec.Struct, frozen=True):
    """Since when companion has looked for due reminders: nothing before can be missed."""

    since: datetime


class ReminderTables(msgspec.Struct):
    announced: dict[str, Announced] = {}
    watching: dict[str, Watching] = {}


class AppointmentTables(msgspec.Struct):
    appointments: dict[str, Appointment] = {}


def _library_tables() -> type[LibraryTables]:
    from companion.store.library_repository import LibraryTables

    return LibraryTables


# -- the kinds -----------------------------------------------------------------------------

FAMILY = FileKind("family", 1, lambda: FamilyTables)
REFLECTIONS = FileKind("reflections", 2, lambda: ReflectionTables, {1: reflections_1_to_2})
SETTINGS = FileKind("settings", 1, lambda: SettingsTables)
# The family's library: every card (shipped ones copied in, own and imported ones), the
# family's marks on cards, and the fingerprint of the shipped cards last copied in.
LIBRARY = FileKind("library", 1, _library_tables)
# Schema 2 writes times as msgspec does, with seconds ("19:30:00").
ROUTINES = FileKind("routines", 2, lambda: RoutineTables, {1: routines_1_to_2})
# Check-offs grow every day: one file per calendar year, like reflections.
CHECKOFFS = FileKind("checkoffs", 1, lambda: CheckoffTables)
REMINDERS = FileKind("reminders", 1, lambda: ReminderTables)
# Therapy appointments, for Home's "next appointment" and the brief's span.
APPOINTMENTS = FileKind("appointments", 1, lambda: AppointmentTables)

KINDS: dict[str, FileKind[Any]] = {
    kind.name: kind
    for kind in (
        FAMILY,
        REFLECTIONS,
        SETTINGS,
        LIBRARY,
        ROUTINES,
        CHECKOFFS,
        REMINDERS,
        APPOINTMENTS,
    )
}
