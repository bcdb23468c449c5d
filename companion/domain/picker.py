"""Today's pick: one connection game per child per day, with its reasons in plain words.

Hard rules decide which cards may be offered at all (kind, hidden or unsafe, age, touch, time,
energy, place, materials, what the child avoids, the caregiver's state). A soft score then
orders the rest: it keeps the four dimensions in balance over a rolling week (a therapist's
focus counts double), holds back games played in the last few days, and leans towards
favourites, the therapist's suggestions and what the child enjoyed.

The pick reads only what happened *before* the day, so it stays the same all day, even after
today's game is logged. Ties are broken by a checksum, never by hash() (which changes from one
process to the next), so the CLI, the TUI and tomorrow's run all agree.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from companion.domain.family import Child, Dimension
from companion.domain.library import LibraryCard, Played
from companion.domain.pick_history import (
    LOOK_BACK,
    RECENT,
    WEEK,
    Past,
    dimension_deficits,
    dimensions_of,
    past_of,
)
from companion.domain.pick_reasons import Reason, nothing_fits_message, reasons_for
from companion.domain.pick_rules import Conditions, fits, material_at_hand
from companion.domain.states import FEELINGS, Feeling

# What callers of the picker use, whichever module of it holds them.
__all__ = [
    "FEELINGS",
    "REST_IS_FINE",
    "Conditions",
    "Feeling",
    "Pick",
    "Reason",
    "TodaysPick",
    "fits",
    "material_at_hand",
    "rank",
    "todays_pick",
]

REST_IS_FINE = "It is fine to skip today; rest counts too."


@dataclass(frozen=True)
class Pick:
    card: LibraryCard
    no_touch: bool  # offer the card's no-touch variant: the child can't have its touch
    reasons: tuple[Reason, ...]  # most important first

    def explanation(self) -> str:
        """The reasons as one readable line: "No Nurture for 6 days; fits your 5 minutes."""
        if not self.reasons:
            return ""
        first, *rest = self.reasons
        return "; ".join([first.text, *(r.in_sentence() for r in rest)]) + "."


@dataclass(frozen=True)
class TodaysPick:
    pick: Pick | None  # None when nothing fits
    rest_is_fine: bool  # the caregiver is running on empty: skipping is fine
    message: str  # a kind sentence when nothing fits or when rest is fine; else ""


# -- the soft score -------------------------------------------------------


def _tie_break(child: Child, day: date, card: LibraryCard) -> int:
    return zlib.crc32(f"{child.id}|{day.isoformat()}|{card.id}".encode())


def _wobble(child: Child, day: date, card: LibraryCard) -> float:
    """A small nudge that changes from day to day, so close cards take turns (0 to 1)."""
    return _tie_break(child, day, card) / 2**32


def _score(
    card: LibraryCard,
    child: Child,
    conditions: Conditions,
    past: Past,
    deficits: dict[Dimension, Fraction],
    main_deficits: dict[Dimension, Fraction],
) -> float:
    activity = card.activity
    main, *others = dimensions_of(activity)
    # Balance: the dimension most behind its share of the week scores highest. Engagement is
    # the second dimension of many games, so its half-counts alone would crowd it out as a
    # main dimension: the share of main dimensions counts as much.
    score = 8 * float(deficits[main]) + 8 * float(main_deficits[main])
    score += sum(2 * float(deficits[d]) for d in others)
    gap = past.days_since_dimension(main)
    score += 0.25 * (LOOK_BACK + 1 if gap is None else gap)
    # Variety: hold back what was just played.
    since = past.days_since_card(card.id)
    if since is not None:
        if since <= RECENT:
            score -= 30
        elif since <= WEEK:
            score -= 6
        elif since <= LOOK_BACK:
            score -= 3
    if activity.fits_touch(child.touch):
        score += 1  # a game that is touch-free as written beats one adapted in a line
    if card.marks.from_therapist:
        score += 3
    if card.marks.favourite:
        score += 2.5
    if card.id in past.enjoyed_last:
        score += 1.5
    if conditions.feeling == "stretched":
        # A stretched caregiver gets something calm and short when there is one.
        score += 4 if activity.energy == "calm" else 0
        score -= 0.4 * max(0, activity.minutes - 4)
    return score


# -- ranking and today's pick ---------------------------------------------


def rank(
    cards: Sequence[LibraryCard],
    child: Child,
    day: date,
    history: Sequence[Played],
    conditions: Conditions,
) -> list[Pick]:
    """Every game that may be offered today, best first, each with its reasons."""
    past = past_of(cards, child, day, history)
    deficits = dimension_deficits(past.week_halves, child)
    main_deficits = dimension_deficits(past.week_mains, child)
    scored: list[tuple[float, int, str, LibraryCard]] = []
    for card in cards:
        if card.activity.kind == "game" and fits(card, child, day, conditions):
            score = _score(card, child, conditions, past, deficits, main_deficits)
            score += 2 * _wobble(child, day, card)
            scored.append((-score, _tie_break(child, day, card), card.id, card))
    scored.sort(key=lambda entry: entry[:3])
    picks = []
    for *_, card in scored:
        no_touch = not card.activity.fits_touch(child.touch)
        reasons = reasons_for(card, child, conditions, past, deficits, no_touch)
        picks.append(Pick(card, no_touch, reasons))
    return picks


def todays_pick(
    cards: Sequence[LibraryCard],
    child: Child,
    day: date,
    history: Sequence[Played],
    conditions: Conditions,
    another: int = 0,
) -> TodaysPick:
    """The day's game for the child; `another=n` is the n-th next best, round again at the end."""
    picks = rank(cards, child, day, history, conditions)
    pick = picks[another % len(picks)] if picks else None
    if conditions.feeling == "empty":
        if pick is None:
            message = f"{REST_IS_FINE} Just being near {child.name} is plenty today."
        else:
            message = f"{REST_IS_FINE} If you would like something, this one is short and calm."
        return TodaysPick(pick, True, message)
    if pick is None:
        return TodaysPick(None, False, nothing_fits_message(child, conditions))
    return TodaysPick(pick, False, "")
