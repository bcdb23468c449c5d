"""Why a card was picked, in plain words ("No Nurture for 6 days; fits your 5 minutes"), and
the kind sentence when nothing fits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

from companion.domain.activity import Place
from companion.domain.family import Child, Dimension
from companion.domain.library import LibraryCard
from companion.domain.pick_history import LOOK_BACK, WEEK, Past, dimensions_of
from companion.domain.pick_rules import EMPTY_MINUTES, Conditions
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

GAP_DAYS = 3  # a dimension missing this long is worth saying out loud


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


def reasons_for(
    card: LibraryCard,
    child: Child,
    conditions: Conditions,
    past: Past,
    deficits: dict[Dimension, Fraction],
    no_touch: bool,
) -> tuple[Reason, ...]:
    """At most four: the no-touch note, the strongest reasons, and what to gather."""
    why = [
        *_balance_reasons(card, child, past, deficits),
        *_family_reasons(card, child, past),
        *_today_reasons(card, conditions),
    ]
    why.extend(_played_reasons(card, past, anything_said=bool(why)))
    first: list[Reason] = []
    if no_touch:
        text = f"Shown in its no-touch version for {child.name}"
        first.append(Reason("no_touch_version", text))
    activity = card.activity
    if activity.materials:
        needs = Reason("needs", f"Needs {and_list(activity.materials)}", items=activity.materials)
    else:
        needs = Reason("needs_nothing", "Needs nothing but the two of you")
    return (*first, *why[: 3 - len(first)], needs)


def _balance_reasons(
    card: LibraryCard, child: Child, past: Past, deficits: dict[Dimension, Fraction]
) -> list[Reason]:
    """The four dimensions: one missing for days, behind this week, or a focus."""
    main = dimensions_of(card.activity)[0]
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
    return why


def _family_reasons(card: LibraryCard, child: Child, past: Past) -> list[Reason]:
    """What the family and the therapist said of the card, and what the child enjoyed."""
    why: list[Reason] = []
    if card.marks.from_therapist:
        why.append(Reason("from_therapist", "From your therapist"))
    if card.marks.favourite:
        why.append(Reason("favourite", "One of your favourites"))
    enjoyed = past.enjoyed_last.get(card.id)
    if enjoyed is not None:
        text = f"{child.name} enjoyed it {when_words(enjoyed, past.day)}"
        why.append(Reason("enjoyed", text, on=enjoyed, starts_with_name=True))
    return why


def _today_reasons(card: LibraryCard, conditions: Conditions) -> list[Reason]:
    """How the card fits today: the caregiver's state, the minutes, the place."""
    activity = card.activity
    why: list[Reason] = []
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
    return why


def _played_reasons(card: LibraryCard, past: Past, *, anything_said: bool) -> list[Reason]:
    """A fresh card says so; one played lately says when, if nothing else was said."""
    since = past.days_since_card(card.id)
    if since is None or since > LOOK_BACK:
        return [Reason("fresh", "Not played in the last two weeks", days=since)]
    if anything_said:
        return []
    text = "Last played yesterday" if since == 1 else f"Last played {since} days ago"
    return [Reason("last_played", text, days=since)]


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
