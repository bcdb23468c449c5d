"""Private folders and durable, atomic file writes.

A save either lands whole or not at all: write a temp file beside the target, fsync it,
`os.replace` it over the target, fsync the folder. A killed writer leaves at most a temp
file, which the next writer removes.
"""

import errno
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from companion.domain.errors import CompanionError

FOLDER_MODE = 0o700
FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"


def ensure_private_folder(path: Path) -> None:
    """Create a folder only its owner can open. An existing folder is left as it is
    (someone may point --data-dir at a folder of their own); `doctor` reports if it is open."""
    if path.is_dir():
        return
    try:
        path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        path.chmod(FOLDER_MODE)  # mkdir's mode is reduced by the umask; be exact
    except OSError as error:
        raise write_error(path, error) from None


def atomic_write(path: Path, payload: bytes) -> None:
    atomic_write_all({path: payload})


def atomic_write_all(payloads: Mapping[Path, bytes]) -> None:
    """Write several files, each whole: all are written and synced to temp files first, and
    only then renamed into place one after the other, so an interruption between the first
    and the last rename (a moment, not the time of the writes) is the only way to be left
    with some old files and some new ones."""
    written: list[tuple[Path, Path]] = []
    path = next(iter(payloads), Path())
    try:
        for path, payload in payloads.items():
            written.append((_synced_temp(path, payload), path))
        for temp, path in written:
            os.replace(temp, path)
        for folder in {path.parent for path in payloads}:
            fsync_folder(folder)
    except OSError as error:
        for temp, _ in written:
            temp.unlink(missing_ok=True)
        raise write_error(path, error) from None


def _synced_temp(path: Path, payload: bytes) -> Path:
    temp = path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError:
        temp.unlink(missing_ok=True)
        raise
    return temp


def fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def stale_temp_files(folders: Iterable[Path]) -> list[Path]:
    """Temp files a killed writer left behind in these folders."""
    return [temp for folder in folders for temp in folder.glob(f".*{TEMP_SUFFIX}")]


def remove_stale_temp_files(folders: Iterable[Path]) -> int:
    """Delete temp files a killed writer left behind. Call only while holding the lock."""
    stale = stale_temp_files(folders)
    for temp in stale:
        temp.unlink(missing_ok=True)
    return len(stale)


def write_error(path: Path, error: OSError) -> CompanionError:
    """One sentence for a failed write; the earlier version of the file is untouched."""
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        return CompanionError(
            f"The disk is full, so nothing was saved to {path.name}; "
            "free some space and try again (your earlier entries are safe)."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return CompanionError(
            f"I am not allowed to write in {path.parent}, so nothing was saved; "
            "check that the folder is yours and writable (`companion doctor` can help)."
        )
    return CompanionError(
        f"Saving to {path} did not work ({error.strerror or error}), so nothing was saved; "
        "please try again (your earlier entries are safe)."
    )
