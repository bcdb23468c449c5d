"""The error log: the traceback of anything unexpected, kept in the family's data folder for a
bug report, while the family is told one sentence. Readable by this user only (0600), and
kept short: the oldest half goes once it passes a quarter of a megabyte."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

ERROR_LOG = "errors.log"
DEBUG_VARIABLE = "COMPANION_DEBUG"  # "1": the traceback is printed too, not only kept
MAX_BYTES = 256_000


def debugging() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")


def keep(error: BaseException, folder: Path) -> Path | None:
    """Add the error's traceback to the log in `folder`; where it went, or None when it could
    not be written (a full disk, a folder that is not there): the family is told anyway."""
    import traceback  # only when something has gone wrong: not on every command's start

    entry = (
        f"--- {datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z} · companion {_version()}\n"
        + "".join(traceback.format_exception(error))
    )
    path = folder / ERROR_LOG
    try:
        _trim(path)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as log:
            log.write(entry)
    except OSError:
        return None
    return path


def _trim(path: Path) -> None:
    if not path.exists() or path.stat().st_size <= MAX_BYTES:
        return
    kept = path.read_bytes()[-MAX_BYTES // 2 :]
    start = kept.find(b"\n--- ")  # from the first whole entry
    path.write_bytes(kept[start + 1 :] if start >= 0 else b"")


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("companion")
    except metadata.PackageNotFoundError:
        return "(not installed)"
