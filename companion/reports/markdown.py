"""The session brief as Markdown: readable as plain text, tidy when rendered."""

from __future__ import annotations

from collections.abc import Sequence

from companion.domain.brief import Brief, Entry, Question
from companion.reports import words


def render_markdown(brief: Brief) -> str:
    parts = [
        _header(brief),
        _questions(brief.questions),
        _flagged(brief.flagged),
        _games(brief),
        _routines(brief),
        _children(brief),
    ]
    if brief.practice:
        parts.append(_practice(brief))
    parts.append(_caregivers(brief))
    return "\n\n".join(part.strip("\n") for part in parts) + "\n"


def quote(text: str) -> str:
    """A family's words as a blockquote, verbatim: a line starting with "#" or "|" stays inside
    the quote instead of becoming a heading or a table of the brief."""
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines() or [""])


def _cell(text: str) -> str:
    # Names sit in table cells, where a bare "|" would split the row.
    return " ".join(text.split()).replace("|", "\\|")


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], centred_from: int = 1) -> str:
    align = ["---" if i < centred_from else ":-:" for i in range(len(head))]
    lines = [head, align, *rows]
    return "\n".join(
        "| " + " | ".join(_cell(c) if c else " " for c in line) + " |" for line in lines
    )


def _header(brief: Brief) -> str:
    self_reported, *rest = words.notes(brief)
    span = words.span(brief.since, brief.until)
    lines = [f"# {brief.title}", f"**{span}**", *words.intro_lines(brief), f"_{self_reported}_"]
    return "\n\n".join([*lines, *rest])


def _questions(questions: Sequence[Question]) -> str:
    blocks = [f"## {words.QUESTIONS}"]
    if not questions:
        blocks.append(words.NO_QUESTIONS)
    for question in questions:
        blocks += [f"**{words.question_heading(question)}**", quote(question.text)]
    return "\n\n".join(blocks)


def _flagged(entries: Sequence[Entry]) -> str:
    blocks = [f"## {words.FLAGGED}"]
    if not entries:
        blocks.append(words.NO_FLAGGED)
    for entry in entries:
        blocks += [f"### {words.entry_heading(entry)}", words.entry_about(entry)]
        for label, text in entry.parts:
            blocks += [f"**{label}**", quote(text)]
    return "\n\n".join(block for block in blocks if block)


def _games(brief: Brief) -> str:
    if not brief.activities:
        return f"## {words.GAMES}\n\n{words.NO_GAMES}"
    head, *rows = words.games_table(brief)
    lines = "\n".join(f"- {line}" for line in words.games_lines(brief))
    return f"## {words.GAMES}\n\n{_table(head, rows)}\n\n{lines}"


def _routines(brief: Brief) -> str:
    blocks = [f"## {words.ROUTINES}"]
    if not brief.routines and not brief.weeks:
        return "\n\n".join([*blocks, words.NO_ROUTINES])
    blocks.append("\n".join(f"- {summary.sentence}" for summary in brief.routines))
    blocks.append(words.LEGEND_LINE)
    for week in brief.weeks:
        blocks.append(f"### {words.week_heading(week)}")
        note = words.outside_note(week, brief.since, brief.until)
        if note:
            blocks.append(note)
        head = ["Routine", *words.day_headers(week)]
        rows = [[row.routine, *(words.mark(cell) for cell in row.cells)] for row in week.rows]
        blocks.append(_table(head, rows))
    return "\n\n".join(block for block in blocks if block)


def _children(brief: Brief) -> str:
    blocks = [f"## {words.CHILDREN}"]
    states = " / ".join(words.CHILD_STATE_WORDS)
    for trend in brief.trends:
        blocks.append(f"### {trend.child}")
        blocks.append("\n".join(f"- {sentence}" for sentence in trend.sentences))
        head = ["Week of", "Engagement (1 to 5)", f"Before: {states}", f"After: {states}"]
        rows = [
            [
                words.week_label(week.monday),
                words.engagement(week.engagement),
                words.counts(week.before),
                words.counts(week.after),
            ]
            for week in trend.weeks
        ]
        blocks.append(_table(head, rows))
    return "\n\n".join(block for block in blocks if block)


def _practice(brief: Brief) -> str:
    lines = [f"- {line.sentence}" for line in brief.practice]
    return f"## {words.PRACTICE}\n\n" + "\n".join(lines)


def _caregivers(brief: Brief) -> str:
    blocks = [f"## {words.CAREGIVERS}"]
    head = ["Week of", *(word.capitalize() for word in words.CAREGIVER_STATE_WORDS)]
    for trend in brief.caregivers_state:
        blocks.append(f"### {trend.caregiver}")
        if trend.latest:
            blocks.append(f"Most recently: {words.feeling(trend.latest)}.")
        if trend.gentle_line:
            blocks.append(f"_{trend.gentle_line}_")
        rows = [
            [words.week_label(week.monday), *(words.times(week.feelings, i) for i in range(3))]
            for week in trend.weeks
        ]
        blocks.append(_table(head, rows))
    return "\n\n".join(blocks)
