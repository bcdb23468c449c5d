"""A short home session in the Theraplay shape: hello, two or three games, a nurture moment,
goodbye.

The games come from the same ranking as today's pick, so a session follows the same rules
(touch, age, hidden cards, what the child avoids) and the same weekly balance. The hello and
goodbye stay the same from day to day for a child: a ritual that repeats is part of what makes
the session feel safe. Steps may be shorter than their cards: stop while it is still fun.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from companion.domain.activity import Energy, Kind, Place
from companion.domain.errors import CompanionError
from companion.domain.family import Child, Dimension
from companion.domain.library import LibraryCard, Played
from companion.domain.picker import Conditions, Pick, fits, rank

Role = Literal["hello", "game", "nurture", "goodbye"]

SESSION_MINUTES = (5, 10, 15)
_GAMES = {5: 2, 10: 2, 15: 3}
# The longest card a game may come from; longer ones would be cut too short to enjoy.
_LONGEST_CARD = {5: 5, 10: 5, 15: 6}
# Hello and goodbye are kept to a minute or two, so the games get the time.
_RITUAL_MINUTES = {5: 1, 10: 2, 15: 2}
# Lively first, then calm, so the games settle into the nurture moment.
_ENERGIES: tuple[Energy, ...] = ("lively", "calm", "lively")
# Where a session is tried when the caregiver did not say: the floor is the classic place.
_PLACES: tuple[Place, ...] = ("floor", "sofa", "table", "bed", "outdoors", "bath", "car")


@dataclass(frozen=True)
class SessionStep:
    role: Role
    card: LibraryCard
    no_touch: bool  # play the card's no-touch variant
    minutes: int  # planned minutes for this step, at least 1


@dataclass(frozen=True)
class SessionPlan:
    minutes: int
    steps: tuple[SessionStep, ...]
    place: Place | None = None  # where every step can be played; None: they differ

    @property
    def total_minutes(self) -> int:
        return sum(step.minutes for step in self.steps)


def plan_session(
    cards: Sequence[LibraryCard],
    child: Child,
    day: date,
    history: Sequence[Played],
    minutes: int,
    conditions: Conditions | None = None,
) -> SessionPlan:
    """A 5-, 10- or 15-minute session for the child, the same all day."""
    if minutes not in SESSION_MINUTES:
        raise CompanionError(
            f"A home session is 5, 10 or 15 minutes, not {minutes}; please choose one of those."
        )
    base = conditions or Conditions()
    if base.place not in (None, "anywhere"):
        return _plan(cards, child, day, history, minutes, base)
    # One place for the whole session, so nobody moves from the floor to the bath mid-way.
    for place in _PLACES:
        try:
            return _plan(cards, child, day, history, minutes, replace(base, place=place))
        except CompanionError:
            continue
    return _plan(cards, child, day, history, minutes, replace(base, place=None))


def _plan(
    cards: Sequence[LibraryCard],
    child: Child,
    day: date,
    history: Sequence[Played],
    minutes: int,
    base: Conditions,
) -> SessionPlan:
    # A stretched or empty caregiver, or a calm day, keeps every step calm.
    calm_only = base.feeling != "calm" or base.energy == "calm"
    game_conditions = replace(
        base, minutes=_LONGEST_CARD[minutes], energy="calm" if calm_only else None
    )
    ranked = rank(cards, child, day, history, game_conditions)

    hello = _ritual(cards, "hello", child, day, base)
    goodbye = _ritual(cards, "goodbye", child, day, base)
    nurture = _nurture(ranked, child)
    games = _games(ranked, nurture, _GAMES[minutes], calm_only, child, minutes)

    hello_minutes = min(hello.activity.minutes, _RITUAL_MINUTES[minutes])
    goodbye_minutes = min(goodbye.activity.minutes, _RITUAL_MINUTES[minutes])
    *game_minutes, nurture_minutes = _fit_into(
        [pick.card.activity.minutes for pick in (*games, nurture)],
        minutes - hello_minutes - goodbye_minutes,
    )
    steps = (
        SessionStep("hello", hello, _no_touch(hello, child), hello_minutes),
        *(
            SessionStep("game", pick.card, pick.no_touch, length)
            for pick, length in zip(games, game_minutes, strict=True)
        ),
        SessionStep("nurture", nurture.card, nurture.no_touch, nurture_minutes),
        SessionStep("goodbye", goodbye, _no_touch(goodbye, child), goodbye_minutes),
    )
    place = base.place if base.place != "anywhere" else None
    return SessionPlan(minutes, steps, place)


def _no_touch(card: LibraryCard, child: Child) -> bool:
    return not card.activity.fits_touch(child.touch)


def _ritual(
    cards: Sequence[LibraryCard], kind: Kind, child: Child, day: date, base: Conditions
) -> LibraryCard:
    """The child's hello or goodbye: the family's chosen ones first, then the same one each
    day (a checksum of the child and the card, never of the day)."""
    ritual_conditions = replace(base, minutes=None, energy=None)
    fitting = [
        card
        for card in cards
        if card.activity.kind == kind and fits(card, child, day, ritual_conditions)
    ]
    if not fitting:
        raise CompanionError(
            f"The library has no {kind} ritual that fits {child.name} here; unhide one or "
            "add one of your own."
        )
    return min(
        fitting,
        key=lambda card: (
            not card.marks.from_therapist,
            not card.marks.favourite,
            _no_touch(card, child),  # as written, when the child's touch allows one
            zlib.crc32(f"{child.id}|{card.id}".encode()),
            card.id,
        ),
    )


def _nurture(ranked: Sequence[Pick], child: Child) -> Pick:
    """The best calm game with nurture in it, a nurture-first one when there is one."""
    caring = [
        pick
        for pick in ranked
        if Dimension.NURTURE in pick.card.activity.dimensions
        and pick.card.activity.energy == "calm"
    ]
    if not caring:
        raise CompanionError(
            f"The library has no calm nurture game that fits {child.name} here today; try "
            "another place, or unhide a nurture card."
        )
    return min(
        caring,
        key=lambda pick: pick.card.activity.dimensions[0] != Dimension.NURTURE,
    )


def _games(
    ranked: Sequence[Pick],
    nurture: Pick,
    count: int,
    calm_only: bool,
    child: Child,
    minutes: int,
) -> list[Pick]:
    """The games in order, alternating lively and calm where the library allows, each from a
    different main dimension when it can, and not another nurture moment."""
    left = [pick for pick in ranked if pick.card.id != nurture.card.id]
    chosen: list[Pick] = []
    for energy in _ENERGIES[:count]:
        if not left:
            raise CompanionError(
                f"The library has too few games that fit {child.name} for a {minutes}-minute "
                "session today; try another place or a shorter session."
            )
        used = {pick.card.activity.dimensions[0] for pick in chosen}
        wanted: Energy = "calm" if calm_only else energy
        best = min(
            range(len(left)),
            key=lambda i: (
                left[i].card.activity.energy != wanted,
                left[i].card.activity.dimensions[0] == Dimension.NURTURE,
                left[i].card.activity.dimensions[0] in used,
                i,  # otherwise the ranking's own order
            ),
        )
        chosen.append(left.pop(best))
    return chosen


def _fit_into(wanted: list[int], budget: int) -> list[int]:
    """Each step's minutes, shortened from the longest first until they fit the budget."""
    lengths = list(wanted)
    while sum(lengths) > budget:
        longest = max(range(len(lengths)), key=lambda i: (lengths[i], -i))
        if lengths[longest] <= 1:
            break  # cannot happen with the budgets above: every step keeps a minute
        lengths[longest] -= 1
    return lengths
