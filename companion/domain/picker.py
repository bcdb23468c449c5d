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

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import lru_cache
from typing import Literal, TypeVar

from companion.domain.activity import PLACES, Activity, Energy, Place
from companion.domain.errors import CompanionError
from companion.domain.family import Child, Dimension
from companion.domain.library import LibraryCard, Played
from companion.domain.states import FEELINGS, Feeling
from companion.domain.text import MONTHS, WEEKDAYS, and_list

ReasonKind = Literal[
    "no_touch_version",
    "dimension_gap",
    "balance",
    "focus",
    "from_therapist",
    "favourite",
    "enjoyed",
    "calm_for_you",
    "fits_minutes",
    "fits_place",
    "fresh",
    "last_played",
    "needs",
    "needs_nothing",
]

WEEK = 7  # days the dimension balance looks back over
LOOK_BACK = 14  # days "No Nurture for N days" and "not played lately" look back over
RECENT = 4  # a game played this many days ago or less is strongly held back
EMPTY_MINUTES = 5  # the longest game offered to a caregiver running on empty
GAP_DAYS = 3  # a dimension missing this long is worth saying out loud

REST_IS_FINE = "It is fine to skip today; rest counts too."


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


@dataclass(frozen=True)
class Reason:
    """One true thing about why a card was picked, with the facts behind the words."""

    kind: ReasonKind
    text: str
    dimension: Dimension | None = None
    days: int | None = None  # days ago (None: not within the look-back)
    minutes: int | None = None
    on: date | None = None
    place: Place | None = None
    items: tuple[str, ...] = ()
    # The text starts with a name ("Mia", "Nurture"), which keeps its capital mid-sentence.
    starts_with_name: bool = False

    def in_sentence(self) -> str:
        if self.starts_with_name or not self.text:
            return self.text
        return self.text[0].lower() + self.text[1:]


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


# -- the hard rules -----------------------------------------------------------------------


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


# -- what the child played before today ---------------------------------------------------


@dataclass
class _Past:
    """The child's games before the day, as the score and the reasons read them."""

    day: date
    card_last: dict[str, date] = field(default_factory=dict)  # newest play of each card
    enjoyed_last: dict[str, date] = field(default_factory=dict)
    dimension_last: dict[Dimension, date] = field(default_factory=dict)  # within LOOK_BACK
    week_halves: dict[Dimension, int] = field(default_factory=lambda: dict.fromkeys(Dimension, 0))
    week_mains: dict[Dimension, int] = field(default_factory=lambda: dict.fromkeys(Dimension, 0))
    played_lately: bool = False  # any game within LOOK_BACK

    def days_since_card(self, card_id: str) -> int | None:
        last = self.card_last.get(card_id)
        return None if last is None else (self.day - last).days

    def days_since_dimension(self, dimension: Dimension) -> int | None:
        last = self.dimension_last.get(dimension)
        return None if last is None else (self.day - last).days


def _dimensions(activity: Activity) -> tuple[Dimension, ...]:
    # The first is the main one; a card naming one twice still counts it once.
    return tuple(dict.fromkeys(activity.dimensions))


def _past(
    cards: Sequence[LibraryCard], child: Child, day: date, history: Iterable[Played]
) -> _Past:
    games = {card.id: card.activity for card in cards if card.activity.kind == "game"}
    past = _Past(day)
    for played in history:
        # Only days before today: the pick must not change once today's game is logged.
        if played.day >= day or not played.involves(child.id):
            continue
        if played.day > past.card_last.get(played.activity_id, date.min):
            past.card_last[played.activity_id] = played.day
        if played.enjoyed and played.day > past.enjoyed_last.get(played.activity_id, date.min):
            past.enjoyed_last[played.activity_id] = played.day
        activity = games.get(played.activity_id)
        if activity is None:  # a ritual, or a card no longer in the library
            continue
        age = (day - played.day).days
        dimensions = _dimensions(activity)
        if age <= LOOK_BACK:
            past.played_lately = True
            for dimension in dimensions:
                if played.day > past.dimension_last.get(dimension, date.min):
                    past.dimension_last[dimension] = played.day
        if age <= WEEK:
            # Counted in halves: the main dimension is one whole, each other one a half.
            past.week_halves[dimensions[0]] += 2
            past.week_mains[dimensions[0]] += 1
            for dimension in dimensions[1:]:
                past.week_halves[dimension] += 1
    return past


def dimension_deficits(
    week_counts: dict[Dimension, int], child: Child
) -> dict[Dimension, Fraction]:
    """How far each dimension is behind its share of the week (negative: ahead of it).

    Each dimension's share is 1, or 2 when it is one of the child's focus dimensions."""
    weights = {d: 2 if d in child.focus else 1 for d in Dimension}
    all_weights = sum(weights.values())
    total = sum(week_counts.values())
    return {
        d: Fraction(weights[d], all_weights) - (Fraction(week_counts[d], total) if total else 0)
        for d in Dimension
    }


# -- the soft score -----------------------------------------------------------------------


def _tie_break(child: Child, day: date, card: LibraryCard) -> int:
    return zlib.crc32(f"{child.id}|{day.isoformat()}|{card.id}".encode())


def _wobble(child: Child, day: date, card: LibraryCard) -> float:
    """A small nudge that changes from day to day, so close cards take turns (0 to 1)."""
    return _tie_break(child, day, card) / 2**32


def _score(
    card: LibraryCard,
    child: Child,
    conditions: Conditions,
    past: _Past,
    deficits: dict[Dimension, Fraction],
    main_deficits: dict[Dimension, Fraction],
) -> float:
    activity = card.activity
    main, *others = _dimensions(activity)
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


