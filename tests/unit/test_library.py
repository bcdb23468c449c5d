"""The family's library: shipped cards copied in and kept up to date, marks, own cards."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from companion.domain.activity import parse_card
from companion.domain.errors import CompanionError
from companion.domain.family import Dimension, TouchComfort
from companion.domain.library import CardFilter
from companion.exchange import card_files
from companion.services import Services

SHIPPED = Path(__file__).parents[2] / "activities"


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped cards the test can change, as a new package version would."""
    folder = tmp_path / "package-activities"
    shutil.copytree(SHIPPED, folder)
    monkeypatch.setattr(card_files, "shipped_folder", lambda: folder)
    return folder


def own_card(card_id: str = "kitchen-disco", **changes: object) -> dict[str, object]:
    card: dict[str, object] = {
        "id": card_id,
        "title": "Kitchen disco",
        "kind": "game",
        "dimensions": ["engagement"],
        "ages": [3, 10],
        "minutes": 5,
        "energy": "lively",
        "places": ["anywhere"],
        "touch": "none",
        "steps": ["Put on one song you both like.", "Dance; copy each other's silliest move."],
        "notice": "Who leads, and does your child check that you are watching?",
        "easier": "Just nod along together.",
        "harder": "Freeze when the music stops.",
        "why": "Shared silliness is delight, and delight tells a child they are enjoyed.",
        "helps": ["delight", "attunement"],
    }
    card.update(changes)
    return card


def test_the_whole_shipped_library_is_copied_in_on_first_use(services: Services) -> None:
    cards = services.cards.all()
    assert len(cards) == len(card_files.card_paths(SHIPPED)) == 72
    assert {card.origin for card in cards} == {"shipped"}
    assert all(card.suggestible and not card.concerns for card in cards)
    dimensions = {d: 0 for d in Dimension}
    for card in cards:
        if card.activity.kind == "game":
            dimensions[card.activity.dimensions[0]] += 1
    assert all(count >= 14 for count in dimensions.values()), dimensions
    kinds = [card.activity.kind for card in cards]
    assert kinds.count("hello") >= 4 and kinds.count("goodbye") >= 4


def test_a_new_version_brings_changed_cards_and_keeps_marks_and_own_cards(
    services: Services, shipped: Path
) -> None:
    services.cards.all()
    services.cards.mark("lotion-hands", favourite=True, from_therapist=True)
    services.cards.mark("thumb-war", hidden=True)
    services.cards.save_own(parse_card(own_card()))

    # The next version rewords one card, drops another and adds a new one.
    lotion = shipped / "nurture" / "lotion-hands.toml"
    lotion.write_text(
        lotion.read_text().replace('title = "Lotion hands"', 'title = "Lotion for hands"')
    )
    (shipped / "engagement" / "thumb-war.toml").unlink()
    new = own_card("shadow-puppets", title="Shadow puppets")
    (shipped / "engagement" / "shadow-puppets.toml").write_text(
        card_files.card_toml(parse_card(new))
    )

    cards = {card.id: card for card in services.cards.all()}

    assert cards["lotion-hands"].activity.title == "Lotion for hands"
    assert cards["lotion-hands"].marks.favourite and cards["lotion-hands"].marks.from_therapist
    assert "thumb-war" not in cards
    assert cards["shadow-puppets"].origin == "shipped"
    assert cards["kitchen-disco"].origin == "own"
    assert len(cards) == 73


def test_the_library_is_read_without_writing_when_nothing_changed(services: Services) -> None:
    services.cards.all()
    library_file = services.root / "library.json"
    before = library_file.stat().st_mtime_ns, library_file.read_bytes()
    services.cards.all()
    assert (library_file.stat().st_mtime_ns, library_file.read_bytes()) == before


def test_marks_are_kept_and_can_be_taken_off(services: Services) -> None:
    services.cards.mark("Lotion-Hands", favourite=True)
    assert Services(services.root).cards.get("lotion-hands").marks.favourite
    services.cards.mark("lotion-hands", favourite=False)
    assert not Services(services.root).cards.get("lotion-hands").marks.favourite


def test_an_unknown_card_is_one_sentence(services: Services) -> None:
    with pytest.raises(CompanionError) as raised:
        services.cards.get("flying-carpet")
    assert raised.value.message == (
        'There is no activity with the id "flying-carpet"; '
        "`companion activities list` shows every card with its id."
    )


