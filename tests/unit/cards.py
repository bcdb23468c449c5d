"""The shipped activity cards, read straight from the repository's `activities/` folder."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from functools import cache
from pathlib import Path

from companion.domain.activity import parse_card
from companion.domain.library import CardMarks, LibraryCard

ACTIVITIES = Path(__file__).resolve().parents[2] / "activities"


@cache
def shipped_cards() -> tuple[LibraryCard, ...]:
    """Every shipped card, in a fixed order (by id), as a family's library holds it."""
    cards = [
        LibraryCard.checked(parse_card(tomllib.loads(path.read_text(encoding="utf-8"))))
        for path in ACTIVITIES.rglob("*.toml")
    ]
    return tuple(sorted(cards, key=lambda card: card.id))


def card(card_id: str) -> LibraryCard:
    for each in shipped_cards():
        if each.id == card_id:
            return each
    raise KeyError(card_id)


def with_marks(cards: tuple[LibraryCard, ...], **marks: CardMarks) -> list[LibraryCard]:
    """The cards, with the family's marks on some of them (by card id, hyphens as underscores)."""
    wanted = {name.replace("_", "-"): mark for name, mark in marks.items()}
    return [replace(c, marks=wanted[c.id]) if c.id in wanted else c for c in cards]
