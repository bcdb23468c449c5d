"""How quickly the Library re-renders as you search and filter (the target: under 50 ms each).

    python -m bench.library_filter              # medians at 80x24
    python -m bench.library_filter --size 120x40 --rounds 5

Runs the real app (built by `build_app`) headless in Pilot on a scratch family: a copy of
bench/out/family-10y when it has been generated, otherwise a small new family. Two figures per
kind of change: the screen's own work (filter in memory, update the list), and the whole round
from the key or choice to the drawn screen (key handling, the list, the card beside it, layout
and drawing). The round is CPU time: Pilot waits for the app to go idle in sleeps of 20 ms,
so its wall time says more about Pilot than about the app. Figures only; the test suite
makes no timed assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Checkbox, Select

from companion.services import Services
from companion.tui.app import CompanionApp, build_app
from companion.tui.screens.library import LibraryScreen

GENERATED = Path(__file__).parent / "out" / "family-10y"
SEARCH = "lotion hands"
# (control, value): every filter once, then back to "any".
FILTERS: list[tuple[str, Any]] = [
    ("filter-dimension", "nurture"),
    ("filter-age", "6"),
    ("filter-minutes", "5"),
    ("filter-energy", "calm"),
    ("filter-place", "sofa"),
    ("filter-touch", "none"),
    ("filter-needs-nothing", True),
    ("filter-show-hidden", True),
    ("filter-needs-nothing", False),
    ("filter-show-hidden", False),
    ("filter-touch", None),
    ("filter-place", None),
    ("filter-energy", None),
    ("filter-minutes", None),
    ("filter-age", None),
    ("filter-dimension", None),
]


def scratch_family(folder: Path) -> tuple[Path, str]:
    target = folder / "family"
    if GENERATED.exists():
        shutil.copytree(GENERATED, target)
        return target, f"a copy of {GENERATED}"
    services = Services(target)
    services.add_caregiver("Sam")
    services.add_child("Mia", "2018-03-14", touch="light")
    return target, "a new family (run python -m bench.generate for the 10-year one)"


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


async def timed(
    pilot: Pilot[None], change: Callable[[], Awaitable[None]], rounds: list[float]
) -> None:
    """The CPU time of one change, through to the drawn screen (pause draws it)."""
    started = time.process_time()
    await change()
    await pilot.pause()
    rounds.append(time.process_time() - started)


def set_filter(screen: LibraryScreen, control: str, value: Any) -> None:
    widget = screen.query_one(f"#{control}")
    if isinstance(widget, Checkbox):
        widget.value = bool(value)
    elif isinstance(widget, Select):
        if value is None:
            widget.clear()
        else:
            widget.value = value


async def measure(app: CompanionApp, rounds: int, size: tuple[int, int]) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {
        "search work": [],
        "search round": [],
        "filter work": [],
        "filter round": [],
    }
    async with app.run_test(size=size, headless=True) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        if not isinstance(screen, LibraryScreen):
            raise RuntimeError(f"the Library did not open (the screen is {screen!r})")
        work: list[float] = []
        show_matches = screen.show_matches

        def show_matches_timed() -> None:
            started = time.perf_counter()
            show_matches()
            work.append(time.perf_counter() - started)

        screen.show_matches = show_matches_timed  # type: ignore[method-assign]
        for _ in range(rounds):
            screen.action_search()
            for key in [*SEARCH, *["backspace"] * len(SEARCH)]:
                key = "space" if key == " " else key
                await timed(pilot, lambda key=key: pilot.press(key), figures["search round"])
            figures["search work"].extend(work)
            work.clear()
            for control, value in FILTERS:

                async def change(control: str = control, value: Any = value) -> None:
                    set_filter(screen, control, value)

                await timed(pilot, change, figures["filter round"])
            figures["filter work"].extend(work)
            work.clear()
        cards = len(screen.cards)
    figures["cards"] = [float(cards)]
    return figures


def ms(samples: list[float]) -> str:
    if not samples:
        return "no samples"
    return f"median {statistics.median(samples) * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="times through the changes")
    parser.add_argument("--size", default="80x24", help="the terminal, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        folder, described = scratch_family(Path(tmp))
        figures = asyncio.run(measure(build_app(Services(folder)), args.rounds, (width, height)))
    cards = int(figures["cards"][0])
    print(f"Library at {width}x{height}, {cards} cards; family: {described}")
    print(f"  search, per keystroke ({len(figures['search round'])} keys)")
    print(f"    filter and list update: {ms(figures['search work'])}")
    print(f"    key to drawn screen:    {ms(figures['search round'])} (CPU)")
    print(f"  filters, per change ({len(figures['filter round'])} changes)")
    print(f"    filter and list update: {ms(figures['filter work'])}")
    print(f"    change to drawn screen: {ms(figures['filter round'])} (CPU)")
    print("  target: under 50 ms per change")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
