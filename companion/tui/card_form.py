"""What the card editor's form holds, turned into a card (or its problems, in plain words).

Plain Python, so the rules are easy to test apart from the screen: the form keeps what was
typed as text, and `card_problems` judges it exactly as it judges a card file."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from companion.domain.activity import Activity, card_problems, parse_card

LABELS = {
    "id": "Id",
    "title": "Title",
    "kind": "Kind",
    "dimensions": "Dimensions",
    "ages": "Ages",
    "minutes": "Minutes",
    "energy": "Energy",
    "places": "Places",
    "materials": "Things needed",
    "touch": "Touch",
    "steps": "Steps",
    "notice": "What to notice",
    "easier": "Easier",
    "harder": "Harder",
    "no_touch": "No-touch version",
    "why": "Why it helps",
    "helps": "It helps with",
    "safety": "Safety",
}

_MISSING = {
    "id": "Please give the card an id, or a title to make one from.",
    "title": "Please give the card a title.",
    "minutes": "Please say about how many minutes it takes.",
    "notice": "Please say what to notice.",
    "easier": "Please give an easier way to play it.",
    "harder": "Please give a harder way to play it.",
    "why": "Please say why it helps.",
    "dimensions": "Please choose at least one dimension.",
    "ages": "Please give the youngest and the oldest age.",
    "places": "Please choose at least one place.",
    "steps": "Please write at least one step, one per line.",
    "helps": "Please choose at least one thing it helps with.",
}


@dataclass(frozen=True)
class CardForm:
    """The form as typed: text stays text until it is checked."""

    id: str = ""
    title: str = ""
    kind: str = "game"
    dimensions: tuple[str, ...] = ()
    youngest: str = ""
    oldest: str = ""
    minutes: str = ""
    energy: str = "calm"
    places: tuple[str, ...] = ()
    materials: str = ""
    touch: str = "none"
    steps: str = ""
    notice: str = ""
    easier: str = ""
    harder: str = ""
    no_touch: str = ""
    why: str = ""
    helps: tuple[str, ...] = ()
    safety: str = ""

    @classmethod
    def from_activity(cls, activity: Activity) -> CardForm:
        return cls(
            id=activity.id,
            title=activity.title,
            kind=activity.kind,
            dimensions=tuple(str(d) for d in activity.dimensions),
            youngest=str(activity.ages[0]),
            oldest=str(activity.ages[1]),
            minutes=str(activity.minutes),
            energy=activity.energy,
            places=tuple(activity.places),
            materials=", ".join(activity.materials),
            touch=activity.touch,
            steps="\n".join(activity.steps),
            notice=activity.notice,
            easier=activity.easier,
            harder=activity.harder,
            no_touch=activity.no_touch or "",
            why=activity.why,
            helps=tuple(activity.helps),
            safety=activity.safety or "",
        )

    @classmethod
    def starting_from(cls, activity: Activity) -> CardForm:
        """A new card of our own, begun from a shipped card's words."""
        return replace(
            cls.from_activity(activity),
            id=f"{activity.id}-ours",
            title=f"{activity.title} (our way)",
        )

    def with_id(self) -> CardForm:
        """The id made from the title when it was left empty."""
        return self if self.id.strip() else replace(self, id=slug(self.title))

    def raw(self) -> dict[str, Any]:
        """The card as `card_problems` reads it; what is left empty is missing."""
        raw: dict[str, Any] = {"kind": self.kind, "energy": self.energy, "touch": self.touch}
        texts = {
            "id": self.id.strip().casefold(),
            "title": _one_line(self.title),
            "notice": _one_line(self.notice),
            "easier": _one_line(self.easier),
            "harder": _one_line(self.harder),
            "no_touch": _one_line(self.no_touch),
            "why": _one_line(self.why),
            "safety": _one_line(self.safety),
        }
        raw.update({name: text for name, text in texts.items() if text})
        for name, chosen in (
            ("dimensions", self.dimensions),
            ("places", self.places),
            ("helps", self.helps),
        ):
            if chosen:
                raw[name] = list(chosen)
        if self.youngest.strip() and self.oldest.strip():
            raw["ages"] = [_number(self.youngest), _number(self.oldest)]
        if self.minutes.strip():
            raw["minutes"] = _number(self.minutes)
        raw["materials"] = [m.strip() for m in self.materials.split(",") if m.strip()]
        steps = [_one_line(line) for line in self.steps.splitlines() if line.strip()]
        if steps:
            raw["steps"] = steps
        return raw

    def problems(self) -> list[tuple[str, str]]:
        """Each problem as (field, a sentence for beside that field)."""
        return [(name, plain_problem(name, what)) for name, what in card_problems(self.raw())]

    def activity(self) -> Activity:
        """The card; only call when `problems` is empty."""
        return parse_card(self.raw())


def plain_problem(field: str, what: str) -> str:
    label = LABELS.get(field, field)
    if what == "is missing":
        return _MISSING.get(field, f"Please fill in {label.lower()}.")
    joiner = " " if what.startswith(("should", "is ")) else ": "
    return f"{label}{joiner}{what}."


def slug(title: str) -> str:
    """ "Lotion hands (our way)" -> "lotion-hands-our-way"; empty when there are no letters."""
    return "-".join(re.findall(r"[a-z0-9]+", title.casefold()))[:60].strip("-")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _number(text: str) -> int | str:
    # Kept as text when it is not a number, so the problem quotes what was typed.
    try:
        return int(text.strip())
    except ValueError:
        return text.strip()
