"""Time companion on the generated families, beside jrnl on the same entries.

    python -m bench.generate && python -m bench.run            # prints the figures
    python -m bench.run --quick                                 # fewer runs
    python -m bench.run --results                               # also writes bench/RESULTS.md

Every figure is a median of several runs. Writes go to scratch copies, so the generated
families stay as they were.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.generate import OUT
from bench.timing import Figure, in_process, side_by_side, tui_ready, whole_process

RESULTS = Path(__file__).parent / "RESULTS.md"
BIN = Path(sys.executable).parent
ENTRY = "A calm evening: we built a blanket fort and read in it."


@dataclass(frozen=True)
class Row:
    what: str
    value: str
    target: str = ""
    met: bool | None = None

    def line(self) -> str:
        verdict = {True: "yes", False: "NO", None: ""}[self.met]
        return f"| {self.what} | {self.value} | {self.target} | {verdict} |"


def ms(figure: Figure) -> str:
    return f"{figure.seconds * 1000:.1f} ms"


def mb(kilobytes: int) -> str:
    return f"{kilobytes / 1024:.0f} MB"


def command(name: str) -> list[str]:
    installed = BIN / name
    if installed.exists():
        return [str(installed)]
    if name == "companion":
        return [sys.executable, "-m", "companion"]
    raise RuntimeError(f"{name} is not installed; pip install '.[bench]' brings it.")


def editable_warning() -> str | None:
    """An editable install is compiled from source on every run when bytecode is not kept,
    which is not what a family's `pip install` gives; say so beside the figures."""
    import json
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        direct_url = json.loads(distribution("companion").read_text("direct_url.json") or "{}")
    except PackageNotFoundError:
        return None
    if not direct_url.get("dir_info", {}).get("editable"):
        return None
    return (
        "Note: companion is an editable install here; start-up figures are slower than "
        'after `pip install ".[bench]"`, which compiles the code once.'
    )


def scratch(source: Path, name: str) -> Path:
    if not source.exists():
        raise RuntimeError(f"{source} is missing; run python -m bench.generate first.")
    target = OUT / "scratch" / name
    if target.exists():
        shutil.rmtree(target)
    # Without the generator's backups, the first save of the day makes one, as at home.
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups"))
    return target


def timed_row(what: str, figure: Figure, limit_seconds: float) -> Row:
    """A figure beside its target: met when it is under the limit."""
    target = f"< {limit_seconds:g} s" if limit_seconds >= 1 else f"< {limit_seconds * 1000:.0f} ms"
    return Row(what, ms(figure), target, figure.seconds < limit_seconds)


@dataclass(frozen=True)
class Bench:
    """The scratch copies the figures are measured on, and the commands that run them."""

    companion: list[str]
    jrnl: list[str]
    ten_years: Path
    one_year: Path
    jrnl_config: Path

    @classmethod
    def prepared(cls) -> Bench:
        journal = scratch(OUT / "jrnl-10y", "jrnl-10y")
        config = journal / "jrnl.yaml"
        config.write_text(
            config.read_text().replace(str(OUT / "jrnl-10y"), str(journal)), encoding="utf-8"
        )
        return cls(
            companion=command("companion"),
            jrnl=command("jrnl"),
            ten_years=scratch(OUT / "family-10y", "family-10y"),
            one_year=scratch(OUT / "family-1y", "family-1y"),
            jrnl_config=config,
        )

    def ours(self, *args: str) -> list[str]:
        return [*self.companion, "--data-dir", str(self.ten_years), *args]

    def theirs(self, *args: str) -> list[str]:
        return [*self.jrnl, "--config-file", str(self.jrnl_config), *args]


def measure(runs: int) -> list[Row]:
    bench = Bench.prepared()
    python = whole_process([sys.executable, "-c", "pass"], runs)
    return [
        Row("Python start-up (python -c pass)", ms(python)),
        *beside_jrnl(bench, runs),
        *daily_commands(bench, runs),
        *briefs(bench, runs),
        *saves(bench, runs),
        *in_the_app(bench, runs),
    ]


def beside_jrnl(bench: Bench, runs: int) -> list[Row]:
    # The first save of a day also makes the daily backup of every file.
    first = whole_process(bench.ours("log", "add", ENTRY), 1)
    rows = [Row("`companion log add`, first of the day (with backup), 10 years", ms(first))]
    week_ago = (date.today() - timedelta(days=7)).isoformat()
    pairs = {
        "log add": (bench.ours("log", "add", ENTRY), bench.theirs(ENTRY)),
        "log list --since a week ago": (
            bench.ours("log", "list", "--since", week_ago),
            bench.theirs("-from", week_ago),
        ),
    }
    for name, (ours, theirs) in pairs.items():
        mine, jrnls = side_by_side(ours, theirs, runs)
        ratio = mine.seconds / jrnls.seconds
        rows += [
            Row(f"`companion {name}`, whole process, 10 years", ms(mine)),
            Row("`jrnl` doing the same on the same entries", ms(jrnls)),
            Row(f"ratio companion / jrnl ({name})", f"{ratio:.2f}x", "<= 0.30x", ratio <= 0.3),
            Row(f"peak memory, `companion {name}`", mb(mine.peak_kb)),
        ]
    return rows


