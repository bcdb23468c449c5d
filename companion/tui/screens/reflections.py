"""Reflections: everything written, newest first, found again as you type, read in full,
changed in the full form, and deleted with an undo.

Every reflection is read once (in a thread; ten years is about 11,000). Searching and
filtering then happen in memory, and only the newest few hundred that fit are put in the
list, so each keystroke stays quick however long the family has been writing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.dates import day_words
from companion.domain.family import Family
from companion.domain.reflection import Reflection, ReflectionQuery
from companion.domain.reflection_index import IndexChange, ReflectionIndex
from companion.tui.base import CompanionNode
from companion.tui.screens.reflection_text import (
    SHOW_AT_ONCE,
    Titles,
    more_prompt,
    plural,
    reflection_detail,
    row_prompt,
)
from companion.tui.widgets.reflection_filters import ReflectionFilters

# Below this width the list and the open reflection take turns; from it on, side by side.
TWO_COLUMNS_WIDTH = 100
MORE_ID = "show-more"  # the list's last line when more fit than are shown
NOTHING_FITS = "No reflection fits all of that; try fewer words or filters."
NOTHING_YET = "Nothing written yet. Press r whenever you are ready."


@dataclass(frozen=True)
class ReflectionsView:
    """What one load found."""

    index: ReflectionIndex
    today: date
    titles: Titles  # for the open reflection


class ReflectionsScreen(Screen[None], CompanionNode):
    CSS_PATH = "reflections.tcss"
    TITLE = "Reflections"
    SUB_TITLE = "what we noticed, newest first"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="reflections-edit",
                tooltip="Change this reflection in the full form"),
        Binding("d,delete", "delete", "Delete", id="reflections-delete", key_display="d",
                tooltip="Delete this reflection (u brings it back)"),
        Binding("u", "undo", "Undo", id="reflections-undo",
                tooltip="Bring back the reflection deleted last"),
        Binding("m", "more", "More", id="reflections-more",
                tooltip=f"Show {SHOW_AT_ONCE} more of the older reflections that fit"),
        Binding("slash", "search", "Search", id="reflections-search-key", key_display="/",
                show=False, tooltip="Back to the search box"),
        Binding("escape", "back", "Back", id="reflections-back",
                tooltip="Close the reflection, or go back"),
        # From the search box (or a date) straight down into the list.
        Binding("down", "to_list", "To the list", id="reflections-to-list", show=False),
    ]  # fmt: skip

    class Loaded(Message):
        def __init__(self, view: ReflectionsView, changes: int) -> None:
            super().__init__()
            self.view = view
            self.changes = changes  # the screen's changes when the load began

    def __init__(self) -> None:
        super().__init__()
        self.view: ReflectionsView | None = None
        self.asked = ReflectionQuery()  # what the filters asked for last (dates that read)
        self.matches: list[Reflection] = []  # every reflection that fits, newest first
        self.limit = SHOW_AT_ONCE
        self.shown: list[str] = []  # the ids in the list now
        self.deleted: list[Reflection] = []  # u brings back the last one
        self._by_id: dict[str, Reflection] = {}
        self._options: dict[str, tuple[Reflection, Option]] = {}  # made once, as shown
        self._shown_in_panel: Reflection | None = None
        self._wanted: str | None = None  # to highlight after the next load
        self._changes = 0  # deletes and undos made in memory: an older load is stale
        self._busy = False  # a delete or an undo is being saved
        self._keys: tuple[bool, ...] = ()  # which keys could act when last shown

    @property
    def family(self) -> Family:
        return self.companion.state.family

    @property
    def filters(self) -> ReflectionFilters:
        return self.query_one(ReflectionFilters)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="reflections-body"):
            yield ReflectionFilters(self.family, today=self._today)
            yield Static("Opening your reflections…", id="reflections-status", classes="hint")
            with Horizontal(id="reflections-columns"):
                yield OptionList(id="reflections-list")
                with VerticalScroll(id="reflection-view", classes="panel"):
                    yield Static("", id="reflection-view-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#reflection-view").border_title = "The reflection"
        self.query_one("#reflections-search").focus()

    def on_screen_resume(self) -> None:
        # First shown, and back from the full form or a new reflection (r): read again.
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < TWO_COLUMNS_WIDTH, "narrow")

    # -- loading once, filtering in memory ------------------------------------------------

    def reload(self, highlight: str | None = None) -> None:
        """Read every reflection again; the filters, the search and the cursor stay."""
        self._wanted = highlight or self._wanted or self.highlighted_id()
        self._load(self._changes)

    @work(thread=True, exclusive=True, exit_on_error=False, group="reflections")
    def _load(self, changes: int) -> None:
        services = self.companion.services
        index = ReflectionIndex.of(services.reflections.find(ReflectionQuery()))
        titles = Titles(
            routines={routine.id: routine.name for routine in services.routines.all()},
            games={card.id: card.activity.title for card in services.cards.all()},
        )
        self.post_message(self.Loaded(ReflectionsView(index, services.today(), titles), changes))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.changes != self._changes:  # read before a delete or an undo landed
            self.reload()
            return
        self.view = event.view
        self._by_id = {r.id: r for r in event.view.index.reflections}
        self._options = {i: made for i, made in self._options.items() if i in self._by_id}
        self.filters.show_tags(event.view.index.tags())
        self._shown_in_panel = None
        self.shown = []  # show them again, whatever was there
        self.show_matches(keep=self._wanted)
        self._wanted = None

    @on(ReflectionFilters.Asked)
    def _asked(self, event: ReflectionFilters.Asked) -> None:
        if event.query != self.asked:
            self.asked = event.query
            self.limit = SHOW_AT_ONCE
            self.show_matches()

    def show_matches(self, keep: str | None = None) -> None:
        """Put the newest reflections that fit in the list (options are made once each and
        reused); the one under the cursor stays there if it still fits."""
        if self.view is None:
            return
        keep = keep or self.highlighted_id()
        self.matches = self.view.index.matching(self.asked)
        ids = [r.id for r in self.matches[: self.limit]]
        more = len(self.matches) - len(ids)
        option_list = self.query_one("#reflections-list", OptionList)
        if ids != self.shown or more:
            options = [self._option(self._by_id[i]) for i in ids]
            if more:
                options.append(Option(more_prompt(more), id=MORE_ID))
            option_list.set_options(options)
            self.shown = ids
            if ids:
                option_list.highlighted = ids.index(keep) if keep in ids else 0
        self._show_status(more)
        self._show_reflection()
        self._refresh_keys()

    def _option(self, reflection: Reflection) -> Option:
        """The list's line for a reflection, made again only when its words changed."""
        made = self._options.get(reflection.id)
        if made is not None and made[0] == reflection:
            return made[1]
        option = Option(row_prompt(reflection, self.family, self._today()), id=reflection.id)
        self._options[reflection.id] = (reflection, option)
        return option

    def _today(self) -> date:
        return self.view.today if self.view else date.today()

    def _show_status(self, more: int) -> None:
        if self.view is None:
            return
        total, fits = len(self.view.index), len(self.matches)
        if not total:
            text = NOTHING_YET
        elif not fits:
            text = NOTHING_FITS
        elif more:
            shown = f"{len(self.shown):,}"
            text = (
                f"Showing the newest {shown} of {total:,} — type to search or filter to narrow."
                if fits == total
                else f"The newest {shown} of {fits:,} that fit; more words or filters narrow it."
            )
        elif fits == total:
            text = f"All {total:,} {plural(total)}, newest first. Enter opens one."
        else:
            text = f"{fits:,} of {total:,} {plural(total)} fit, newest first. Enter opens one."
        self.query_one("#reflections-status", Static).update(text)

    @on(OptionList.OptionHighlighted, "#reflections-list")
    def _highlight_moved(self) -> None:
        self._show_reflection()
        self._refresh_keys()

    def _show_reflection(self) -> None:
        reflection = self.highlighted()
        if reflection is self._shown_in_panel and reflection is not None:
            return  # the same one, unchanged: nothing to draw again
        self._shown_in_panel = reflection
        text = self.query_one("#reflection-view-text", Static)
        if reflection is None:
            text.update(NOTHING_FITS if self.view and self.view.index else "")
            self.remove_class("reading")
        else:
            titles = self.view.titles if self.view else Titles()
            text.update(reflection_detail(reflection, self.family, self._today(), titles))
        self.query_one("#reflection-view", VerticalScroll).scroll_home(animate=False)

    def highlighted_id(self) -> str | None:
        option = self.query_one("#reflections-list", OptionList).highlighted_option
        return option.id if option and option.id != MORE_ID else None

    def highlighted(self) -> Reflection | None:
        """The reflection the keys act on: the one under the list's cursor."""
        return self._by_id.get(self.highlighted_id() or "")

    @on(OptionList.OptionSelected, "#reflections-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE_ID:
            self.action_more()
            return
        self.add_class("reading")
        self.query_one("#reflection-view").focus()

    # -- keys -------------------------------------------------------------------------------

    def _refresh_keys(self) -> None:
        """Show the keys that can act now; only when that changed, as the footer is redrawn
        in full (a keystroke in the search box would otherwise pay for it every time)."""
        keys = (self.highlighted() is not None, bool(self.deleted), self._more_to_show())
        if keys != self._keys:
            self._keys = keys
            self.refresh_bindings()

    def _more_to_show(self) -> bool:
        return len(self.matches) > len(self.shown)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return self.highlighted() is not None or None  # greyed out with none to act on
        if action == "undo":
            return bool(self.deleted)  # in the footer only when there is one to bring back
        if action == "more":
            return self._more_to_show()
        return True

    def action_more(self) -> None:
        if len(self.matches) <= len(self.shown):
            return
        keep = self.highlighted_id()
        at = len(self.shown)
        self.limit = len(self.shown) + SHOW_AT_ONCE
        self.show_matches(keep=keep)
        if keep is None and at < len(self.shown):  # from the "more" line: the first new one
            self.query_one("#reflections-list", OptionList).highlighted = at

    def action_edit(self) -> None:
        from companion.tui.screens.reflection_full import FullReflectionScreen

        reflection = self.highlighted()
        if reflection is None:
            return
        form = FullReflectionScreen(
            self.family, self.companion.state.reflection_defaults, editing=reflection
        )
        self.app.push_screen(form, lambda saved: self._edited(reflection, saved))

    def _edited(self, reflection: Reflection, saved: object) -> None:
        if saved is not None:  # the list reads again when the screen is back (resume)
            self._wanted = reflection.id

    def action_delete(self) -> None:
        reflection = self.highlighted()
        if reflection is None or self._busy:
            return
        self._busy = True
        self._delete(reflection)

    @work(thread=True, exit_on_error=False, group="reflections-change")
    def _delete(self, reflection: Reflection) -> None:
        self.companion.services.delete_reflection(reflection)
        self.app.call_from_thread(self._deleted, reflection)

    def _deleted(self, reflection: Reflection) -> None:
        self._busy = False
        self.deleted.append(reflection)
        self._change(lambda index: index.without(reflection.id))
        self.remove_class("reading")  # its neighbour is under the cursor now, not opened
        self.query_one("#reflections-list" if self.shown else "#reflections-search").focus()
        self.notify(
            f"Deleted the reflection from {day_words(reflection.day, self._today())}. "
            "Press u to undo.",
            timeout=8,
            markup=False,
        )

    def action_undo(self) -> None:
        if not self.deleted or self._busy:
            return
        self._busy = True
        self._undo(self.deleted[-1])

    @work(thread=True, exit_on_error=False, group="reflections-change")
    def _undo(self, reflection: Reflection) -> None:
        self.companion.services.undo_delete_reflection(reflection)
        self.app.call_from_thread(self._undone, reflection)

    def _undone(self, reflection: Reflection) -> None:
        self._busy = False
        if self.deleted and self.deleted[-1] is reflection:
            self.deleted.pop()
        self._change(lambda index: index.with_(reflection), keep=reflection.id)
        day = day_words(reflection.day, self._today())
        fits = "" if reflection.id in self.shown else " (the filters leave it out of the list)"
        self.notify(f"The reflection from {day} is back{fits}.", timeout=5, markup=False)

    def _change(self, change: IndexChange, keep: str | None = None) -> None:
        """A delete or an undo, saved: shown at once, without reading everything again."""
        if self.view is None:
            return
        self._changes += 1
        index = change(self.view.index)
        self.view = replace(self.view, index=index)
        self._by_id = {r.id: r for r in index.reflections}
        self.filters.show_tags(index.tags())
        if keep is None:  # the deleted one's neighbour takes its place
            at = self.shown.index(self.highlighted_id() or "") if self.highlighted_id() else 0
            self.show_matches()
            if self.shown:
                option_list = self.query_one("#reflections-list", OptionList)
                option_list.highlighted = min(at, len(self.shown) - 1)
        else:
            self.show_matches(keep=keep)

    def show_worker_error(self, text: str) -> bool:
        self._busy = False
        return False  # said in a notification, as everywhere

    # -- moving around ------------------------------------------------------------------

    def action_search(self) -> None:
        self.remove_class("reading")
        self.query_one("#reflections-search").focus()

    def action_back(self) -> None:
        if self.has_class("reading"):
            self.remove_class("reading")
            self.query_one("#reflections-list").focus()
            return
        self.dismiss(None)

    @on(Input.Submitted, "#reflections-search")
    def action_to_list(self) -> None:
        self.query_one("#reflections-list").focus()

    @on(Input.Submitted, "#reflections-since, #reflections-until")
    def _date_entered(self) -> None:
        if self.filters.ask():  # a date that reads: on to the list
            self.action_to_list()
