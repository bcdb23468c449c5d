"""The brief's sections laid out on PDF pages, in the same order and words as Markdown and HTML."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.enums import Align, XPos

from companion.domain.brief import (
    OUTSIDE,
    Brief,
    CaregiverTrend,
    ChildTrend,
    Entry,
    GridWeek,
    Question,
)
from companion.reports import charts, words
from companion.reports.pdf_charts import chart_height, draw_chart
from companion.reports.pdf_document import (
    BODY,
    HEADING,
    LINE,
    SMALL,
    SOFT,
    BriefDocument,
)

WIDTH = 180.0  # mm between the margins of an A4 page
_GAP = 4.0
_HALF = (WIDTH - _GAP) / 2
_GRID_NAME, _GRID_DAY, _GRIDS_PER_ROW = 17.5, 5.7, 3
_LABEL = 38.0  # the first column of the weekly tables


def write_brief(doc: BriefDocument, brief: Brief) -> None:
    doc.add_page()
    _header(doc, brief)
    _questions(doc, brief)
    _flagged(doc, brief.flagged)
    _games(doc, brief)
    _routines(doc, brief)
    _children(doc, brief)
    if brief.practice:
        doc.heading(words.PRACTICE)
        doc.bullets([line.sentence for line in brief.practice])
    _caregivers(doc, brief)
    if doc.substituted:
        doc.ln(4)
        doc.paragraph(
            "A few characters could not be drawn in this PDF and are named in [brackets]; "
            "the HTML and Markdown briefs keep them as written.",
            size=SMALL,
            colour=SOFT,
        )


def _header(doc: BriefDocument, brief: Brief) -> None:
    doc.paragraph(brief.title, size=18, bold=True, colour=HEADING)
    doc.paragraph(words.span(brief.since, brief.until), size=12, bold=True)
    doc.ln(1)
    for line in [*words.intro_lines(brief), *words.notes(brief)]:
        doc.paragraph(line, size=SMALL + 0.5, colour=SOFT)


def _questions(doc: BriefDocument, brief: Brief) -> None:
    questions = brief.questions
    doc.heading(words.QUESTIONS, keep=_question_height(doc, questions[0]) if questions else LINE)
    if not questions:
        doc.paragraph(words.NO_QUESTIONS)
    for question in questions:
        doc.room(_question_height(doc, question))  # who asked stays with it
        doc.paragraph(words.question_heading(question), size=SMALL, colour=SOFT)
        doc.quote(question.text)


def _question_height(doc: BriefDocument, question: Question) -> float:
    """When and who (a line, or more when asked often), and the start of the question."""
    line = LINE * SMALL / BODY
    doc.style(SMALL)
    asked = doc.line_count(0, line, doc.printable(words.question_heading(question))) * line
    return asked + min(doc.quote_height(question.text), 40)


def _flagged(doc: BriefDocument, entries: Sequence[Entry]) -> None:
    doc.heading(words.FLAGGED, keep=_entry_start_height(doc, entries[0]) if entries else LINE)
    if not entries:
        doc.paragraph(words.NO_FLAGGED)
    for entry in entries:
        doc.room(_entry_start_height(doc, entry))
        doc.subheading(words.entry_heading(entry))
        about = words.entry_about(entry)
        if about:
            doc.paragraph(about, size=SMALL, colour=SOFT)
        for label, text in entry.parts:
            doc.room(LINE + min(doc.quote_height(text), 30))
            doc.paragraph(label, size=9.5, bold=True)
            doc.quote(text)


def _entry_start_height(doc: BriefDocument, entry: Entry) -> float:
    """Its day and who, what it was about, and the start of its first written part."""
    first = entry.parts[0][1] if entry.parts else ""
    return 3 * LINE + min(doc.quote_height(first), 30)


def _games(doc: BriefDocument, brief: Brief) -> None:
    doc.heading(words.GAMES)
    if not brief.activities:
        doc.paragraph(words.NO_GAMES)
        return
    _table(doc, words.games_table(brief), [34, 26, 26, 26, 26, 22], size=9)
    doc.bullets(words.games_lines(brief))


def _table(
    doc: BriefDocument,
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    size: float = SMALL,
) -> None:
    doc.room(doc.table_height(rows, widths, size))
    doc.set_y(doc.draw_table(doc.l_margin, rows, widths, size=size) + 2)


def _routines(doc: BriefDocument, brief: Brief) -> None:
    doc.heading(words.ROUTINES)
    if not brief.routines and not brief.weeks:
        doc.paragraph(words.NO_ROUTINES)
        return
    doc.bullets([summary.sentence for summary in brief.routines])
    doc.paragraph(words.LEGEND_LINE, size=SMALL, colour=SOFT)
    doc.ln(1)
    widths = [_GRID_NAME, *[_GRID_DAY] * 7]
    gap = (WIDTH - _GRIDS_PER_ROW * sum(widths)) / (_GRIDS_PER_ROW - 1)
    for start in range(0, len(brief.weeks), _GRIDS_PER_ROW):
        row = brief.weeks[start : start + _GRIDS_PER_ROW]
        tables = [_grid_rows(week) for week in row]
        height = 4.5 + max(doc.table_height(t, widths, 7) for t in tables)
        doc.room(height)
        top, bottom = doc.y, doc.y
        for index, (week, table) in enumerate(zip(row, tables, strict=True)):
            x = doc.l_margin + index * (sum(widths) + gap)
            doc.set_xy(x, top)
            doc.style(8, bold=True)
            doc.cell(sum(widths), 4.5, doc.printable(words.week_heading(week)))
            doc.set_y(top + 4.5)
            outside = [[False, *(cell == OUTSIDE for cell in r.cells)] for r in week.rows]
            bottom = max(bottom, doc.draw_table(x, table, widths, size=7, outside=outside))
        doc.set_y(bottom + 2.5)


def _grid_rows(week: GridWeek) -> list[list[str]]:
    days = [f"{d[:2]}\n{d[3:]}" for d in words.day_headers(week, short=True)]
    return [
        ["Routine", *days],
        *[[row.routine, *(words.mark(cell) for cell in row.cells)] for row in week.rows],
    ]


def _weekly_widths(weeks: int) -> list[float]:
    return [_LABEL, *[min((WIDTH - _LABEL) / max(weeks, 1), 16)] * weeks]


def _children(doc: BriefDocument, brief: Brief) -> None:
    def height(trend: ChildTrend, pair: Sequence[charts.Chart]) -> float:
        return 6 + len(trend.sentences) * LINE + max(chart_height(c, _HALF) for c in pair)

    pairs = [[charts.engagement_chart(t), charts.child_states_chart(t)] for t in brief.trends]
    first = height(brief.trends[0], pairs[0]) if brief.trends else 0
    doc.heading(words.CHILDREN, keep=first)
    for trend, pair in zip(brief.trends, pairs, strict=True):
        doc.room(height(trend, pair))
        doc.subheading(trend.child)
        doc.bullets(trend.sentences)
        _chart_row(doc, pair)
        weeks = trend.weeks
        rows = [
            ["Week of", *words.axis_labels([w.monday for w in weeks])],
            ["Engagement, 1 to 5", *(words.engagement(w.engagement, words.DASH) for w in weeks)],
            ["Before", *(words.counts(w.before, "/") for w in weeks)],
            ["After", *(words.counts(w.after, "/") for w in weeks)],
        ]
        widths = _weekly_widths(len(weeks))
        doc.room(4 + doc.table_height(rows, widths, 7.5))  # the key stays with its table
        doc.paragraph(words.STATES_KEY, size=7.5, colour=SOFT)
        _table(doc, rows, widths, size=7.5)


def _chart_row(doc: BriefDocument, row: Sequence[charts.Chart]) -> None:
    tall = max(chart_height(chart, _HALF) for chart in row)
    doc.room(tall)
    top = doc.y
    for index, chart in enumerate(row):
        draw_chart(doc, chart, doc.l_margin + index * (_HALF + _GAP), top, _HALF)
    doc.set_y(top + tall + 1.5)
    doc.style(BODY)


def _caregivers(doc: BriefDocument, brief: Brief) -> None:
    doc.heading(words.CAREGIVERS)
    trends = brief.caregivers_state
    for start in range(0, len(trends), 2):
        pair = trends[start : start + 2]
        texts = [_caregiver_lines(trend) for trend in pair]
        pair_charts = [charts.caregiver_chart(trend) for trend in pair]
        text_height = max(_column_height(doc, lines) for lines in texts)
        doc.room(text_height + max(chart_height(c, _HALF) for c in pair_charts))
        top = doc.y
        for index, (trend, lines) in enumerate(zip(pair, texts, strict=True)):
            x = doc.l_margin + index * (_HALF + _GAP)
            doc.set_xy(x, top)
            doc.style(10.5, bold=True)
            doc.multi_cell(_HALF, 5.5, doc.printable(trend.caregiver), new_x=XPos.LEFT)
            doc.style(BODY)
            for line in lines:
                doc.set_x(x)
                doc.multi_cell(_HALF, LINE, doc.printable(line), new_x=XPos.LEFT, align=Align.L)
        doc.set_y(top + text_height)
        _chart_row(doc, pair_charts)
    if trends:
        weeks = [w.monday for w in trends[0].weeks]
        rows = [
            ["Week of", *words.axis_labels(weeks)],
            *[
                [f"{trend.caregiver}: {word}", *(words.times(w.feelings, i) for w in trend.weeks)]
                for trend in trends
                for i, word in enumerate(words.CAREGIVER_STATE_WORDS)
            ],
        ]
        _table(doc, rows, _weekly_widths(len(weeks)), size=7.5)


def _caregiver_lines(trend: CaregiverTrend) -> list[str]:
    lines = [f"Most recently: {words.feeling(trend.latest)}."] if trend.latest else []
    if trend.gentle_line:
        lines.append(trend.gentle_line)
    return lines


def _column_height(doc: BriefDocument, lines: Sequence[str]) -> float:
    doc.style(BODY)
    count = sum(doc.line_count(_HALF, LINE, doc.printable(line)) for line in lines)
    return 5.5 + count * LINE + 1
