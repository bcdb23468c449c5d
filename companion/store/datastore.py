"""The family's data folder: where each file lives, the lock, backups and transactions.

Reads need no lock (files are replaced atomically, so a reader sees a whole old or a whole
new file). Every read-modify-write happens in `transaction`, which holds the inter-process
lock and opens a new TinyDB on the file, so the read inside it is always fresh, and writes
the file once, at its end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec
from tinydb import TinyDB
from tinydb.queries import QueryLike
from tinydb.table import Table

from companion.domain.errors import CompanionError
from companion.store.backups import Backup, Backups
from companion.store.files import (
    FILE_MODE,
    atomic_write_all,
    ensure_private_folder,
    remove_stale_temp_files,
    write_error,
)
from companion.store.schema import KINDS, FileKind
from companion.store.storage import (
    DurableStorage,
    NewerFile,
    UnreadableFile,
    UnsavableRecord,
    decode_file,
    read_file,
    read_plain_tables,
    save_tables,
)

if TYPE_CHECKING:
    from companion.store.lock import FolderLock

LOCK_TIMEOUT_SECONDS = 20
T = TypeVar("T", bound=msgspec.Struct)


class Restored(msgspec.Struct, frozen=True):
    backup: Backup
    safety: Backup | None  # what was there before, kept as a backup of its own
    removed: tuple[Path, ...]  # files the backup did not have (they are in `safety`)


def put(table: Table, record: msgspec.Struct, replacing: QueryLike) -> None:
    """Put a record in place of the one `replacing` matches (keeping its place in the file),
    or add it. Whole: TinyDB's upsert would merge it into the old one, keeping fields the new
    record leaves out because they are back to their defaults."""
    new = msgspec.to_builtins(record)

    def become_new(document: MutableMapping[str, Any]) -> None:
        document.clear()
        document.update(new)

    if not table.update(become_new, replacing):
        table.insert(new)


class DamagedBackup(Exception):
    """A backup with a file that would not read: restoring it would bring the damage back."""

    def __init__(self, backup: Backup, relative: Path, reason: str) -> None:
        super().__init__(f"{backup.name}/{relative}: {reason}")
        self.backup = backup
        self.relative = relative
        self.reason = reason


class DataStore:
    def __init__(self, root: Path, today: Callable[[], date] = date.today) -> None:
        self.root = root
        self.today = today
        self.backups = Backups(root)
        self._lock: FolderLock | None = None  # made on the first write: reads never need it
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
    def kind_of(relative: Path) -> FileKind[Any] | None:
        """A file's kind from where it lives: reflections/2026.json is a reflections file."""
        name = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        return KINDS.get(name)

    # -- reading and writing -----------------------------------------------------------

    def read(self, relative: str, kind: FileKind[T]) -> T:
        """The tables of one file as domain objects, checked and migrated in memory, without
        the lock."""
        try:
            tables, _ = read_file(self.path(relative), kind)
        except UnreadableFile as error:
            raise self.unreadable(error) from None
        return tables

    @contextmanager
    def transaction(self, relative: str, kind: FileKind[Any]) -> Iterator[TinyDB]:
        """Hold the lock and give a fresh TinyDB on one file. Every change is made in memory;
        the file is written once, when the block ends without an exception."""
        path = self.path(relative)
        with self.locked():
            ensure_private_folder(path.parent)
            database = TinyDB(path, kind, storage=DurableStorage)
            storage = database.storage
            assert isinstance(storage, DurableStorage)
            try:
                yield database
                storage.save()
            except UnreadableFile as error:
                raise self.unreadable(error) from None
            except UnsavableRecord as error:
                raise CompanionError(
                    f"That change cannot be saved in {error.path.name} ({error.reason}); "
                    "nothing was changed."
                ) from None
            finally:
                database.close()

    @contextmanager
    def locked(self, keep_backup: str | None = None) -> Iterator[None]:
        """Hold the inter-process lock; the day's first change takes the daily backup."""
        from companion.store.lock import FolderLock, LockTimeout  # only writers need it

        ensure_private_folder(self.root)
        if self._lock is None:
            self._lock = FolderLock(
                self.root / ".lock",
                timeout=LOCK_TIMEOUT_SECONDS,
                mode=FILE_MODE,
                poll_seconds=0.002,
            )
        try:
            self._lock.acquire()
        except LockTimeout:  # a TimeoutError, so an OSError: it must be caught first
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
            read_file(path, kind)
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
                    tables, migrated = read_plain_tables(path, kind)
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
        try:
            wanted = self.read_backup(backup)
        except DamagedBackup as damage:
            raise CompanionError(
                f"The backup {backup.name} cannot be restored: its file {damage.relative} is "
                f"damaged ({damage.reason}), so nothing was changed; please choose an older "
                "backup (`companion doctor` lists them)."
            ) from None
        with self.locked(keep_backup=backup.name):
            current = self.data_files()
            safety = (
                self.backups.snapshot(self.backups.before_restore_name(now), current)
                if current
                else None
            )
            targets = {self.root / relative: payload for relative, payload in wanted.items()}
            for target in targets:
                ensure_private_folder(target.parent)
            atomic_write_all(targets)
            # Files the backup did not have yet (a later year) go; the safety copy keeps them.
            removed = [p.relative_to(self.root) for p in current]
            removed = [relative for relative in removed if relative not in wanted]
            for relative in removed:
                (self.root / relative).unlink(missing_ok=True)
        return Restored(backup, safety, tuple(removed))

    def read_backup(
        self, backup: Backup, known_good: Mapping[Path, bytes] | None = None
    ) -> dict[Path, bytes]:
        """Every file of a backup, each checked as a data file is; DamagedBackup names the
        first one that would not read, so a damaged backup is refused before any change.
        A file with the very bytes `known_good` has for it was read already and is not again
        (last year's file is the same in every backup)."""
        wanted: dict[Path, bytes] = {}
        for relative in backup.files():
            source = backup.folder / relative
            kind = self.kind_of(relative)
            try:
                payload = source.read_bytes()
                if kind is not None and payload != (known_good or {}).get(relative):
                    decode_file(source, payload, kind)
            except UnreadableFile as error:
                raise DamagedBackup(backup, relative, error.reason) from None
            except OSError as error:
                reason = f"it cannot be read ({error.strerror})"
                raise DamagedBackup(backup, relative, reason) from None
            wanted[relative] = payload
        return wanted

    def newest_good_backup(self, relative: Path) -> Backup | None:
        kind = self.kind_of(relative)
        for backup in self.backups.all():
            candidate = backup.folder / relative
            if kind is None or not candidate.is_file():
                continue
            try:
                read_file(candidate, kind)
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
