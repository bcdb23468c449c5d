"""Files written by an earlier companion (tests/store/old_files, see its README) read to the
very same values today, are brought up to date once without losing anything, and take new
records beside the old ones."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any

import msgspec
import pytest

from companion.services import Services
from tests.conftest import Clock
from tests.store.helpers import data_bytes

OLD_FILES = Path(__file__).parent / "old_files"
THEN = datetime(2026, 3, 20, 19, 5)  # the clock the files were written with


def plain(value: Any) -> Any:
    """A record as plain JSON values, field by field, whatever kind of class holds it (the
    earlier code had dataclasses where today there are msgspec Structs)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, msgspec.Struct):
        return {name: plain(getattr(value, name)) for name in value.__struct_fields__}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


def what_it_reads(services: Services) -> dict[str, Any]:
    """The same reads, in the same words, as old_files/make.py.txt made on the earlier code."""
    routines = services.routines
    return {
        "family": plain(services.family()),
        "reflections": plain(services.find_reflections()),
        "routines": plain(routines.all()),
        "changes": plain(sorted(routines.changes(), key=lambda c: (c.day, c.kind))),
        "last_deleted": plain(routines.repo.last_deleted()),
        "checkoffs": plain(routines.checked_off(date(2026, 1, 1), date(2026, 12, 31))),
        "appointments": plain(services.briefs.appointments()),
        "library": plain(services.cards.repo.load()),
        "theme": services.theme(),
        "announced": sorted(routines.announcements.announced()),
        "watching_since": routines.announcements.watching_since(THEN).isoformat(),
    }


@pytest.fixture
def old_family(data_dir: Path) -> Services:
    shutil.copytree(OLD_FILES / "family", data_dir)
    return Services(data_dir, clock=Clock(THEN))


@pytest.fixture
def read_then() -> dict[str, Any]:
    expected: dict[str, Any] = json.loads((OLD_FILES / "read.json").read_text())
    return expected


def test_old_files_read_to_the_same_values_without_being_written(
    old_family: Services, read_then: dict[str, Any], data_dir: Path
) -> None:
    before = data_bytes(data_dir)
    read_now = what_it_reads(old_family)
    for part, values in read_then.items():
        assert read_now[part] == values, part
    assert len(read_now["reflections"]) == 25
    assert [r["start"] for r in read_now["routines"]][:2] == ["07:15:00", "15:30:00"]
    assert data_bytes(data_dir) == before


def test_old_files_are_brought_up_to_date_once_and_read_the_same(
    old_family: Services, read_then: dict[str, Any], data_dir: Path
) -> None:
    before = data_bytes(data_dir)

    assert old_family.bring_files_up_to_date() == [data_dir / "routines.json"]

    routines = json.loads((data_dir / "routines.json").read_bytes())
    assert routines["companion"] == {"kind": "routines", "schema": 2}
    assert sorted(r["start"] for r in routines["tables"]["routines"].values()) == [
        "07:15:00",
        "15:30:00",
        "16:30:00",
        "18:45:00",
        "19:30:00",
    ]
    assert [c.get("new_start") for c in routines["tables"]["changes"].values()] == [
        "20:15:00",
        None,
        None,
    ]
    assert what_it_reads(Services(data_dir, clock=Clock(THEN))) == read_then
    # Only the routines changed on disk; the day's backup keeps them as they were.
    after = data_bytes(data_dir)
    assert {name for name in after if after[name] != before[name]} == {"routines.json"}
    kept = data_dir / "backups" / THEN.date().isoformat() / "routines.json"
    assert kept.read_bytes() == before["routines.json"]
    assert old_family.bring_files_up_to_date() == []


def test_new_records_go_in_beside_the_old_ones(
    old_family: Services, read_then: dict[str, Any]
) -> None:
    old_family.add_reflection("Written by today's companion", children=("Leo",))
    old_family.routines.check_off("Bath", day=THEN.date(), status="skipped")
    old_family.routines.edit("Bedtime", lead_minutes=15)

    read_now = what_it_reads(Services(old_family.root, clock=Clock(THEN)))
    assert read_now["reflections"][:-1] == read_then["reflections"]
    assert read_now["reflections"][-1]["text"] == "Written by today's companion"
    assert read_now["checkoffs"][:-1] == read_then["checkoffs"]
    assert read_now["checkoffs"][-1]["status"] == "skipped"
    bedtime = next(r for r in read_now["routines"] if r["name"] == "Bedtime")
    assert bedtime["lead_minutes"] == 15
    assert {**bedtime, "lead_minutes": 10} in read_then["routines"]
