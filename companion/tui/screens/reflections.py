"""Reflections: everything written, newest first, found again as you type, read in full,
changed in the full form, and deleted with an undo.

Every reflection is read once (in a thread; ten years is about 11,000). Searching and
filtering then happen in memory, and only the newest few hundred that fit are put in the
list, so each keystroke stays quick however long the family has been writing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from companion.domain.dates import day_words, parse_date
from companion.domain.errors import CompanionError
from companion.domain.family import Family
from companion.domain.reflection import Reflection, ReflectionQuery, newest_first, searchable
from companion.domain.states import ENGAGEMENT_WORDS, FEELING_WORDS
from companion.tui.base import CompanionNode
from companion.tui.widgets.marked_checkbox import MarkedCheckbox

# Below this width the list and the open reflection take turns; from it on, side by side.
TWO_COLUMNS_WIDTH = 100
SHOW_AT_ONCE = 200  # options in the list at a time; m (or the last line) shows more
MORE_ID = "show-more"  # the list's last line when more fit than are shown
FLAG = "[for our therapist]"  # a word, never only a colour
NOTHING_FITS = "No reflection fits all of that; try fewer words or filters."
NOTHING_YET = "Nothing written yet. Press r whenever you are ready."
DATE_PATIENCE = 1.0  # seconds of no typing before a date that cannot be read is mentioned
WRONG_WAY_ROUND = "The first date is after the second; swap them and the list will follow."


EVERYTHING = ReflectionQuery()


@dataclass(frozen=True)
class ReflectionIndex:
    """Every reflection, newest first, each beside its words folded once for searching."""

    entries: tuple[tuple[Reflection, str], ...]

    @classmethod
    def of(cls, reflections: Iterable[Reflection]) -> ReflectionIndex:
        return cls(tuple((r, searchable(r)) for r in newest_first(list(reflections))))

    @property
    def reflections(self) -> list[Reflection]:
        return [reflection for reflection, _ in self.entries]

    def __len__(self) -> int:
        return len(self.entries)

    def matching(self, query: ReflectionQuery) -> list[Reflection]:
        """What `query.matches`, newest first. The words are looked for in the folded text
        made once (`searchable`, as `matches` would fold it again for each reflection), one
        word at a time over what is left: a keystroke stays well under the eye's notice."""
        if not query.words:
            return [reflection for reflection, _ in self.entries if query.matches(reflection)]
        rest = replace(query, words=())
        entries = self.entries
        if rest != EVERYTHING:
            entries = tuple(e for e in entries if rest.matches(e[0]))
        for word in query.words:
            entries = tuple(e for e in entries if word in e[1])
        return [reflection for reflection, _ in entries]

    def without(self, reflection_id: str) -> ReflectionIndex:
        return ReflectionIndex(tuple(e for e in self.entries if e[0].id != reflection_id))

    def with_(self, reflection: Reflection) -> ReflectionIndex:
        entries = [*self.without(reflection.id).entries, (reflection, searchable(reflection))]
        entries.sort(key=lambda e: (e[0].day, e[0].written_at), reverse=True)  # newest first
        return ReflectionIndex(tuple(entries))

    def tags(self) -> list[str]:
        """Every tag used, most used first (then alphabetically)."""
        counts: dict[str, int] = {}
        for reflection, _ in self.entries:
            for tag in reflection.tags:
                counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts, key=lambda tag: (-counts[tag], tag))


IndexChange = Callable[[ReflectionIndex], ReflectionIndex]


