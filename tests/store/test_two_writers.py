"""Two companions saving at the same time (the app open on two terminals, or the app and a
script) must not lose each other's entries: every save reads the file again under the lock."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.services import Services

EACH = 500

# argv: data folder, writer name, how many. Waits for a line on stdin so both start together.
WRITER = """
import sys
from pathlib import Path

from companion.services import Services

data_dir, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
services = Services(data_dir)
print("ready", flush=True)
sys.stdin.readline()
for i in range(count):
    services.add_reflection(f"{name} wrote entry {i:03d}")
print("done", flush=True)
"""


@pytest.mark.slow
def test_two_processes_saving_at_once_keep_every_entry(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    family = Services(data_dir)
    family.add_caregiver("Sam")
    family.add_child("Mia", "2019-05-02")
    started = time.monotonic()
    writers = {
        name: subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), name, str(EACH)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Sam", "Jordan")
    }
    for writer in writers.values():
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n", writer.communicate()[1]
    for writer in writers.values():
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for name, writer in writers.items():
        out, err = writer.communicate(timeout=120)
        assert (writer.returncode, out, err) == (0, "done\n", ""), name

    found = Services(data_dir).find_reflections()
    expected = {f"{name} wrote entry {i:03d}" for name in writers for i in range(EACH)}
    assert len(found) == 2 * EACH
    assert {r.text for r in found} == expected
    assert len({r.id for r in found}) == 2 * EACH
    assert all(r.children == (family.family().children[0].id,) for r in found)

    # The saves really did take turns: in file order, the writers alternate many times.
    [year_file] = (data_dir / "reflections").glob("*.json")
    records = json.loads(year_file.read_bytes())["tables"]["reflections"]
    in_file_order = [records[key]["text"].split()[0] for key in sorted(records, key=int)]
    turns = sum(a != b for a, b in itertools.pairwise(in_file_order))
    with capsys.disabled():
        print(
            f"\n{2 * EACH} saves by two processes in {time.monotonic() - started:.1f} s; "
            f"the writer changed {turns} times"
        )
    assert turns >= 10
