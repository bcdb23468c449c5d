"""The words all three formats share, so a brief reads the same on screen, in print and as text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from companion.domain.brief import (
    BLANK,
    NOT_PLANNED,
    OUTSIDE,
    Brief,
    CellMark,
    Entry,
    GridWeek,
    Question,
)
from companion.domain.family import Dimension
from companion.domain.messages import NOT_A_THERAPIST
from companion.domain.reflection import QUESTIONS_LABEL
from companion.domain.states import CHILD_STATES, FEELING_WORDS, FEELINGS, Feeling
from companion.domain.text import MONTHS, WEEKDAYS, and_list

# Section headings, in the order a therapist with five minutes wants them.
QUESTIONS = QUESTIONS_LABEL  # "Questions for our therapist", as on the full form
FLAGGED = "Flagged for discussion"
GAMES = "Connection games by dimension"
ROUTINES = "Routines"
CHILDREN = "Engagement and regulation, before and after"
PRACTICE = "Practice from our therapist, beside what we did"
CAREGIVERS = "How we caregivers have been"

REDACTED = "Names are replaced by initials."
NO_QUESTIONS = "No questions were written down this time."
NO_FLAGGED = "Nothing was marked for discussion this time."
NO_GAMES = "No connection games were noted in this span."
NO_ROUTINES = "No routines were kept in this span."

DIMENSIONS = tuple(dimension.value for dimension in Dimension)
DAYS = tuple(weekday[:3] for weekday in WEEKDAYS)  # "Mon"
DASH = "\N{EN DASH}"  # "not today" in a grid, "nothing noted" in a chart

# Week-grid marks. Never red, never "missed": a day with nothing noted stays blank.
MARKS: dict[CellMark, str] = {
    "done": "✓",
    "partly done": "~",
    "not today": DASH,
    NOT_PLANNED: "·",
    BLANK: "",
    OUTSIDE: "/",  # a mark, not only a grey fill: it must survive black-and-white printing
}
LEGEND: tuple[tuple[str, str], ...] = (
    ("✓", "done"),
    ("~", "partly done"),
    (DASH, "not today"),
    ("·", "not planned that day"),
    ("", "blank: nothing noted"),
    ("/", "outside this brief's days"),
)
LEGEND_LINE = "Marks: " + "; ".join(f"{mark} {word}".strip() for mark, word in LEGEND) + "."

CHILD_STATE_WORDS: tuple[str, ...] = CHILD_STATES
CAREGIVER_STATE_WORDS = tuple(FEELING_WORDS[feeling] for feeling in FEELINGS)
STATES_KEY = "Before and after: times calm / wobbly / overwhelmed that week."


def mark(cell: CellMark) -> str:
    """The printed mark of a grid cell; a mark we do not know yet is printed as its own words."""
    return MARKS.get(cell, cell)


def long_day(day: date, *, year: bool = True) -> str:
    """ "2 September 2026", written out so no locale changes it."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def weekday_day(day: date) -> str:
    """ "Tue 9 September": how a note's day is shown."""
    return f"{DAYS[day.weekday()]} {long_day(day, year=False)}"


def span(since: date, until: date) -> str:
    """ "2 September to 23 November 2026"; both years when the span crosses New Year."""
    return f"{long_day(since, year=since.year != until.year)} to {long_day(until)}"


def week_label(monday: date) -> str:
    """ "7 Sep", for table rows and chart axes."""
    return f"{monday.day} {MONTHS[monday.month - 1][:3]}"


def axis_labels(mondays: Sequence[date]) -> list[str]:
    """Chart week labels that name the month only when it changes: "31 Aug", "7 Sep", "14"..."""
    labels: list[str] = []
    for index, monday in enumerate(mondays):
        new_month = index == 0 or monday.month != mondays[index - 1].month
        labels.append(week_label(monday) if new_month else str(monday.day))
    return labels


def day_headers(week: GridWeek, *, short: bool = False) -> list[str]:
    """ "Mon 31", "Tue 1"... ("Mo 31" when short): the day of the month helps match a grid to
    a dated note."""
    names = [day[:2] for day in DAYS] if short else DAYS
    return [f"{names[i]} {(week.monday + timedelta(days=i)).day}" for i in range(7)]


