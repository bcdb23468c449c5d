"""The hard rules of today's pick: what today allows (`Conditions`), and whether a card may
be offered at all (age, touch, time, energy, place, materials, what the child avoids, the
caregiver's own state)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TypeVar

from companion.domain.activity import PLACES, Activity, Energy, Place
from companion.domain.errors import CompanionError
from companion.domain.family import Child
from companion.domain.library import LibraryCard
from companion.domain.states import FEELINGS, Feeling

EMPTY_MINUTES = 5  # the longest game offered to a caregiver running on empty


@dataclass(frozen=True)
class Conditions:
    """What today allows; None means "any"."""

    minutes: int | None = None
    energy: Energy | None = None
    place: Place | None = None  # "anywhere" is the same as None
    # None: don't look at materials; frozenset(): nothing at hand, only cards needing nothing.
    materials_at_hand: frozenset[str] | None = None
    feeling: Feeling = "calm"

    @classmethod
    def from_text(
        cls,
        minutes: int | None = None,
        energy: str | None = None,
        place: str | None = None,
        materials_at_hand: Iterable[str] | None = None,
        feeling: str = "calm",
    ) -> Conditions:
        """Conditions from what a person typed or chose; a word that doesn't fit is one
        sentence naming the words that do."""
        if minutes is not None and minutes < 1:
            raise CompanionError("Please give the minutes you have as a whole number above 0.")
        return cls(
            minutes=minutes,
            energy=_one_of(energy, ENERGIES, "energy") if energy is not None else None,
            place=_one_of(place, PLACES, "place") if place is not None else None,
            materials_at_hand=(
                None
                if materials_at_hand is None
                else frozenset(m.strip() for m in materials_at_hand if m.strip())
            ),
            feeling=_one_of(feeling, FEELINGS, "feeling"),
        )


_Word = TypeVar("_Word", bound=str)
ENERGIES: tuple[Energy, ...] = ("calm", "lively")


def _one_of(word: str, choices: tuple[_Word, ...], what: str) -> _Word:
    for choice in choices:
        if choice == word.strip().casefold():
            return choice
    raise CompanionError(f'"{word}" is not a {what} I know; choose one of: {", ".join(choices)}.')


def fits(card: LibraryCard, child: Child, day: date, conditions: Conditions) -> bool:
    """Whether the card may be offered at all, whatever its kind (games, hellos, goodbyes)."""
    activity = card.activity
    return (
        card.suggestible
        and activity.fits_age(child.age_on(day))
        and activity.offerable_to(child.touch)
        and (conditions.minutes is None or activity.minutes <= conditions.minutes)
        and (conditions.energy is None or activity.energy == conditions.energy)
        and _fits_feeling(activity, conditions.feeling)
        and (conditions.place in (None, "anywhere") or activity.fits_place(str(conditions.place)))
        and _materials_fit(activity, conditions.materials_at_hand)
        and not avoided(activity, child.avoid)
    )


def _fits_feeling(activity: Activity, feeling: Feeling) -> bool:
    # Running on empty: only something short and calm, or nothing at all.
    if feeling == "empty":
        return activity.energy == "calm" and activity.minutes <= EMPTY_MINUTES
    return True


def _materials_fit(activity: Activity, at_hand: frozenset[str] | None) -> bool:
    if at_hand is None:
        return True
    return all(material_at_hand(material, at_hand) for material in activity.materials)


def material_at_hand(material: str, at_hand: Iterable[str]) -> bool:
    """Whether something at hand is this material: "balloons" is "a balloon", "socks" is
    "a bean bag or a rolled pair of socks" (case, articles and plurals don't matter)."""
    words = _stems(material)
    return any(_contains(words, _stems(thing)) for thing in at_hand)


def avoided(activity: Activity, avoid: Iterable[str]) -> bool:
    """Whether the card mentions anything the child avoids ("balloons", "tickling")."""
    text = _stems(activity.searchable_text())
    return any(_contains(text, _stems(word)) for word in avoid)


_ARTICLES = frozenset({"a", "an", "the", "some"})
# (suffix, shortest stem left): "tickling", "tickled", "tickles" and "tickle" meet at "tickl".
_SUFFIXES = (("ing", 4), ("ed", 4), ("es", 3), ("s", 3), ("e", 3))


@lru_cache(maxsize=4096)
def _stems(text: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return tuple(_stem(word) for word in words if word not in _ARTICLES)


def _stem(word: str) -> str:
    for suffix, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: -len(suffix)]
    return word


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    if not phrase:
        return False
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))
