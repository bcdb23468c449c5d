"""The brief's small charts as plain shapes, so SVG (HTML) and PDF draw the very same picture.

Units are CSS pixels; text y is the baseline, as in SVG. Meaning is never carried by colour
alone: every state has a pattern and a word in the legend, and no chart uses red.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from companion.domain.brief import CaregiverTrend, ChildTrend
from companion.reports import words

Hatch = Literal["", "stripes", "grid"]
Anchor = Literal["start", "middle", "end"]

INK = "#2f3b45"
SOFT_INK = "#5b6770"
RULE = "#d5dbe0"
HATCH_INK = "#56636d"
BAR = "#8fb3d1"
# Calm to overwhelmed (or running on empty): cool, sand, lavender; plain, striped, checked.
STATE_STYLES: tuple[tuple[str, Hatch], ...] = (
    ("#a8d5c2", ""),
    ("#ecdcae", "stripes"),
    ("#c6b8e0", "grid"),
)

WIDTH = 300.0
_LEFT = 46.0  # room for "before" / "after" and the 1-5 scale
_RIGHT = 8.0
_TITLE_SIZE = 11.0
_SIZE = 9.0


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str
    hatch: Hatch = ""


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float = _SIZE
    anchor: Anchor = "start"
    bold: bool = False
    fill: str = INK


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = RULE


Mark = Box | Text | Line


@dataclass(frozen=True)
class Chart:
    title: str  # also the accessible name
    description: str  # what the chart shows, in a sentence, for screen readers
    width: float
    height: float
    marks: tuple[Mark, ...]


def text_width(text: str, size: float) -> float:
    """A close enough guess at a line's width in DejaVu-like sans, for laying out legends."""
    return len(text) * size * 0.58


def engagement_chart(trend: ChildTrend) -> Chart:
    """Bars of the weekly average engagement, 1 (hardly joined in) to 5 (fully with us)."""
    title = f"{trend.child}: engagement, weekly average"
    top, plot_h = 24.0, 75.0
    base = top + plot_h
    marks: list[Mark] = [Text(0, 14, title, _TITLE_SIZE, bold=True)]
    for level in range(1, 6):
        y = base - plot_h * level / 5
        marks += [
            Line(_LEFT, y, WIDTH - _RIGHT, y),
            Text(_LEFT - 6, y + 3, str(level), anchor="end"),
        ]
    marks.append(Line(_LEFT, base, WIDTH - _RIGHT, base, SOFT_INK))
    slot = _slot(len(trend.weeks))
    for index, week in enumerate(trend.weeks):
        centre = _LEFT + slot * (index + 0.5)
        if week.engagement is None:
            marks.append(Text(centre, base - 3, words.DASH, anchor="middle", fill=SOFT_INK))
            continue
        height = plot_h * week.engagement / 5
        bar = min(slot * 0.6, 26.0)
        marks.append(Box(centre - bar / 2, base - height, bar, height, BAR))
        if text_width("4.5", 8) < slot - 1:  # a long span: the bars alone, the values in words
            marks.append(Text(centre, base - height - 3, f"{week.engagement:.1f}", 8, "middle"))
    marks += _week_axis([w.monday for w in trend.weeks], base + 12)
    note = f"1 hardly joined in, 5 fully with us; {words.DASH} nothing noted that week"
    marks.append(Text(_LEFT, base + 28, note, 8, fill=SOFT_INK))
    weeks = "; ".join(
        f"week of {words.week_label(w.monday)}: {words.engagement(w.engagement)}"
        for w in trend.weeks
    )
    description = f"Weekly average engagement of {trend.child}, 1 to 5. {weeks}."
    return Chart(title, description, WIDTH, base + 34, tuple(marks))


def child_states_chart(trend: ChildTrend) -> Chart:
    """Two rows of stacked bars per week: how the child was before, and after."""
    title = f"{trend.child}: before and after, times each week"
    bands = (("before", [w.before for w in trend.weeks]), ("after", [w.after for w in trend.weeks]))
    description = (
        f"How often {trend.child} was calm, wobbly or overwhelmed before and after, week by week."
    )
    mondays = [w.monday for w in trend.weeks]
    return _stacked_chart(title, description, mondays, bands, words.CHILD_STATE_WORDS)


def caregiver_chart(trend: CaregiverTrend) -> Chart:
    """One row of stacked bars per week: calm, stretched, running on empty."""
    title = f"{trend.caregiver}: own state, times each week"
    bands = (("", [w.feelings for w in trend.weeks]),)
    description = f"How often {trend.caregiver} felt calm, stretched or running on empty."
    mondays = [w.monday for w in trend.weeks]
    return _stacked_chart(title, description, mondays, bands, words.CAREGIVER_STATE_WORDS)


def hatch_lines(start: float, length: float, step: float = 3.0) -> list[float]:
    """Where hatch lines fall inside a span, kept off its edges."""
    count = int(length / step)
    offset = (length - (count - 1) * step) / 2 if count else 0.0
    return [start + offset + i * step for i in range(count)]


def _slot(weeks: int) -> float:
    return (WIDTH - _LEFT - _RIGHT) / max(weeks, 1)


def _stacked_chart(
    title: str,
    description: str,
    mondays: Sequence[date],
    bands: Sequence[tuple[str, Sequence[tuple[int, int, int]]]],
    state_words: Sequence[str],
) -> Chart:
    band_h, gap, top = 40.0, 8.0, 22.0
    most = max([sum(v) for _, values in bands for v in values] + [1])
    slot = _slot(len(mondays))
    bar = min(slot * 0.6, 26.0)
    marks: list[Mark] = [Text(0, 14, title, _TITLE_SIZE, bold=True)]
    base = top
    for name, values in bands:
        base += band_h
        marks.append(Line(_LEFT, base, WIDTH - _RIGHT, base, SOFT_INK))
        if name:
            marks.append(Text(_LEFT - 6, base - band_h / 2 + 3, name, anchor="end"))
        for index, counts in enumerate(values):
            left = _LEFT + slot * (index + 0.5) - bar / 2
            marks += _stack(left, base, bar, (band_h - 4) / most, counts)
        base += gap
    axis_y = base - gap + 12
    marks += _week_axis(mondays, axis_y)
    marks += _legend(state_words, axis_y + 16)
    return Chart(title, description, WIDTH, axis_y + 24, tuple(marks))


def _stack(left: float, base: float, bar: float, unit: float, counts: Sequence[int]) -> list[Mark]:
    marks: list[Mark] = []
    y = base
    for count, (fill, hatch) in zip(counts, STATE_STYLES, strict=True):
        if count:
            y -= count * unit
            marks.append(Box(left, y, bar, count * unit, fill, hatch))
    return marks


def _week_axis(mondays: Sequence[date], y: float) -> list[Mark]:
    slot = _slot(len(mondays))
    # With many weeks, a label every second (third...) week keeps them from running into each
    # other; the month is named wherever it changes among the labels shown.
    step = max(1, math.ceil((text_width("28 Sep", 8) + 2) / slot))
    labels = words.axis_labels(mondays[::step])
    return [
        Text(_LEFT + slot * (i * step + 0.5), y, label, 8, "middle", fill=SOFT_INK)
        for i, label in enumerate(labels)
    ]


def _legend(state_words: Sequence[str], y: float) -> list[Mark]:
    marks: list[Mark] = []
    x = _LEFT
    for word, (fill, hatch) in zip(state_words, STATE_STYLES, strict=True):
        marks += [Box(x, y - 8, 10, 10, fill, hatch), Text(x + 14, y, word)]
        x += 14 + text_width(word, _SIZE) + 14
    return marks
