"""Pilot helpers: the app built by the same factory the CLI uses."""

from __future__ import annotations

import contextlib

from textual.pilot import Pilot
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


def screen_text(app: CompanionApp) -> str:
    """The terminal's lines as a person sees them (like tmux capture-pane)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def flat(text: str) -> str:
    """Screen text with borders and line wrapping taken out, to find wrapped sentences."""
    for border in "│╭╮╰╯─▎▊":
        text = text.replace(border, " ")
    return " ".join(text.split())
