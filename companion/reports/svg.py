"""Inline SVG for the brief's charts: no library, no scripts, every word XML-escaped."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from companion.domain.brief import Brief
from companion.reports.charts import (
    HATCH_INK,
    Box,
    Chart,
    Line,
    Mark,
    Text,
    caregiver_chart,
    child_states_chart,
    engagement_chart,
    hatch_lines,
)


def render_svg(chart: Chart) -> str:
    """One chart as a standalone <svg> element, sized by its viewBox so it scales to its box."""
    body = "\n".join(_mark(mark) for mark in chart.marks)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {_n(chart.width)} {_n(chart.height)}" '
        f'font-family="DejaVu Sans, Verdana, sans-serif">\n'
        f"<title>{escape(chart.title)}</title>\n<desc>{escape(chart.description)}</desc>\n"
        f"{body}\n</svg>"
    )


def child_charts(brief: Brief) -> list[tuple[str, list[str]]]:
    """Each child's name with their engagement and before/after charts."""
    return [
        (trend.child, [render_svg(engagement_chart(trend)), render_svg(child_states_chart(trend))])
        for trend in brief.trends
    ]


def caregiver_charts(brief: Brief) -> list[str]:
    return [render_svg(caregiver_chart(trend)) for trend in brief.caregivers_state]


def _mark(mark: Mark) -> str:
    if isinstance(mark, Text):
        weight = ' font-weight="bold"' if mark.bold else ""
        return (
            f'<text x="{_n(mark.x)}" y="{_n(mark.y)}" font-size="{_n(mark.size)}" '
            f'text-anchor="{mark.anchor}" fill="{mark.fill}"{weight}>{escape(mark.text)}</text>'
        )
    if isinstance(mark, Line):
        return (
            f'<line x1="{_n(mark.x1)}" y1="{_n(mark.y1)}" x2="{_n(mark.x2)}" y2="{_n(mark.y2)}" '
            f'stroke={quoteattr(mark.stroke)} stroke-width="0.8"/>'
        )
    return _box(mark)


def _box(box: Box) -> str:
    rect = (
        f'<rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" height="{_n(box.h)}" '
        f'fill="{box.fill}" stroke="{HATCH_INK}" stroke-width="0.5"/>'
    )
    if not box.hatch:
        return rect
    # Hatching drawn as plain lines (not <pattern>) so no ids can clash between charts.
    lines = [
        f'<line x1="{_n(box.x)}" y1="{_n(y)}" x2="{_n(box.x + box.w)}" y2="{_n(y)}"/>'
        for y in hatch_lines(box.y, box.h)
    ]
    if box.hatch == "grid":
        lines += [
            f'<line x1="{_n(x)}" y1="{_n(box.y)}" x2="{_n(x)}" y2="{_n(box.y + box.h)}"/>'
            for x in hatch_lines(box.x, box.w)
        ]
    return f'{rect}<g stroke="{HATCH_INK}" stroke-width="0.5">{"".join(lines)}</g>'


def _n(value: float) -> str:
    return f"{round(value, 2):g}"
