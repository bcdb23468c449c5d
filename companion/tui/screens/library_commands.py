"""The Library's actions in the command palette (ctrl+p), found by name like any other."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

# name in the palette, what it does, the screen's action
LIBRARY_COMMANDS = (
    (
        "Favourite this card",
        "Mark it as a favourite, or take the mark off (f)",
        "mark('favourite')",
    ),
    (
        "Not for us",
        "Hide this card; it is never suggested (h, again to bring it back)",
        "mark('hidden')",
    ),
    (
        "From our therapist",
        "Mark this card as from our therapist, or take it off (m)",
        "mark('from_therapist')",
    ),
    ("Add a card of our own", "Write a new connection game (a)", "add"),
    ("Edit this card", "Change one of our own cards (e)", "edit"),
    ("Undo the last mark", "Put the card's marks back as they were (u)", "undo"),
    ("Search the library", "Back to the search box (/)", "search"),
)


class LibraryCommands(Provider):
    """Offers what the screen's keys do, when they can be done now (its check_action)."""

    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        return [
            (name, help_text, action)
            for name, help_text, action in LIBRARY_COMMANDS
            if screen.check_action(action.split("(")[0], ()) is True
        ]

    async def discover(self) -> Hits:
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, self._run(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), self._run(action), help=help_text)

    def _run(self, action: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.screen.run_action(action)

        return run