@dataclass(frozen=True)
class Titles:
    """What the ids a reflection keeps are called: its routine's, its games'."""

    routines: dict[str, str] = field(default_factory=dict)
    games: dict[str, str] = field(default_factory=dict)


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
        self._date_timer: Timer | None = None
        self._keys: tuple[bool, ...] = ()  # which keys could act when last shown

    @property
    def family(self) -> Family:
        return self.companion.state.family

    def compose(self) -> ComposeResult:
        family = self.family
        yield Header()
        with Vertical(id="reflections-body"):
            with Vertical(id="reflections-filters"):
                yield Input(
                    placeholder="Search what was written, e.g. bath",
                    id="reflections-search",
                    compact=True,
                )
                with Grid(id="reflections-filter-grid"):
                    yield Select(
                        [(Text(f"About {c.name}"), c.id) for c in family.children],
                        prompt="Any child",
                        id="reflections-child",
                        compact=True,
                    )
                    yield Select(
                        [(Text(f"By {c.name}"), c.id) for c in family.caregivers],
                        prompt="Written by anyone",
                        id="reflections-by",
                        compact=True,
                    )
                    yield Select[str]([], prompt="Any tag", id="reflections-tag", compact=True)
                    yield Input(
                        placeholder="From (e.g. 30 days ago)",
                        id="reflections-since",
                        compact=True,
                    )
                    yield Input(
                        placeholder="Until (e.g. 2026-11-01)",
                        id="reflections-until",
                        compact=True,
                    )
                    yield MarkedCheckbox(
                        "For our therapist", id="reflections-flagged", compact=True
                    )
                yield Static("", id="reflections-date-problem", classes="error-line")
            yield Static("Opening your reflections…", id="reflections-status", classes="hint")
            with Horizontal(id="reflections-columns"):
                yield OptionList(id="reflections-list")
                with VerticalScroll(id="reflection-view", classes="panel"):
                    yield Static("", id="reflection-view-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#reflection-view").border_title = "The reflection"
        self.query_one("#reflections-date-problem").display = False
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
        self._show_tags(event.view.index.tags())
        self._shown_in_panel = None
        self.shown = []  # show them again, whatever was there
        self.show_matches(keep=self._wanted)
        self._wanted = None

    def _show_tags(self, tags: list[str]) -> None:
        select: Select[str] = self.query_one("#reflections-tag", Select)
        chosen = select.value
        with select.prevent(Select.Changed):
            select.set_options([(Text(f"#{tag}"), tag) for tag in tags])
            if isinstance(chosen, str) and chosen in tags:
                select.value = chosen

    def _read_query(self) -> ReflectionQuery | str:
        """What the filters ask for, or the sentence that says which date cannot be read."""

        def chosen(widget_id: str) -> str | None:
            value = self.query_one(f"#{widget_id}", Select).value
            return value if isinstance(value, str) else None

        today = self._today()
        days: list[date | None] = []
        for widget_id in ("reflections-since", "reflections-until"):
            typed = self.query_one(f"#{widget_id}", Input).value
            try:
                days.append(parse_date(typed, today=today) if typed.strip() else None)
            except CompanionError as error:
                return error.message
        since, until = days
        if since and until and since > until:
            return WRONG_WAY_ROUND
        return ReflectionQuery.build(
            since=since,
            until=until,
            search=self.query_one("#reflections-search", Input).value,
            tag=chosen("reflections-tag"),
            child_id=chosen("reflections-child"),
            for_therapist_only=self.query_one("#reflections-flagged", MarkedCheckbox).value,
            by=chosen("reflections-by"),
        )

    @on(Input.Changed, "#reflections-search")
    @on(Select.Changed)
    @on(MarkedCheckbox.Changed)
    def _filter_changed(self, event: Message) -> None:
        event.stop()
        self.refilter()

    @on(Input.Changed, "#reflections-since, #reflections-until")
    def _date_typed(self, event: Input.Changed) -> None:
        event.stop()
        self.refilter(patient=True)

    def refilter(self, patient: bool = False) -> None:
        """Read the filters again and show what fits. A date that cannot be read keeps the
        last list; it is mentioned at once, or (`patient`, while typing) after a pause."""
        if self._date_timer is not None:
            self._date_timer.stop()
            self._date_timer = None
        query = self._read_query()
        if isinstance(query, str):
            if patient:
                self._date_timer = self.set_timer(DATE_PATIENCE, self.refilter)
            else:
                self._say_date_problem(query)
            return
        self._say_date_problem("")
        if query != self.asked:
            self.asked = query
            self.limit = SHOW_AT_ONCE
            self.show_matches()

    def _say_date_problem(self, sentence: str) -> None:
        problem = self.query_one("#reflections-date-problem", Static)
        problem.update(Text(sentence))
        problem.display = bool(sentence)

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
        self._show_tags(index.tags())
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
        self.refilter()
        if not self.query_one("#reflections-date-problem").display:
            self.action_to_list()

    @on(Input.Blurred, "#reflections-since, #reflections-until")
    def _date_left(self) -> None:
        self.refilter()


