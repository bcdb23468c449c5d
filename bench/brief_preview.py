"""How long the Brief screen's preview takes for three months of the 10-year family, and how
long it holds the event loop (target: the app never frozen for more than 50 ms).

    python -m bench.brief_preview              # needs `python -m bench.generate` first

The preview's lines are rendered in a worker thread (`render_markdown_lines`); the event loop
only hands the finished lines to the widget. Printed beside it, for comparison: Textual's
Markdown widget, which builds the same document on the event loop (the app frozen meanwhile).
Figures only; the test suite makes no timed assertions.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from companion.services import Services
from companion.tui.widgets.rendered_lines import RenderedLines, render_markdown_lines

GENERATED = Path(__file__).parent / "out" / "family-10y"
WIDTH = 74  # the preview's text at 80x24
RUNS = 9


class Preview(App[None]):
    def compose(self) -> ComposeResult:
        yield RenderedLines(id="lines")
        yield VerticalScroll(id="widget")


async def on_the_event_loop(markdown: str) -> tuple[float, float]:
    """Showing pre-rendered lines, and mounting Textual's Markdown widget, each until drawn
    (CPU time of the process)."""
    lines = render_markdown_lines(markdown, WIDTH)
    app = Preview()
    async with app.run_test(size=(80, 24)) as pilot:
        # CPU time: Pilot waits for the app to go idle in sleeps, which wall time would count.
        started = time.process_time()
        app.query_one(RenderedLines).show(markdown, lines)
        await pilot.pause()
        shown = time.process_time() - started
        started = time.process_time()
        await app.query_one("#widget").mount(Markdown(markdown))
        await pilot.pause()
        mounted = time.process_time() - started
    return shown, mounted


def main() -> None:
    if not GENERATED.exists():
        raise SystemExit("Run `python -m bench.generate` first: it writes the 10-year family.")
    services = Services(GENERATED)
    until = date.today()
    briefs = services.briefs
    markdown = briefs.render(briefs.build(until - timedelta(days=91), until), "md").decode()
    rendered = []
    for _ in range(RUNS):
        started = time.perf_counter()
        render_markdown_lines(markdown, WIDTH)
        rendered.append(time.perf_counter() - started)
    shown, mounted = asyncio.run(on_the_event_loop(markdown))
    print(f"three months of 10 years: {len(markdown):,} characters of Markdown")
    print(f"rendering its lines in the worker thread: {statistics.median(rendered) * 1000:.0f} ms")
    print(f"showing them, on the event loop: {shown * 1000:.0f} ms (target < 50 ms)")
    print(f"Textual's Markdown widget instead, on the event loop: {mounted * 1000:.0f} ms")


if __name__ == "__main__":
    main()
