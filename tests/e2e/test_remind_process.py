"""`companion remind` started for real: a routine due in a few seconds, its reminder seen on
stdout, a reminder missed earlier listed at start, and a clean stop on SIGTERM (as systemd
stops it)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import IO

import msgspec

from companion.domain.routine import Routine, Step
from companion.services import Services
from companion.store.routine_repository import REMINDERS_FILE, ROUTINES_FILE
from companion.store.schema import REMINDERS, ROUTINES
from tests.e2e.outside import outside_now

ROOT = Path(__file__).resolve().parents[2]
DUE_IN_SECONDS = 6


def save_with_seconds(services: Services, routine: Routine) -> None:
    """Saved as `RoutineService.save` would, but with the start's seconds kept (a routine
    saved by companion starts on a whole minute; the reminder's time is computed from the
    occurrence, so seconds work, and the test need not wait for the next minute)."""
    with services.store.transaction(ROUTINES_FILE, ROUTINES) as database:
        database.table("routines").insert(msgspec.to_builtins(routine))


def lines_of(stream: IO[str]) -> queue.Queue[str]:
    found: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stream:
            found.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return found


def wait_for(lines: queue.Queue[str], seen: list[str], wanted: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line)
        if wanted in line:
            return line
    raise AssertionError(f"{wanted!r} never came; the process said:\n" + "\n".join(seen))


def test_the_reminder_process_gives_a_reminder_due_in_a_few_seconds(tmp_path: Path) -> None:
    data = tmp_path / "family"
    now = outside_now().replace(microsecond=0)  # as the reminder process will see it
    # Companion has been watching since yesterday; this morning's reminder came while
    # nothing ran.
    Services(data, clock=lambda: now - timedelta(days=1)).routines.missed()
    services = Services(data, clock=outside_now)
    sam = services.add_caregiver("Sam")
    earlier = now - timedelta(hours=2)
    steps = (Step("Bath", 15), Step("Brush teeth", 3))
    bedtime = Routine(
        "Bedtime", (now + timedelta(seconds=DUE_IN_SECONDS)).time(), steps, remind=(sam.id,)
    )
    save_with_seconds(
        services, msgspec.structs.replace(bedtime, lead_minutes=0, added=now - timedelta(days=1))
    )
    morning = Routine("Morning", earlier.time(), (Step("Dress", 10),), lead_minutes=0)
    save_with_seconds(services, msgspec.structs.replace(morning, added=now - timedelta(days=1)))

    environment = {**os.environ, "COMPANION_NOTIFY": "terminal", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "companion", "--data-dir", str(data), "remind"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[str] = []
    try:
        assert process.stdout is not None
        lines = lines_of(process.stdout)
        wait_for(lines, seen, "Reminders are on for 2 routines.", timeout=20)
        started_at = time.monotonic()
        assert "While nothing was running:" in seen
        missed = f"  Morning reminder at {earlier:%H:%M} on {earlier:%a %d %b} wasn't seen."
        assert missed in seen
        reminder = wait_for(
            lines, seen, "Bedtime starts now: Bath (15 min), then Brush teeth. For Sam.", 30
        )
        assert reminder.endswith("Bedtime starts now: Bath (15 min), then Brush teeth. For Sam.")
        assert time.monotonic() - started_at < DUE_IN_SECONDS + 5
        process.send_signal(signal.SIGTERM)  # how systemd stops it
        wait_for(lines, seen, "Reminders stopped.", timeout=10)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    stderr = process.stderr.read() if process.stderr else ""
    assert stderr == ""

    # Announced once, by the reminder process; a second look gives nothing new.
    soon = Services(data, clock=outside_now).routines.occurrences(
        now.date(), now.date() + timedelta(days=1)
    )
    [occurrence] = [
        o
        for o in soon
        if o.routine.id == bedtime.id and now < o.starts_at <= now + timedelta(minutes=1)
    ]
    announced = Services(data).store.read(REMINDERS_FILE, REMINDERS).announced
    assert [r.by for r in announced.values() if r.key == occurrence.key] == ["remind"]
    again = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(data), "remind", "--once"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert again.returncode == 0, again.stderr
    assert "Bedtime starts now" not in again.stdout
    assert missed in again.stdout.splitlines()  # still there until it is answered
