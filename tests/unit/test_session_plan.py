"""A 5-, 10- or 15-minute home session: hello, games, a nurture moment, goodbye."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import msgspec
import pytest

from companion.domain.errors import CompanionError
from companion.domain.family import Child, Dimension, TouchComfort
from companion.domain.library import CardMarks, Played
from companion.domain.picker import Conditions
from companion.domain.session_plan import SessionPlan, plan_session
from tests.unit.cards import shipped_cards, with_marks

DAY = date(2026, 11, 23)
MIA = Child("Mia", date(2018, 3, 14), id="mia")
LEO = Child("Leo", date(2022, 9, 2), id="leo", touch=TouchComfort.NO_TOUCH)
TOT = Child("Ada", date(2024, 5, 1), id="ada", touch=TouchComfort.NO_TOUCH)  # two years old


def roles(plan: SessionPlan) -> list[str]:
    return [step.role for step in plan.steps]


@pytest.mark.parametrize(("minutes", "games"), [(5, 2), (10, 2), (15, 3)])
@pytest.mark.parametrize("child", [MIA, LEO, TOT], ids=lambda child: child.name)
def test_a_session_has_the_theraplay_shape(minutes: int, games: int, child: Child) -> None:
    for offset in range(7):
        plan = plan_session(shipped_cards(), child, DAY + timedelta(days=offset), [], minutes)
        assert plan.minutes == minutes
        assert roles(plan) == ["hello", *["game"] * games, "nurture", "goodbye"]
        assert plan.steps[0].card.activity.kind == "hello"
        assert plan.steps[-1].card.activity.kind == "goodbye"
        nurture = plan.steps[-2].card.activity
        assert Dimension.NURTURE in nurture.dimensions and nurture.energy == "calm"
        assert all(step.minutes >= 1 for step in plan.steps)
        assert plan.total_minutes == sum(step.minutes for step in plan.steps) <= minutes
        assert plan.total_minutes >= minutes - 2  # the time is used, not left mostly empty
        cards = [step.card.id for step in plan.steps]
        assert len(set(cards)) == len(cards)
        for step in plan.steps:
            activity = step.card.activity
            assert activity.fits_age(child.age_on(DAY + timedelta(days=offset)))
            assert step.card.marks == CardMarks()
            if step.role == "game":
                assert activity.kind == "game"


@pytest.mark.parametrize("minutes", [10, 15])
def test_games_alternate_lively_and_calm_and_settle_before_nurture(minutes: int) -> None:
    for offset in range(7):
        plan = plan_session(shipped_cards(), MIA, DAY + timedelta(days=offset), [], minutes)
        energies = [step.card.activity.energy for step in plan.steps if step.role == "game"]
        assert energies[0] == "lively"
        assert all(a != b for a, b in pairwise(energies)), energies


def test_a_session_happens_in_one_place() -> None:
    for offset in range(7):
        plan = plan_session(shipped_cards(), MIA, DAY + timedelta(days=offset), [], 15)
        assert plan.place is not None
        assert all(step.card.activity.fits_place(plan.place) for step in plan.steps)
    in_the_car = plan_session(shipped_cards(), MIA, DAY, [], 10, Conditions(place="car"))
    assert in_the_car.place == "car"
    assert all(step.card.activity.fits_place("car") for step in in_the_car.steps)


def test_five_minutes_is_a_minute_each_stopping_while_it_is_still_fun() -> None:
    plan = plan_session(shipped_cards(), MIA, DAY, [], 5)
    assert [step.minutes for step in plan.steps] == [1, 1, 1, 1, 1]


@pytest.mark.parametrize("minutes", [5, 10, 15])
def test_a_no_touch_child_only_gets_touch_free_steps_or_no_touch_versions(minutes: int) -> None:
    for child in (LEO, TOT):
        for offset in range(14):
            plan = plan_session(shipped_cards(), child, DAY + timedelta(days=offset), [], minutes)
            for step in plan.steps:
                activity = step.card.activity
                if activity.touch == "none":
                    assert not step.no_touch
                else:
                    assert step.no_touch and activity.no_touch


def test_a_stretched_caregiver_gets_a_calm_session() -> None:
    for feeling in ("stretched", "empty"):
        conditions = Conditions(feeling=feeling)
        for offset in range(7):
            day = DAY + timedelta(days=offset)
            plan = plan_session(shipped_cards(), MIA, day, [], 10, conditions)
            assert all(step.card.activity.energy == "calm" for step in plan.steps)


def test_the_plan_is_the_same_all_day_and_follows_the_week() -> None:
    history = [
        Played(DAY - timedelta(days=1), "clap-copy", (MIA.id,)),
        Played(DAY - timedelta(days=2), "balloon-keep-up", (MIA.id,)),
    ]
    plan = plan_session(shipped_cards(), MIA, DAY, history, 15)
    assert plan == plan_session(shipped_cards(), MIA, DAY, list(history), 15)
    logged = [*history, *(Played(DAY, step.card.id, (MIA.id,)) for step in plan.steps)]
    assert plan_session(shipped_cards(), MIA, DAY, logged, 15) == plan
    assert not {"clap-copy", "balloon-keep-up"} & {step.card.id for step in plan.steps}


def test_the_hello_and_goodbye_stay_the_same_from_day_to_day() -> None:
    plans = [plan_session(shipped_cards(), MIA, DAY + timedelta(days=n), [], 10) for n in range(7)]
    assert len({plan.steps[0].card.id for plan in plans}) == 1
    assert len({plan.steps[-1].card.id for plan in plans}) == 1


def test_the_familys_chosen_ritual_comes_first_and_hidden_cards_never() -> None:
    cards = with_marks(
        shipped_cards(),
        goodbye_slow_song=CardMarks(favourite=True),
        hello_checkup=CardMarks(hidden=True),
    )
    plan = plan_session(cards, msgspec.structs.replace(MIA, born=date(2020, 1, 1)), DAY, [], 10)
    assert plan.steps[-1].card.id == "goodbye-slow-song"
    assert "hello-checkup" not in [step.card.id for step in plan.steps]


@pytest.mark.parametrize("minutes", [0, 3, 12, 20, -5])
def test_other_lengths_are_one_kind_sentence(minutes: int) -> None:
    with pytest.raises(CompanionError) as raised:
        plan_session(shipped_cards(), MIA, DAY, [], minutes)
    message = raised.value.message
    assert message.startswith("A home session is 5, 10 or 15 minutes")
    assert message.endswith(".") and message.count(". ") == 0


def test_a_library_that_cannot_fill_the_shape_is_one_kind_sentence() -> None:
    no_rituals = [card for card in shipped_cards() if card.activity.kind == "game"]
    with pytest.raises(CompanionError) as raised:
        plan_session(no_rituals, MIA, DAY, [], 10)
    assert raised.value.message == (
        "The library has no hello ritual that fits Mia here; unhide one or add one of your own."
    )
    no_nurture = [c for c in shipped_cards() if Dimension.NURTURE not in c.activity.dimensions]
    with pytest.raises(CompanionError) as raised:
        plan_session(no_nurture, MIA, DAY, [], 10)
    assert "no calm nurture game that fits Mia" in raised.value.message
    assert raised.value.message.count(". ") == 0
