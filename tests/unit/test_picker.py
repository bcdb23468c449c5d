"""Today's pick with the shipped cards: what a caregiver would notice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import msgspec
import pytest

from companion.domain.activity import parse_card
from companion.domain.errors import CompanionError
from companion.domain.family import Child, Dimension, TouchComfort
from companion.domain.library import CardMarks, LibraryCard, Played
from companion.domain.picker import (
    Conditions,
    Pick,
    material_at_hand,
    rank,
    todays_pick,
)
from tests.unit.cards import card, shipped_cards, with_marks

DAY = date(2026, 11, 23)  # a Monday
MIA = Child("Mia", date(2018, 3, 14), id="mia", touch=TouchComfort.COMFORTABLE)
LEO = Child("Leo", date(2021, 9, 2), id="leo", touch=TouchComfort.NO_TOUCH)
ANY = Conditions()


def ids(picks: list[Pick]) -> list[str]:
    return [pick.card.id for pick in picks]


def played(days_ago: int, card_id: str, child: Child = MIA, enjoyed: bool = False) -> Played:
    return Played(DAY - timedelta(days=days_ago), card_id, (child.id,), enjoyed)


def test_a_no_touch_child_gets_touch_free_cards_or_their_no_touch_version() -> None:
    for offset in range(14):
        picks = rank(shipped_cards(), LEO, DAY + timedelta(days=offset), [], ANY)
        assert picks
        for pick in picks:
            activity = pick.card.activity
            if activity.touch != "none":
                assert pick.no_touch and activity.no_touch
                assert "no-touch version for Leo" in pick.explanation()
            else:
                assert not pick.no_touch


def test_a_child_comfortable_with_touch_gets_cards_as_written() -> None:
    picks = rank(shipped_cards(), MIA, DAY, [], ANY)
    assert not any(pick.no_touch for pick in picks)
    assert "lotion-hands" in ids(picks)


def test_a_hidden_card_is_never_picked() -> None:
    first = todays_pick(shipped_cards(), MIA, DAY, [], ANY).pick
    assert first is not None
    hidden = with_marks(shipped_cards(), **{first.card.id: CardMarks(hidden=True)})
    assert first.card.id not in ids(rank(hidden, MIA, DAY, [], ANY))
    again = todays_pick(hidden, MIA, DAY, [], ANY).pick
    assert again is not None and again.card.id != first.card.id


def test_an_own_card_with_a_safety_concern_is_never_picked_even_as_a_favourite() -> None:
    worrying = parse_card(
        {
            "id": "big-hug-until-calm",
            "title": "Big hug",
            "kind": "game",
            "dimensions": ["nurture"],
            "ages": [2, 16],
            "minutes": 3,
            "energy": "calm",
            "places": ["anywhere"],
            "touch": "none",
            "steps": ["Hold your child down until they calm down."],
            "notice": "Notice your child.",
            "easier": "Shorter.",
            "harder": "Longer.",
            "why": "Because.",
            "helps": ["safe haven"],
        }
    )
    own = LibraryCard.checked(worrying, "own", CardMarks(favourite=True, from_therapist=True))
    assert own.concerns
    cards = [*shipped_cards(), own]
    for offset in range(14):
        assert own.id not in ids(rank(cards, MIA, DAY + timedelta(days=offset), [], ANY))


def test_two_minutes_in_the_car_with_nothing_at_hand() -> None:
    conditions = Conditions(minutes=3, energy="calm", place="car", materials_at_hand=frozenset())
    picks = rank(shipped_cards(), MIA, DAY, [], conditions)
    assert set(ids(picks)) == {
        "long-note-together",
        "humming-lullaby",
        "counting-breaths",
        "three-things-i-noticed",
    }
    for pick in picks:
        activity = pick.card.activity
        assert activity.minutes <= 3 and activity.energy == "calm"
        assert activity.fits_place("car") and not activity.materials
    top = picks[0]
    assert "fits your 3 minutes" in top.explanation() or "works in the car" in top.explanation()
    assert top.explanation().endswith("needs nothing but the two of you.")


def test_only_cards_whose_materials_are_at_hand() -> None:
    conditions = Conditions(materials_at_hand=frozenset({"Lotion", "balloons"}))
    picks = rank(shipped_cards(), MIA, DAY, [], conditions)
    offered = ids(picks)
    assert {"lotion-hands", "balloon-keep-up", "balloon-compliments"} <= set(offered)
    assert "cotton-ball-blow" not in offered and "blanket-story" not in offered
    for pick in picks:
        for material in pick.card.activity.materials:
            assert material_at_hand(material, conditions.materials_at_hand or ())
    lotion = next(pick for pick in picks if pick.card.id == "lotion-hands")
    assert lotion.reasons[-1].text == "Needs lotion"


@pytest.mark.parametrize(
    ("material", "at_hand", "expected"),
    [
        ("a balloon", {"Balloons"}, True),
        ("cotton balls", {"a cotton ball"}, True),
        ("a bean bag or a rolled pair of socks", {"socks"}, True),
        ("a soft hairbrush", {"hairbrush"}, True),
        ("lotion", {"a towel"}, False),
        ("a balloon", set(), False),
    ],
)
def test_materials_match_whatever_the_case_article_or_plural(
    material: str, at_hand: set[str], expected: bool
) -> None:
    assert material_at_hand(material, at_hand) is expected


def test_energy_and_place_are_respected() -> None:
    for energy in ("calm", "lively"):
        for place in ("floor", "bath", "outdoors"):
            conditions = Conditions(energy=energy, place=place)
            picks = rank(shipped_cards(), MIA, DAY, [], conditions)
            assert picks, (energy, place)
            for pick in picks:
                assert pick.card.activity.energy == energy
                assert pick.card.activity.fits_place(place)


def test_what_the_child_avoids_is_left_out_singular_or_plural() -> None:
    mia = msgspec.structs.replace(MIA, avoid=("balloon", "Lotion", "bubble bath"))
    offered = ids(rank(shipped_cards(), mia, DAY, [], ANY))
    assert not {"balloon-keep-up", "balloon-compliments", "lotion-hands"} & set(offered)
    assert "bubble-beards" not in offered  # it needs bubble bath
    assert "bubble-catch" in offered  # bubbles, but no bath
    for card_id in offered:
        text = card(card_id).activity.searchable_text()
        assert "balloon" not in text and "lotion" not in text and "bubble bath" not in text


def test_another_one_differs_and_comes_round_again() -> None:
    picks = rank(shipped_cards(), MIA, DAY, [], ANY)
    first = todays_pick(shipped_cards(), MIA, DAY, [], ANY)
    second = todays_pick(shipped_cards(), MIA, DAY, [], ANY, another=1)
    assert first.pick and second.pick
    assert first.pick.card.id != second.pick.card.id
    round_again = todays_pick(shipped_cards(), MIA, DAY, [], ANY, another=len(picks))
    assert round_again.pick == first.pick


def test_the_pick_is_the_same_all_day_even_after_logging_it() -> None:
    history = [played(2, "clap-copy"), played(5, "lotion-hands", enjoyed=True)]
    morning = todays_pick(shipped_cards(), MIA, DAY, history, ANY)
    assert morning == todays_pick(shipped_cards(), MIA, DAY, history, ANY)
    assert morning.pick is not None
    evening = [*history, Played(DAY, morning.pick.card.id, (MIA.id,), enjoyed=True)]
    assert todays_pick(shipped_cards(), MIA, DAY, evening, ANY) == morning


def test_the_pick_is_the_same_in_another_process() -> None:
    # hash() differs per process; the pick must not.
    script = (
        "import json, datetime as d\n"
        "from companion.domain.family import Child\n"
        "from companion.domain.picker import Conditions, rank\n"
        "from tests.unit.cards import shipped_cards\n"
        "kid = Child('Mia', d.date(2018, 3, 14), id='mia')\n"
        "picks = rank(shipped_cards(), kid, d.date(2026, 11, 23), [], Conditions())\n"
        "print(json.dumps([p.card.id for p in picks]))\n"
    )
    root = Path(__file__).resolve().parents[2]
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert json.loads(runs[0]) == ids(rank(shipped_cards(), MIA, DAY, [], ANY))


def test_nurture_comes_after_six_days_without_it() -> None:
    history = [
        played(1, "clap-copy"),
        played(2, "balloon-keep-up"),
        played(3, "guess-my-animal"),
        played(4, "tap-it-back"),
        played(5, "cup-tower"),
        played(6, "lotion-hands"),
    ]
    result = todays_pick(shipped_cards(), MIA, DAY, history, Conditions(minutes=5))
    assert result.pick is not None
    assert result.pick.card.activity.dimensions[0] == Dimension.NURTURE
    assert result.pick.explanation().startswith("No Nurture for 6 days; ")
    gap = result.pick.reasons[0]
    assert (gap.kind, gap.dimension, gap.days) == ("dimension_gap", Dimension.NURTURE, 6)
    assert "fits your 5 minutes" in result.pick.explanation()


def test_a_focus_dimension_leads_for_a_new_family() -> None:
    mia = msgspec.structs.replace(MIA, focus=(Dimension.CHALLENGE,))
    result = todays_pick(shipped_cards(), mia, DAY, [], ANY)
    assert result.pick is not None
    assert result.pick.card.activity.dimensions[0] == Dimension.CHALLENGE
    assert "Challenge is a focus for Mia" in result.pick.explanation()


def test_favourites_the_therapist_and_enjoyment_are_named_truly() -> None:
    cards = with_marks(shipped_cards(), lotion_hands=CardMarks(favourite=True, from_therapist=True))
    history = [played(6, "lotion-hands", enjoyed=True), played(1, "clap-copy")]
    picks = rank(cards, MIA, DAY, history, ANY)
    lotion = next(pick for pick in picks if pick.card.id == "lotion-hands")
    kinds = [reason.kind for reason in lotion.reasons]
    assert kinds == ["dimension_gap", "from_therapist", "favourite", "needs"]
    assert lotion.explanation() == (
        "No Nurture for 6 days; from your therapist; one of your favourites; needs lotion."
    )
    freckles = next(pick for pick in picks if pick.card.id == "freckle-checkup")
    assert "enjoyed" not in freckles.explanation()
    snack_history = [played(2, "shared-snack", enjoyed=True)]
    snack = next(
        p for p in rank(cards, MIA, DAY, snack_history, ANY) if p.card.id == "shared-snack"
    )
    assert "Mia enjoyed it on Saturday" in snack.explanation()


def test_running_on_empty_offers_something_short_and_calm_and_permission_to_rest() -> None:
    for offset in range(7):
        result = todays_pick(
            shipped_cards(), MIA, DAY + timedelta(days=offset), [], Conditions(feeling="empty")
        )
        assert result.rest_is_fine
        assert result.message.startswith("It is fine to skip today; rest counts too.")
        assert result.pick is not None
        assert result.pick.card.activity.energy == "calm"
        assert result.pick.card.activity.minutes <= 5
        assert "easy on you today" in result.pick.explanation()


def test_running_on_empty_with_nothing_that_fits_is_still_kind() -> None:
    conditions = Conditions(feeling="empty", energy="lively")
    result = todays_pick(shipped_cards(), MIA, DAY, [], conditions)
    assert result.pick is None and result.rest_is_fine
    assert "rest counts too" in result.message


def test_a_stretched_caregiver_gets_a_calm_card() -> None:
    for offset in range(7):
        result = todays_pick(
            shipped_cards(), MIA, DAY + timedelta(days=offset), [], Conditions(feeling="stretched")
        )
        assert result.pick is not None and not result.rest_is_fine
        assert result.pick.card.activity.energy == "calm"


def test_nothing_fits_is_said_kindly() -> None:
    result = todays_pick(shipped_cards(), MIA, DAY, [], Conditions(minutes=1, place="car"))
    assert result.pick is None and not result.rest_is_fine
    assert result.message == (
        "Nothing in the library fits 1 minute in the car for Mia; "
        "try more time or another place, or just be together."
    )
    hidden_all = [replace(c, marks=CardMarks(hidden=True)) for c in shipped_cards()]
    empty = todays_pick(hidden_all, MIA, DAY, [], ANY)
    assert empty.pick is None
    assert empty.message.startswith(
        "Nothing in the library fits Mia right now (their age, touch and the things to avoid "
    )
    for message in (result.message, empty.message):
        assert "failed" not in message and "should" not in message


def test_a_card_played_today_is_not_picked_again_for_the_next_few_days() -> None:
    history: list[Played] = []
    seen: list[str] = []
    for offset in range(5):
        day = DAY + timedelta(days=offset)
        result = todays_pick(shipped_cards(), MIA, day, history, ANY)
        assert result.pick is not None
        seen.append(result.pick.card.id)
        history.append(Played(day, result.pick.card.id, (MIA.id,)))
    assert len(set(seen)) == 5, seen


def test_another_childs_games_and_unknown_cards_do_not_count() -> None:
    history = [
        Played(DAY - timedelta(days=1), "lotion-hands", ("leo",)),
        Played(DAY - timedelta(days=1), "a-card-no-longer-here", (MIA.id,)),
    ]
    with_leo = rank(shipped_cards(), MIA, DAY, history, ANY)
    assert ids(with_leo) == ids(rank(shipped_cards(), MIA, DAY, [], ANY))


def test_every_pick_has_two_to_four_reasons_ending_with_what_to_gather() -> None:
    for child in (MIA, LEO):
        for pick in rank(shipped_cards(), child, DAY, [played(3, "clap-copy")], ANY):
            assert 2 <= len(pick.reasons) <= 4
            assert pick.reasons[-1].kind in ("needs", "needs_nothing")
            line = pick.explanation()
            assert line[0].isupper() and line.endswith(".")
            assert "failed" not in line and "missed" not in line


def test_conditions_from_what_a_person_typed() -> None:
    conditions = Conditions.from_text(
        minutes=5, energy="Calm", place=" car", materials_at_hand=["lotion", " "], feeling="empty"
    )
    assert conditions == Conditions(
        minutes=5,
        energy="calm",
        place="car",
        materials_at_hand=frozenset({"lotion"}),
        feeling="empty",
    )
    assert Conditions.from_text() == Conditions()
    with pytest.raises(CompanionError) as raised:
        Conditions.from_text(place="garden")
    assert raised.value.message == (
        '"garden" is not a place I know; choose one of: '
        "floor, table, sofa, bed, bath, car, outdoors, anywhere."
    )
