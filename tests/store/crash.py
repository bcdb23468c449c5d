"""Killing writers at random moments, fast: the test process imports companion once and forks
each writer, so a kill costs a fork, not a Python start-up.

A writer does numbered operations (`operation(n)` for n = first, first + 1, ...) and, after
each one returns, reports it on a pipe: an operation reported is one companion has said is
saved. The parent sends SIGKILL after a random short delay, then reads what was reported.
The operation in flight when the kill came may or may not have happened.
"""

from __future__ import annotations

import os
import random
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from companion.store.datastore import DataStore
from companion.store.files import stale_temp_files
from companion.store.storage import UnreadableFile, read_file

Operation = Callable[[int], str]
# Runs in the writer, after the fork: builds the operation (its own Services, its own lock).
Writer = Callable[[], Operation]
MAX_SECONDS = 60  # a guard against a hang, for one kind


@dataclass
class Kill:
    """What one killed writer had reported: (n, what the operation returned), in order."""

    reported: list[tuple[int, str]]

    @property
    def last(self) -> int | None:
        return self.reported[-1][0] if self.reported else None


@dataclass
class Crashes:
    data_dir: Path
    seed: int
    # The kill comes between these many seconds after the fork.
    delays: tuple[float, float] = (0.001, 0.030)
    kills: int = 0
    in_a_save: int = 0  # kills that left a half-written temp file behind
    during_a_backup: int = 0  # kills that left a half-taken backup behind
    started: float = field(default_factory=time.monotonic)
    _rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def kill_one(self, writer: Writer, first: int) -> Kill:
        temps_before, partial_before = self._leftovers()
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer: it never returns to pytest
            os.close(reading)
            _work(writer, first, writing)
        os.close(writing)
        time.sleep(self._rng.uniform(*self.delays))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        with os.fdopen(reading, "rb") as pipe:
            lines = pipe.read().decode().splitlines()
        problem = [line for line in lines if line.startswith("!")]
        if problem:
            pytest.fail("the writer failed:\n" + problem[0][1:].replace("\\n", "\n"))
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
        self.kills += 1
        temps, partial = self._leftovers()
        self.in_a_save += bool(temps - temps_before)
        self.during_a_backup += bool(partial - partial_before)
        assert time.monotonic() - self.started < MAX_SECONDS, f"only {self.kills} kills in time"
        reported = [line.split(" ", 1) for line in lines]
        return Kill([(int(n), result) for n, result in reported])

    def _leftovers(self) -> tuple[set[Path], set[Path]]:
        """Half-written temp files, and half-taken backups (a backup appears whole, by a
        rename, so a kill during one leaves its hidden ".partial" folder)."""
        partial = set((self.data_dir / "backups").glob(".*.partial"))
        folders = DataStore(self.data_dir).data_folders()
        temps = {*stale_temp_files(folders), *(t for p in partial for t in p.rglob(".*.tmp"))}
        return temps, partial

    def figure(self, what: str, confirmed: int) -> str:
        return (
            f"{what}: {self.kills} kills ({self.in_a_save} in the middle of a save, "
            f"{self.during_a_backup} during a backup), {confirmed} confirmed, "
            f"{time.monotonic() - self.started:.1f} s"
        )


def _work(writer: Writer, first: int, pipe: int) -> None:
    try:
        operation = writer()
        n = first
        while True:
            result = operation(n)
            os.write(pipe, f"{n} {result}\n".encode())
            n += 1
    except BaseException:
        os.write(pipe, ("!" + traceback.format_exc().replace("\n", "\\n") + "\n").encode())
    finally:
        os._exit(3)


class ReadableFiles:
    """Every data file and every backup reads as companion reads it. A file already read whole
    is not read again (a file is replaced, never edited in place: the same inode, size and
    time is the same file), nor is a backup (it appears whole, by a rename, and never changes)."""

    def __init__(self, root: Path) -> None:
        self.store = DataStore(root)
        self._seen: dict[Path, tuple[int, int, int]] = {}
        self._backups: set[str] = set()

    def check(self, after: str) -> None:
        for path in self.store.data_files():
            info = path.stat()
            key = (info.st_ino, info.st_size, info.st_mtime_ns)
            if self._seen.get(path) != key:
                self._read(path, path.relative_to(self.store.root), after)
                self._seen[path] = key
        for backup in self.store.backups.all():
            if backup.name not in self._backups:
                for relative in backup.files():
                    self._read(backup.folder / relative, relative, after)
                self._backups.add(backup.name)

    def _read(self, path: Path, relative: Path, after: str) -> None:
        kind = self.store.kind_of(relative)
        if kind is None:
            return
        try:
            read_file(path, kind)
        except UnreadableFile as error:
            pytest.fail(f"{path} cannot be read after {after}: {error.reason}")
