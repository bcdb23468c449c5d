"""Daily backups: one per day with a change, the newest 14 kept, and `companion restore`."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from companion.services import Services
from tests.conftest import CliRunner, Clock
from tests.store.helpers import data_bytes, folder_bytes, one_sentence, use_clock

FIRST_EVENING = datetime(2026, 3, 1, 20, 0)
DAYS = 16


def day(n: int) -> str:
    return (FIRST_EVENING + timedelta(days=n)).date().isoformat()


@pytest.fixture
def sixteen_days(data_dir: Path, clock: Clock) -> Services:
    """A reflection every evening for 16 days (the family set up on the first)."""
    clock.now = FIRST_EVENING
    services = Services(data_dir, clock=clock)
    services.add_caregiver("Sam")
    services.add_child("Mia", "2019-05-02")
    for n in range(DAYS):
        clock.now = FIRST_EVENING + timedelta(days=n)
        services.add_reflection(f"Evening {n + 1}")
    return services


def texts_in(folder: Path) -> list[str]:
    year_file = folder / "reflections" / "2026.json"
    if not year_file.exists():
        return []
    records = json.loads(year_file.read_bytes())["tables"]["reflections"]
    return [r["text"] for r in records.values()]


def test_only_the_newest_fourteen_daily_backups_are_kept(
    sixteen_days: Services, data_dir: Path
) -> None:
    # Day 1's second change took the first backup; days 1 and 2 have been pruned since.
    names = [b.name for b in sixteen_days.store.backups.all()]
    assert names == [day(n) for n in range(DAYS - 1, 1, -1)]
    assert len(names) == 14
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == sorted(names)
    # Each day's backup holds the files as they were before that day's first change.
    for n in range(2, DAYS):
        assert texts_in(data_dir / "backups" / day(n)) == [f"Evening {i + 1}" for i in range(n)]


def test_restore_brings_back_that_days_files_and_keeps_todays(
    sixteen_days: Services,
    data_dir: Path,
    clock: Clock,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_clock(monkeypatch, clock)
    clock.now = datetime(2026, 3, 16, 21, 45, 10)  # later on the last day
    before = data_bytes(data_dir)
    chosen = data_dir / "backups" / day(9)

    code, out, err = cli("restore", day(9))

    safety = "2026-03-16-before-restore-214510"
    assert (code, err) == (0, "")
    assert out == (
        f"Restored the files from the backup {day(9)}.\n"
        f"What was there before is kept in the backup {safety}.\n"
    )
    assert data_bytes(data_dir) == data_bytes(chosen)
    code, out, _ = cli("log", "list", "--json")
    assert [r["text"] for r in json.loads(out)["reflections"]] == [
        f"Evening {i + 1}" for i in range(9)
    ]
    assert data_bytes(data_dir / "backups" / safety) == before
    assert texts_in(data_dir / "backups" / safety) == [f"Evening {i + 1}" for i in range(DAYS)]
    # The safety copy is not a daily backup: it neither counts nor gets pruned among them.
    assert [b.name for b in sixteen_days.store.backups.all()][:2] == [safety, day(15)]

    # Restoring is itself undone by restoring the safety copy.
    clock.now += timedelta(minutes=1)
    assert cli("restore", safety)[0] == 0
    assert data_bytes(data_dir) == before


def test_restore_takes_a_backups_path_as_well_as_its_name(
    sixteen_days: Services,
    data_dir: Path,
    clock: Clock,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_clock(monkeypatch, clock)
    code, out, _ = cli("restore", f"{data_dir / 'backups' / day(4)}/")
    assert code == 0
    assert out.startswith(f"Restored the files from the backup {day(4)}.\n")
    assert texts_in(data_dir) == ["Evening 1", "Evening 2", "Evening 3", "Evening 4"]


def test_restoring_an_unknown_backup_names_the_newest_and_changes_nothing(
    sixteen_days: Services,
    data_dir: Path,
    clock: Clock,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_clock(monkeypatch, clock)
    before = folder_bytes(data_dir)
    code, out, err = cli("restore", "2026-02-30")
    assert (code, out) == (1, "")
    assert one_sentence(err), err
    newest = ", ".join(day(n) for n in range(15, 10, -1))
    assert err.startswith(f'There is no backup called "2026-02-30" (newest: {newest}); ')
    assert folder_bytes(data_dir) == before


def test_restoring_with_no_backups_at_all_says_so(
    data_dir: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, clock: Clock
) -> None:
    use_clock(monkeypatch, clock)
    Services(data_dir, clock=clock).add_caregiver("Sam")  # one change: nothing to back up yet
    code, out, err = cli("restore", "2026-11-22")
    assert (code, out) == (1, "")
    assert one_sentence(err), err
    assert err.startswith('There is no backup called "2026-11-22" (newest: none yet); ')


def test_restore_the_next_morning_takes_that_days_backup_first(
    sixteen_days: Services,
    data_dir: Path,
    clock: Clock,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_clock(monkeypatch, clock)
    clock.now = datetime(2026, 3, 17, 7, 5, 0)
    before = data_bytes(data_dir)

    code, _, _ = cli("restore", day(5))

    assert code == 0
    assert texts_in(data_dir) == [f"Evening {i + 1}" for i in range(5)]
    daily = [b.name for b in sixteen_days.store.backups.all() if "before" not in b.name]
    assert daily == [day(n) for n in range(DAYS, 2, -1)]
    assert data_bytes(data_dir / "backups" / day(DAYS)) == before
    assert data_bytes(data_dir / "backups" / "2026-03-17-before-restore-070500") == before


def test_restoring_the_oldest_backup_on_a_new_day_keeps_it(
    sixteen_days: Services,
    data_dir: Path,
    clock: Clock,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The new day's backup would push the oldest one out; the one being restored must stay.
    use_clock(monkeypatch, clock)
    clock.now = datetime(2026, 3, 17, 7, 5, 0)
    oldest = sixteen_days.store.backups.all()[-1].name
    assert oldest == day(2)

    code, out, err = cli("restore", oldest)

    assert (code, err) == (0, "")
    assert out.startswith(f"Restored the files from the backup {oldest}.\n")
    assert texts_in(data_dir) == ["Evening 1", "Evening 2"]
    assert (data_dir / "backups" / oldest).is_dir()


def test_two_restores_in_the_same_second_keep_both_safety_copies(
    sixteen_days: Services,
    data_dir: Path,
    clock: Clock,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_clock(monkeypatch, clock)
    clock.now = datetime(2026, 3, 16, 21, 45, 10)
    before = data_bytes(data_dir)

    first = cli("restore", day(9))
    second = cli("restore", day(4))

    safety = "2026-03-16-before-restore-214510"
    assert first[0] == second[0] == 0
    assert first[1].endswith(f"What was there before is kept in the backup {safety}.\n")
    assert second[1].endswith(f"What was there before is kept in the backup {safety}-2.\n")
    assert data_bytes(data_dir / "backups" / safety) == before
    assert texts_in(data_dir / "backups" / f"{safety}-2") == [f"Evening {i + 1}" for i in range(9)]
    assert texts_in(data_dir) == [f"Evening {i + 1}" for i in range(4)]


def test_restore_takes_away_files_the_backup_did_not_have(
    sixteen_days: Services,
    data_dir: Path,
    clock: Clock,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_clock(monkeypatch, clock)
    clock.now = datetime(2027, 1, 2, 20, 0)
    sixteen_days.add_reflection("New year, new file")
    new_year = data_dir / "reflections" / "2027.json"
    assert new_year.is_file()

    code, out, _ = cli("restore", day(9))

    assert code == 0
    assert out == (
        f"Restored the files from the backup {day(9)}.\n"
        "The backup did not have reflections/2027.json, so they were taken away.\n"
        "What was there before is kept in the backup 2027-01-02-before-restore-200000.\n"
    )
    assert not new_year.exists()
    code, out, _ = cli("log", "list", "--json")
    assert [r["text"] for r in json.loads(out)["reflections"]] == [
        f"Evening {i + 1}" for i in range(9)
    ]
    # Nothing is lost: the safety copy holds the new year's file.
    safety = data_dir / "backups" / "2027-01-02-before-restore-200000"
    assert texts_in(safety) == [f"Evening {i + 1}" for i in range(DAYS)]
    kept = json.loads((safety / "reflections" / "2027.json").read_bytes())
    assert [r["text"] for r in kept["tables"]["reflections"].values()] == ["New year, new file"]
