"""`companion doctor`: all is well on a healthy folder, and each problem named, changing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.services import Services
from tests.conftest import CliRunner
from tests.store.helpers import folder_bytes, one_sentence


@pytest.fixture
def healthy(family_services: Services, data_dir: Path) -> Path:
    family_services.add_reflection("Pillow fort", children=("Mia",))
    family_services.set_theme("textual-light")
    return data_dir


def test_a_healthy_folder_is_all_well(healthy: Path, cli: CliRunner) -> None:
    before = folder_bytes(healthy)
    code, out, err = cli("doctor")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Data folder: {healthy}",
        "  ok  3 of 3 data files are readable and complete.",
        f"  ok  1 backup(s) in {healthy / 'backups'}, newest first: 2026-11-23.",
        "All is well.",
    ]
    assert folder_bytes(healthy) == before


def test_an_empty_folder_is_well_too(data_dir: Path, cli: CliRunner) -> None:
    code, out, _ = cli("doctor")
    assert code == 0
    assert f"No data yet in {data_dir}; it will be created on first use." in out
    assert out.endswith("All is well.\n")
    assert not data_dir.exists()


def test_a_damaged_file_is_named(healthy: Path, cli: CliRunner) -> None:
    damaged = healthy / "reflections" / "2026.json"
    damaged.write_bytes(damaged.read_bytes()[:40])
    before = folder_bytes(healthy)

    code, out, err = cli("doctor")

    assert code == 1
    assert err == "Something needs a look (marked !! above).\n"
    assert "  ok  2 of 3 data files are readable and complete.\n" in out
    problems = [line for line in out.splitlines() if line.startswith("  !!  ")]
    assert problems == [
        f"  !!  The data file {damaged} cannot be used (it is not complete, readable JSON); "
        "nothing was changed, and there is no good backup of it yet, so please keep the file "
        "and ask for help.",
        "  !!  Daily backups are paused while a data file cannot be read, so the good copies "
        "are kept; restoring that file (as said above) starts them again.",
    ]
    assert "All is well." not in out
    assert folder_bytes(healthy) == before


def test_a_file_others_can_read_is_named(healthy: Path, cli: CliRunner) -> None:
    family_file = healthy / "family.json"
    family_file.chmod(0o644)
    code, out, _ = cli("doctor")
    assert code == 1
    assert (
        f"  !!  {family_file} can be read by other people on this computer (mode 644); "
        f"run `chmod 600 {family_file}` to make it private.\n"
    ) in out
    assert out.count("  !!  ") == 1
    assert family_file.stat().st_mode & 0o777 == 0o644  # doctor only tells


def test_a_folder_others_can_open_is_named(healthy: Path, cli: CliRunner) -> None:
    healthy.chmod(0o755)
    code, out, _ = cli("doctor")
    assert code == 1
    assert (
        f"  !!  {healthy} can be read by other people on this computer (mode 755); "
        f"run `chmod 700 {healthy}` to make it private.\n"
    ) in out
    assert out.count("  !!  ") == 1


def test_an_unfinished_save_is_mentioned_not_a_problem(healthy: Path, cli: CliRunner) -> None:
    (healthy / "reflections" / ".2026.json.4242.tmp").write_bytes(b'{"compan')
    code, out, _ = cli("doctor")
    assert code == 0
    assert "  ok  1 unfinished save(s) from an interrupted run will be tidied away" in out


def damage_the_backup(healthy: Path, file: str, damage: bytes | None = None) -> Path:
    """Spoil one file of the folder's only backup (taken by the day's second change)."""
    backup = healthy / "backups" / "2026-11-23"
    damaged = backup / file
    damaged.write_bytes(damaged.read_bytes()[:25] if damage is None else damage)
    return backup


def test_a_damaged_backup_is_named_with_what_to_do(healthy: Path, cli: CliRunner) -> None:
    backup = damage_the_backup(healthy, "family.json")
    before = folder_bytes(healthy)

    code, out, err = cli("doctor")

    assert (code, err) == (1, "Something needs a look (marked !! above).\n")
    assert "  ok  3 of 3 data files are readable and complete.\n" in out
    problems = [line for line in out.splitlines() if line.startswith("  !!  ")]
    assert problems == [
        "  !!  The backup 2026-11-23 has a damaged file, family.json (it is not complete, "
        "readable JSON), so `companion restore` will refuse it; another backup can be "
        f"restored instead, and this one can be deleted ({backup}).",
    ]
    assert "All is well." not in out
    assert folder_bytes(healthy) == before


def test_a_backup_file_with_a_wrong_value_is_named_too(healthy: Path, cli: CliRunner) -> None:
    family = healthy / "backups" / "2026-11-23" / "family.json"
    spoiled = family.read_bytes().replace(b'"name":"Sam"', b'"name":"  "')
    assert spoiled != family.read_bytes()
    damage_the_backup(healthy, "family.json", spoiled)

    code, out, _ = cli("doctor")

    assert code == 1
    assert (
        'has a damaged file, family.json (in caregivers, "name" should have words in it), '
        "so `companion restore` will refuse it"
    ) in out


def test_restoring_a_damaged_backup_is_refused_and_changes_nothing(
    healthy: Path, cli: CliRunner
) -> None:
    damage_the_backup(healthy, "family.json")
    before = folder_bytes(healthy)

    code, out, err = cli("restore", "2026-11-23")

    assert (code, out) == (1, "")
    assert one_sentence(err), err
    assert err == (
        "The backup 2026-11-23 cannot be restored: its file family.json is damaged (it is not "
        "complete, readable JSON), so nothing was changed; please choose an older backup "
        "(`companion doctor` lists them).\n"
    )
    assert folder_bytes(healthy) == before
