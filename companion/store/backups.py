"""Rolling daily backups: a copy of every data file, taken before the day's first change."""

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import msgspec

from companion.store.files import atomic_write_all, ensure_private_folder

KEEP_DAILY = 14
_DAILY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL = ".partial"


class Backup(msgspec.Struct, frozen=True):
    name: str
    folder: Path

    def files(self) -> list[Path]:
        return sorted(p.relative_to(self.folder) for p in self.folder.rglob("*.json"))


class Backups:
    def __init__(self, data_root: Path) -> None:
        self.data_root = data_root
        self.folder = data_root / "backups"

    def all(self) -> list[Backup]:
        """Newest first."""
        if not self.folder.is_dir():
            return []
        found = [
            Backup(p.name, p)
            for p in self.folder.iterdir()
            if p.is_dir() and not p.name.startswith(".")
        ]
        return sorted(found, key=lambda b: b.name, reverse=True)

    def named(self, name: str) -> Backup | None:
        cleaned = Path(name.rstrip("/")).name
        for backup in self.all():
            if backup.name == cleaned:
                return backup
        return None

    def ensure_daily(
        self,
        list_data_files: Callable[[], list[Path]],
        is_readable: Callable[[Path], bool],
        today: date,
        keep: str | None = None,
    ) -> Backup | None:
        """Take today's backup if there is none yet. Call only while holding the lock.

        If any file cannot be read, no backup is taken and none pruned: a damaged copy
        must never push the good ones out. `keep` names a backup that must survive pruning
        (the one being restored)."""
        if (self.folder / today.isoformat()).is_dir():
            return None
        data_files = list_data_files()
        if not data_files or not all(is_readable(path) for path in data_files):
            return None
        backup = self.snapshot(today.isoformat(), data_files)
        self._prune(keep)
        return backup

    def snapshot(self, name: str, data_files: list[Path]) -> Backup:
        """Copy the files into backups/NAME, appearing whole or not at all."""
        import shutil  # only the day's first change takes a backup

        ensure_private_folder(self.folder)
        partial = self.folder / f".{name}{_PARTIAL}"
        shutil.rmtree(partial, ignore_errors=True)
        copies = {partial / source.relative_to(self.data_root): source for source in data_files}
        for target in copies:
            ensure_private_folder(target.parent)
        atomic_write_all({target: source.read_bytes() for target, source in copies.items()})
        final = self.folder / name
        partial.rename(final)
        return Backup(name, final)

    def before_restore_name(self, now: datetime) -> str:
        """A name no other backup has, even for two restores in the same second."""
        name = f"{now:%Y-%m-%d}-before-restore-{now:%H%M%S}"
        taken = {backup.name for backup in self.all()}
        count = 2
        unique = name
        while unique in taken:
            unique = f"{name}-{count}"
            count += 1
        return unique

    def _prune(self, keep: str | None) -> None:
        import shutil

        daily = [b for b in self.all() if _DAILY.match(b.name)]
        for old in daily[KEEP_DAILY:]:
            if old.name != keep:
                shutil.rmtree(old.folder, ignore_errors=True)
        for partial in self.folder.glob(f".*{_PARTIAL}"):
            shutil.rmtree(partial, ignore_errors=True)
