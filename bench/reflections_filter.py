"""How quickly Reflections are read, filtered and shown again as you type (targets: filtering
under 100 ms, a keystroke to a refilled list under 50 ms).

    python -m bench.reflections_filter              # the 10-year family, 80x24
    python -m bench.reflections_filter --keys 40 --size 120x40

Works on a scratch family: a copy of bench/out/family-10y when it has been generated,
otherwise a small demo family (or the folder given with --family). Four sets of figures:
- reading every reflection (every year's file) and folding their words once for searching;
- filtering the loaded list in memory for typical searches and filters, as the screen does
  (ReflectionIndex.matching), and with ReflectionQuery.matches alone for comparison;
- the Reflections screen in Pilot at 80x24: a key typed in the search box until the list is
  refilled; the screen's own work (filter and refill the list) in wall time, and the whole
  round from the key to the drawn screen in CPU time (Pilot waits for the app to go idle in
  sleeps, so its wall time says more about Pilot than about the app);
- why an OptionList: refilling it with 200 rows beside a ListView of 200 items.
Figures only; the test suite makes no timed assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Label, ListItem, ListView, OptionList
from textual.widgets.option_list import Option

from companion.domain.family import Family
from companion.domain.reflection import Reflection, ReflectionQuery
from companion.domain.reflection_index import ReflectionIndex
from companion.services import Services, demo
from companion.tui.app import CompanionApp, build_app
from companion.tui.screens.reflections import ReflectionsScreen

GENERATED = Path(__file__).parent / "out" / "family-10y"
SEARCH = "story twice"  # typed key by key, then taken back key by key
ROWS = 200


def scratch_family(folder: Path, given: Path | None = None) -> tuple[Path, str]:
    if given is not None:
        if not (given / "family.json").exists():
            demo.seed(Services(given), date.today(), days=120)
            return given, f"a small demo family written to {given}"
        return given, str(given)
    target = folder / "family"
    if GENERATED.exists():
        shutil.copytree(GENERATED, target)
        return target, f"a copy of {GENERATED}"
    demo.seed(Services(target), date.today(), days=365)
    return target, "a one-year demo family (run python -m bench.generate for the 10-year one)"


def typical_queries(family: Family, today: date) -> dict[str, ReflectionQuery]:
    """What a family looks for: a word, two words, a child's flagged ones, a span, a tag."""
    child = family.children[0].id if family.children else None
    return {
        "one word": ReflectionQuery.build(search="bedtime"),
        "two words": ReflectionQuery.build(search="story twice"),
        "child + flagged": ReflectionQuery.build(child_id=child, for_therapist_only=True),
        "date span (3 weeks)": ReflectionQuery.build(
            since=today - timedelta(days=28), until=today - timedelta(days=7)
        ),
        "tag": ReflectionQuery.build(tag="repair"),
        "word + child + span": ReflectionQuery.build(
            search="calm", child_id=child, since=today - timedelta(days=365)
        ),
    }


def timed(call: Callable[[], object], runs: int) -> list[float]:
    samples: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def load_figures(services: Services, runs: int) -> tuple[list[float], list[float], int]:
    """(reading every reflection, folding them into the index, how many)."""
    found: list[Reflection] = []

    def read() -> None:
        found[:] = services.reflections.find(ReflectionQuery())

    reading = timed(read, runs)
    indexing = timed(lambda: ReflectionIndex.of(found), runs)
    return reading, indexing, len(found)


def filter_figures(
    index: ReflectionIndex, queries: dict[str, ReflectionQuery], runs: int
) -> dict[str, tuple[list[float], list[float], int]]:
    """Per query: (the screen's way, ReflectionQuery.matches alone, how many fit)."""
    figures: dict[str, tuple[list[float], list[float], int]] = {}
    everything = index.reflections
    for name, query in queries.items():
        screen_way = timed(lambda q=query: index.matching(q), runs)  # type: ignore[misc]
        plain = timed(lambda q=query: [r for r in everything if q.matches(r)], runs)  # type: ignore[misc]
        figures[name] = (screen_way, plain, len(index.matching(query)))
    return figures


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


