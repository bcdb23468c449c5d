"""The data folder's lock: one writer at a time, among processes (the app window, a command,
the reminders) and among the threads of one process; taken again by the thread that holds it,
it only counts.

The operating system's own file lock (flock on Linux and macOS, msvcrt on Windows) does the
work: it is let go when the process ends, however it ends, so a crash never leaves the folder
locked. filelock did this before; its import alone cost a write command 16 ms of its start,
more than the save."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path


class LockTimeout(TimeoutError):
    """Another writer kept the lock for longer than we wait."""


class FolderLock:
    def __init__(self, path: Path, *, timeout: float, mode: int, poll_seconds: float) -> None:
        self.path = path
        self.timeout = timeout
        self.mode = mode
        self.poll_seconds = poll_seconds
        self._held = threading.local()  # this thread's descriptor and how often it took it

    def acquire(self) -> None:
        if getattr(self._held, "depth", 0):
            self._held.depth += 1
            return
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, self.mode)
        deadline = time.monotonic() + self.timeout
        try:
            while not _try_lock(descriptor):
                if time.monotonic() >= deadline:
                    raise LockTimeout(f"{self.path} is held by another writer")
                time.sleep(self.poll_seconds)
        except BaseException:
            os.close(descriptor)
            raise
        self._held.descriptor, self._held.depth = descriptor, 1

    def release(self) -> None:
        self._held.depth -= 1
        if self._held.depth == 0:
            descriptor = self._held.descriptor
            _unlock(descriptor)
            os.close(descriptor)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