# -- the reasons, in plain words ----------------------------------------------------------

_PLACE_WORDS: dict[str, str] = {
    "floor": "on the floor",
    "table": "at the table",
    "sofa": "on the sofa",
    "bed": "in bed",
    "bath": "in the bath",
    "car": "in the car",
    "outdoors": "outdoors",
}


def dimension_label(dimension: Dimension) -> str:
    return dimension.value.capitalize()


def when_words(then: date, day: date) -> str:
    """ "yesterday", "on Tuesday" (within the week) or "on 3 November"."""
    ago = (day - then).days
    if ago == 1:
        return "yesterday"
    if 1 < ago < WEEK:
        return f"on {WEEKDAYS[then.weekday()]}"
    return f"on {then.day} {MONTHS[then.month - 1]}"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _reasons(
    card: LibraryCard,
    child: Child,
    conditions: Conditions,
    past: _Past,
    deficits: dict[Dimension, Fraction],
    no_touch: bool,
) -> tuple[Reason, ...]:
    activity = card.activity
    main = _dimensions(activity)[0]
    label = dimension_label(main)
    why: list[Reason] = []

    gap = past.days_since_dimension(main)
    if past.played_lately and (gap is None or gap >= GAP_DAYS):
        text = f"No {label} in the last two weeks"
        if gap is not None:
            text = f"No {label} for {_days(gap)}"
        why.append(Reason("dimension_gap", text, dimension=main, days=gap))
    elif (
        past.played_lately
        and deficits[main] > 0
        and deficits[main] == max(deficits.values())
        and sum(past.week_halves.values()) > 0
    ):
        text = f"{label} is a little behind this week"
        why.append(Reason("balance", text, dimension=main, starts_with_name=True))
    if main in child.focus:
        text = f"{label} is a focus for {child.name}"
        why.append(Reason("focus", text, dimension=main, starts_with_name=True))
    if card.marks.from_therapist:
        why.append(Reason("from_therapist", "From your therapist"))
    if card.marks.favourite:
        why.append(Reason("favourite", "One of your favourites"))
    enjoyed = past.enjoyed_last.get(card.id)
    if enjoyed is not None:
        text = f"{child.name} enjoyed it {when_words(enjoyed, past.day)}"
        why.append(Reason("enjoyed", text, on=enjoyed, starts_with_name=True))
    if conditions.feeling != "calm" and activity.energy == "calm":
        text = "Short and calm, easy on you today"
        if activity.minutes > EMPTY_MINUTES:
            text = "Calm, easy on you today"
        why.append(Reason("calm_for_you", text, minutes=activity.minutes))
    if conditions.minutes is not None and activity.minutes <= conditions.minutes:
        text = f"Fits your {conditions.minutes} minutes"
        why.append(Reason("fits_minutes", text, minutes=conditions.minutes))
    if conditions.place in _PLACE_WORDS and activity.fits_place(str(conditions.place)):
        place = conditions.place
        why.append(Reason("fits_place", f"Works {_PLACE_WORDS[str(place)]}", place=place))
    since = past.days_since_card(card.id)
    if since is None or since > LOOK_BACK:
        why.append(Reason("fresh", "Not played in the last two weeks", days=since))
    elif not why:
        text = "Last played yesterday" if since == 1 else f"Last played {since} days ago"
        why.append(Reason("last_played", text, days=since))

    first: list[Reason] = []
    if no_touch:
        text = f"Shown in its no-touch version for {child.name}"
        first.append(Reason("no_touch_version", text))
    if activity.materials:
        needs = Reason("needs", f"Needs {and_list(activity.materials)}", items=activity.materials)
    else:
        needs = Reason("needs_nothing", "Needs nothing but the two of you")
    # At most four: the no-touch note, the strongest reasons, and what to gather.
    return (*first, *why[: 3 - len(first)], needs)


# -- ranking and today's pick -------------------------------------------------------------


def rank(
    cards: Sequence[LibraryCard],
    child: Child,
    day: date,
    history: Sequence[Played],
    conditions: Conditions,
) -> list[Pick]:
    """Every game that may be offered today, best first, each with its reasons."""
    past = _past(cards, child, day, history)
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
        reasons = _reasons(card, child, conditions, past, deficits, no_touch)
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


def nothing_fits_message(child: Child, conditions: Conditions) -> str:
    """ "Nothing in the library fits 2 minutes in the car for Mia; try more time or another
    place, or just be together." """
    what: list[str] = []
    tries: list[str] = []
    if conditions.minutes is not None:
        energy = f" {conditions.energy}" if conditions.energy else ""
        what.append(f"{conditions.minutes}{energy} minute{'s' if conditions.minutes != 1 else ''}")
        tries.append("more time")
    elif conditions.energy:
        what.append(f"a {conditions.energy} game")
    if conditions.energy:
        tries.append("a calm game" if conditions.energy == "lively" else "a lively game")
    if conditions.place in _PLACE_WORDS:
        what.append(_PLACE_WORDS[str(conditions.place)])
        tries.append("another place")
    if conditions.materials_at_hand is not None:
        at_hand = "nothing at hand" if not conditions.materials_at_hand else "what is at hand"
        what.append(f"with {at_hand}")
        tries.append("a few more things at hand")
    if not what:
        return (
            f"Nothing in the library fits {child.name} right now (their age, touch and the "
            "things to avoid all count); add a card of your own, or just be together."
        )
    return (
        f"Nothing in the library fits {' '.join(what)} for {child.name}; "
        f"try {_listed_or(tries)}, or just be together."
    )


def _listed_or(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]
