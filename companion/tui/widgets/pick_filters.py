"""What the caregiver can say about now: minutes available, the place, calm or lively."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Select

from companion.domain.activity import PLACES, Place
from companion.domain.picker import Conditions
from companion.domain.states import Feeling

MINUTES = [(f"Up to {m} min", m) for m in (5, 10, 15)]
PLACE_CHOICES: list[tuple[str, Place]] = [
    (place.capitalize(), place) for place in PLACES if place != "anywhere"
]
ENERGY_CHOICES = [("Calm", "calm"), ("Lively", "lively")]


class PickFilters(Horizontal):
    """Three optional choices; a blank one means "any". Changes bubble up as Select.Changed."""

    def compose(self) -> ComposeResult:
        yield Select(MINUTES, prompt="Any length", id="filter-minutes", compact=True)
        yield Select(PLACE_CHOICES, prompt="Any place", id="filter-place", compact=True)
        yield Select(ENERGY_CHOICES, prompt="Calm or lively", id="filter-energy", compact=True)

    def conditions(self, feeling: Feeling) -> Conditions:
        minutes = self.query_one("#filter-minutes", Select).value
        chosen = self.query_one("#filter-place", Select).value
        place = next((p for _, p in PLACE_CHOICES if p == chosen), None)
        energy = self.query_one("#filter-energy", Select).value
        return Conditions(
            minutes=minutes if isinstance(minutes, int) else None,
            place=place,
            energy="lively" if energy == "lively" else "calm" if energy == "calm" else None,
            feeling=feeling,
        )
