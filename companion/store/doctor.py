"""`companion doctor`: look at every file, its permissions and the backups, change nothing."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from companion.store.datastore import DataStore
from companion.store.files import FILE_MODE, FOLDER_MODE, stale_temp_files
from companion.store.storage import UnreadableFile, load_tables


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
    files = store.data_files()
    readable = unreadable = 0
    for path in files:
        relative = path.relative_to(root)
        kind = store.kind_of(relative)
        if kind is None:
            result.problems.append(f"{relative}: not a file companion knows; it is left alone.")
            continue
        try:
            load_tables(path, kind)
            readable += 1
        except UnreadableFile as error:
            unreadable += 1
            result.problems.append(store.unreadable(error).message)
        _check_mode(path, FILE_MODE, result)
    result.good.append(f"{readable} of {len(files)} data files are readable and complete.")
    if unreadable:
        result.problems.append(
            "Daily backups are paused while a data file cannot be read, so the good copies "
            "are kept; restoring that file (as said above) starts them again."
        )
    leftovers = stale_temp_files(store.data_folders())
    if leftovers:
        result.good.append(
            f"{len(leftovers)} unfinished save(s) from an interrupted run will be tidied away "
            "at the next save."
        )
    backups = store.backups.all()
    if backups:
        names = ", ".join(backup.name for backup in backups)
        result.good.append(
            f"{len(backups)} backup(s) in {store.backups.folder}, newest first: {names}."
        )
    else:
        result.good.append("No backups yet: the first one is taken with the first change of a day.")
    return result


def _check_mode(path: Path, wanted: int, result: Checkup) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        result.problems.append(
            f"{path} can be read by other people on this computer (mode {mode:o}); "
            f"run `chmod {wanted:o} {path}` to make it private."
        )
