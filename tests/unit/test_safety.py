"""The safety lines a card never crosses: caught in a family's own words, never in ours."""

from __future__ import annotations

import pytest

from companion.domain.activity import parse_card
from companion.domain.safety import card_concerns, text_concerns
from tests.unit.cards import shipped_cards
from tests.unit.test_library import own_card

CROSSING = [
    ("Hold your child tightly until they calm down.", "holding or restraining a child"),
    ("If he kicks, pin him down gently and wait.", "holding or restraining a child"),
    ("Restrain her arms so she cannot leave.", "holding or restraining a child"),
    ("Make your child keep eye contact the whole time.", "making a child look you in the eye"),
    ("She must keep eye contact while you count.", "making a child look you in the eye"),
    ("No dessert unless he finishes the game.", "making food or meals depend on behaviour"),
    ("Snack only if she sat nicely.", "making food or meals depend on behaviour"),
    ("They earn their dinner by joining in.", "making food or meals depend on behaviour"),
    ("If she refuses, it is time-out.", "sending a child away alone"),
    ("Send him to his room alone until he is ready.", "sending a child away alone"),
    ("Have your child sit still for 20 minutes.", "making a child sit still for a long time"),
    ("Make him sit quietly until he says sorry.", "making a child sit still for a long time"),
]

KIND = [
    "Stop the moment your child says stop or pulls away.",
    "Never pin the ends of the blanket; keep the face uncovered.",
    "Hold hands and walk to the door together.",
    "Sit together for a minute and share a snack.",
    "Look for the moment your child glances at you, and smile back.",
]


@pytest.mark.parametrize(("text", "concern"), CROSSING)
def test_a_practice_that_crosses_a_line_is_named(text: str, concern: str) -> None:
    assert [c.concern for c in text_concerns("steps 1", text)] == [concern]


@pytest.mark.parametrize("text", KIND)
def test_ordinary_caring_words_pass(text: str) -> None:
    assert text_concerns("steps 1", text) == []


def test_no_shipped_card_trips_the_check() -> None:
    cards = [card.activity for card in shipped_cards()]
    assert len(cards) == 72
    assert {card.id: card_concerns(card) for card in cards if card_concerns(card)} == {}


def test_a_card_names_the_field_and_the_words() -> None:
    card = parse_card(own_card(harder="Then make them hold eye contact for a slow count of ten."))
    [concern] = card_concerns(card)
    assert (concern.field, concern.words) == ("harder", "make them hold eye contact")
    assert concern.sentence().startswith(
        'This card seems to describe making a child look you in the eye ("make them hold '
        'eye contact"); '
    )
