"""Crash safety of `companion restore`: a restore killed (SIGKILL) at random moments, at least
200 times. After every kill each data file is whole, as it was before or as the backup has it,
and the copy restore keeps of what was there is whole too (or not there at all)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from companion.services import Services
from companion.store.datastore import DataStore
from tests.conftest import Clock
from tests.store.crash import Crashes, Operation, ReadableFiles

KILLS = 200
FIRST = datetime(2026, 5, 4, 20, 0)
BACKUPS = ("spring", "summer")  # restored in turn


def two_backups(data_dir: Path) -> dict[str, dict[str, bytes]]:
    """A family whose every file changed between two backups; the data files of each."""
    clock = Clock(FIRST - timedelta(days=30))
    services = Services(data_dir, clock=clock)
    services.add_caregiver("Sam")
    services.add_child("Mia", "2019-05-02")
    services.routines.add("Bedtime", at="19:30", steps=["Story:10"])
    services.briefs.add_appointment("2026-05-20")
    taken: dict[str, dict[str, bytes]] = {}
    for number, name in enumerate(BACKUPS):
        for entry in range(3 + number):
            services.add_reflection(f"{name} evening {entry}")
        services.routines.check_off("Bedtime", day=clock.now.date(), status="done")
        services.set_theme(f"theme-{name}")
        services.add_caregiver(f"Helper {name}")
        services.routines.edit("Bedtime", lead_minutes=5 + number)
        services.briefs.add_appointment(f"2026-05-2{number + 1}", f"before {name}")
        store = services.store
        store.backups.snapshot(name, store.data_files())
        taken[name] = whole_files(data_dir / "backups" / name)
        clock.now += timedelta(days=1)
    assert set(taken["spring"]) == set(taken["summer"])
    assert all(taken["spring"][file] != taken["summer"][file] for file in taken["spring"])
    return taken


def restores(data_dir: Path) -> Operation:
    clock = Clock()
    services = Services(data_dir, clock=clock)

    def restore(n: int) -> str:
        clock.now = FIRST + timedelta(minutes=n)
        return services.restore(BACKUPS[n % 2]).backup.name

    return restore


@pytest.mark.slow
def test_a_restore_killed_at_any_moment_leaves_every_file_whole(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backups = two_backups(data_dir)
    versions = {file: {backups[name][file] for name in BACKUPS} for file in backups["spring"]}
    crashes = Crashes(data_dir, seed=2026_05_04, delays=(0.001, 0.080))
    files = ReadableFiles(data_dir)
    mixed = 0
    last = -1
    checked = {backup.name for backup in Services(data_dir).store.backups.all()}

    while crashes.kills < KILLS:
        kill = crashes.kill_one(lambda: restores(data_dir), last + 1)
        last = kill.last if kill.last is not None else last
        files.check(after=f"kill {crashes.kills}")
        now = whole_files(data_dir)
        assert_a_whole_copy(now, versions, f"the data after kill {crashes.kills}")
        mixed += len({name for name in BACKUPS for f in now if now[f] == backups[name][f]}) > 1
        # The copies restore keeps of what was there (and the daily backups) are whole too.
        for backup in Services(data_dir).store.backups.all():
            if backup.name not in checked:
                assert_a_whole_copy(whole_files(backup.folder), versions, backup.name)
                checked.add(backup.name)

    assert crashes.in_a_save > 0, "no kill landed inside a save: the test proves little"
    services = Services(data_dir, clock=Clock(FIRST + timedelta(days=1)))
    assert services.checkup().healthy, services.checkup().problems
    with capsys.disabled():
        figure = crashes.figure("restores", last + 1)
        print(f"\n{figure}; {mixed} kills left files of both backups (each file whole)")


def whole_files(folder: Path) -> dict[str, bytes]:
    """The data files of a data folder or a backup (not its backups, not half-written ones)."""
    found = DataStore(folder).data_files()
    return {str(path.relative_to(folder)): path.read_bytes() for path in found}


def assert_a_whole_copy(
    files: dict[str, bytes], versions: dict[str, set[bytes]], what: str
) -> None:
    """Every file there, each as one of the backups has it."""
    assert set(files) == set(versions), f"{what}: files came or went"
    for file, payload in files.items():
        assert payload in versions[file], f"{what}: {file} is neither backup's"
