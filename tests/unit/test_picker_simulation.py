"""Twelve weeks of daily picks: does the week stay balanced, and does a focus show?

Each day's pick is logged as played. The days vary the way real ones do (seeded, so the run is
the same every time): time available, a stretched or empty caregiver now and then, sometimes a
place. `pytest -s` prints how often each dimension came.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from companion.domain.family import Child, Dimension, TouchComfort
from companion.domain.library import Played
from companion.domain.picker import Conditions, Feeling, todays_pick
from tests.unit.cards import shipped_cards

START = date(2026, 1, 5)
WEEKS = 12


def simulate(child: Child, seed: int = 2026) -> tuple[Counter[Dimension], int, set[str]]:
    days = random.Random(seed)
    history: list[Played] = []
    counts: Counter[Dimension] = Counter()
    for offset in range(WEEKS * 7):
        day = START + timedelta(days=offset)
        feeling: Feeling = days.choices(("calm", "stretched", "empty"), (6, 3, 1))[0]
        conditions = Conditions(
            minutes=days.choice((5, 10, 15, None)),
            place=days.choice((None, None, None, "floor", "sofa", "table")),
            feeling=feeling,
        )
        result = todays_pick(shipped_cards(), child, day, history, conditions)
        if result.pick is None:
            continue
        activity = result.pick.card.activity
        history.append(Played(day, activity.id, (child.id,), enjoyed=days.random() < 0.3))
        counts[activity.dimensions[0]] += 1
    return counts, len(history), {played.activity_id for played in history}


def shares(counts: Counter[Dimension]) -> dict[Dimension, float]:
    total = sum(counts.values())
    return {d: 100 * counts[d] / total for d in Dimension}


def report(label: str, counts: Counter[Dimension], played: int, distinct: set[str]) -> None:
    line = ", ".join(f"{d.value} {share:.1f}%" for d, share in shares(counts).items())
    print(f"\n{label}: {line} ({played} days played, {len(distinct)} different games)")


def test_without_a_focus_every_dimension_gets_its_turn() -> None:
    for age, touch in ((7, TouchComfort.COMFORTABLE), (4, TouchComfort.NO_TOUCH)):
        child = Child("Mia", date(2026 - age, 2, 1), id=f"mia-{age}", touch=touch)
        counts, played, distinct = simulate(child)
        report(f"age {age}, {touch.label}, no focus", counts, played, distinct)
        assert played >= WEEKS * 7 - 3
        assert min(shares(counts).values()) >= 15
        assert len(distinct) >= 20  # not the same handful of games over and over


def test_a_nurture_focus_makes_nurture_the_most_frequent() -> None:
    for age, touch in ((7, TouchComfort.COMFORTABLE), (4, TouchComfort.NO_TOUCH)):
        child = Child(
            "Mia",
            date(2026 - age, 2, 1),
            id=f"mia-{age}",
            touch=touch,
            focus=(Dimension.NURTURE,),
        )
        counts, played, distinct = simulate(child)
        report(f"age {age}, {touch.label}, Nurture focus", counts, played, distinct)
        frequent = shares(counts)
        assert max(frequent, key=lambda d: frequent[d]) == Dimension.NURTURE
        assert min(frequent.values()) >= 10  # the focus leads; the others still come
