"""The family's library of connection games: `services.cards.all()`, `.find(...)`, `.mark(...)`,
`.save_own(...)`, `.add_imported(...)`. Shipped cards are brought up to date with the installed
package the first time the library is read."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import msgspec

from companion.domain.errors import CompanionError
from companion.domain.library import CardFilter, LibraryCard
from companion.exchange import card_files
from companion.store.datastore import DataStore
from companion.store.library_repository import LibraryRepository

if TYPE_CHECKING:
    from companion.domain.activity import Activity


class CardService:
    def __init__(self, store: DataStore) -> None:
        self.repo = LibraryRepository(store)

    def all(self) -> list[LibraryCard]:
        """Every card, the shipped ones brought up to date with the installed package first."""
        folder = card_files.shipped_folder()
        fingerprint = card_files.fingerprint(folder)
        if self.repo.shipped_fingerprint() != fingerprint:
            self.repo.sync_shipped(card_files.load_shipped(folder), fingerprint)
        return self.repo.load()

    def find(self, card_filter: CardFilter) -> list[LibraryCard]:
        return card_filter.apply(self.all())

    def get(self, card_id: str) -> LibraryCard:
        return card_in(self.all(), card_id)

    def mark(
        self,
        card_id: str,
        *,
        favourite: bool | None = None,
        hidden: bool | None = None,
        from_therapist: bool | None = None,
    ) -> LibraryCard:
        card = self.get(card_id)
        changes = {"favourite": favourite, "hidden": hidden, "from_therapist": from_therapist}
        given = {name: value for name, value in changes.items() if value is not None}
        marks = msgspec.structs.replace(card.marks, **given)
        self.repo.set_marks(card.id, marks)
        return replace(card, marks=marks)

    def save_own(self, activity: Activity, *, replacing: str | None = None) -> LibraryCard:
        """Add or edit one of the family's own cards (a shipped card is never overwritten)."""
        cards = {card.id: card for card in self.all()}
        existing = cards.get(activity.id)
        if existing is not None and activity.id != replacing:
            raise CompanionError(
                f'There is already a card with the id "{activity.id}" ({existing.activity.title}); '
                "please choose another id."
            )
        if replacing is not None:
            before = card_in(list(cards.values()), replacing)
            if before.origin == "shipped":
                raise CompanionError(
                    f"{before.activity.title} came with companion and cannot be changed; "
                    "write your own card instead (you can start from its words)."
                )
        # An edit keeps the family's marks (a hidden card stays hidden), under a new id too.
        marks = cards[replacing].marks if replacing is not None else None
        card = LibraryCard.checked(activity, "own", marks)
        self.repo.save_card(card, replacing=replacing)
        return card

    def add_imported(self, activities: list[Activity]) -> list[LibraryCard]:
        """Cards from a file (another home, our therapist); importing twice changes nothing."""
        origins = {card.id: card.origin for card in self.all()}
        ids = [activity.id for activity in activities]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise CompanionError(
                f"More than one card to import has the id {', '.join(twice)}; "
                "give each card its own id, and nothing was imported."
            )
        for origin, kind in (("shipped", "come with companion"), ("own", "you wrote")):
            clashing = [i for i in ids if origins.get(i) == origin]
            if clashing:
                raise CompanionError(
                    f"These cards have the ids of cards that {kind}: {', '.join(clashing)}; "
                    "give them ids of their own and import again (nothing was imported)."
                )
        cards = [LibraryCard.checked(activity, "imported") for activity in activities]
        self.repo.save_cards(cards)
        return cards


def card_in(cards: list[LibraryCard], card_id: str) -> LibraryCard:
    """The card with this id (as typed: any case, spaces around), or one clear sentence."""
    wanted = card_id.strip().casefold()
    for card in cards:
        if card.id == wanted:
            return card
    raise CompanionError(
        f'There is no activity with the id "{card_id.strip()}"; '
        "`companion activities list` shows every card with its id."
    )
