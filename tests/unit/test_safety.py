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
    ("Cuddle him tightly and don't let go even if he struggles.", "holding or restraining a child"),
    (
        "Keep your arms around her so she cannot leave until she is calm.",
        "holding or restraining a child",
    ),
    ("Lie on top of him until he stops fighting.", "holding or restraining a child"),
    ("Hold her firmly while she rages.", "holding or restraining a child"),
    ("Hold his face so he looks at you.", "making a child look you in the eye"),
    (
        "Keep eye contact the whole time; don't let her look away.",
        "making a child look you in the eye",
    ),
    ("Leave him alone in his room until he calms down.", "sending a child away alone"),
    ("Put her in her room alone until she is ready.", "sending a child away alone"),
    ("Then he goes to bed without supper.", "making food or meals depend on behaviour"),
    ("Dinner comes after he says sorry.", "making food or meals depend on behaviour"),
    (
        "Sit him on the step for 10 minutes without talking.",
        "making a child sit still for a long time",
    ),
]

KIND = [
    "Stop the moment your child says stop or pulls away.",
    "Never pin the ends of the blanket; keep the face uncovered.",
    "Hold hands and walk to the door together.",
    "Sit together for a minute and share a snack.",
    "Look for the moment your child glances at you, and smile back.",
    "Hold hands until the song ends and you both settle down.",
    "Take a time out together with a cuddle.",
    "Sit quietly with your child for 15 minutes of reading.",
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


def test_the_safety_note_and_materials_are_read_too() -> None:
    card = parse_card(
        own_card(
            safety="If your child pulls away, hold them down until they calm.",
            materials=["a time-out chair"],
        )
    )
    assert [(c.field, c.concern) for c in card_concerns(card)] == [
        ("safety", "holding or restraining a child"),
        ("materials", "sending a child away alone"),
    ]


def test_a_card_names_the_field_and_the_words() -> None:
    card = parse_card(own_card(harder="Then make them hold eye contact for a slow count of ten."))
    [concern] = card_concerns(card)
    assert (concern.field, concern.words) == ("harder", "make them hold eye contact")
    assert concern.sentence().startswith(
        'This card seems to describe making a child look you in the eye ("make them hold '
        'eye contact"); '
    )
