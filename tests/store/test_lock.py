"""The data folder's lock: one writer at a time across processes and threads; the thread that
holds it may take it again; a writer kept waiting too long hears one sentence."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from companion.domain.errors import CompanionError
from companion.services import Services
from companion.store import datastore
from companion.store.lock import FolderLock, LockTimeout

HOLD_IT = """
import fcntl, os, sys, time
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(descriptor, fcntl.LOCK_EX)
print("holding", flush=True)
sys.stdin.readline()
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the holder script uses flock")


def lock_at(path: Path, timeout: float = 5.0) -> FolderLock:
    return FolderLock(path, timeout=timeout, mode=0o600, poll_seconds=0.002)


def test_the_thread_holding_the_lock_may_take_it_again(tmp_path: Path) -> None:
    lock = lock_at(tmp_path / ".lock")
    lock.acquire()
    lock.acquire()  # a transaction inside a locked block: it only counts
    lock.release()
    other = lock_at(tmp_path / ".lock", timeout=0.05)
    with pytest.raises(LockTimeout):  # still held once
        other.acquire()
    lock.release()
    other.acquire()  # let go: another writer gets it at once
    other.release()


def test_another_thread_waits_for_the_lock(tmp_path: Path) -> None:
    lock = lock_at(tmp_path / ".lock")
    order: list[str] = []
    lock.acquire()

    def second_writer() -> None:
        lock.acquire()
        order.append("second")
        lock.release()

    thread = threading.Thread(target=second_writer)
    thread.start()
    time.sleep(0.05)  # the second writer is waiting by now, however fast the machine
    order.append("first")
    lock.release()
    thread.join(timeout=5)
    assert order == ["first", "second"]


def test_a_writer_kept_waiting_by_another_process_hears_one_sentence(
    services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.add_caregiver("Sam")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_IT, str(data_dir / ".lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        monkeypatch.setattr(datastore, "LOCK_TIMEOUT_SECONDS", 0.1)
        waiting = Services(data_dir)
        with pytest.raises(CompanionError, match="Another companion window is busy saving"):
            waiting.add_caregiver("Jordan")
    finally:
        holder.communicate("\n", timeout=5)
    # Once the other process has let go (or ended, however it ended), the save goes through.
    Services(data_dir).add_caregiver("Jordan")
    assert [c.name for c in Services(data_dir).family().caregivers] == ["Sam", "Jordan"]