def plural(count: int) -> str:
    return "reflection" if count == 1 else "reflections"


def more_prompt(more: int) -> Text:
    return Text(
        f"{more:,} older {plural(more)} fit too: press m (or here) to show "
        f"{min(more, SHOW_AT_ONCE):,} more.",
        style="italic",
    )


def names(ids: Sequence[str], family: Family) -> str:
    return ", ".join(family.name_of(i) for i in ids)


def first_words(reflection: Reflection) -> str:
    """The first line of what happened, or of the first part written."""
    parts = reflection.written_parts()
    if not parts:
        return ""
    label, words = parts[0]
    line = next((ln.strip() for ln in words.splitlines() if ln.strip()), "")
    return line if label == "What happened" else f"{label}: {line}"


def row_prompt(reflection: Reflection, family: Family, today: date) -> Text:
    """One reflection in the list, two lines: when, the flag (early, so a narrow column
    never cuts it off), about whom, who wrote it and the tags; then the first line written."""
    text = Text()
    text.append(day_words(reflection.day, today), style="bold")
    if reflection.for_therapist:
        text.append(f" · {FLAG}", style="italic")
    if reflection.children:
        text.append(f" · {names(reflection.children, family)}")
    if reflection.by:
        text.append(f" · by {family.name_of(reflection.by)}")
    if reflection.tags:
        text.append(" · " + " ".join(f"#{tag}" for tag in reflection.tags), style="dim")
    text.append("\n  " + first_words(reflection))
    return text


def reflection_detail(reflection: Reflection, family: Family, today: date, titles: Titles) -> Text:
    """The whole reflection: every written part under its label, then how it went."""
    text = Text()
    text.append(f"{reflection.day:%A %d %B %Y}", style="bold")
    about = names(reflection.children, family)
    who = [
        f"written by {family.name_of(reflection.by)}" if reflection.by else "",
        f"about {about}" if about else "",
    ]
    said = ", ".join(w for w in who if w)
    if said:
        text.append("\n" + said[0].upper() + said[1:])
    if reflection.for_therapist:
        text.append(f"\n{FLAG} to talk about at the next appointment", style="italic")
    if reflection.tags:
        text.append("\nTags: " + " ".join(f"#{tag}" for tag in reflection.tags))
    for label, words in reflection.written_parts():
        text.append(f"\n\n{label}\n", style="bold")
        text.append(words)
    how = how_it_went(reflection, titles)
    if how:
        text.append("\n\n")
        text.append("\n".join(how))
    text.append("\n\n")
    text.append(written_when(reflection, today), style="dim")
    return text


def how_it_went(reflection: Reflection, titles: Titles) -> list[str]:
    lines: list[str] = []
    if reflection.activities:
        played = ", ".join(
            # A card since deleted is still named, from its id.
            titles.games.get(card, card.replace("-", " "))
            + (" (enjoyed)" if card in reflection.enjoyed else "")
            for card in reflection.activities
        )
        lines.append(f"Played: {played}")
    if reflection.routine:
        routine = titles.routines.get(reflection.routine, "one no longer kept")
        lines.append(f"Routine: {routine}")
    if reflection.engagement is not None:
        words = ENGAGEMENT_WORDS.get(reflection.engagement, "")
        lines.append(f"Engagement: {words} ({reflection.engagement} of 5)")
    if reflection.before or reflection.after:
        before = reflection.before or "not noted"
        after = reflection.after or "not noted"
        lines.append(f"My child before: {before}; after: {after}")
    if reflection.feeling:
        lines.append(f"How I was: {FEELING_WORDS[reflection.feeling]}")
    return lines


def written_when(reflection: Reflection, today: date) -> str:
    written = reflection.written_at
    said = f"First written {day_words(written.date(), today)} at {written:%H:%M}"
    if reflection.edited_at is not None:
        edited = reflection.edited_at
        said += f"; edited {day_words(edited.date(), today)} at {edited:%H:%M}"
    return said + "."