def daily_commands(bench: Bench, runs: int) -> list[Row]:
    rows = []
    # The first `today` copies the shipped cards into the family's library; then it only
    # reads. A check-off writes this year's check-off file only, whatever the history.
    for args in (("today",), ("routines", "done", "bedtime")):
        whole_process(bench.ours(*args), 1)
        figure = whole_process(bench.ours(*args), runs)
        what = f"`companion {' '.join(args)}`, whole process, 10 years"
        rows.append(timed_row(what, figure, 0.15))
    return rows


def briefs(bench: Bench, runs: int) -> list[Row]:
    """The session brief for three months, written to a file, as a family prepares one."""
    three_months = (date.today() - timedelta(days=91)).isoformat()
    rows = []
    for form, limit in (("md", 0.5), ("html", 0.5), ("pdf", 1.5)):
        output = OUT / "scratch" / f"brief.{form}"
        made = whole_process(
            bench.ours("brief", "--since", three_months, "--format", form, "-o", str(output)),
            runs,
        )
        what = f"`companion brief --format {form}`, three months of 10 years, whole process"
        rows.append(timed_row(what, made, limit))
    return rows


def saves(bench: Bench, runs: int) -> list[Row]:
    save_1y, save_10y = one_save(bench.one_year, runs * 3), one_save(bench.ten_years, runs * 3)
    slower = save_10y.seconds / save_1y.seconds
    return [
        timed_row("one save in-process, 1 year of data", save_1y, 0.02),
        timed_row("one save in-process, 10 years of data", save_10y, 0.02),
        Row("10 years / 1 year", f"{slower:.2f}x", "<= 1.5x", slower <= 1.5),
    ]


def in_the_app(bench: Bench, runs: int) -> list[Row]:
    late = reminder_latency(bench.ten_years)
    rerender = library_rerender(bench.ten_years)
    slowest_filter, key_round = reflections_search(bench.ten_years)
    home = tui_ready(
        f"{' '.join(bench.companion)} --data-dir {bench.ten_years}", "this week", max(3, runs // 2)
    )
    return [
        timed_row("how late a reminder fires (20 reminders, 10 years)", late, 1),
        timed_row(
            "Library: a search key or filter change until the screen is drawn (80x24, CPU)",
            rerender,
            0.05,
        ),
        timed_row(
            "Reflections: the slowest typical search or filter over 10 years (median)",
            slowest_filter,
            0.1,
        ),
        timed_row("Reflections: a search key until the list is drawn (80x24, CPU)", key_round, 0.1),
        timed_row("launch until Home is ready, 10 years (80x24)", home, 0.6),
        Row("peak memory of the TUI", mb(home.peak_kb), "< 100 MB", home.peak_kb < 100 * 1024),
    ]


def reminder_latency(folder: Path) -> Figure:
    """The median lateness of 20 reminders, as bench/reminder_latency.py measures it."""
    import statistics

    from bench.reminder_latency import measure

    copy = scratch(folder, "reminders")  # its bench routines stay out of the other figures
    return Figure(statistics.median(measure(copy, 20, 0.25)), 0)


def library_rerender(folder: Path) -> Figure:
    """The median over typed keys and filter changes, as bench/library_filter.py measures."""
    import asyncio
    import statistics

    from bench.library_filter import measure
    from companion.services import Services
    from companion.tui.app import build_app

    figures = asyncio.run(measure(build_app(Services(folder)), 1, (80, 24)))
    samples = figures["search round"] + figures["filter round"]
    return Figure(statistics.median(samples), 0)


def reflections_search(folder: Path) -> tuple[Figure, Figure]:
    """As bench/reflections_filter.py measures: the slowest of the typical queries on every
    reflection loaded, and a typed key on the Reflections screen until it is drawn."""
    import asyncio
    import statistics

    from bench.reflections_filter import filter_figures, measure, typical_queries
    from companion.domain.reflection import ReflectionQuery
    from companion.domain.reflection_index import ReflectionIndex
    from companion.services import Services
    from companion.tui.app import build_app

    services = Services(folder)
    index = ReflectionIndex.of(services.reflections.find(ReflectionQuery()))
    queries = typical_queries(services.family(), date.today())
    figures = filter_figures(index, queries, 9)
    slowest = max(statistics.median(screen_way) for screen_way, _, _ in figures.values())
    keys = asyncio.run(measure(build_app(services), 20, (80, 24)))["key round"]
    return Figure(slowest, 0), Figure(statistics.median(keys), 0)


def one_save(folder: Path, runs: int) -> Figure:
    from companion.services import Services

    services = Services(folder)
    services.add_reflection("warm-up")  # the day's backup was made by the first CLI save
    return in_process(lambda: services.add_reflection(ENTRY), runs)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import os

    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )


def table(rows: list[Row]) -> str:
    head = "| measure | median | target | met |\n|---|---|---|---|"
    return "\n".join([head, *(row.line() for row in rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print companion's performance figures.")
    parser.add_argument("--quick", action="store_true", help="3 runs each instead of 9")
    parser.add_argument("--results", action="store_true", help="also write bench/RESULTS.md")
    args = parser.parse_args(argv)
    try:
        rows = measure(3 if args.quick else 9)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    report = f"Measured {date.today()} on {machine()}.\n\n{table(rows)}\n"
    print(report)
    warning = editable_warning()
    if warning:
        print(warning, file=sys.stderr)
    if args.results:
        RESULTS.write_text(f"# Benchmark results\n\n{report}", encoding="utf-8")
        print(f"Written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
