"""The kinds of data file, their schema versions, how to check them and how to migrate them.

Every file is an envelope: {"companion": {"kind": ..., "schema": N}, "tables": {...}}.
`tables` is what TinyDB sees. Migrations turn the tables of version N into N+1 and run
once: the store writes the result back (after a backup) the first time it holds the lock.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from companion.domain import family, reflection
from companion.domain.records import FieldSpec, record_problem

Tables = dict[str, dict[str, Any]]
Migration = Callable[[Tables], Tables]


@dataclass(frozen=True)
class TableSpec:
    required: dict[str, FieldSpec]
    optional: dict[str, FieldSpec] = field(default_factory=dict)
    # Builds the domain object, so values (dates, choices) are checked as well as types.
    parse: Callable[[dict[str, Any]], object] | None = None


@dataclass(frozen=True)
class FileKind:
    name: str
    schema: int
    tables: dict[str, TableSpec]
    # migrations[n] turns schema n into n + 1
    migrations: dict[int, Migration] = field(default_factory=dict)

    def problem(self, tables: Any) -> str | None:
        if not isinstance(tables, dict):
            return '"tables" should be an object'
        for table_name, spec in self.tables.items():
            table = tables.get(table_name, {})
            if not isinstance(table, dict):
                return f'the "{table_name}" table should be an object'
            for record in table.values():
                problem = record_problem(record, spec.required, spec.optional)
                if problem:
                    return f"in {table_name}, {problem}"
                if spec.parse is not None:
                    try:
                        spec.parse(record)
                    except ValueError as error:
                        return f"in {table_name}, a record has a value I cannot read: {error}"
        return None


def _reflections_1_to_2(tables: Tables) -> Tables:
    """Schema 1 allowed one child per reflection ("child") and called the flag "discuss";
    schema 2 lets a reflection be about several children and names the flag "therapist"."""
    migrated: dict[str, Any] = {}
    for doc_id, record in tables.get("reflections", {}).items():
        new = {k: v for k, v in record.items() if k not in ("child", "discuss")}
        child = record.get("child")
        new["children"] = [child] if child else []
        new["therapist"] = bool(record.get("discuss", False))
        new.setdefault("tags", [])
        migrated[doc_id] = new
    return {**tables, "reflections": migrated}


FAMILY = FileKind(
    name="family",
    schema=1,
    tables={
        "caregivers": TableSpec({"id": str, "name": str}, parse=family.Caregiver.from_record),
        "children": TableSpec(
            {"id": str, "name": str, "born": str},
            {"developmental_note": str, "touch": str, "avoid": (str,), "focus": (str,)},
            parse=family.Child.from_record,
        ),
        # Added without a new schema number: a file without it simply has no relatives.
        "relatives": TableSpec({"id": str, "name": str}, parse=family.Relative.from_record),
    },
)

REFLECTIONS = FileKind(
    name="reflections",
    schema=2,
    tables={
        "reflections": TableSpec(
            reflection.RECORD_FIELDS, reflection.OPTIONAL_FIELDS, reflection.Reflection.from_record
        )
    },
    migrations={1: _reflections_1_to_2},
)

SETTINGS = FileKind(name="settings", schema=1, tables={"settings": TableSpec({}, {"theme": str})})


def _library_card(record: dict[str, Any]) -> object:
    # Imported here: card checks need msgspec, which a quick `log add` should not load.
    from companion.domain.library import LibraryCard

    return LibraryCard.from_record(record)


# Routines load only where routines are used: a quick `log add` need not build their types.
def _routine(record: dict[str, Any]) -> object:
    from companion.domain.routine import Routine

    return Routine.from_record(record)


def _day_change(record: dict[str, Any]) -> object:
    from companion.domain.routine import DayChange

    return DayChange.from_record(record)


def _checkoff(record: dict[str, Any]) -> object:
    from companion.domain.routine import Checkoff

    return Checkoff.from_record(record)


# The family's library: every card (shipped ones copied in, own and imported ones), the
# family's marks on cards, and the fingerprint of the shipped cards last copied in.
LIBRARY = FileKind(
    name="library",
    schema=1,
    tables={
        "cards": TableSpec({"id": str, "origin": str, "card": dict}, parse=_library_card),
        "marks": TableSpec(
            {"card": str, "favourite": bool, "hidden": bool, "from_therapist": bool}
        ),
        "shipped": TableSpec({"fingerprint": str}),
    },
)

# The family's routines and their one-off changes for a date.
_ROUTINE = TableSpec(
    {
        "id": str,
        "name": str,
        "start": str,
        "days": (int,),
        "steps": (dict,),
        "children": (str,),
        "remind": (str,),
        "lead_minutes": int,
        "paused": bool,
    },
    {"added": str},
    parse=_routine,
)

ROUTINES = FileKind(
    name="routines",
    schema=1,
    tables={
        "routines": _ROUTINE,
        "deleted": _ROUTINE,  # the routine deleted last, kept for undo
        "changes": TableSpec(
            {"id": str, "routine": str, "day": str, "kind": str},
            {"say_to_child": str, "new_start": str, "who": str},
            parse=_day_change,
        ),
    },
)

# Check-offs grow every day: one file per calendar year, like reflections.
CHECKOFFS = FileKind(
    name="checkoffs",
    schema=1,
    tables={
        "checkoffs": TableSpec(
            {"id": str, "routine": str, "day": str, "status": str, "written_at": str},
            {"by": str, "note": str},
            parse=_checkoff,
        )
    },
)

# Which occurrences have been announced (by the app or the reminder process), so none is
# announced twice; and when the last look for due reminders was, to find missed ones.
REMINDERS = FileKind(
    name="reminders",
    schema=1,
    tables={
        "announced": TableSpec({"key": str, "at": str}, {"by": str, "answer": str}),
        "watching": TableSpec({"since": str}, parse=lambda r: datetime.fromisoformat(r["since"])),
    },
)


def _appointment(record: dict[str, Any]) -> object:
    from companion.domain.appointment import Appointment

    return Appointment.from_record(record)


# Therapy appointments, for Home's "next appointment" and the brief's span.
APPOINTMENTS = FileKind(
    name="appointments",
    schema=1,
    tables={"appointments": TableSpec({"id": str, "day": str, "note": str}, parse=_appointment)},
)

KINDS = {
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
