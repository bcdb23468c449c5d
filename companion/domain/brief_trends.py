"""The brief's trends: each child's engagement and regulation, and each caregiver's own
state, week by week over the span, with the sentences that say them."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from companion.domain.brief import CaregiverTrend, CaregiverWeek, ChildMoment, ChildTrend, ChildWeek
from companion.domain.consistency import week_start
from companion.domain.family import Child, Family
from companion.domain.reflection import Reflection
from companion.domain.states import CHILD_STATES, FEELINGS, ChildState

NO_NAME = "A caregiver"
LOW_FEELINGS = ("stretched", "empty")
LOW_WINDOW_DAYS = 14  # "a while", for the gentle line
LOW_AT_LEAST = 3  # reflections with a feeling in that window, before saying anything


@dataclass(frozen=True)
class Span:
    since: date
    until: date
    today: date  # the day the brief is made: still open, it counts once checked off

    def holds(self, day: date) -> bool:
        return self.since <= day <= self.until

    @property
    def mondays(self) -> list[date]:
        first, last = week_start(self.since), week_start(self.until)
        return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def count_of(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def is_about(reflection: Reflection, child: Child) -> bool:
    return not reflection.children or child.id in reflection.children


def child_trend(child: Child, reflections: list[Reflection], span: Span) -> ChildTrend:
    moments = tuple(
        ChildMoment(r.day, r.engagement, r.before, r.after)
        for r in reflections
        if is_about(r, child) and (r.engagement is not None or r.before or r.after)
    )
    by_week: defaultdict[date, list[ChildMoment]] = defaultdict(list)
    for moment in moments:
        by_week[week_start(moment.day)].append(moment)
    weeks = tuple(_child_week(monday, by_week[monday]) for monday in span.mondays)
    return ChildTrend(child.name, moments, weeks, _trend_sentences(moments))


def _engagements(moments: Iterable[ChildMoment]) -> list[int]:
    return [m.engagement for m in moments if m.engagement is not None]


def _states(found: Iterable[ChildState | None]) -> tuple[int, int, int]:
    counts = Counter(found)
    calm, wobbly, overwhelmed = (counts[state] for state in CHILD_STATES)
    return calm, wobbly, overwhelmed


def _child_week(monday: date, moments: list[ChildMoment]) -> ChildWeek:
    noted = _engagements(moments)
    return ChildWeek(
        monday=monday,
        engagement=sum(noted) / len(noted) if noted else None,
        before=_states(m.before for m in moments),
        after=_states(m.after for m in moments),
    )


def _trend_sentences(moments: tuple[ChildMoment, ...]) -> tuple[str, ...]:
    noted = _engagements(moments)
    if noted:
        average = sum(noted) / len(noted)
        said = [
            f"Engagement averaged {average:.1f} of 5 over {count_of(len(noted), 'reflection')}."
        ]
    else:
        said = ["No engagement was noted in these weeks."]
    states = []
    for label, found in (
        ("Before", [m.before for m in moments]),
        ("After", [m.after for m in moments]),
    ):
        if any(found):
            counts = _states(found)
            listed = ", ".join(f"{s} {n}" for s, n in zip(CHILD_STATES, counts, strict=True))
            states.append(f"{label}: {listed}.")
    if states:
        said.append(" ".join(states))
    return tuple(said)


def caregiver_trends(
    family: Family, reflections: list[Reflection], span: Span
) -> tuple[CaregiverTrend, ...]:
    known = {c.id: c.name for c in family.caregivers}
    felt: defaultdict[str, list[Reflection]] = defaultdict(list)
    for reflection in reflections:
        if reflection.feeling is not None:
            felt[known.get(reflection.by or "", NO_NAME)].append(reflection)
    order = [c.name for c in family.caregivers if c.name in felt]
    order += [NO_NAME] if NO_NAME in felt else []
    return tuple(_caregiver_trend(name, felt[name], span) for name in order)


def _caregiver_trend(name: str, felt: list[Reflection], span: Span) -> CaregiverTrend:
    weeks = tuple(
        CaregiverWeek(monday, _feelings(r for r in felt if week_start(r.day) == monday))
        for monday in span.mondays
    )
    window = span.until - timedelta(days=LOW_WINDOW_DAYS - 1)
    recent = [r.feeling for r in felt if r.day >= window]
    low = sum(1 for feeling in recent if feeling in LOW_FEELINGS)
    gentle = None
    if len(recent) >= LOW_AT_LEAST and 3 * low >= 2 * len(recent):
        gentle = (
            f"{name} has often felt stretched or running on empty in the last two weeks. "
            "That is a lot to carry; it is worth telling our therapist, and rest is allowed."
        )
    return CaregiverTrend(name, weeks, felt[-1].feeling, gentle)


def _feelings(reflections: Iterable[Reflection]) -> tuple[int, int, int]:
    counts = Counter(r.feeling for r in reflections)
    calm, stretched, empty = (counts[feeling] for feeling in FEELINGS)
    return calm, stretched, empty
