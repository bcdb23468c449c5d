"""How a routine reads on the command line: its time and days, steps, who it is for."""

from __future__ import annotations

from typing import Any

from companion.domain.family import Family
from companion.domain.routine import WEEKDAYS, Routine
from companion.domain.text import and_list


def when(routine: Routine) -> str:
    return f"{routine.start:%H:%M} {routine.days_text()}"


def steps_summary(routine: Routine) -> str:
    count = len(routine.steps)
    return f"{count} step{'s' if count != 1 else ''}, {routine.total_minutes} minutes"


def children_text(routine: Routine, people: Family) -> str:
    return and_list([people.name_of(i) for i in routine.children]) or "the children"


def for_whom(routine: Routine, people: Family) -> str:
    kids = and_list([people.name_of(i) for i in routine.children]) or "the whole family"
    reminded = and_list([people.name_of(i) for i in routine.remind]) or "everyone"
    lead = routine.lead_minutes
    if lead == 0:
        return f"For {kids}; reminds {reminded} as it starts."
    return f"For {kids}; reminds {reminded} {lead} minute{'s' if lead != 1 else ''} before."


def routine_lines(routine: Routine, people: Family) -> list[str]:
    paused = " · paused (no reminders)" if routine.paused else ""
    lines = [f"{routine.name} · {when(routine)} · {routine.total_minutes} minutes{paused}"]
    lines.extend(
        f"  {n}. {step.text} ({step.minutes} min)" for n, step in enumerate(routine.steps, start=1)
    )
    lines.append(f"  {for_whom(routine, people)}")
    return lines


def routine_json(routine: Routine, people: Family, this_week: str) -> dict[str, Any]:
    return {
        "id": routine.id,
        "name": routine.name,
        "start": f"{routine.start:%H:%M}",
        "days": [WEEKDAYS[d] for d in sorted(routine.days)],
        "days_text": routine.days_text(),
        "steps": routine.steps,
        "total_minutes": routine.total_minutes,
        "children": [people.name_of(i) for i in routine.children],
        "remind": [people.name_of(i) for i in routine.remind],
        "lead_minutes": routine.lead_minutes,
        "paused": routine.paused,
        "this_week": this_week,
    }
