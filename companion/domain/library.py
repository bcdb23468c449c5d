"""The family's library: every card with where it came from and the family's marks on it,
and the history of what was played, which the picker reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from companion.domain.activity import Activity
from companion.domain.safety import SafetyConcern, card_concerns

Origin = Literal["shipped", "own", "imported"]
ORIGIN_LABELS: dict[Origin, str] = {
    "shipped": "from the companion library",
    "own": "written by us",
    "imported": "imported",
}


@dataclass(frozen=True)
class CardMarks:
    """What the family has said about a card; kept apart from the card, so a new version of
    a shipped card never loses them."""

    favourite: bool = False
    hidden: bool = False  # "not for us"
    from_therapist: bool = False

    def to_record(self, card_id: str) -> dict[str, Any]:
        return {
            "card": card_id,
            "favourite": self.favourite,
            "hidden": self.hidden,
            "from_therapist": self.from_therapist,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> CardMarks:
        return cls(
            favourite=record["favourite"],
            hidden=record["hidden"],
            from_therapist=record["from_therapist"],
        )


@dataclass(frozen=True)
class LibraryCard:
    activity: Activity
    origin: Origin = "shipped"
    marks: CardMarks = CardMarks()
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
