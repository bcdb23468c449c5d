"""How a card reads on the command line: as JSON and as plain text, and the words the card
options offer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from companion.domain.activity import Activity
    from companion.domain.library import LibraryCard

# The card's own words for these; written out so `--help` needs no card schema loaded.
DIMENSIONS = ["structure", "engagement", "nurture", "challenge"]
PLACES = ["floor", "table", "sofa", "bed", "bath", "car", "outdoors", "anywhere"]


def card_json(card: LibraryCard) -> dict[str, Any]:
    return {
        **msgspec.to_builtins(card.activity),
        "origin": card.origin,
        "favourite": card.marks.favourite,
        "hidden": card.marks.hidden,
        "from_therapist": card.marks.from_therapist,
        "safety_warnings": [c.sentence() for c in card.concerns],
    }


def summary(activity: Activity) -> str:
    return f"{activity.minutes} min, {activity.energy}, {', '.join(activity.dimensions)}"


def card_lines(card: LibraryCard) -> list[str]:
    """A card as plain text, for `activities show`."""
    from companion.domain.library import ORIGIN_LABELS

    activity = card.activity
    ages = f"ages {activity.ages[0]}-{activity.ages[1]}"
    touch = {"none": "no touch", "light": "light touch", "hands-on": "hands-on"}[activity.touch]
    lines = [
        f"{activity.title}  [{activity.id}]",
        f"{summary(activity)} · {ages} · {', '.join(activity.places)} · {touch}",
        "Needs: " + (", ".join(activity.materials) if activity.materials else "nothing"),
        "",
        *(f"{n}. {step}" for n, step in enumerate(activity.steps, start=1)),
        "",
        f"What to notice: {activity.notice}",
        f"Easier: {activity.easier}",
        f"Harder: {activity.harder}",
    ]
    if activity.no_touch:
        lines.append(f"No-touch version: {activity.no_touch}")
    lines.append(f"Why it helps ({', '.join(activity.helps)}): {activity.why}")
    if activity.safety:
        lines.append(f"Safety: {activity.safety}")
    marks = [
        label
        for label, on in (
            ("a favourite", card.marks.favourite),
            ("from our therapist", card.marks.from_therapist),
            ("not for us (never suggested)", card.marks.hidden),
        )
        if on
    ]
    lines.append(
        f"This card is {ORIGIN_LABELS[card.origin]}" + (f"; {', '.join(marks)}." if marks else ".")
    )
    lines.extend(f"Warning: {concern.sentence()}" for concern in card.concerns)
    return lines
