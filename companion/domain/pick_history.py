"""What the child played before the day, as the pick's score and reasons read it: when each
card and each dimension was last played, and how the last week shares out between the four
dimensions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from companion.domain.activity import Activity
from companion.domain.family import Child, Dimension
from companion.domain.library import LibraryCard, Played

WEEK = 7  # days the dimension balance looks back over
LOOK_BACK = 14  # days "No Nurture for N days" and "not played lately" look back over
RECENT = 4  # a game played this many days ago or less is strongly held back


@dataclass
class Past:
    """The child's games before the day, as the score and the reasons read them."""

    day: date
    card_last: dict[str, date] = field(default_factory=dict)  # newest play of each card
    enjoyed_last: dict[str, date] = field(default_factory=dict)
    dimension_last: dict[Dimension, date] = field(default_factory=dict)  # within LOOK_BACK
    week_halves: dict[Dimension, int] = field(default_factory=lambda: dict.fromkeys(Dimension, 0))
    week_mains: dict[Dimension, int] = field(default_factory=lambda: dict.fromkeys(Dimension, 0))
    played_lately: bool = False  # any game within LOOK_BACK

    def days_since_card(self, card_id: str) -> int | None:
        last = self.card_last.get(card_id)
        return None if last is None else (self.day - last).days

    def days_since_dimension(self, dimension: Dimension) -> int | None:
        last = self.dimension_last.get(dimension)
        return None if last is None else (self.day - last).days


def dimensions_of(activity: Activity) -> tuple[Dimension, ...]:
    # The first is the main one; a card naming one twice still counts it once.
    return tuple(dict.fromkeys(activity.dimensions))


def past_of(
    cards: Sequence[LibraryCard], child: Child, day: date, history: Iterable[Played]
) -> Past:
    games = {card.id: card.activity for card in cards if card.activity.kind == "game"}
    past = Past(day)
    for played in history:
        # Only days before today: the pick must not change once today's game is logged.
        if played.day >= day or not played.involves(child.id):
            continue
        if played.day > past.card_last.get(played.activity_id, date.min):
            past.card_last[played.activity_id] = played.day
        if played.enjoyed and played.day > past.enjoyed_last.get(played.activity_id, date.min):
            past.enjoyed_last[played.activity_id] = played.day
        activity = games.get(played.activity_id)
        if activity is None:  # a ritual, or a card no longer in the library
            continue
        age = (day - played.day).days
        dimensions = dimensions_of(activity)
        if age <= LOOK_BACK:
            past.played_lately = True
            for dimension in dimensions:
                if played.day > past.dimension_last.get(dimension, date.min):
                    past.dimension_last[dimension] = played.day
        if age <= WEEK:
            # Counted in halves: the main dimension is one whole, each other one a half.
            past.week_halves[dimensions[0]] += 2
            past.week_mains[dimensions[0]] += 1
            for dimension in dimensions[1:]:
                past.week_halves[dimension] += 1
    return past


def dimension_deficits(
    week_counts: dict[Dimension, int], child: Child
) -> dict[Dimension, Fraction]:
    """How far each dimension is behind its share of the week (negative: ahead of it).

    Each dimension's share is 1, or 2 when it is one of the child's focus dimensions."""
    weights = {d: 2 if d in child.focus else 1 for d in Dimension}
    all_weights = sum(weights.values())
    total = sum(week_counts.values())
    return {
        d: Fraction(weights[d], all_weights) - (Fraction(week_counts[d], total) if total else 0)
        for d in Dimension
    }
