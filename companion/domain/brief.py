"""The session brief as plain data: what happened between appointments, ready to render.

`companion.domain.brief_builder` makes a Brief from the family's records; the renderers in
`companion.reports` turn one into Markdown, HTML or PDF, and never look at records themselves.
Redaction (`companion.domain.redaction`) works on a finished Brief, so every word a renderer
can print, chart labels included, has already passed through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from companion.domain.states import ChildState, Feeling

SELF_REPORTED = (
    "Self-reported by the family: these are a caregiver's own notes and check-offs, "
    "not observations by a professional."
)

# A week-grid cell: what was checked off that day, or why it is empty.
CellMark = str  # "done", "partly done", "not today", "" (planned, nothing noted), "-" (not planned)
BLANK: CellMark = ""
NOT_PLANNED: CellMark = "-"
OUTSIDE: CellMark = "outside"  # a day of the first or last week that is not in the span


@dataclass(frozen=True)
class DimensionTally:
    dimension: str  # "structure", "engagement", "nurture", "challenge"
    played: int  # games of this dimension played in the span (a game can count for two)
    in_focus: bool  # one of the dimensions the therapist asked this child to focus on


@dataclass(frozen=True)
class ChildActivities:
    child: str
    focus: tuple[str, ...]  # the child's focus dimensions, possibly none
    dimensions: tuple[DimensionTally, ...]  # always the four, in the order above
    games: tuple[tuple[str, int], ...]  # (game title, times played), most played first
    times_played: int  # games played in all, counting each play
    sentence: str  # "Mia played 14 connection games; Nurture (our focus) 6 times."


@dataclass(frozen=True)
class GridRow:
    routine: str
    cells: tuple[CellMark, ...]  # Monday to Sunday


@dataclass(frozen=True)
class GridWeek:
    monday: date
    rows: tuple[GridRow, ...]


@dataclass(frozen=True)
class RoutineSummary:
    routine: str
    happened: int  # done or partly done, on planned days in the span
    planned: int  # planned days in the span up to the brief's last day
    sentence: str  # "Bedtime happened 38 of 42 evenings."


@dataclass(frozen=True)
class ChildMoment:
    """One reflection's numbers about one child."""

    day: date
    engagement: int | None  # 1-5
    before: ChildState | None
    after: ChildState | None


@dataclass(frozen=True)
class ChildWeek:
    """A week of one child's numbers, for the charts."""

    monday: date
    engagement: float | None  # the week's average, None when nothing was noted
    before: tuple[int, int, int]  # how often calm, wobbly, overwhelmed before
    after: tuple[int, int, int]  # ... and after


@dataclass(frozen=True)
class ChildTrend:
    child: str
    moments: tuple[ChildMoment, ...]  # oldest first
    weeks: tuple[ChildWeek, ...]  # every week of the span, oldest first, empty ones too
    sentences: tuple[str, ...]  # "Engagement averaged 3.8 of 5 over 12 reflections."


@dataclass(frozen=True)
class PracticeLine:
    """Something the therapist asked the family to practise, beside what was done."""

    title: str  # a game's title, or a dimension ("Nurture games")
    asked: str  # in words: "a game from our therapist", "our focus"
    done: int  # times in the span
    sentence: str  # "Lotion hands (from our therapist): played 4 times."


@dataclass(frozen=True)
class Entry:
    """A reflection marked "discuss with our therapist", every written part verbatim
    but its questions, which the brief lists once, together, under Questions."""

    day: date
    by: str  # the caregiver's name, or "" when not said
    children: tuple[str, ...]
    about: str  # the games or the routine it was about, or ""
    parts: tuple[tuple[str, str], ...]  # (label, words) as written
    tags: tuple[str, ...]
    questions: int = 0  # how many questions it asked


@dataclass(frozen=True)
class Asked:
    day: date
    by: str  # the caregiver's name, or "" when not said


@dataclass(frozen=True)
class Question:
    """A question for the therapist, with every time it was asked in the very same words
    (spacing aside): a worry that keeps coming back reads as one question asked three times."""

    text: str  # verbatim
    asked: tuple[Asked, ...]  # oldest first; never empty


@dataclass(frozen=True)
class CaregiverWeek:
    monday: date
    feelings: tuple[int, int, int]  # how often calm, stretched, running on empty


@dataclass(frozen=True)
class CaregiverTrend:
    caregiver: str  # a name, or "A caregiver" for reflections that did not say who
    weeks: tuple[CaregiverWeek, ...]  # every week of the span, oldest first
    latest: Feeling | None
    gentle_line: str | None  # said when they have been low for a while; None otherwise


@dataclass(frozen=True)
class Brief:
    title: str  # "Session brief for Mia and Leo"
    since: date
    until: date
    made_on: date
    children: tuple[str, ...]
    caregivers: tuple[str, ...]
    reflections: int  # reflections written in the span
    last_appointment: date | None
    next_appointment: date | None
    activities: tuple[ChildActivities, ...]
    routines: tuple[RoutineSummary, ...]
    weeks: tuple[GridWeek, ...]  # every week touching the span, oldest first
    trends: tuple[ChildTrend, ...]
    practice: tuple[PracticeLine, ...]  # empty when there is no plan
    flagged: tuple[Entry, ...]  # oldest first
    questions: tuple[Question, ...]  # oldest first
    caregivers_state: tuple[CaregiverTrend, ...]
    redacted: bool = False
    self_reported: str = SELF_REPORTED
