"""The card editor's form as plain data: problems in plain words, ids from titles, order kept."""

from __future__ import annotations

import msgspec

from companion.domain.activity import parse_card
from companion.tui.card_form import CardForm, plain_problem, slug

GOOD = CardForm(
    title="Kitchen disco",
    dimensions=("engagement", "structure"),
    youngest="3",
    oldest="10",
    minutes="5",
    energy="lively",
    places=("anywhere",),
    steps="Put on one song you both like.\n\n  Dance; copy the silliest move.  \n",
    notice="Who leads?",
    easier="Just nod along.",
    harder="Freeze when the music stops.",
    why="Shared silliness is delight.",
    helps=("delight",),
).with_id()


def test_a_good_form_makes_a_card_with_one_step_per_line() -> None:
    assert GOOD.problems() == []
    card = GOOD.activity()
    assert card.id == "kitchen-disco"
    assert card.steps == ("Put on one song you both like.", "Dance; copy the silliest move.")
    assert card.dimensions[0] == "engagement"  # the first one is the main one
    assert card.materials == () and card.no_touch is None and card.safety is None


def test_each_problem_is_a_sentence_for_its_field() -> None:
    empty = dict(CardForm().with_id().problems())
    assert empty["id"] == "Please give the card an id, or a title to make one from."
    assert empty["dimensions"] == "Please choose at least one dimension."
    assert empty["why"] == "Please say why it helps."
    assert empty["easier"] == "Please give an easier way to play it."
    bad = CardForm(**{**GOOD.__dict__, "minutes": "45", "touch": "light", "youngest": "12"})
    said = dict(bad.problems())
    assert said["minutes"] == "Minutes should be a whole number of minutes from 1 to 20, not 45."
    assert said["ages"] == "Ages: the youngest age (12) is above the oldest."
    assert (
        said["no_touch"] == 'No-touch version: a card with "light" touch needs a no-touch variant.'
    )


def test_a_card_comes_back_from_its_form_unchanged() -> None:
    card = GOOD.activity()
    assert CardForm.from_activity(card).activity() == card
    ours = CardForm.starting_from(parse_card(msgspec.to_builtins(card)))
    assert (ours.id, ours.title) == ("kitchen-disco-ours", "Kitchen disco (our way)")


def test_slugs_and_plain_words() -> None:
    assert slug("Grown-up, may I?") == "grown-up-may-i"
    assert slug("!!!") == ""
    assert plain_problem("safety", "is missing") == "Please fill in safety."
