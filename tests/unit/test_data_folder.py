"""Where the data lives, and the demo family's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.cli import run
from companion.cli.paths import data_folder, demo_folder
from companion.services import Services
from companion.services.demo import DAYS_OF_HISTORY


def test_data_dir_beats_companion_home_beats_the_platform_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_HOME", str(tmp_path / "home"))
    assert data_folder(tmp_path / "explicit") == tmp_path / "explicit"
    assert data_folder(None) == tmp_path / "home"
    monkeypatch.delenv("COMPANION_HOME")
    assert data_folder(None) == tmp_path / "xdg" / "companion"
    assert demo_folder(None) == tmp_path / "xdg" / "companion-demo"


def test_companion_home_is_used_by_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMPANION_HOME", str(tmp_path / "home"))
    assert run(["family", "add-caregiver", "Sam"]) == 0
    assert (tmp_path / "home" / "family.json").is_file()


def test_new_folders_and_files_are_private(tmp_path: Path) -> None:
    root = tmp_path / "new" / "family"
    assert run(["--data-dir", str(root), "log", "add", "First note"]) == 0
    assert root.stat().st_mode & 0o777 == 0o700
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files and all(p.stat().st_mode & 0o777 == 0o600 for p in files)
    assert all(p.stat().st_mode & 0o777 == 0o700 for p in root.rglob("*") if p.is_dir())


def test_the_demo_family_has_six_months_of_history_in_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMPANION_HOME", str(tmp_path / "real"))
    assert run(["demo", "--seed-only"]) == 0
    demo = tmp_path / "xdg" / "companion-demo"
    assert capsys.readouterr().out == f"The demo family is written to {demo}.\n"
    assert not (tmp_path / "real").exists()  # the real family is untouched

    services = Services(demo)
    family = services.family()
    assert [c.name for c in family.caregivers] == ["Sam", "Jordan"]
    assert [c.name for c in family.children] == ["Mia", "Leo"]
    reflections = services.find_reflections()
    days = {r.day for r in reflections}
    assert DAYS_OF_HISTORY - 7 <= (services.today() - min(days)).days <= DAYS_OF_HISTORY
    assert len(days) > 120 and len(reflections) > 250
    assert any(r.for_therapist for r in reflections)
    assert {family.name_of(r.by or "") for r in reflections} == {"Sam", "Jordan"}

    before = {p: p.read_bytes() for p in demo.rglob("*.json")}
    assert run(["demo", "--seed-only"]) == 0
    assert capsys.readouterr().out == f"The demo family is already in {demo}.\n"
    assert {p: p.read_bytes() for p in demo.rglob("*.json")} == before


def test_demo_data_dir_option_is_honoured(tmp_path: Path) -> None:
    assert run(["demo", "--seed-only", "--data-dir", str(tmp_path / "d")]) == 0
    assert [c.name for c in Services(tmp_path / "d").family().children] == ["Mia", "Leo"]
