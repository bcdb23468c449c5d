"""The session brief from the family's records: what happened between two appointments.

Pure: the caller reads the records and passes them in (more than the span is fine), and gets
a `Brief` back. Counting rules worth knowing:

- A reflection that names no child counts for every child, as the picker counts it
  (`library.Played.involves`), so the brief and today's pick tell the same story. (The
  services name the only child of a one-child family anyway.)
- A routine's planned days are the week grid's (`consistency.week_grid`); the day the brief
  is made counts only once it was checked off, as "today" does on the consistency screen.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from companion.domain.brief import (
    BLANK,
    NOT_PLANNED,
    OUTSIDE,
    Asked,
    Brief,
    CellMark,
    ChildActivities,
    DimensionTally,
    Entry,
    GridRow,
    GridWeek,
    PracticeLine,
    Question,
    RoutineSummary,
)
from companion.domain.brief_trends import Span, caregiver_trends, child_trend, count_of, is_about
from companion.domain.consistency import WeekRow, part_of_day, week_grid
from companion.domain.errors import CompanionError
from companion.domain.family import Child, Dimension, Family
from companion.domain.library import LibraryCard
from companion.domain.reflection import QUESTIONS_LABEL, Reflection
from companion.domain.routine import STATUS_WORDS, Checkoff, DayChange, Routine
from companion.domain.text import and_list


def build_brief(
    *,
    family: Family,
    reflections: Iterable[Reflection],
    cards: Iterable[LibraryCard],
    routines: Iterable[Routine],
    checkoffs: Iterable[Checkoff],
    changes: Iterable[DayChange],
    since: date,
    until: date,
    made_on: date,
    last_appointment: date | None = None,
    next_appointment: date | None = None,
) -> Brief:
    if since > until:
        raise CompanionError(
            f"The brief's first day ({since}) is after its last day ({until}); "
            "swap them and try again."
        )
    span = Span(since, until, made_on)
    routines = list(routines)
    routine_names = {routine.id: routine.name for routine in routines}
    kept = sorted((r for r in reflections if span.holds(r.day)), key=_written)
    library = {card.id: card for card in cards}
    weeks, summaries = _routines(
        routines, [c for c in checkoffs if span.holds(c.day)], changes, span
    )
    activities = tuple(_child_activities(child, kept, library) for child in family.children)
    names = tuple(child.name for child in family.children)
    return Brief(
        title=f"Session brief for {and_list(names)}" if names else "Session brief",
        since=since,
        until=until,
        made_on=made_on,
        children=names,
        caregivers=tuple(c.name for c in family.caregivers),
        reflections=len(kept),
        last_appointment=last_appointment,
        next_appointment=next_appointment,
        activities=activities,
        routines=summaries,
        weeks=weeks,
        trends=tuple(child_trend(child, kept, span) for child in family.children),
        practice=_practice(family, library.values(), kept, activities),
        flagged=tuple(_entry(r, family, library, routine_names) for r in kept if r.for_therapist),
        questions=_questions(kept, family),
        caregivers_state=caregiver_trends(family, kept, span),
    )


# -- small words ---------------------------------------------------------------------------


def _written(reflection: Reflection) -> tuple[date, datetime]:
    return reflection.day, reflection.written_at


def _times(number: int) -> str:
    if number == 0:
        return "not played in these weeks"
    return "played once" if number == 1 else f"played {number} times"


def _by(reflection: Reflection, family: Family) -> str:
    return family.name_of(reflection.by) if reflection.by else ""


def _title(card_id: str, library: dict[str, LibraryCard]) -> str:
    card = library.get(card_id)
    return card.activity.title if card else card_id  # a card no longer in the library


# -- connection games ----------------------------------------------------------------------


def _child_activities(
    child: Child, reflections: list[Reflection], library: dict[str, LibraryCard]
) -> ChildActivities:
    plays = Counter(card_id for r in reflections if is_about(r, child) for card_id in r.activities)
    by_dimension: Counter[Dimension] = Counter()
    for card_id, times in plays.items():
        card = library.get(card_id)
        for dimension in set(card.activity.dimensions) if card else ():
            by_dimension[dimension] += times
    tallies = tuple(DimensionTally(d.value, by_dimension[d], d in child.focus) for d in Dimension)
    games = sorted(
        ((_title(card_id, library), times) for card_id, times in plays.items()),
        key=lambda game: (-game[1], game[0].casefold()),
    )
    total = plays.total()
    return ChildActivities(
        child=child.name,
        focus=tuple(d.value for d in child.focus),
        dimensions=tallies,
        games=tuple(games),
        times_played=total,
        sentence=_games_sentence(child.name, total, tallies),
    )


def _games_sentence(name: str, total: int, tallies: tuple[DimensionTally, ...]) -> str:
    if total == 0:
        return f"No connection games were noted for {name} in these weeks."
    head = f"{name} played {count_of(total, 'connection game')}"
    most_first = sorted((t for t in tallies if t.played), key=lambda t: -t.played)
    parts = [
        f"{t.dimension.capitalize()} {t.played}{' (our focus)' if t.in_focus else ''}"
        for t in most_first
    ]
    return f"{head}: {', '.join(parts)}." if parts else f"{head}."


# -- routines ------------------------------------------------------------------------------


@dataclass
class _Tally:
    happened: int = 0
    planned: int = 0
    unplanned: int = 0  # done or partly done on a day it was not planned


def _routines(
    routines: Iterable[Routine],
    checkoffs: list[Checkoff],
    changes: Iterable[DayChange],
    span: Span,
) -> tuple[tuple[GridWeek, ...], tuple[RoutineSummary, ...]]:
    checked = {c.routine_id for c in checkoffs}
    # A paused routine is shown only for what was done while it ran.
    shown = sorted(
        (r for r in routines if not r.paused or r.id in checked),
        key=lambda r: (r.start, r.name.casefold()),
    )
    changes = list(changes)
    tallies = {r.id: _Tally() for r in shown}
    weeks = []
    for monday in span.mondays:
        rows = week_grid(shown, checkoffs, changes, monday)
        for row in rows:
            _add_up(row, span, tallies[row.routine.id])
        grid = tuple(GridRow(row.routine.name, _marks(row, span)) for row in rows)
        weeks.append(GridWeek(monday, grid))
    summaries = tuple(
        RoutineSummary(r.name, tallies[r.id].happened, tallies[r.id].planned, _says(r, tallies))
        for r in shown
    )
    return tuple(weeks), summaries


def _marks(row: WeekRow, span: Span) -> tuple[CellMark, ...]:
    marks: list[CellMark] = []
    for cell in row.cells:
        if not span.holds(cell.day):
            marks.append(OUTSIDE)
        elif cell.status is not None:
            marks.append(STATUS_WORDS[cell.status])
        else:
            marks.append(BLANK if cell.planned else NOT_PLANNED)
    return tuple(marks)


def _add_up(row: WeekRow, span: Span, tally: _Tally) -> None:
    for cell in row.cells:
        if not span.holds(cell.day):
            continue
        happened = cell.status in ("done", "partly")
        if not cell.planned:
            tally.unplanned += int(happened)
        elif cell.day < span.today or cell.status is not None:
            tally.planned += 1
            tally.happened += int(happened)


def _says(routine: Routine, tallies: dict[str, _Tally]) -> str:
    """ "Bedtime happened 38 of 42 evenings." """
    tally, name = tallies[routine.id], routine.name
    if tally.planned == 0:
        if tally.unplanned:
            days = count_of(tally.unplanned, "day")
            return f"{name} was not planned in these weeks; it happened on {days} all the same."
        return f"{name} was not planned in these weeks."
    part = part_of_day(routine)
    noun = part if tally.planned != 1 else part.removesuffix("s")
    extra = f", and on {count_of(tally.unplanned, 'other day')}" if tally.unplanned else ""
    return f"{name} happened {tally.happened} of {tally.planned} {noun}{extra}."


# -- the plan, flagged reflections ---------------------------------------------------------


def _practice(
    family: Family,
    cards: Iterable[LibraryCard],
    reflections: list[Reflection],
    activities: tuple[ChildActivities, ...],
) -> tuple[PracticeLine, ...]:
    plays = Counter(card_id for r in reflections for card_id in r.activities)
    asked = sorted(
        (c for c in cards if c.marks.from_therapist), key=lambda c: c.activity.title.casefold()
    )
    lines = [
        PracticeLine(
            c.activity.title,
            "a game from our therapist",
            plays[c.id],
            f"{c.activity.title} (from our therapist): {_times(plays[c.id])}.",
        )
        for c in asked
    ]
    for child, played in zip(family.children, activities, strict=True):
        tallies = {t.dimension: t.played for t in played.dimensions}
        for dimension in child.focus:
            title = f"{dimension.value.capitalize()} games for {child.name}"
            done = tallies[dimension.value]
            lines.append(
                PracticeLine(title, "our focus", done, f"{title} (our focus): {_times(done)}.")
            )
    return tuple(lines)


def _entry(
    reflection: Reflection,
    family: Family,
    library: dict[str, LibraryCard],
    routine_names: dict[str, str],
) -> Entry:
    about = [_title(card_id, library) for card_id in reflection.activities]
    if reflection.routine in routine_names:
        about.append(routine_names[reflection.routine])
    return Entry(
        day=reflection.day,
        by=_by(reflection, family),
        children=tuple(family.name_of(child_id) for child_id in reflection.children),
        about=", ".join(about),
        parts=tuple(
            (label, words)
            for label, words in reflection.written_parts()
            if label != QUESTIONS_LABEL  # listed once, under Questions
        ),
        tags=reflection.tags,
        questions=len({_same_words(line) for line in reflection.question_lines()}),
    )


def _questions(reflections: list[Reflection], family: Family) -> tuple[Question, ...]:
    """Every question once, with each time it was asked, oldest first. Only the very same
    words (spacing aside) are one question: a capital may be how a worry was said."""
    first_words: dict[str, str] = {}
    asked: defaultdict[str, list[Asked]] = defaultdict(list)
    for reflection in reflections:
        when = Asked(reflection.day, _by(reflection, family))
        for line in reflection.question_lines():
            same = _same_words(line)
            first_words.setdefault(same, line)
            if when not in asked[same]:  # asked twice the same day by the same person: once
                asked[same].append(when)
    return tuple(Question(words, tuple(asked[same])) for same, words in first_words.items())


def _same_words(line: str) -> str:
    return " ".join(line.split())
