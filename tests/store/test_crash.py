"""Crash safety of `log add`: a writer killed (SIGKILL) at any moment never damages a file and
never loses an entry whose id it had printed.

One data folder takes every kill, as a real family's folder would over the years. The writer
moves its clock on a day every few saves, so the daily backup (copy, rename, prune) is taken
over and over and is killed half-way too, not only the save of the year file. The other
kinds of change are killed in test_crash_*.py, with the same harness (tests/store/crash.py).
"""

from __future__ import annotations

import contextlib
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from companion.cli import run
from companion.services import Services
from tests.conftest import Clock
from tests.store.crash import Crashes, Operation, ReadableFiles
from tests.store.helpers import temp_files

KILLS = 200
SEED = 20261123
FIRST_DAY = datetime(2025, 11, 1, 20, 0)
SAVES_PER_DAY = 6


def log_add(data_dir: Path) -> Operation:
    """`companion log add "entry N"` as the command line runs it; returns what it printed,
    which it prints only once the save is durable (that is `log add`'s promise)."""

    def add(n: int) -> str:
        clock = Clock(FIRST_DAY + timedelta(days=n // SAVES_PER_DAY))
        printed = io.StringIO()
        # The command reads the machine's clock: held at the day this save belongs to.
        with (
            time_machine.travel(clock.now.astimezone(), tick=False),
            contextlib.redirect_stdout(printed),
        ):
            code = run(["--data-dir", str(data_dir), "log", "add", f"entry {n}"])
        assert code == 0, f"log add failed: {code}"
        return printed.getvalue().strip()

    return add


@pytest.mark.slow
def test_a_writer_killed_at_any_moment_loses_nothing_it_confirmed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = Services(data_dir, clock=Clock(datetime(2025, 10, 31, 9, 0)))
    setup.add_caregiver("Sam")
    setup.add_child("Mia", "2019-05-02")
    crashes = Crashes(data_dir, SEED, delays=(0.001, 0.040))
    files = ReadableFiles(data_dir)
    confirmed: list[str] = []
    next_entry = 0

    while crashes.kills < KILLS:
        kill = crashes.kill_one(lambda: log_add(data_dir), next_entry)
        confirmed += [printed for _, printed in kill.reported]
        # The next writer's entries are numbered after every save that may have happened.
        next_entry = (kill.last if kill.last is not None else next_entry) + 2
        files.check(after=f"kill {crashes.kills}")
        stored = {r.id for r in Services(data_dir).find_reflections()}
        missing = [i for i in confirmed if i not in stored]
        assert not missing, f"printed but not saved, after kill {crashes.kills}: {missing}"

    # The next ordinary save tidies every half-finished one away, and finds everything.
    code = run(["--data-dir", str(data_dir), "log", "add", "After the storm"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert temp_files(data_dir) == []
    assert list((data_dir / "backups").glob(".*")) == []
    confirmed.append(out.strip())
    found = Services(data_dir).find_reflections()
    assert {r.id for r in found} >= set(confirmed)
    assert len({r.id for r in found}) == len(found)
    assert run(["--data-dir", str(data_dir), "doctor"]) == 0
    capsys.readouterr()

    assert crashes.in_a_save > 0, "no kill landed inside a save: the test proves little"
    assert crashes.during_a_backup > 0, "no kill landed inside a backup"
    with capsys.disabled():
        figure = crashes.figure("log add", len(confirmed))
        print(f"\n{figure}; {len(found)} reflections stored")
