"""Who is in the family: caregivers and children, with each child's touch profile."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, TypeVar

import msgspec

from companion.domain.errors import CompanionError
from companion.domain.ids import new_id


class Dimension(StrEnum):
    """The four Theraplay dimensions a therapist may ask a family to focus on."""

    STRUCTURE = "structure"
    ENGAGEMENT = "engagement"
    NURTURE = "nurture"
    CHALLENGE = "challenge"


class TouchComfort(StrEnum):
    COMFORTABLE = "comfortable"
    LIGHT_ONLY = "light"
    NO_TOUCH = "none"

    @property
    def label(self) -> str:
        return _TOUCH_LABELS[self]


_TOUCH_LABELS = {
    TouchComfort.COMFORTABLE: "comfortable with touch",
    TouchComfort.LIGHT_ONLY: "light touch only",
    TouchComfort.NO_TOUCH: "no touch",
}


# A stored name has words; `clean_name` explains what is wrong with one typed in.
Name = Annotated[str, msgspec.Meta(pattern=r"\S")]


class Caregiver(msgspec.Struct, frozen=True):
    name: Name
    id: str = msgspec.field(default_factory=new_id)


class Relative(msgspec.Struct, frozen=True):
    """Someone the reflections may name (a sibling, a grandparent): kept so that a brief with
    initials hides their name too."""

    name: Name
    id: str = msgspec.field(default_factory=new_id)


class Child(msgspec.Struct, frozen=True):
    name: Name
    born: date
    id: str = msgspec.field(default_factory=new_id)
    developmental_note: str = ""
    touch: TouchComfort = TouchComfort.COMFORTABLE
    avoid: tuple[str, ...] = ()
    focus: tuple[Dimension, ...] = ()

    def age_on(self, day: date) -> int:
        had_birthday = (day.month, day.day) >= (self.born.month, self.born.day)
        return day.year - self.born.year - (0 if had_birthday else 1)


class Family(msgspec.Struct, frozen=True):
    caregivers: tuple[Caregiver, ...] = ()
    children: tuple[Child, ...] = ()
    relatives: tuple[Relative, ...] = ()

    @property
    def is_set_up(self) -> bool:
        return bool(self.caregivers) and bool(self.children)

    def child_named(self, name: str) -> Child:
        return _find_by_name(self.children, name, "child")

    def caregiver_named(self, name: str) -> Caregiver:
        return _find_by_name(self.caregivers, name, "caregiver")

    def relative_named(self, name: str) -> Relative:
        return _find_by_name(self.relatives, name, "relative")

    def name_of(self, person_id: str) -> str:
        names = {c.id: c.name for c in self.caregivers} | {c.id: c.name for c in self.children}
        return names.get(person_id, "someone no longer in the family")


_Person = TypeVar("_Person", Caregiver, Child, Relative)


def _find_by_name(people: tuple[_Person, ...], name: str, role: str) -> _Person:
    wanted = name.strip().casefold()
    for person in people:
        if person.name.casefold() == wanted:
            return person
    known = ", ".join(p.name for p in people) or "nobody yet"
    raise CompanionError(
        f'There is no {role} called "{name.strip()}" in this family (known: {known}); '
        f"check the spelling or add them with `companion family`."
    )


def clean_name(name: str, role: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise CompanionError(f"Please give the {role} a name.")
    if len(cleaned) > 60:
        raise CompanionError(f"That {role} name is very long; please keep it under 60 characters.")
    return cleaned
