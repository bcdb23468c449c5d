"""The family's library: every card with where it came from and the family's marks on it,
and the history of what was played, which the picker reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import msgspec

from companion.domain.activity import Activity
from companion.domain.family import Dimension, TouchComfort
from companion.domain.reflection import Reflection
from companion.domain.safety import SafetyConcern, card_concerns

Origin = Literal["shipped", "own", "imported"]
ORIGIN_LABELS: dict[Origin, str] = {
    "shipped": "from the companion library",
    "own": "written by us",
    "imported": "imported",
}


class CardMarks(msgspec.Struct, frozen=True):
    """What the family has said about a card; kept apart from the card, so a new version of
    a shipped card never loses them."""

    favourite: bool = False
    hidden: bool = False  # "not for us"
    from_therapist: bool = False


class MarksRecord(CardMarks, frozen=True, kw_only=True):
    """The marks as the library file keeps them: with the id of the card they are on."""

    card: str

    @classmethod
    def on(cls, card_id: str, marks: CardMarks) -> MarksRecord:
        return cls(card=card_id, **msgspec.structs.asdict(marks))

    @property
    def marks(self) -> CardMarks:
        return CardMarks(self.favourite, self.hidden, self.from_therapist)


class CardRecord(msgspec.Struct, frozen=True):
    """A card as the library file keeps it: where it came from; the marks live apart."""

    id: str
    origin: Origin
    card: Activity

    @classmethod
    def of(cls, card: LibraryCard) -> CardRecord:
        return cls(card.id, card.origin, card.activity)

    def with_marks(self, marks: CardMarks | None) -> LibraryCard:
        return LibraryCard.checked(self.card, self.origin, marks)


@dataclass(frozen=True)
class LibraryCard:
    activity: Activity
    origin: Origin = "shipped"
    marks: CardMarks = field(default_factory=CardMarks)
    concerns: tuple[SafetyConcern, ...] = field(default=())

    @classmethod
    def checked(
        cls, activity: Activity, origin: Origin = "shipped", marks: CardMarks | None = None
    ) -> LibraryCard:
        """A card with its safety concerns found (shipped cards are tested to have none)."""
        concerns = () if origin == "shipped" else tuple(card_concerns(activity))
        return cls(activity, origin, marks or CardMarks(), concerns)

    @property
    def id(self) -> str:
        return self.activity.id

    @property
    def suggestible(self) -> bool:
        """Never suggest a hidden card or one that crosses a safety line."""
        return not self.marks.hidden and not self.concerns


@dataclass(frozen=True)
class Played:
    """One activity played on one day, for some children, from a reflection."""

    day: date
    activity_id: str
    child_ids: tuple[str, ...]
    enjoyed: bool = False

    def involves(self, child_id: str) -> bool:
        # A reflection about no child in particular counts for every child.
        return not self.child_ids or child_id in self.child_ids


def played_from(reflections: Iterable[Reflection]) -> list[Played]:
    """What was played, from the reflections that name their activities."""
    return [
        Played(r.day, activity_id, r.children, activity_id in r.enjoyed)
        for r in reflections
        for activity_id in r.activities
    ]


@dataclass(frozen=True)
class CardFilter:
    """What the Library screen and `activities list` narrow the cards by; None is "any"."""

    words: tuple[str, ...] = ()
    dimension: Dimension | None = None
    age: int | None = None
    max_minutes: int | None = None
    energy: str | None = None
    place: str | None = None
    needs_nothing: bool = False
    touch: TouchComfort | None = None
    kind: str | None = None
    favourites_only: bool = False
    show_hidden: bool = False

    @classmethod
    def from_search(cls, search: str | None, **conditions: Any) -> CardFilter:
        return cls(words=tuple(search.casefold().split()) if search else (), **conditions)

    def matches(self, card: LibraryCard) -> bool:
        activity = card.activity
        checks = (
            self.show_hidden or not card.marks.hidden,
            self.dimension is None or self.dimension in activity.dimensions,
            self.age is None or activity.fits_age(self.age),
            self.max_minutes is None or activity.minutes <= self.max_minutes,
            self.energy is None or activity.energy == self.energy,
            self.place is None or activity.fits_place(self.place),
            not self.needs_nothing or activity.needs_nothing,
            self.touch is None or activity.offerable_to(self.touch),
            self.kind is None or activity.kind == self.kind,
            not self.favourites_only or card.marks.favourite,
        )
        if not all(checks):
            return False
        if self.words:
            text = activity.searchable_text()
            return all(word in text for word in self.words)
        return True

    def apply(self, cards: Iterable[LibraryCard]) -> list[LibraryCard]:
        return [card for card in cards if self.matches(card)]
