"""The session brief as one self-contained HTML file: inline CSS and SVG, nothing fetched.

Every word from the family passes through `html.escape`; nothing here writes a script, a link
or an image address, so the file opens the same offline, in any browser, and prints on A4 or
US letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from importlib.resources import files

from companion.domain.brief import OUTSIDE, Brief, Entry, GridWeek, Question
from companion.reports import svg, words


def render_html(brief: Brief) -> str:
    sections = [
        _questions(brief.questions),
        _flagged(brief.flagged),
        _games(brief),
        _routines(brief),
        _children(brief),
    ]
    if brief.practice:
        sections.append(_practice(brief))
    sections.append(_caregivers(brief))
    body = "\n".join([_header(brief), *sections])
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(brief.title)}</title>\n<style>\n{_css()}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _css() -> str:
    return files("companion.reports").joinpath("brief.css").read_text(encoding="utf-8")


def _section(heading: str, *parts: str) -> str:
    return f"<section>\n<h2>{escape(heading)}</h2>\n" + "\n".join(parts) + "\n</section>"


def _p(text: str, css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f"<p{klass}>{escape(text)}</p>"


def _list(lines: Sequence[str]) -> str:
    if not lines:
        return ""
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def _quote(text: str) -> str:
    # pre-wrap in the CSS keeps the family's own line breaks.
    return f"<blockquote>{escape(text)}</blockquote>"


def _header(brief: Brief) -> str:
    parts = [
        f"<h1>{escape(brief.title)}</h1>",
        _p(words.span(brief.since, brief.until), "span"),
        *(_p(line, "meta") for line in words.intro_lines(brief)),
        *(_p(line, "note") for line in words.notes(brief)),
    ]
    return "<header>\n" + "\n".join(parts) + "\n</header>"


def _questions(questions: Sequence[Question]) -> str:
    if not questions:
        return _section(words.QUESTIONS, _p(words.NO_QUESTIONS))
    items = [
        f'<div class="said">{_p(words.question_heading(q), "who")}{_quote(q.text)}</div>'
        for q in questions
    ]
    return _section(words.QUESTIONS, *items)


def _flagged(entries: Sequence[Entry]) -> str:
    if not entries:
        return _section(words.FLAGGED, _p(words.NO_FLAGGED))
    return _section(words.FLAGGED, *(_entry(entry) for entry in entries))


def _entry(entry: Entry) -> str:
    about = words.entry_about(entry)
    parts = [f"<h3>{escape(words.entry_heading(entry))}</h3>", _p(about, "about") if about else ""]
    for label, text in entry.parts:
        parts += [_p(label, "label"), _quote(text)]
    return '<article class="entry">' + "".join(parts) + "</article>"


def _table(
    head: Sequence[str], rows: Sequence[Sequence[str]], css: str = "numbers", caption: str = ""
) -> str:
    """A table whose first column names each row; every cell is escaped here."""
    thead = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in head)
    body = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    caption = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="{css}">{caption}<thead><tr>{thead}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _games(brief: Brief) -> str:
    if not brief.activities:
        return _section(words.GAMES, _p(words.NO_GAMES))
    head, *rows = words.games_table(brief)
    return _section(words.GAMES, _table(head, rows), _list(words.games_lines(brief)))


def _routines(brief: Brief) -> str:
    if not brief.routines and not brief.weeks:
        return _section(words.ROUTINES, _p(words.NO_ROUTINES))
    outside = words.mark(OUTSIDE)
    legend = "".join(
        f'<span><b class="mark{" outside" if mark == outside else ""}">'
        f"{escape(mark) or '&nbsp;'}</b>{escape(word)}</span>"
        for mark, word in words.LEGEND
    )
    grids = "".join(_week(week) for week in brief.weeks)
    return _section(
        words.ROUTINES,
        _list([summary.sentence for summary in brief.routines]),
        f'<p class="legend">Marks: {legend}</p>',
        f'<div class="weeks">{grids}</div>',
    )


def _week(week: GridWeek) -> str:
    # Days outside the span are marked "/" and greyed, and the legend says so: no note here.
    caption = escape(words.week_heading(week))
    days = "".join(
        f'<th scope="col">{escape(day[:2])}<br>{escape(day[3:])}</th>'
        for day in words.day_headers(week, short=True)
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(row.routine)}</th>'
        + "".join(
            f'<td class="{_cell_class(cell)}">{escape(words.mark(cell))}</td>' for cell in row.cells
        )
        + "</tr>"
        for row in week.rows
    )
    return (
        f'<table class="grid"><caption>{caption}</caption>'
        f'<thead><tr><th scope="col">Routine</th>{days}</tr></thead><tbody>{rows}</tbody></table>'
    )


def _cell_class(cell: str) -> str:
    return "outside" if cell == OUTSIDE else "day"


def _children(brief: Brief) -> str:
    parts = []
    charts = dict(svg.child_charts(brief))
    for trend in brief.trends:
        labels = words.axis_labels([w.monday for w in trend.weeks])
        rows = [
            [
                "Engagement, 1 to 5",
                *(words.engagement(w.engagement, words.DASH) for w in trend.weeks),
            ],
            ["Before", *(words.counts(w.before, "/") for w in trend.weeks)],
            ["After", *(words.counts(w.after, "/") for w in trend.weeks)],
        ]
        parts += [
            f'<div class="child"><h3>{escape(trend.child)}</h3>',
            _list(trend.sentences),
            _figures(charts.get(trend.child, [])),
            _table(["Week of", *labels], rows, "numbers weekly", words.STATES_KEY),
            "</div>",
        ]
    return _section(words.CHILDREN, *parts)


def _figures(svgs: Sequence[str]) -> str:
    return '<div class="charts">' + "".join(f"<figure>{s}</figure>" for s in svgs) + "</div>"


def _practice(brief: Brief) -> str:
    return _section(words.PRACTICE, _list([line.sentence for line in brief.practice]))


def _caregivers(brief: Brief) -> str:
    people = []
    for trend, chart in zip(brief.caregivers_state, svg.caregiver_charts(brief), strict=True):
        lines = [f"Most recently: {words.feeling(trend.latest)}."] if trend.latest else []
        people += [
            f'<div class="person"><h3>{escape(trend.caregiver)}</h3>',
            *(_p(line) for line in lines),
            _p(trend.gentle_line, "gentle") if trend.gentle_line else "",
            f"<figure>{chart}</figure></div>",
        ]
    rows = [
        [f"{trend.caregiver}: {word}", *(words.times(w.feelings, i) for w in trend.weeks)]
        for trend in brief.caregivers_state
        for i, word in enumerate(words.CAREGIVER_STATE_WORDS)
    ]
    mondays = [w.monday for w in brief.caregivers_state[0].weeks] if brief.caregivers_state else []
    table = _table(["Week of", *words.axis_labels(mondays)], rows, "numbers weekly") if rows else ""
    return _section(words.CAREGIVERS, '<div class="people">', *people, "</div>", table)
