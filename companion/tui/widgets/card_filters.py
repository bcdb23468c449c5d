"""The Library's search box and filters, read as one `CardFilter`.

Each control says what it filters by in its own words ("Any place", "Up to 5 min"), so a
narrowed list is never a mystery."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Select

from companion.domain.activity import MAX_AGE, PLACES
from companion.domain.family import Dimension, TouchComfort
from companion.domain.library import CardFilter
from companion.tui.widgets.marked_checkbox import MarkedCheckbox

DIMENSIONS = [(dimension.value.capitalize(), dimension.value) for dimension in Dimension]
AGES = [(f"Age {age}", str(age)) for age in range(MAX_AGE + 1)]
MINUTES = [(f"Up to {minutes} min", str(minutes)) for minutes in (2, 3, 5, 10, 15)]
ENERGIES = [("Calm", "calm"), ("Lively", "lively")]
# "anywhere" is what a card says, not where a family is.
WHERE: list[tuple[str, str]] = [
    (place.capitalize(), place) for place in PLACES if place != "anywhere"
]
TOUCH = [
    ("Touch is fine", TouchComfort.COMFORTABLE.value),
    ("Light touch only", TouchComfort.LIGHT_ONLY.value),
    ("No touch", TouchComfort.NO_TOUCH.value),
]


class CardFilters(Vertical):
    """Search as you type, and one control per filter; posts `Changed` on every change."""

    class Changed(Message):
        def __init__(self, card_filter: CardFilter) -> None:
            super().__init__()
            self.card_filter = card_filter

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Search titles, steps and things needed",
            id="library-search",
            compact=True,
        )
        with Grid(id="library-filter-grid"):
            yield _choice(DIMENSIONS, "Any dimension", "filter-dimension")
            yield _choice(AGES, "Any age", "filter-age")
            yield _choice(MINUTES, "Any length", "filter-minutes")
            yield _choice(ENERGIES, "Calm or lively", "filter-energy")
            yield _choice(WHERE, "Any place", "filter-place")
            yield _choice(TOUCH, "Any touch", "filter-touch")
            yield MarkedCheckbox("Needs nothing", id="filter-needs-nothing", compact=True)
            yield MarkedCheckbox("Show hidden", id="filter-show-hidden", compact=True)

    def current(self) -> CardFilter:
        def chosen(widget_id: str) -> str | None:
            value = self.query_one(f"#{widget_id}", Select).value
            return value if isinstance(value, str) else None

        age, minutes, touch = chosen("filter-age"), chosen("filter-minutes"), chosen("filter-touch")
        dimension = chosen("filter-dimension")
        return CardFilter.from_search(
            self.query_one("#library-search", Input).value,
            dimension=Dimension(dimension) if dimension else None,
            age=int(age) if age else None,
            max_minutes=int(minutes) if minutes else None,
            energy=chosen("filter-energy"),
            place=chosen("filter-place"),
            needs_nothing=self.query_one("#filter-needs-nothing", Checkbox).value,
            touch=TouchComfort(touch) if touch else None,
            show_hidden=self.query_one("#filter-show-hidden", Checkbox).value,
        )

    @on(Input.Changed, "#library-search")
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed(self.current()))


def _choice(options: list[tuple[str, str]], prompt: str, widget_id: str) -> Select[str]:
    return Select(options, prompt=prompt, id=widget_id, compact=True)