def test_an_own_card_that_crosses_a_safety_line_is_kept_with_a_warning(
    services: Services,
) -> None:
    risky = own_card("calm-down-hug", steps=["Hold your child until they calm down."])
    card = services.cards.save_own(parse_card(risky))
    assert not card.suggestible
    [concern] = Services(services.root).cards.get("calm-down-hug").concerns
    assert concern.concern == "holding or restraining a child"
    assert concern.field == "steps 1"


def test_an_own_card_cannot_take_a_shipped_cards_id_or_change_a_shipped_card(
    services: Services,
) -> None:
    with pytest.raises(CompanionError, match="already a card with the id"):
        services.cards.save_own(parse_card(own_card("lotion-hands")))
    with pytest.raises(CompanionError, match="came with companion and cannot be changed"):
        services.cards.save_own(parse_card(own_card("lotion-hands")), replacing="lotion-hands")


def test_editing_an_own_card_can_rename_it(services: Services) -> None:
    services.cards.save_own(parse_card(own_card()))
    services.cards.save_own(
        parse_card(own_card("living-room-disco", title="Living room disco")),
        replacing="kitchen-disco",
    )
    ours = [card.id for card in services.cards.all() if card.origin == "own"]
    assert ours == ["living-room-disco"]


def test_importing_the_same_cards_twice_changes_nothing(services: Services) -> None:
    cards = [parse_card(own_card()), parse_card(own_card("shadow-puppets", title="Shadows"))]
    services.cards.add_imported(cards)
    first = (services.root / "library.json").read_bytes()
    services.cards.add_imported(cards)
    assert (services.root / "library.json").read_bytes() == first
    assert sorted(c.id for c in services.cards.all() if c.origin == "imported") == [
        "kitchen-disco",
        "shadow-puppets",
    ]


def test_filters_narrow_the_library(services: Services) -> None:
    cards = services.cards.all()
    no_touch = CardFilter(touch=TouchComfort.NO_TOUCH).apply(cards)
    assert no_touch and all(c.activity.touch == "none" or c.activity.no_touch for c in no_touch)
    short_calm = CardFilter(max_minutes=3, energy="calm").apply(cards)
    assert short_calm and all(
        c.activity.minutes <= 3 and c.activity.energy == "calm" for c in short_calm
    )
    searched = CardFilter.from_search("lotion").apply(cards)
    assert "lotion-hands" in [c.id for c in searched]
    services.cards.mark("lotion-hands", hidden=True)
    assert "lotion-hands" not in [
        c.id for c in CardFilter.from_search("lotion").apply(services.cards.all())
    ]


def test_a_text_of_only_spaces_counts_as_empty() -> None:
    from companion.domain.activity import card_problems

    assert card_problems(own_card(touch="light", no_touch="   ")) == [
        ("no_touch", 'a card with "light" touch needs a no-touch variant')
    ]
    assert [field for field, _ in card_problems(own_card(title="  ", steps=[" "]))] == [
        "title",
        "steps",
    ]


def test_editing_an_own_card_keeps_its_marks_even_under_a_new_id(services: Services) -> None:
    services.cards.save_own(parse_card(own_card()))
    services.cards.mark("kitchen-disco", hidden=True, favourite=True)
    edited = services.cards.save_own(
        parse_card(own_card(title="Kitchen disco, slower")), replacing="kitchen-disco"
    )
    assert (edited.marks.hidden, edited.marks.favourite) == (True, True)
    renamed = services.cards.save_own(
        parse_card(own_card("living-room-disco")), replacing="kitchen-disco"
    )
    assert not renamed.suggestible
    stored = Services(services.root).cards.get("living-room-disco")
    assert (stored.marks.hidden, stored.marks.favourite) == (True, True)
    assert "kitchen-disco" not in [c.id for c in services.cards.all()]


def test_an_import_never_replaces_a_card_we_wrote(services: Services) -> None:
    services.cards.save_own(parse_card(own_card()))
    with pytest.raises(CompanionError) as raised:
        services.cards.add_imported([parse_card(own_card(title="Someone else's disco"))])
    assert raised.value.message == (
        "These cards have the ids of cards that you wrote: kitchen-disco; give them ids of "
        "their own and import again (nothing was imported)."
    )
    assert services.cards.get("kitchen-disco").activity.title == "Kitchen disco"
    with pytest.raises(CompanionError, match="More than one card to import has the id"):
        services.cards.add_imported([parse_card(own_card("a-b")), parse_card(own_card("a-b"))])
