"""The family's library in the store: cards (shipped, own, imported) and the family's marks.

Its own module, so only commands that touch the library load the card schema (msgspec).
"""

from __future__ import annotations

from tinydb import Query

from companion.domain.activity import Activity
from companion.domain.library import CardMarks, LibraryCard
from companion.store.datastore import DataStore
from companion.store.schema import LIBRARY

LIBRARY_FILE = "library.json"


class LibraryRepository:
    """The family's cards and their marks, in one file."""

    def __init__(self, store: DataStore) -> None:
        self.store = store

    def load(self) -> list[LibraryCard]:
        tables = self.store.read(LIBRARY_FILE, LIBRARY)
        marks = {
            record["card"]: CardMarks.from_record(record)
            for record in tables.get("marks", {}).values()
        }
        cards = [
            LibraryCard.from_record(record, marks.get(record["id"]))
            for record in tables.get("cards", {}).values()
        ]
        return sorted(cards, key=lambda card: (card.activity.dimensions[0], card.activity.title))

    def shipped_fingerprint(self) -> str | None:
        tables = self.store.read(LIBRARY_FILE, LIBRARY)
        for record in tables.get("shipped", {}).values():
            return str(record["fingerprint"])
        return None

    def sync_shipped(self, shipped: list[Activity], fingerprint: str) -> None:
        """Bring in a new version's shipped cards; own cards and every mark stay as they are."""
        with self.store.transaction(LIBRARY_FILE, LIBRARY) as database:
            cards = database.table("cards")
            own_ids = {r["id"] for r in cards.all() if r["origin"] != "shipped"}
            cards.remove(Query().origin == "shipped")
            cards.insert_multiple(
                LibraryCard(card).to_record() for card in shipped if card.id not in own_ids
            )
            meta = database.table("shipped")
            meta.truncate()
            meta.insert({"fingerprint": fingerprint})

    def save_card(self, card: LibraryCard, replacing: str | None = None) -> None:
        """Add a card, or replace the card with its id (or `replacing`: its marks move to the
        new id). The new card is written first, so an interruption leaves both, never neither."""
        with self.store.transaction(LIBRARY_FILE, LIBRARY) as database:
            cards, marks = database.table("cards"), database.table("marks")
            cards.upsert(card.to_record(), Query().id == card.id)
            marks.upsert(card.marks.to_record(card.id), Query().card == card.id)
            if replacing is not None and replacing != card.id:
                cards.remove(Query().id == replacing)
                marks.remove(Query().card == replacing)

    def save_cards(self, cards: list[LibraryCard]) -> None:
        with self.store.transaction(LIBRARY_FILE, LIBRARY) as database:
            table = database.table("cards")
            for card in cards:
                table.upsert(card.to_record(), Query().id == card.id)

    def set_marks(self, card_id: str, marks: CardMarks) -> None:
        with self.store.transaction(LIBRARY_FILE, LIBRARY) as database:
            database.table("marks").upsert(marks.to_record(card_id), Query().card == card_id)
