"""Crash safety: a writer killed (SIGKILL) at any moment never damages a file and never loses
an entry whose id it had printed.

One data folder takes every kill, as a real family's folder would over the years. The writer
moves its clock on a day every few saves, so the daily backup (copy, rename, prune) is taken
over and over and is killed half-way too, not only the save of the year file.
"""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from companion.cli import run
from companion.services import Services
from tests.conftest import Clock
from tests.store.helpers import temp_files

KILLS = 200
SEED = 20261123
MAX_SECONDS = 90  # a guard against a hang; a run takes 25-30 s on this machine
ID_LINE = re.compile(r"[0-9a-f]{12}")

# argv: data folder, the number of the first entry. Prints "ready" once imported, then one
# id per line, each only after its save is durable (that is `log add`'s promise).
WRITER = """
import sys
from datetime import datetime, timedelta

import filelock  # imported by the first save; here, so kills land in saves, not imports

import companion.cli
from companion.services import Services

data_dir, n = sys.argv[1], int(sys.argv[2])
FIRST_DAY = datetime(2025, 11, 1, 20, 0)
SAVES_PER_DAY = 6


def clock():
    return FIRST_DAY + timedelta(days=n // SAVES_PER_DAY)


class ClockedServices(Services):
    def __init__(self, root):
        super().__init__(root, clock=clock)


companion.cli.Services = ClockedServices
print("ready")
while True:
    if companion.cli.run(["--data-dir", data_dir, "log", "add", f"entry {n}"]) != 0:
        sys.exit(3)
    n += 1
"""


class Folder:
    """What the test has seen of the folder: confirmed ids, and files already read whole."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.confirmed: list[str] = []
        # A file is replaced, never edited in place: the same inode, size and mtime is the
        # same whole file that was already parsed, so it is not parsed again after every kill.
        self._parsed: dict[Path, tuple[int, int, int]] = {}
        self._ids_by_year: dict[Path, set[str]] = {}

    def check(self, after: str) -> None:
        """Every JSON file parses and every printed id is in the reflections."""
        for path in sorted(self.root.rglob("*.json")):
            info = path.stat()
            key = (info.st_ino, info.st_size, info.st_mtime_ns)
            if self._parsed.get(path) == key:
                continue
            try:
                document = json.loads(path.read_bytes())
            except ValueError as error:
                pytest.fail(f"{path} does not parse after {after}: {error}")
            self._parsed[path] = key
            if path.parent == self.root / "reflections":
                records = document["tables"]["reflections"].values()
                self._ids_by_year[path] = {record["id"] for record in records}
        stored = set().union(*self._ids_by_year.values())
        missing = [i for i in self.confirmed if i not in stored]
        assert not missing, f"printed but not saved, after {after}: {missing}"


@pytest.mark.slow
def test_a_writer_killed_at_any_moment_loses_nothing_it_confirmed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = Services(data_dir, clock=Clock(datetime(2025, 10, 31, 9, 0)))
    setup.add_caregiver("Sam")
    setup.add_child("Mia", "2019-05-02")
    folder = Folder(data_dir)
    rng = random.Random(SEED)
    started = time.monotonic()
    next_entry = 0
    kills_leaving_a_temp_file = 0
    kills_during_a_backup = 0

    for kill in range(1, KILLS + 1):
        writer = subprocess.Popen(
            [sys.executable, "-u", "-c", WRITER, str(data_dir), str(next_entry)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n", writer.communicate()[1]
        time.sleep(rng.uniform(0.003, 0.060))
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, f"the writer stopped by itself: {err}"
        assert err == ""
        printed = [line for line in out.splitlines() if ID_LINE.fullmatch(line)]
        assert len(printed) == len(out.splitlines())
        folder.confirmed += printed
        # The next writer's entries are numbered after every save that may have happened.
        next_entry += len(printed) + 1

        kills_leaving_a_temp_file += bool(temp_files(data_dir))
        kills_during_a_backup += any((data_dir / "backups").glob(".*.partial"))
        folder.check(after=f"kill {kill}")
        assert time.monotonic() - started < MAX_SECONDS, f"only {kill} kills in time"

    # The next ordinary save tidies every half-finished one away, and finds everything.
    code = run(["--data-dir", str(data_dir), "log", "add", "After the storm"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert temp_files(data_dir) == []
    assert list((data_dir / "backups").glob(".*")) == []
    folder.confirmed.append(out.strip())
    folder.check(after="the last save")
    found = Services(data_dir).find_reflections()
    assert {r.id for r in found} >= set(folder.confirmed)
    assert len({r.id for r in found}) == len(found)
    assert run(["--data-dir", str(data_dir), "doctor"]) == 0
    capsys.readouterr()

    assert kills_leaving_a_temp_file > 0, "no kill landed inside a save: the test proves little"
    with capsys.disabled():
        print(
            f"\n{KILLS} kills ({kills_leaving_a_temp_file} in the middle of a save, "
            f"{kills_during_a_backup} during a backup), {len(folder.confirmed)} saves confirmed, "
            f"{len(found)} reflections stored, {time.monotonic() - started:.1f} s"
        )
