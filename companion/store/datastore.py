"""The family's data folder: where each file lives, the lock, backups and transactions.

Reads need no lock (files are replaced atomically, so a reader sees a whole old or a whole
new file). Every read-modify-write happens in `transaction`, which holds the inter-process
lock and opens a new TinyDB on the file, so the read inside it is always fresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import TinyDB

from companion.domain.errors import CompanionError
from companion.store.backups import Backup, Backups
from companion.store.files import (
    FILE_MODE,
    atomic_write,
    ensure_private_folder,
    remove_stale_temp_files,
    write_error,
)
from companion.store.schema import KINDS, FileKind, Tables
from companion.store.storage import (
    DurableStorage,
    NewerFile,
    UnreadableFile,
    load_tables,
    parse_tables,
    save_tables,
)

if TYPE_CHECKING:
    from filelock import BaseFileLock

LOCK_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class Restored:
    backup: Backup
    safety: Backup | None  # what was there before, kept as a backup of its own
    removed: tuple[Path, ...]  # files the backup did not have (they are in `safety`)


class DataStore:
    def __init__(self, root: Path, today: Callable[[], date] = date.today) -> None:
        self.root = root
        self.today = today
        self.backups = Backups(root)
        self._lock: BaseFileLock | None = None  # made on the first write: reads never need it
        self._cleaned = False

    # -- where things live -------------------------------------------------------------

    def path(self, relative: str) -> Path:
        return self.root / relative

    def data_folders(self) -> list[Path]:
        """The folder itself and its per-kind folders (reflections/...); not backups."""
        if not self.root.is_dir():
            return []
        kind_folders = [f for f in self.root.iterdir() if f.name in KINDS and f.is_dir()]
        return [self.root, *sorted(kind_folders)]

    def data_files(self) -> list[Path]:
        """Every data file, sorted, excluding backups."""
        found = [path for folder in self.data_folders() for path in folder.glob("*.json")]
        return sorted(p for p in found if not p.name.startswith("."))

    @staticmethod
    def kind_of(relative: Path) -> FileKind | None:
        """A file's kind from where it lives: reflections/2026.json is a reflections file."""
        name = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        return KINDS.get(name)

    # -- reading and writing -----------------------------------------------------------

    def read(self, relative: str, kind: FileKind) -> Tables:
        """The tables of one file, checked and migrated in memory, without the lock."""
        try:
            tables, _ = load_tables(self.path(relative), kind)
        except UnreadableFile as error:
            raise self.unreadable(error) from None
        return tables

    @contextmanager
    def transaction(self, relative: str, kind: FileKind) -> Iterator[TinyDB]:
        """Hold the lock and give a fresh TinyDB on one file; it is saved as each call returns."""
        path = self.path(relative)
        with self.locked():
            ensure_private_folder(path.parent)
            try:
                database = TinyDB(path, kind, storage=DurableStorage)
            except UnreadableFile as error:  # pragma: no cover - TinyDB opens lazily
                raise self.unreadable(error) from None
            try:
                yield database
            except UnreadableFile as error:
                raise self.unreadable(error) from None
            finally:
                database.close()

    @contextmanager
    def locked(self, keep_backup: str | None = None) -> Iterator[None]:
        """Hold the inter-process lock; the day's first change takes the daily backup."""
        from filelock import FileLock, Timeout  # only writers pay for importing it

        ensure_private_folder(self.root)
        if self._lock is None:
            self._lock = FileLock(
                self.root / ".lock",
                timeout=LOCK_TIMEOUT_SECONDS,
                mode=FILE_MODE,
                poll_interval=0.002,
            )
        try:
            self._lock.acquire()
        except Timeout:  # a TimeoutError, so an OSError: it must be caught first
            raise CompanionError(
                "Another companion window is busy saving; please try again in a moment."
            ) from None
        except OSError as error:  # a read-only disk, a folder that is not ours
            raise write_error(self.root / ".lock", error) from None
        try:
            self._before_first_change(keep_backup)
            yield
        finally:
            self._lock.release()

    def _before_first_change(self, keep_backup: str | None) -> None:
        if not self._cleaned:
            remove_stale_temp_files(self.data_folders())
            self._cleaned = True
        self.backups.ensure_daily(self.data_files, self.is_readable, self.today(), keep_backup)

    def is_readable(self, path: Path) -> bool:
        """Whether a data file parses and holds the right types (unknown files pass)."""
        kind = self.kind_of(path.relative_to(self.root))
        if kind is None:
            return True
        try:
            load_tables(path, kind)
        except UnreadableFile:
            return False
        return True

    # -- upkeep ------------------------------------------------------------------------

    def migrate_all(self) -> list[Path]:
        """Bring every file to the current schema, once. Returns the files that changed."""
        changed: list[Path] = []
        with self.locked():
            for path in self.data_files():
                kind = self.kind_of(path.relative_to(self.root))
                if kind is None:
                    continue
                try:
                    tables, migrated = load_tables(path, kind)
                except UnreadableFile as error:
                    raise self.unreadable(error) from None
                if migrated:
                    save_tables(path, tables, kind)
                    changed.append(path)
        return changed

    def restore(self, backup_name: str, now: datetime) -> Restored:
        """Put a backup's files back, after keeping today's files in a backup of their own."""
        backup = self.backups.named(backup_name)
        if backup is None:
            names = ", ".join(b.name for b in self.backups.all()[:5]) or "none yet"
            raise CompanionError(
                f'There is no backup called "{backup_name}" (newest: {names}); '
                "`companion doctor` lists them all."
            )
        wanted = self._read_backup(backup)
        with self.locked(keep_backup=backup.name):
            current = self.data_files()
            safety = (
                self.backups.snapshot(self.backups.before_restore_name(now), current)
                if current
                else None
            )
            for relative, payload in wanted.items():
                target = self.root / relative
                ensure_private_folder(target.parent)
                atomic_write(target, payload)
            # Files the backup did not have yet (a later year) go; the safety copy keeps them.
            removed = [p.relative_to(self.root) for p in current]
            removed = [relative for relative in removed if relative not in wanted]
            for relative in removed:
                (self.root / relative).unlink(missing_ok=True)
        return Restored(backup, safety, tuple(removed))

    def _read_backup(self, backup: Backup) -> dict[Path, bytes]:
        """Every file of a backup, checked, so a damaged backup is refused before any change."""
        wanted: dict[Path, bytes] = {}
        for relative in backup.files():
            source = backup.folder / relative
            kind = self.kind_of(relative)
            try:
                payload = source.read_bytes()
                if kind is not None:
                    parse_tables(source, payload, kind)
            except (UnreadableFile, OSError) as error:
                reason = error.reason if isinstance(error, UnreadableFile) else error.strerror
                raise CompanionError(
                    f"The backup {backup.name} has a damaged file ({reason}): "
                    f"{relative}; please choose an older backup."
                ) from None
            wanted[relative] = payload
        return wanted

    def newest_good_backup(self, relative: Path) -> Backup | None:
        kind = self.kind_of(relative)
        for backup in self.backups.all():
            candidate = backup.folder / relative
            if kind is None or not candidate.is_file():
                continue
            try:
                load_tables(candidate, kind)
            except UnreadableFile:
                continue
            return backup
        return None

    def unreadable(self, error: UnreadableFile) -> CompanionError:
        """One sentence naming the file, what is wrong, and the backup that can fix it."""
        if isinstance(error, NewerFile):
            return CompanionError(
                f"{error.path} was saved by a newer version of companion; "
                "please update companion (pip install -U companion) to open it."
            )
        relative = (
            error.path.relative_to(self.root)
            if error.path.is_relative_to(self.root)
            else Path(error.path.name)
        )
        backup = self.newest_good_backup(relative)
        advice = (
            f"`companion restore {backup.name}` brings back the copy from that backup"
            if backup
            else "there is no good backup of it yet, so please keep the file and ask for help"
        )
        return CompanionError(
            f"The data file {error.path} cannot be used ({error.reason}); nothing was changed, "
            f"and {advice}."
        )
