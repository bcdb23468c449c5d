"""The family's library in the store: cards (shipped, own, imported) and the family's marks.

Its own module, so only commands that touch the library load the card types.
"""

from __future__ import annotations

import msgspec
from tinydb import Query

from companion.domain.activity import Activity
from companion.domain.library import CardMarks, CardRecord, LibraryCard, MarksRecord
from companion.store.datastore import DataStore, put
from companion.store.schema import LIBRARY

LIBRARY_FILE = "library.json"


class Shipped(msgspec.Struct, frozen=True):
    """The fingerprint of the shipped cards last copied in: a new version brings new ones."""

    fingerprint: str


class LibraryTables(msgspec.Struct):
    cards: dict[str, CardRecord] = {}
    marks: dict[str, MarksRecord] = {}
    shipped: dict[str, Shipped] = {}


class LibraryRepository:
    """The family's cards and their marks, in one file."""

    def __init__(self, store: DataStore) -> None:
        self.store = store

    def load(self) -> list[LibraryCard]:
        tables = self.store.read(LIBRARY_FILE, LIBRARY)
        marks = {record.card: record.marks for record in tables.marks.values()}
        cards = [record.with_marks(marks.get(record.id)) for record in tables.cards.values()]
        return sorted(cards, key=lambda card: (card.activity.dimensions[0], card.activity.title))

    def shipped_fingerprint(self) -> str | None:
        shipped = self.store.read(LIBRARY_FILE, LIBRARY).shipped.values()
        return next((record.fingerprint for record in shipped), None)

    def sync_shipped(self, shipped: list[Activity], fingerprint: str) -> None:
        """Bring in a new version's shipped cards; own cards and every mark stay as they are."""
        with self.store.transaction(LIBRARY_FILE, LIBRARY) as database:
            cards = database.table("cards")
            own_ids = {r["id"] for r in cards.all() if r["origin"] != "shipped"}
            cards.remove(Query().origin == "shipped")
            cards.insert_multiple(
                msgspec.to_builtins(CardRecord(card.id, "shipped", card))
                for card in shipped
                if card.id not in own_ids
            )
            meta = database.table("shipped")
            meta.truncate()
            meta.insert(msgspec.to_builtins(Shipped(fingerprint)))

    def save_card(self, card: LibraryCard, replacing: str | None = None) -> None:
        """Add a card, or replace the card with its id (or `replacing`: its marks move to the
        new id), in one write."""
        with self.store.transaction(LIBRARY_FILE, LIBRARY) as database:
            cards, marks = database.table("cards"), database.table("marks")
            put(cards, CardRecord.of(card), Query().id == card.id)
            put(marks, MarksRecord.on(card.id, card.marks), Query().card == card.id)
            if replacing is not None and replacing != card.id:
                cards.remove(Query().id == replacing)
                marks.remove(Query().card == replacing)

    def save_cards(self, cards: list[LibraryCard]) -> None:
        with self.store.transaction(LIBRARY_FILE, LIBRARY) as database:
            table = database.table("cards")
            for card in cards:
                put(table, CardRecord.of(card), Query().id == card.id)

    def set_marks(self, card_id: str, marks: CardMarks) -> None:
        with self.store.transaction(LIBRARY_FILE, LIBRARY) as database:
            put(database.table("marks"), MarksRecord.on(card_id, marks), Query().card == card_id)