def full_stop(text: str) -> str:
    """End a sentence once: initials such as "M." already carry their own full stop."""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def intro_lines(brief: Brief) -> list[str]:
    """The lines under the title: when it was made, what it covers, and what it is not."""
    facts = [f"Made on {long_day(brief.made_on)}", _reflections(brief.reflections)]
    if brief.last_appointment:
        facts.append(f"last appointment {long_day(brief.last_appointment)}")
    if brief.next_appointment:
        facts.append(f"next appointment {long_day(brief.next_appointment)}")
    lines = ["; ".join(facts) + "."]
    people = []
    if brief.children:
        people.append(full_stop(f"Children: {and_list(brief.children)}"))
    if brief.caregivers:
        people.append(full_stop(f"Caregivers: {and_list(brief.caregivers)}"))
    if people:
        lines.append(" ".join(people))
    return lines


def notes(brief: Brief) -> list[str]:
    """What the reader must know about the words that follow, said once and plainly."""
    lines = [brief.self_reported, NOT_A_THERAPIST]
    if brief.redacted:
        lines.append(REDACTED)
    return lines


def _reflections(count: int) -> str:
    return "1 reflection written" if count == 1 else f"{count} reflections written"


def week_heading(week: GridWeek) -> str:
    return f"Week of {long_day(week.monday, year=False)}"


def outside_note(week: GridWeek, since: date, until: date) -> str | None:
    """Said under a first or last week whose days (marked "/") fall outside the brief's span."""
    sunday = week.monday + timedelta(days=6)
    starts, ends = week.monday < since <= sunday, week.monday <= until < sunday
    if starts and ends:
        return f"The brief covers {weekday_day(since)} to {weekday_day(until)}."
    if starts:
        return f"The brief starts on {weekday_day(since)}."
    if ends:
        return f"The brief ends on {weekday_day(until)}."
    return None


def question_heading(question: Question) -> str:
    """ "Sat 5 September, Sam", or every time when it was asked again:
    "Asked twice: Sat 5 September, Sam; Tue 8 September, Alex"."""
    times = [
        weekday_day(asked.day) + (f", {asked.by}" if asked.by else "") for asked in question.asked
    ]
    if len(times) == 1:
        return times[0]
    how_often = "twice" if len(times) == 2 else f"{len(times)} times"
    return f"Asked {how_often}: " + "; ".join(times)


def entry_heading(entry: Entry) -> str:
    """ "Mon 7 September · Sam"."""
    return " · ".join(filter(None, [weekday_day(entry.day), entry.by]))


def entry_about(entry: Entry) -> str:
    """Who it was with, what it was about, its tags and where its questions are, in one line
    ("" when none is known)."""
    bits = []
    if entry.children:
        bits.append(full_stop(f"With {and_list(entry.children)}"))
    if entry.about:
        bits.append(full_stop(f"About: {entry.about}"))
    if entry.tags:
        bits.append(full_stop(f"Tags: {', '.join(entry.tags)}"))
    if entry.questions:
        listed = (
            "Its question is" if entry.questions == 1 else f"Its {entry.questions} questions are"
        )
        bits.append(f'{listed} listed above, under "{QUESTIONS}".')
    return " ".join(bits)


def games_table(brief: Brief) -> list[list[str]]:
    """The games by dimension, head row first; a focus dimension says so in words."""
    head = ["Child", *(d.capitalize() for d in DIMENSIONS), "All games"]
    rows = [
        [
            child.child,
            *(f"{t.played} (focus)" if t.in_focus else str(t.played) for t in child.dimensions),
            str(child.times_played),
        ]
        for child in brief.activities
    ]
    return [head, *rows]


def games_lines(brief: Brief, limit: int = 3) -> list[str]:
    """Each child's sentence, with the games played most."""
    lines = []
    for child in brief.activities:
        listed = ", ".join(f"{title} ({times})" for title, times in child.games[:limit])
        lines.append(f"{child.sentence} Most played: {listed}." if listed else child.sentence)
    return lines


def counts(values: tuple[int, int, int], sep: str = " / ") -> str:
    """ "2 / 1 / 0" in the order of the column's words; "" for a week with none."""
    return sep.join(str(value) for value in values) if any(values) else ""


def times(values: tuple[int, int, int], index: int) -> str:
    """One count of a week's three, "" when the week has none (as `counts` leaves it blank)."""
    return str(values[index]) if any(values) else ""


def feeling(value: Feeling) -> str:
    return FEELING_WORDS[value]


def engagement(value: float | None, nothing: str = "nothing noted") -> str:
    return nothing if value is None else f"{value:.1f}"
