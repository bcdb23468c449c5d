"""A connection activity card: one schema for shipped cards, a family's own and imported ones.

The card format is described for writers in `activities/README.md`. `card_problems` checks a
card field by field so a writer sees every problem at once, not only the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

import msgspec

from companion.domain.family import Dimension, TouchComfort

Kind = Literal["game", "hello", "goodbye"]
Energy = Literal["calm", "lively"]
Touch = Literal["none", "light", "hands-on"]
Place = Literal["floor", "table", "sofa", "bed", "bath", "car", "outdoors", "anywhere"]
Helps = Literal["safe haven", "secure base", "attunement", "co-regulation", "delight"]

PLACES: tuple[Place, ...] = Place.__args__  # type: ignore[attr-defined]
MAX_MINUTES = 20
MAX_AGE = 18

Slug = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
# pattern \S: a text of only spaces says nothing, so it counts as empty
Line = Annotated[str, msgspec.Meta(pattern=r"\S", max_length=120)]
Words = Annotated[str, msgspec.Meta(pattern=r"\S", max_length=600)]
Age = Annotated[int, msgspec.Meta(ge=0, le=MAX_AGE)]


class Activity(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True, omit_defaults=True
):
    id: Slug
    title: Line
    kind: Kind
    dimensions: Annotated[tuple[Dimension, ...], msgspec.Meta(min_length=1, max_length=4)]
    ages: Annotated[tuple[Age, Age], msgspec.Meta()]
    minutes: Annotated[int, msgspec.Meta(ge=1, le=MAX_MINUTES)]
    energy: Energy
    places: Annotated[tuple[Place, ...], msgspec.Meta(min_length=1)]
    materials: tuple[Line, ...] = ()
    touch: Touch
    steps: Annotated[tuple[Words, ...], msgspec.Meta(min_length=1, max_length=12)]
    notice: Words
    easier: Words
    harder: Words
    no_touch: Words | None = None
    why: Words
    helps: Annotated[tuple[Helps, ...], msgspec.Meta(min_length=1)]
    safety: Words | None = None

    @property
    def needs_nothing(self) -> bool:
        return not self.materials

    def fits_age(self, age: int) -> bool:
        return self.ages[0] <= age <= self.ages[1]

    def fits_place(self, place: str) -> bool:
        return "anywhere" in self.places or place in self.places

    def fits_touch(self, comfort: TouchComfort) -> bool:
        """Whether the card as written suits the child, before any no-touch variant."""
        if comfort is TouchComfort.COMFORTABLE:
            return True
        if comfort is TouchComfort.LIGHT_ONLY:
            return self.touch != "hands-on"
        return self.touch == "none"

    def offerable_to(self, comfort: TouchComfort) -> bool:
        return self.fits_touch(comfort) or self.no_touch is not None

    def searchable_text(self) -> str:
        parts = [self.title, self.id, *self.materials, *self.steps, self.why, self.notice]
        return " ".join(parts).casefold()


_FIELDS = {field.name: field for field in msgspec.structs.fields(Activity)}
_REQUIRED = [field.name for field in msgspec.structs.fields(Activity) if field.required]


_OPTIONAL_TEXT = ("no_touch", "safety")


def _normalised(card: Mapping[str, Any]) -> dict[str, Any]:
    """Cards may leave an optional text empty (`safety = ""`): that means there is none."""
    return {
        k: v
        for k, v in card.items()
        if not (k in _OPTIONAL_TEXT and isinstance(v, str) and not v.strip())
    }


def card_problems(raw_card: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every problem with one card, as (field, what is wrong); empty when it is good."""
    card = _normalised(raw_card)
    problems: list[tuple[str, str]] = []
    for name in _REQUIRED:
        if name not in card:
            problems.append((name, "is missing"))
    for name, value in card.items():
        field = _FIELDS.get(name)
        if field is None:
            known = ", ".join(_FIELDS)
            problems.append((name, f"is not a card field (the fields are: {known})"))
            continue
        try:
            msgspec.convert(value, field.type)
        except msgspec.ValidationError:
            problems.append((name, _expected(name, value)))
    problems.extend(_rule_problems(card))
    return problems


def parse_card(card: Mapping[str, Any]) -> Activity:
    """A checked card; call `card_problems` first to explain what is wrong with a bad one."""
    return msgspec.convert(_normalised(card), Activity)


def _rule_problems(card: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Rules across fields, checked when the fields themselves are readable."""
    problems: list[tuple[str, str]] = []
    match card.get("ages"):
        case [int() as youngest, int() as oldest] if youngest > oldest:
            problems.append(("ages", f"the youngest age ({youngest}) is above the oldest"))
    touch = card.get("touch")
    if touch in ("light", "hands-on") and not card.get("no_touch"):
        problems.append(("no_touch", f'a card with "{touch}" touch needs a no-touch variant'))
    return problems


def _describe(value: Any) -> str:
    shown = repr(value) if not isinstance(value, str) else f'"{value}"'
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _one_of(choices: tuple[str, ...]) -> str:
    return ", ".join(choices)


_TEXT = "should be text of up to 600 characters"
_EXPECTED = {
    "id": 'should be lowercase words joined by hyphens, like "mirror-moves"',
    "title": "should be a short line of text (up to 120 characters)",
    "kind": f"should be one of: {_one_of(Kind.__args__)}",  # type: ignore[attr-defined]
    "dimensions": f"should be a list of one to four of: {_one_of(tuple(Dimension))}",
    "ages": f"should be the youngest and oldest age in years, like [3, 12] (0 to {MAX_AGE})",
    "minutes": f"should be a whole number of minutes from 1 to {MAX_MINUTES}",
    "energy": f"should be {' or '.join(Energy.__args__)}",  # type: ignore[attr-defined]
    "places": f"should be a list of at least one of: {_one_of(PLACES)}",
    "materials": "should be a list of short things to have at hand, or [] when none are needed",
    "touch": f"should be one of: {_one_of(Touch.__args__)}",  # type: ignore[attr-defined]
    "steps": "should be a list of 1 to 12 steps, each up to 600 characters",
    "helps": f"should be a list of at least one of: {_one_of(Helps.__args__)}",  # type: ignore[attr-defined]
}


def _expected(name: str, value: Any) -> str:
    return f"{_EXPECTED.get(name, _TEXT)}, not {_describe(value)}"
