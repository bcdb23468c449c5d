"""What the full reflection form opens with: a reflection already written (to edit), or a new
one from what the family just did. The same is kept as "untouched", to tell whether leaving
would lose anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from companion.domain.family import Family
from companion.domain.reflection import Reflection, ReflectionDraft
from companion.domain.states import Feeling
from companion.tui.screens.reflection import ReflectionDefaults

TODAY = "today"


@dataclass(frozen=True)
class Filled:
    """What the form holds: the draft, and the day as typed (read by the service on save)."""

    draft: ReflectionDraft
    day: str


def day_text(day: date | None) -> str:
    return TODAY if day is None else day.isoformat()


def from_defaults(family: Family, defaults: ReflectionDefaults, feeling: Feeling | None) -> Filled:
    known = {c.name for c in family.children}
    only_caregiver = family.caregivers[0].name if len(family.caregivers) == 1 else None
    draft = ReflectionDraft(
        # After a game the form can be saved as it is, as the quick one can.
        text="We played together. " if defaults.activities else "",
        children=tuple(n for n in defaults.children if n in known),
        by=defaults.by or only_caregiver,
        activities=defaults.activities,
        routine=defaults.routine,
        feeling=feeling,
    )
    return Filled(draft, TODAY)


def from_reflection(family: Family, reflection: Reflection) -> Filled:
    children = {c.id: c.name for c in family.children}
    caregivers = {c.id: c.name for c in family.caregivers}
    draft = ReflectionDraft(
        text=reflection.text,
        children=tuple(children[c] for c in reflection.children if c in children),
        by=caregivers.get(reflection.by or ""),
        tags=reflection.tags,
        for_therapist=reflection.for_therapist,
        activities=reflection.activities,
        enjoyed=reflection.enjoyed,
        routine=reflection.routine,  # an id until the routines are loaded, then its name
        engagement=reflection.engagement,
        before=reflection.before,
        after=reflection.after,
        feeling=reflection.feeling,
        noticed_child=reflection.noticed_child,
        noticed_self=reflection.noticed_self,
        rupture=reflection.rupture,
        repair=reflection.repair,
        questions=reflection.questions,
    )
    return Filled(draft, day_text(reflection.day))
