"""Turning the tables of one schema version into the next. Each works on the tables as JSON
has them (plain dicts), before they are checked against today's record types."""

from __future__ import annotations

from typing import Any

Tables = dict[str, dict[str, Any]]  # table name -> document id -> record, as JSON has them


def reflections_1_to_2(tables: Tables) -> Tables:
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


def routines_1_to_2(tables: Tables) -> Tables:
    """Schema 1 wrote a routine's start and a moved day's new time as "19:30"; schema 2 writes
    them with seconds, "19:30:00", as the record types read and write every time of day."""

    def with_seconds(record: dict[str, Any], name: str) -> dict[str, Any]:
        value = record.get(name)
        if isinstance(value, str) and value.count(":") == 1:
            return {**record, name: f"{value}:00"}
        return record

    migrated: Tables = dict(tables)
    for table, name in (("routines", "start"), ("deleted", "start"), ("changes", "new_start")):
        if table in tables:
            migrated[table] = {k: with_seconds(r, name) for k, r in tables[table].items()}
    return migrated
