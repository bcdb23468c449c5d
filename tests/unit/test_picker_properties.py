"""Properties of today's pick over random children, marks, histories and conditions.

Every reason a pick gives is checked against the inputs, recomputed here the plain way."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.domain.activity import PLACES
from companion.domain.family import Child, Dimension, TouchComfort
from companion.domain.library import CardMarks, LibraryCard, Played
from companion.domain.picker import (
    FEELINGS,
    Conditions,
    Pick,
    Reason,
    material_at_hand,
    rank,
    todays_pick,
)
from tests.unit.cards import shipped_cards

CARDS = shipped_cards()
IDS = [card.id for card in CARDS]
GAMES = {card.id: card.activity for card in CARDS if card.activity.kind == "game"}
MATERIALS = sorted({m for card in CARDS for m in card.activity.materials})
TODAY = date(2026, 11, 23)

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def children(draw: st.DrawFn) -> Child:
    age = draw(st.integers(2, 14))
    born = date(TODAY.year - age, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    return Child(
        name=draw(st.sampled_from(["Mia", "Leo", "Ava", "Sam"])),
        born=born,
        id=draw(st.sampled_from(["c1", "c2", "c3"])),
        touch=draw(st.sampled_from(list(TouchComfort))),
        avoid=tuple(draw(st.lists(st.sampled_from(["balloons", "lotion", "bubble"]), max_size=2))),
        focus=tuple(draw(st.lists(st.sampled_from(list(Dimension)), max_size=2, unique=True))),
    )


@st.composite
def libraries(draw: st.DrawFn) -> list[LibraryCard]:
    marks = draw(
        st.dictionaries(
            st.sampled_from(IDS),
            st.builds(CardMarks, st.booleans(), st.booleans(), st.booleans()),
            max_size=25,
        )
    )
    return [replace(card, marks=marks[card.id]) if card.id in marks else card for card in CARDS]


def histories(child_ids: list[str]) -> st.SearchStrategy[list[Played]]:
    return st.lists(
        st.builds(
            Played,
            day=st.integers(-2, 20).map(lambda ago: TODAY - timedelta(days=ago)),
            activity_id=st.sampled_from([*IDS, "a-card-no-longer-here"]),
            child_ids=st.sampled_from([(), *((c,) for c in child_ids), ("someone-else",)]),
            enjoyed=st.booleans(),
        ),
        max_size=30,
    )


conditions = st.builds(
    Conditions,
    minutes=st.none() | st.integers(1, 20),
    energy=st.sampled_from([None, "calm", "lively"]),
    place=st.sampled_from([None, *PLACES]),
    materials_at_hand=st.none()
    | st.frozensets(st.sampled_from(MATERIALS).map(str.upper) | st.just("balloons"), max_size=8),
    feeling=st.sampled_from(FEELINGS),
)

days = st.integers(0, 6).map(lambda offset: TODAY + timedelta(days=offset))


@FAST
@given(children(), libraries(), histories(["c1", "c2", "c3"]), conditions, days)
def test_every_offered_game_keeps_every_hard_rule(
    child: Child, cards: list[LibraryCard], history: list[Played], wanted: Conditions, day: date
) -> None:
    for pick in rank(cards, child, day, history, wanted):
        card = pick.card
        activity = card.activity
        assert activity.kind == "game"
        assert not card.marks.hidden and not card.concerns
        assert activity.fits_age(child.age_on(day))
        if wanted.minutes is not None:
            assert activity.minutes <= wanted.minutes
        if wanted.energy is not None:
            assert activity.energy == wanted.energy
        if wanted.feeling == "empty":
            assert activity.energy == "calm" and activity.minutes <= 5
        if wanted.place not in (None, "anywhere"):
            assert activity.fits_place(str(wanted.place))
        if wanted.materials_at_hand == frozenset():
            assert not activity.materials
        if wanted.materials_at_hand is not None:
            assert all(material_at_hand(m, wanted.materials_at_hand) for m in activity.materials)
        # Touch: as written when it suits the child, else only in its no-touch version.
        if activity.fits_touch(child.touch):
            assert not pick.no_touch
        else:
            assert pick.no_touch and activity.no_touch
        text = activity.searchable_text()
        for word in child.avoid:
            assert word.rstrip("s") not in text


@FAST
@given(children(), libraries(), histories(["c1", "c2", "c3"]), conditions, days)
def test_the_pick_is_stable_and_ignores_today_and_later(
    child: Child, cards: list[LibraryCard], history: list[Played], wanted: Conditions, day: date
) -> None:
    first = todays_pick(cards, child, day, history, wanted)
    assert first == todays_pick(cards, child, day, list(history), wanted)
    before = [played for played in history if played.day < day]
    assert todays_pick(cards, child, day, before, wanted) == first
    assert first.rest_is_fine is (wanted.feeling == "empty")
    if first.pick is None or first.rest_is_fine:
        assert first.message.endswith(".") and first.message[0].isupper()


@FAST
@given(children(), libraries(), histories(["c1", "c2", "c3"]), conditions, days)
def test_every_reason_given_is_true(
    child: Child, cards: list[LibraryCard], history: list[Played], wanted: Conditions, day: date
) -> None:
    for pick in rank(cards, child, day, history, wanted)[:8]:
        assert 2 <= len(pick.reasons) <= 4
        assert pick.reasons[-1].kind in ("needs", "needs_nothing")
        assert len({reason.kind for reason in pick.reasons}) == len(pick.reasons)
        for reason in pick.reasons:
            assert_true(reason, pick, child, day, history, wanted)


def assert_true(
    reason: Reason,
    pick: Pick,
    child: Child,
    day: date,
    history: list[Played],
    wanted: Conditions,
) -> None:
    card = pick.card
    activity = card.activity
    main = activity.dimensions[0]
    mine = [p for p in history if p.day < day and (not p.child_ids or child.id in p.child_ids)]
    this_card = [p for p in mine if p.activity_id == card.id]
    match reason.kind:
        case "no_touch_version":
            assert pick.no_touch and child.name in reason.text
        case "dimension_gap":
            assert reason.dimension == main
            last = [
                p.day
                for p in mine
                if p.activity_id in GAMES
                and main in GAMES[p.activity_id].dimensions
                and (day - p.day).days <= 14
            ]
            expected = (day - max(last)).days if last else None
            assert reason.days == expected
            assert expected is None or expected >= 3
            assert any((day - p.day).days <= 14 and p.activity_id in GAMES for p in mine)
            if expected is not None:
                assert reason.text == f"No {main.value.capitalize()} for {expected} days"
        case "balance":
            assert reason.dimension == main
            shares = week_deficits(mine, child, day)
            assert shares[main] > 0 and shares[main] == max(shares.values())
        case "focus":
            assert reason.dimension == main and main in child.focus
        case "from_therapist":
            assert card.marks.from_therapist
        case "favourite":
            assert card.marks.favourite
        case "enjoyed":
            enjoyed = [p.day for p in this_card if p.enjoyed]
            assert enjoyed and reason.on == max(enjoyed)
            assert reason.text.startswith(f"{child.name} enjoyed it ")
        case "calm_for_you":
            assert wanted.feeling != "calm" and activity.energy == "calm"
            assert reason.minutes == activity.minutes
            if "Short" in reason.text:
                assert activity.minutes <= 5
        case "fits_minutes":
            assert wanted.minutes is not None and activity.minutes <= wanted.minutes
            assert reason.minutes == wanted.minutes
            assert reason.text == f"Fits your {wanted.minutes} minutes"
        case "fits_place":
            assert reason.place == wanted.place and wanted.place is not None
            assert activity.fits_place(wanted.place)
        case "fresh":
            assert not [p for p in this_card if (day - p.day).days <= 14]
        case "last_played":
            assert this_card and reason.days == min((day - p.day).days for p in this_card)
        case "needs":
            assert activity.materials and reason.items == activity.materials
            assert all(material in reason.text for material in activity.materials)
        case "needs_nothing":
            assert not activity.materials
        case _:
            raise AssertionError(f"an unknown reason: {reason}")


def week_deficits(mine: list[Played], child: Child, day: date) -> dict[Dimension, Fraction]:
    """Each dimension's share target minus its share of the last seven days' games."""
    counts = dict.fromkeys(Dimension, Fraction(0))
    for played in mine:
        activity = GAMES.get(played.activity_id)
        if activity is None or (day - played.day).days > 7:
            continue
        main, *others = dict.fromkeys(activity.dimensions)
        counts[main] += 1
        for other in others:
            counts[other] += Fraction(1, 2)
    weights = {d: 2 if d in child.focus else 1 for d in Dimension}
    total = sum(counts.values())
    return {
        d: Fraction(weights[d], sum(weights.values())) - (counts[d] / total if total else 0)
        for d in Dimension
    }


@FAST
@given(children(), libraries(), histories(["c1", "c2", "c3"]), days, st.integers(0, 80))
def test_another_one_is_always_an_offered_game(
    child: Child, cards: list[LibraryCard], history: list[Played], day: date, another: int
) -> None:
    picks = rank(cards, child, day, history, Conditions())
    result = todays_pick(cards, child, day, history, Conditions(), another)
    if picks:
        assert result.pick == picks[another % len(picks)]
    else:
        assert result.pick is None and result.message
