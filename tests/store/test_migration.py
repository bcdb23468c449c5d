"""Files from an older companion open as they are, are brought up to date once (after a
backup), and files from a newer companion are refused, never written over."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from companion.domain.errors import CompanionError
from companion.services import Services
from companion.store.schema import REFLECTIONS
from tests.conftest import CliRunner, Clock
from tests.store.helpers import folder_bytes, one_sentence, use_clock

SETUP_DAY = datetime(2026, 11, 20, 9, 0)
UPGRADE_DAY = datetime(2026, 11, 23, 19, 30)  # the conftest clock's day


def old_reflections(mia: str, leo: str, sam: str) -> dict[str, object]:
    """A reflections file as schema 1 wrote it: one "child" and a "discuss" flag."""
    return {
        "companion": {"kind": "reflections", "schema": 1},
        "tables": {
            "reflections": {
                "1": {
                    "id": "a1a1a1a1a1a1",
                    "day": "2025-03-02",
                    "written_at": "2025-03-02T20:15:00",
                    "text": "Bubbles at bath time",
                    "child": mia,
                    "discuss": True,
                    "tags": ["bath"],
                    "by": sam,
                },
                "2": {
                    "id": "b2b2b2b2b2b2",
                    "day": "2025-03-05",
                    "written_at": "2025-03-05T08:01:00",
                    "text": "Shoes battle before school",
                    "child": leo,
                    "discuss": False,
                },
                "3": {
                    "id": "c3c3c3c3c3c3",
                    "day": "2025-04-11",
                    "written_at": "2025-04-11T21:40:00",
                    "text": "A calm evening for everyone",
                    "child": "",
                    "discuss": False,
                    "tags": [],
                },
            }
        },
    }


@pytest.fixture
def old_family(data_dir: Path) -> tuple[Services, Path, bytes]:
    """A family set up a few days ago, and last year's reflections file in schema 1."""
    services = Services(data_dir, clock=Clock(SETUP_DAY))
    sam = services.add_caregiver("Sam")
    mia = services.add_child("Mia", "2018-03-14")
    leo = services.add_child("Leo", "2021-09-02")
    path = data_dir / "reflections" / "2025.json"
    path.parent.mkdir(mode=0o700)
    raw = json.dumps(old_reflections(mia.id, leo.id, sam.id), indent=2).encode()
    path.write_bytes(raw)
    path.chmod(0o600)
    return Services(data_dir, clock=Clock(UPGRADE_DAY)), path, raw


def test_an_old_file_reads_migrated_without_being_rewritten(
    old_family: tuple[Services, Path, bytes], cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, path, raw = old_family
    people = services.family()
    mia, leo = (people.child_named(name).id for name in ("Mia", "Leo"))
    found = services.find_reflections()
    assert [(r.id, r.text, r.children, r.for_therapist, r.tags) for r in found] == [
        ("a1a1a1a1a1a1", "Bubbles at bath time", (mia,), True, ("bath",)),
        ("b2b2b2b2b2b2", "Shoes battle before school", (leo,), False, ()),
        ("c3c3c3c3c3c3", "A calm evening for everyone", (), False, ()),
    ]
    assert found[0].by == people.caregiver_named("Sam").id
    assert found[0].day == date(2025, 3, 2)
    assert [r.text for r in services.find_reflections(child="leo")] == [
        "Shoes battle before school"
    ]
    assert [r.id for r in services.find_reflections(for_therapist_only=True)] == ["a1a1a1a1a1a1"]

    use_clock(monkeypatch, Clock(UPGRADE_DAY))
    code, out, err = cli("log", "list", "--therapist")
    assert (code, err) == (0, "")
    assert (
        out.splitlines()[0]
        == "Sun 02 Mar 2025 · a1a1a1a1a1a1 · Mia · by Sam · #bath · for our therapist"
    )
    assert path.read_bytes() == raw


def test_bringing_files_up_to_date_rewrites_once_after_a_backup(
    old_family: tuple[Services, Path, bytes], data_dir: Path
) -> None:
    services, path, raw = old_family
    family_file = (data_dir / "family.json").read_bytes()
    before = services.find_reflections()

    assert services.bring_files_up_to_date() == [path]

    document = json.loads(path.read_bytes())
    assert document["companion"] == {"kind": "reflections", "schema": REFLECTIONS.schema}
    records = document["tables"]["reflections"]
    assert sorted(records) == ["1", "2", "3"]
    assert all("child" not in r and "discuss" not in r for r in records.values())
    assert [records[k]["therapist"] for k in ("1", "2", "3")] == [True, False, False]
    assert [len(records[k]["children"]) for k in ("1", "2", "3")] == [1, 1, 0]
    assert records["2"]["tags"] == []
    assert services.find_reflections() == before
    assert (data_dir / "family.json").read_bytes() == family_file  # already up to date

    # The day's backup, taken before the rewrite, keeps the old file exactly.
    backup = data_dir / "backups" / UPGRADE_DAY.date().isoformat()
    assert (backup / "reflections" / "2025.json").read_bytes() == raw
    assert (backup / "family.json").read_bytes() == family_file

    rewritten = path.read_bytes()
    assert services.bring_files_up_to_date() == []
    assert Services(data_dir, clock=Clock(UPGRADE_DAY)).bring_files_up_to_date() == []
    assert path.read_bytes() == rewritten


def test_writing_to_an_old_file_brings_it_up_to_date(
    old_family: tuple[Services, Path, bytes], data_dir: Path
) -> None:
    services, path, raw = old_family
    services.clock = Clock(datetime(2025, 12, 30, 20, 0))  # a late entry for last year
    services.add_reflection("Forgot to write this down", children=("Leo",), for_therapist=True)

    document = json.loads(path.read_bytes())
    assert document["companion"]["schema"] == REFLECTIONS.schema
    texts = [r.text for r in services.find_reflections()]
    assert texts[-1] == "Forgot to write this down"
    assert len(texts) == 4
    backup = data_dir / "backups" / "2025-12-30" / "reflections" / "2025.json"
    assert backup.read_bytes() == raw


def newer(raw: bytes) -> bytes:
    document = json.loads(raw)
    document["companion"]["schema"] = REFLECTIONS.schema + 1
    return json.dumps(document).encode()


def test_a_file_from_a_newer_companion_is_refused_and_kept(
    old_family: tuple[Services, Path, bytes],
    data_dir: Path,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services, path, raw = old_family
    path.write_bytes(newer(raw))
    # The newer file is this year's, so `log add` has to save into it.
    this_year = data_dir / "reflections" / f"{UPGRADE_DAY.year}.json"
    this_year.write_bytes(newer(raw))
    before = folder_bytes(data_dir)
    use_clock(monkeypatch, Clock(UPGRADE_DAY))

    for command, named in (
        (("log", "list"), path),
        (("log", "add", "Tried after an old install came back"), this_year),
    ):
        code, out, err = cli(*command)
        assert (code, out) == (1, ""), command
        assert one_sentence(err), err
        assert err == (
            f"{named} was saved by a newer version of companion; "
            "please update companion (pip install -U companion) to open it.\n"
        )

    with pytest.raises(CompanionError) as refused:
        services.bring_files_up_to_date()
    assert refused.value.message.startswith(f"{path} was saved by a newer version of companion")

    assert {k: v for k, v in folder_bytes(data_dir).items() if not k.startswith("backups/")} == {
        k: v for k, v in before.items() if not k.startswith("backups/")
    }
    assert path.read_bytes() == newer(raw)
