"""How late a reminder fires: the real reminder process (`companion remind`: BlockingScheduler,
the announcement recorded under the store's lock, then the notification), with 20 routines due
a quarter of a second apart in one run. Each figure is the moment the notification is given
minus the moment the reminder was due. Target: median under 1 s.

    python -m bench.reminder_latency                 # on a scratch copy of the 10-year family
    python -m bench.reminder_latency --count 50 --spacing 0.1

The 10-year family (`python -m bench.generate`) is used when it is there, so each
announcement reads a real year of check-offs; otherwise an empty family.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import msgspec

from bench.generate import OUT
from companion.domain.routine import Routine, Step
from companion.reminders.notify import Reminder
from companion.reminders.process import ReminderProcess
from companion.reminders.times import instant, local_zone
from companion.services import Services
from companion.store.routine_repository import ROUTINES_FILE
from companion.store.schema import ROUTINES

TARGET_SECONDS = 1.0
FIRST_AFTER_SECONDS = 2.0  # time for the process to start before the first is due


def add_routines(services: Services, count: int, spacing: float) -> None:
    """`count` routines due `spacing` seconds apart, from two seconds from now. Written with
    their seconds (companion itself saves whole minutes), straight into the routines file."""
    now = datetime.now()
    first = now + timedelta(seconds=FIRST_AFTER_SECONDS)
    with services.store.transaction(ROUTINES_FILE, ROUTINES) as database:
        table = database.table("routines")
        for number in range(count):
            due = first + timedelta(seconds=number * spacing)
            routine = Routine(
                f"Bench {number:02d}",
                due.time(),
                (Step("Wash hands", 2), Step("Snack", 10)),
                lead_minutes=0,
                added=now - timedelta(minutes=1),
            )
            table.insert(msgspec.to_builtins(routine))


def measure(folder: Path, count: int, spacing: float) -> list[float]:
    services = Services(folder)
    add_routines(services, count, spacing)
    zone = local_zone()
    given: list[tuple[float, Reminder]] = []
    done = threading.Event()
    process: ReminderProcess

    def notify(reminder: Reminder) -> None:
        given.append((time.time(), reminder))
        if sum(r.occurrence.routine.name.startswith("Bench") for _, r in given) >= count:
            done.set()
            process.scheduler.shutdown(wait=False)

    process = ReminderProcess(services.routines, echo=lambda line: None, notifier=notify, zone=zone)
    give_up = threading.Timer(
        FIRST_AFTER_SECONDS + count * spacing + 30, lambda: process.scheduler.shutdown(wait=False)
    )
    give_up.start()
    try:
        process.run()
    finally:
        give_up.cancel()
    if not done.is_set():
        raise RuntimeError(f"only {len(given)} of {count} reminders came")
    return [
        at - instant(r.occurrence.remind_at, zone).timestamp()
        for at, r in given
        if r.occurrence.routine.name.startswith("Bench")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=20, help="how many reminders (20)")
    parser.add_argument("--spacing", type=float, default=0.25, help="seconds apart (0.25)")
    parser.add_argument(
        "--family", type=Path, default=OUT / "family-10y", help="copied before the run"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as scratch:
        folder = Path(scratch) / "family"
        source = "an empty family"
        if args.family.is_dir():
            shutil.copytree(args.family, folder)
            source = f"a copy of {args.family.name}"
        late = measure(folder, args.count, args.spacing)
    median = statistics.median(late)
    verdict = "yes" if median < TARGET_SECONDS else "NO"
    print(
        f"reminder latency ({len(late)} reminders {args.spacing:g} s apart, {source}): "
        f"median {median * 1000:.1f} ms, min {min(late) * 1000:.1f} ms, "
        f"max {max(late) * 1000:.1f} ms; target under {TARGET_SECONDS:g} s: {verdict}"
    )
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
