"""`companion doctor`: look at every file, its permissions and the backups, change nothing."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from companion.store.datastore import DamagedBackup, DataStore
from companion.store.files import FILE_MODE, FOLDER_MODE, stale_temp_files
from companion.store.storage import UnreadableFile, decode_file


@dataclass
class Checkup:
    good: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check(store: DataStore) -> Checkup:
    result = Checkup()
    root = store.root
    if not root.is_dir():
        result.good.append(f"No data yet in {root}; it will be created on first use.")
        return result
    for folder in [*store.data_folders(), store.backups.folder]:
        if folder.is_dir():
            _check_mode(folder, FOLDER_MODE, result)
    good = _check_data_files(store, result)
    leftovers = stale_temp_files(store.data_folders())
    if leftovers:
        result.good.append(
            f"{len(leftovers)} unfinished save(s) from an interrupted run will be tidied away "
            "at the next save."
        )
    _check_backups(store, result, good)
    return result


def _check_data_files(store: DataStore, result: Checkup) -> dict[Path, bytes]:
    """Read every data file as companion does; returns the good ones, by where they live."""
    files = store.data_files()
    good: dict[Path, bytes] = {}
    unreadable = 0
    for path in files:
        relative = path.relative_to(store.root)
        kind = store.kind_of(relative)
        if kind is None:
            result.problems.append(f"{relative}: not a file companion knows; it is left alone.")
            continue
        try:
            payload = path.read_bytes()
            decode_file(path, payload, kind)
            good[relative] = payload
        except OSError as error:
            unreadable += 1
            problem = UnreadableFile(path, f"it cannot be read ({error.strerror})")
            result.problems.append(store.unreadable(problem).message)
        except UnreadableFile as error:
            unreadable += 1
            result.problems.append(store.unreadable(error).message)
        _check_mode(path, FILE_MODE, result)
    result.good.append(f"{len(good)} of {len(files)} data files are readable and complete.")
    if unreadable:
        result.problems.append(
            "Daily backups are paused while a data file cannot be read, so the good copies "
            "are kept; restoring that file (as said above) starts them again."
        )
    return good


def _check_backups(store: DataStore, result: Checkup, good: dict[Path, bytes]) -> None:
    """Every file of every backup is read as a data file is: a backup is only good if it
    could be restored."""
    backups = store.backups.all()
    if not backups:
        result.good.append("No backups yet: the first one is taken with the first change of a day.")
        return
    names = ", ".join(backup.name for backup in backups)
    folder = store.backups.folder
    result.good.append(f"{len(backups)} backup(s) in {folder}, newest first: {names}.")
    for backup in backups:
        try:
            store.read_backup(backup, known_good=good)
        except DamagedBackup as damage:
            result.problems.append(
                f"The backup {backup.name} has a damaged file, {damage.relative} "
                f"({damage.reason}), so `companion restore` will refuse it; another backup "
                f"can be restored instead, and this one can be deleted ({backup.folder})."
            )


def _check_mode(path: Path, wanted: int, result: Checkup) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        result.problems.append(
            f"{path} can be read by other people on this computer (mode {mode:o}); "
            f"run `chmod {wanted:o} {path}` to make it private."
        )
