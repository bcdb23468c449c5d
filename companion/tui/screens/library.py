"""The Library: every connection game, found as you type, read in full, marked in a key.

The cards are loaded once (in a thread); searching and filtering then happen in memory,
and only the list's options change, so each keystroke stays quick."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

import msgspec
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.library import CardFilter, CardMarks, LibraryCard
from companion.tui.base import CompanionNode
from companion.tui.card_form import CardForm
from companion.tui.screens.library_commands import LibraryCommands
from companion.tui.widgets.card_filters import CardFilters
from companion.tui.widgets.card_view import card_renderable, list_prompt

# Below this width the list and the card take turns; from it on they sit side by side.
TWO_COLUMNS_WIDTH = 100
NOTHING_FITS = "No card fits all of that; try fewer words or filters."

# mark -> (what it says when put on, when taken off)
MARK_WORDS = {
    "favourite": ("is a favourite now", "is no longer a favourite"),
    "hidden": (
        "is not for us now: hidden, and never suggested (u undoes it)",
        "can be suggested again",
    ),
    "from_therapist": (
        "is marked as from our therapist",
        "is no longer marked as from our therapist",
    ),
}


class LibraryScreen(Screen[None], CompanionNode):
    CSS_PATH = "library.tcss"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {LibraryCommands}
    TITLE = "Library"
    SUB_TITLE = "connection games"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "mark('favourite')", "Favourite", id="library-favourite",
                tooltip="Mark this card as a favourite (again to take it off)"),
        Binding("h", "mark('hidden')", "Not for us", id="library-hide",
                tooltip="Hide this card: not for us, never suggested (again to bring it back)"),
        Binding("m", "mark('from_therapist')", "Therapist", id="library-therapist",
                tooltip="Mark this card as from our therapist (again to take it off)"),
        Binding("a", "add", "Add", id="library-add", tooltip="Write a card of your own"),
        Binding("e", "edit", "Edit", id="library-edit", tooltip="Change one of our own cards"),
        Binding("u", "undo", "Undo", id="library-undo", tooltip="Undo the last mark"),
        Binding("slash", "search", "Search", id="library-search-key", key_display="/",
                show=False, tooltip="Back to the search box"),
        Binding("escape", "back", "Back", id="library-back",
                tooltip="Close the card, or go back"),
        # From the search box (or a filter) straight down into the list.
        Binding("down", "to_list", "To the list", id="library-to-list", show=False),
    ]  # fmt: skip

    class Loaded(Message):
        def __init__(self, cards: list[LibraryCard]) -> None:
            super().__init__()
            self.cards = cards

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, LibraryCard] = {}
        self.order: list[str] = []  # every card id, by title
        self.shown: list[str] = []  # the ids in the list now
        self.card_filter = CardFilter()
        self.current: str | None = None  # the card being read
        self.undo: tuple[str, CardMarks] | None = None
        self._options: dict[str, Option] = {}
        self._card_shown: LibraryCard | None = None
        self._saving = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="library-body"):
            yield CardFilters(id="library-filters")
            yield Static("Opening the library…", id="library-status", classes="hint")
            with Horizontal(id="library-columns"):
                yield OptionList(id="library-list")
                with VerticalScroll(id="library-card", classes="panel"):
                    yield Static("", id="library-card-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#library-card").border_title = "The card"
        self.query_one("#library-search").focus()
        self._load()

    def on_resize(self) -> None:
        self.set_class(self.size.width < TWO_COLUMNS_WIDTH, "narrow")

    # -- loading once, filtering in memory ------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def _load(self) -> None:
        self.post_message(self.Loaded(self.companion.services.cards.all()))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.cards = {card.id: card for card in event.cards}
        self._options = {card.id: Option(list_prompt(card), id=card.id) for card in event.cards}
        self._sort()
        self.shown = []  # options are all new: show them again
        self.show_matches()

    def _sort(self) -> None:
        self.order = sorted(self.cards, key=lambda i: self.cards[i].activity.title.casefold())

    @on(CardFilters.Changed)
    def _filter_changed(self, event: CardFilters.Changed) -> None:
        self.card_filter = event.card_filter
        self.show_matches()

    def show_matches(self) -> None:
        """Narrow the list to the cards that fit; the options are reused, not rebuilt."""
        matches = [i for i in self.order if self.card_filter.matches(self.cards[i])]
        if matches != self.shown:
            option_list = self.query_one("#library-list", OptionList)
            was_at = option_list.highlighted or 0
            option_list.set_options(self._options[i] for i in matches)
            self.shown = matches
            if not matches:
                self._show_card(None)
            elif self.current in matches:
                option_list.highlighted = matches.index(self.current)
            else:  # the card left the list (hidden, say): its neighbour takes its place
                option_list.highlighted = min(was_at, len(matches) - 1)
        self._show_status()

    def _show_status(self) -> None:
        total, shown = len(self.cards), len(self.shown)
        if not total:
            return
        if not shown:
            text = NOTHING_FITS
        elif shown == total:
            text = f"All {total} cards. Enter opens one."
        else:
            text = f"{shown} of {total} cards. Enter opens one."
        hidden = sum(1 for card in self.cards.values() if card.marks.hidden)
        if hidden and not self.card_filter.show_hidden:
            text += f" {hidden} not for us (Show hidden)."
        self.query_one("#library-status", Static).update(text)

    @on(OptionList.OptionHighlighted, "#library-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_card(event.option.id)

    def _show_card(self, card_id: str | None) -> None:
        card = self.cards.get(card_id or "")
        self.current = card.id if card else None
        if card is self._card_shown and card is not None:
            return  # the same card, unchanged: nothing to draw again
        self._card_shown = card
        text = self.query_one("#library-card-text", Static)
        text.update(card_renderable(card) if card else NOTHING_FITS)
        self.query_one("#library-card", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def highlighted_card(self) -> LibraryCard | None:
        """The card the keys act on: the one under the list's cursor (and on show)."""
        option = self.query_one("#library-list", OptionList).highlighted_option
        return self.cards.get(option.id or "") if option else None

    @on(OptionList.OptionSelected, "#library-list")
    def _open(self) -> None:
        self.add_class("reading")
        self.query_one("#library-card").focus()

    # -- marks --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mark", "edit"):
            return self.highlighted_card() is not None or None  # greyed out with no card
        if action == "undo":
            return self.undo is not None
        return True

    def action_mark(self, mark: str) -> None:
        card = self.highlighted_card()
        if card is None:
            return
        now_on = not getattr(card.marks, mark)
        self.undo = (card.id, card.marks)
        self._set_marks(card.id, msgspec.structs.replace(card.marks, **{mark: now_on}))
        said_on, said_off = MARK_WORDS[mark]
        self.notify(
            f"{card.activity.title} {said_on if now_on else said_off}.", timeout=5, markup=False
        )

    def action_undo(self) -> None:
        if self.undo is None:
            return
        card_id, marks = self.undo
        self.undo = None
        self._set_marks(card_id, marks)
        if card_id in self.shown:  # back under the cursor, where it was
            self.query_one("#library-list", OptionList).highlighted = self.shown.index(card_id)
        title = self.cards[card_id].activity.title
        self.notify(f"Undone: {title} is as it was.", timeout=4, markup=False)

    def _set_marks(self, card_id: str, marks: CardMarks) -> None:
        """Show the marks at once and save them in a thread."""
        self._replace_card(replace(self.cards[card_id], marks=marks))
        self._save_marks(card_id)
        self.refresh_bindings()

    def _replace_card(self, card: LibraryCard, old_id: str | None = None) -> None:
        """Put a changed or new card in its place, in the list and beside it."""
        if old_id is not None and old_id != card.id:  # an own card saved under a new id
            self.cards.pop(old_id, None)
            self._options.pop(old_id, None)
            if self.undo is not None and self.undo[0] == old_id:  # the marks went with it
                self.undo = (card.id, self.undo[1])
        known = card.id in self.cards
        self.cards[card.id] = card
        prompt = list_prompt(card)
        if known and card.id in self.shown:  # the list holds this option: change its words
            self.query_one("#library-list", OptionList).replace_option_prompt(card.id, prompt)
        else:
            self._options[card.id] = Option(prompt, id=card.id)
        self._sort()
        self.show_matches()
        if self.current == card.id:
            self._show_card(card.id)

    @work(thread=True, exit_on_error=False, group="marks")
    def _save_marks(self, card_id: str) -> None:
        # The newest marks win: each save writes what the screen shows when it runs.
        with self._saving:
            card = self.cards.get(card_id)
            if card is None:  # saved under a new id since: nothing left to mark
                return
            marks = card.marks
            try:
                self.companion.services.cards.mark(
                    card_id,
                    favourite=marks.favourite,
                    hidden=marks.hidden,
                    from_therapist=marks.from_therapist,
                )
            except Exception:
                self.app.call_from_thread(self._load)  # show what is really saved
                raise

    # -- own cards ----------------------------------------------------------------------

    def action_add(self) -> None:
        from companion.tui.screens.card_editor import CardEditorScreen

        self.app.push_screen(CardEditorScreen(), self._saved)

    def action_edit(self) -> None:
        from companion.tui.screens.card_editor import CardEditorScreen
        from companion.tui.screens.choice import AskScreen

        card = self.highlighted_card()
        if card is None:
            return
        if card.origin != "shipped":
            editor = CardEditorScreen(CardForm.from_activity(card.activity), replacing=card.id)
            self.app.push_screen(editor, lambda saved: self._saved(saved, card.id))
            return

        def answered(start_new: bool | None) -> None:
            if start_new:
                start = CardForm.starting_from(card.activity)
                self.app.push_screen(CardEditorScreen(start), self._saved)

        question = (
            f"{card.activity.title} came with companion, so it stays as it is. "
            "Would you like to write a card of your own, starting from its words?"
        )
        self.app.push_screen(AskScreen(question, "Start from its words"), answered)

    def _saved(self, card: LibraryCard | None, replacing: str | None = None) -> None:
        if card is None:
            return
        self._replace_card(card, old_id=replacing)
        if card.id not in self.shown:
            self.notify(
                f"Saved {card.activity.title}. It is not in the list because of the filters.",
                timeout=6,
                markup=False,
            )
        else:
            self.query_one("#library-list", OptionList).highlighted = self.shown.index(card.id)
            self.notify(f"Saved {card.activity.title}.", timeout=4, markup=False)
        if card.concerns:
            self.notify(card.concerns[0].sentence(), title="Please note", timeout=10, markup=False)

    # -- moving around ------------------------------------------------------------------

    def action_search(self) -> None:
        self.remove_class("reading")
        self.query_one("#library-search").focus()

    def action_back(self) -> None:
        if self.has_class("reading"):
            self.remove_class("reading")
            self.query_one("#library-list").focus()
            return
        self.dismiss(None)

    @on(Input.Submitted, "#library-search")
    def action_to_list(self) -> None:
        self.query_one("#library-list").focus()
