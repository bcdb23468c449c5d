"""Pilot helpers: the app built by the same factory the CLI uses."""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from textual.app import App
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled, WorkerFailed

from companion.services import Services
from companion.tui.app import CompanionApp, build_app

SIZES = [(80, 24), (120, 40)]


def make_app(services: Services) -> CompanionApp:
    return build_app(services)


async def settle(pilot: Pilot[None]) -> None:
    """Let thread workers finish and their messages land."""
    app = pilot.app
    for _ in range(50):
        # The app reports failures itself; a worker is cancelled by design when a newer one
        # of its group (a resize, the next key) takes its place while this waits on it.
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return


# How Rich lays out the screenshot Textual exports: a cell is 0.61 of the 20px font wide.
_CELL_WIDTH = 20 * 0.61
_SVG_TEXT = re.compile(
    r'<text[^>]*\bx="([0-9.]+)"[^>]*clip-path="url\(#[\w-]+-line-([0-9]+)\)"[^>]*>(.*?)</text>'
)


async def retype(pilot: Pilot[None], box: Input, words: str) -> None:
    """Empty a box, then type into it key by key, as a person would."""
    box.focus()
    box.value = ""
    await pilot.press(*["space" if key == " " else key for key in words])


async def until(pilot: Pilot[None], shown: Callable[[], bool], what: str = "it") -> None:
    """Let the app run until `shown()` holds: for what the app does in its own time (the
    command palette's search, a pause in typing), instead of sleeping for a guess."""
    for _ in range(400):  # ten seconds at most, for a slow machine
        if shown():
            return
        await pilot.pause(0.025)
    raise AssertionError(f"{what} never showed")


def screen_cells(app: App[Any]) -> list[list[str]]:
    """The terminal's cells as a person sees them (like tmux capture-pane), read from the
    screenshot the app exports: a row per line, a character per cell ("" after a wide one)."""
    width, height = app.size
    cells = [[" "] * width for _ in range(height)]
    for x, line, text in _SVG_TEXT.findall(app.export_screenshot()):
        column, row = round(float(x) / _CELL_WIDTH), cells[int(line)]
        for character in html.unescape(text).replace("\xa0", " "):
            wide = max(cell_len(character), 1)
            for offset in range(wide):
                if column + offset < width:
                    row[column + offset] = "" if offset else character
            column += wide
    return cells


def screen_lines(app: App[Any]) -> list[str]:
    return ["".join(row).rstrip() for row in screen_cells(app)]


def screen_text(app: App[Any]) -> str:
    """The terminal's lines as one text."""
    return "\n".join(screen_lines(app))


class Notes:
    """Every notification the app posted, in order (Textual's Notify messages): pass it to
    `app.run_test(message_hook=notes)`."""

    def __init__(self) -> None:
        self.posted: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.posted.append(message.notification)

    @property
    def said(self) -> list[str]:
        return [notification.message for notification in self.posted]


def flat(text: str) -> str:
    """Screen text with borders and line wrapping taken out, to find wrapped sentences."""
    for border in "│╭╮╰╯─▎▊":
        text = text.replace(border, " ")
    return " ".join(text.split())