async def measure(app: CompanionApp, keys: int, size: tuple[int, int]) -> dict[str, list[float]]:
    """The Reflections screen in Pilot: `keys` keystrokes in the search box (the search typed
    and taken back, again and again), each timed until the list is refilled and drawn."""
    figures: dict[str, list[float]] = {"refill work": [], "key round": [], "shown": []}
    async with app.run_test(size=size, headless=True) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        if not isinstance(screen, ReflectionsScreen):
            raise RuntimeError(f"Reflections did not open (the screen is {screen!r})")
        show_matches = screen.show_matches

        def show_matches_timed(keep: str | None = None) -> None:
            started = time.perf_counter()
            show_matches(keep)
            figures["refill work"].append(time.perf_counter() - started)

        screen.show_matches = show_matches_timed  # type: ignore[method-assign]
        screen.action_search()
        typing = [*SEARCH, *["backspace"] * len(SEARCH)]
        for n in range(keys):
            key = typing[n % len(typing)]
            key = "space" if key == " " else key
            started = time.process_time()
            await pilot.press(key)
            await pilot.pause()
            figures["key round"].append(time.process_time() - started)
            figures["shown"].append(float(len(screen.shown)))
        figures["total"] = [float(len(screen.view.index)) if screen.view else 0.0]
    return figures


class ListsApp(App[None]):
    """An OptionList and a ListView, side by side, refilled in turn."""

    CSS = "OptionList, ListView { width: 1fr; height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield OptionList()
        yield ListView()


async def compare_lists(rounds: int, size: tuple[int, int]) -> tuple[list[float], list[float]]:
    """CPU time to put ROWS two-line rows in each list and draw it (fresh rows each time)."""
    option_rounds: list[float] = []
    list_view_rounds: list[float] = []
    app = ListsApp()
    async with app.run_test(size=size, headless=True) as pilot:
        options, list_view = app.query_one(OptionList), app.query_one(ListView)
        for n in range(rounds):
            words = [Text(f"Mon 23 Nov · Mia · by Sam · #bath\n  Row {n}.{i}") for i in range(ROWS)]
            started = time.process_time()
            options.set_options(Option(prompt) for prompt in words)
            await pilot.pause()
            option_rounds.append(time.process_time() - started)
            started = time.process_time()
            await list_view.clear()
            await list_view.extend(ListItem(Label(prompt)) for prompt in words)
            await pilot.pause()
            list_view_rounds.append(time.process_time() - started)
    return option_rounds, list_view_rounds


def ms(samples: list[float]) -> str:
    if not samples:
        return "no samples"
    p95 = statistics.quantiles(samples, n=20)[18] if len(samples) > 1 else samples[0]
    return f"median {statistics.median(samples) * 1000:.1f} ms, 95th {p95 * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--keys", type=int, default=22, help="keystrokes in the search box")
    parser.add_argument("--rounds", type=int, default=9, help="runs of each in-memory figure")
    parser.add_argument("--size", default="80x24", help="the terminal, WIDTHxHEIGHT")
    parser.add_argument("--family", type=Path, help="a family folder (a demo one if empty)")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        folder, described = scratch_family(Path(tmp), args.family)
        services = Services(folder)
        reading, indexing, count = load_figures(services, max(3, args.rounds // 3))
        index = ReflectionIndex.of(services.reflections.find(ReflectionQuery()))
        today = max((r.day for r in index.reflections), default=date.today())
        queries = typical_queries(services.family(), today)
        filters = filter_figures(index, queries, args.rounds)
        app = build_app(Services(folder))
        screen = asyncio.run(measure(app, args.keys, (width, height)))
        option_list, list_view = asyncio.run(compare_lists(5, (width, height)))

    print(f"Reflections: {count:,} in the family; family: {described}")
    print("  loading (once, in a thread, when the screen opens)")
    print(f"    read every year's file:  {ms(reading)}")
    print(f"    fold words for search:   {ms(indexing)}")
    print(f"  filtering the loaded list in memory ({args.rounds} runs each; target under 100 ms)")
    for name, (screen_way, plain, fits) in filters.items():
        print(f"    {name + ':':22} {ms(screen_way)}  ({fits:,} fit; matches alone: {ms(plain)})")
    shown = int(statistics.median(screen["shown"])) if screen["shown"] else 0
    print(
        f"  the screen at {width}x{height}, per keystroke in the search box "
        f"({len(screen['key round'])} keys, typing and taking back {SEARCH!r}; "
        f"about {shown} rows shown)"
    )
    print(f"    filter and refill the list: {ms(screen['refill work'])}")
    print(f"    key to drawn screen:        {ms(screen['key round'])} (CPU)")
    print(f"  refilling a list with {ROWS} two-line rows and drawing it (CPU)")
    print(f"    OptionList.set_options:     {ms(option_list)}")
    print(f"    ListView clear + extend:    {ms(list_view)}")
    print("  targets: filtering under 100 ms; a keystroke to a drawn screen under 50 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
