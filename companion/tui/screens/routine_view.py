"""What the Routines screen shows: one load of the routines with this week's marks, what was
checked off lately and the different days to come, and how a routine reads in it (words a
family wrote: always Text, never markup)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from rich.text import Text

from companion.domain.consistency import WeekRow
from companion.domain.dates import day_words
from companion.domain.family import Family
from companion.domain.routine import STATUS_WORDS, Checkoff, CheckoffStatus, DayChange, Routine
from companion.domain.text import and_list
from companion.tui.base import CompanionNode

LOOK_BACK_DAYS = 14  # how far back a check-off can be made, and "lately" reaches
# A mark per status, always beside a word somewhere on screen; no check-off stays blank.
MARKS: dict[CheckoffStatus, str] = {"done": "✓", "partly": "◐", "skipped": "-"}
NOT_PLANNED = "·"


@dataclass(frozen=True)
class RoutinesView:
    """What one load found: the routines (earliest first) and what the screen says of each."""

    routines: tuple[Routine, ...]
    family: Family
    today: date
    rows: dict[str, WeekRow] = field(default_factory=dict)
    lately: dict[str, tuple[Checkoff, ...]] = field(default_factory=dict)  # newest first
    coming: dict[str, tuple[DayChange, ...]] = field(default_factory=dict)  # soonest first

    def named(self, routine_id: str | None) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)


def load_view(node: CompanionNode) -> RoutinesView:
    """Everything the list shows, read once (in a thread)."""
    services = node.companion.services
    routines = services.routines
    today = services.today()
    found = sorted(routines.all(), key=lambda r: (r.start, r.name.casefold()))
    rows = {row.routine.id: row for row in routines.week(today)}
    lately: dict[str, list[Checkoff]] = {}
    checkoffs = routines.checked_off(today - timedelta(days=LOOK_BACK_DAYS - 1), today)
    for checkoff in sorted(checkoffs, key=lambda c: (c.day, c.written_at), reverse=True):
        lately.setdefault(checkoff.routine_id, []).append(checkoff)
    coming: dict[str, list[DayChange]] = {}
    for change in sorted(routines.changes(), key=lambda c: c.day):
        if change.day >= today:
            coming.setdefault(change.routine_id, []).append(change)
    return RoutinesView(
        routines=tuple(found),
        family=services.family(),
        today=today,
        rows=rows,
        lately={k: tuple(v) for k, v in lately.items()},
        coming={k: tuple(v) for k, v in coming.items()},
    )


def when(routine: Routine) -> str:
    return f"{routine.start:%H:%M} {routine.days_text()}"


def for_whom(routine: Routine, family: Family) -> str:
    kids = and_list([family.name_of(i) for i in routine.children]) or "the whole family"
    reminded = and_list([family.name_of(i) for i in routine.remind]) or "everyone"
    return f"For {kids}; reminds {reminded} {routine.lead_minutes} min before."


def steps_line(routine: Routine) -> str:
    return " → ".join(f"{step.text} ({step.minutes} min)" for step in routine.steps)


def routine_prompt(routine: Routine, view: RoutinesView) -> Text:
    """One routine in the list: what, when, the steps, for whom, and how this week went."""
    text = Text()
    text.append(routine.name, style="bold")
    text.append(f"  {when(routine)} · {routine.total_minutes} min")
    if routine.paused:
        text.append(" · paused (no reminders)", style="italic")
    text.append("\n  " + steps_line(routine))
    text.append("\n  " + for_whom(routine, view.family), style="dim")
    row = view.rows.get(routine.id)
    if routine.paused:
        text.append("\n  Paused: p brings it back.", style="dim")
    elif row is not None:
        text.append("\n  " + row.sentence(view.today), style="dim")
    return text


def cell_mark(status: CheckoffStatus | None, planned: bool) -> str:
    if status is not None:
        return MARKS[status]
    return "" if planned else NOT_PLANNED


def routine_detail(routine: Routine, view: RoutinesView) -> Text:
    """Beside the list: a different day to come first, then the routine's week in marks,
    then who did what lately."""
    text = Text()
    for change in view.coming.get(routine.id, ()):
        text.append(f"{day_words(change.day, view.today)}: {change.describe(routine.name)}.\n")
        if change.say_to_child:
            text.append(f'  To say: "{change.say_to_child}"\n', style="dim")
    if text:
        text.append("\n")
    row = view.rows.get(routine.id)
    if row is not None:
        for cell in row.cells:
            mark = cell_mark(cell.status, cell.planned) or " "
            style = "bold underline" if cell.day == view.today else ""
            text.append(f"{cell.day:%a}", style=style)
            text.append(f" {mark} ")
        text.rstrip()
        text.append("\n✓ done ◐ partly - not today · not planned\n", style="dim")
        text.append(row.sentence(view.today) + "\n")
    lately = view.lately.get(routine.id, ())
    text.append("\nLately\n", style="bold")
    if not lately:
        text.append("Nothing checked off in the last two weeks.\n", style="dim")
    for checkoff in lately[:5]:
        text.append(checkoff_line(checkoff, view.family, view.today) + "\n")
    text.rstrip()
    return text


def checkoff_line(checkoff: Checkoff, family: Family, today: date) -> str:
    by = f", by {family.name_of(checkoff.by)}" if checkoff.by else ""
    note = f' · "{checkoff.note}"' if checkoff.note else ""
    return f"{day_words(checkoff.day, today)}: {STATUS_WORDS[checkoff.status]}{by}{note}"


def day_label(day: date, today: date) -> str:
    words = day_words(day, today)
    if day == today:
        return f"Today, {words}"
    if day == today - timedelta(days=1):
        return f"Yesterday, {words}"
    if day == today + timedelta(days=1):
        return f"Tomorrow, {words}"
    return words
