"""How the benchmarks measure: whole processes, in-process calls, and the TUI in tmux."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    seconds: float  # the median
    peak_kb: int  # the largest peak resident memory of any run


def whole_process(command: Sequence[str], runs: int, cwd: Path | None = None) -> Figure:
    """The median wall time of running `command` to the end, and its peak memory."""
    times: list[float] = []
    peak = 0
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - started)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"{' '.join(command)} failed: {error.strip()}")
        if process.stderr:
            process.stderr.close()
        peak = max(peak, usage.ru_maxrss)  # kilobytes on Linux
    return Figure(statistics.median(times), peak)


def side_by_side(ours: Sequence[str], theirs: Sequence[str], runs: int) -> tuple[Figure, Figure]:
    """Both commands, run in turn, so a machine that speeds up or slows down during the
    measurement weighs on both alike (the ratio is what the target is about)."""
    mine: list[Figure] = []
    other: list[Figure] = []
    for _ in range(runs):
        mine.append(whole_process(ours, 1))
        other.append(whole_process(theirs, 1))
    return _median(mine), _median(other)


def _median(figures: list[Figure]) -> Figure:
    return Figure(statistics.median(f.seconds for f in figures), max(f.peak_kb for f in figures))


def in_process(call: Callable[[], object], runs: int) -> Figure:
    times: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return Figure(statistics.median(times), 0)


def tui_ready(command: str, marker: str, runs: int, size: tuple[int, int] = (80, 24)) -> Figure:
    """Launch `command` in a detached tmux and time until `marker` is on the screen.

    Peak memory is the VmHWM of the app's process, read while it is still open."""
    if shutil.which("tmux") is None:
        raise RuntimeError("tmux is not installed (apt-get install tmux)")
    times: list[float] = []
    peak = 0
    for _ in range(runs):
        socket = f"bench-{uuid.uuid4().hex[:8]}"
        tmux = ["tmux", "-L", socket]
        width, height = size
        started = time.perf_counter()
        subprocess.run(
            [*tmux, "new-session", "-d", "-x", str(width), "-y", str(height), f"exec {command}"],
            check=True,
        )
        try:
            deadline = started + 30
            while marker not in _screen(tmux):
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{marker!r} never appeared:\n{_screen(tmux)}")
                time.sleep(0.01)
            times.append(time.perf_counter() - started)
            pid = _run(*tmux, "display-message", "-p", "#{pane_pid}").strip()
            peak = max(peak, _peak_kb(int(pid)))
        finally:
            subprocess.run([*tmux, "kill-server"], capture_output=True)
    return Figure(statistics.median(times), peak)


def _screen(tmux: list[str]) -> str:
    return _run(*tmux, "capture-pane", "-p")


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
