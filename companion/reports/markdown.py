"""The session brief as Markdown: readable as plain text, tidy when rendered.

Every word from the family (and every name) is escaped, so that what was written is what a
renderer shows: "<sigh>" stays, "*never*" is not italics, raw HTML and links are text, and a
line starting "#" or "1." is not a heading or a list. The escapes are the backslashes that
CommonMark and pandoc both read."""

from __future__ import annotations

import re
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


# Read as syntax anywhere in a line (pandoc adds ~sub~, ^super^ and $math$ to CommonMark).
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]<>|~^$])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # "&amp;" would be read as "&"
# Read as syntax at the start of a line: headings, list items, setext underlines, a
# definition, an ordered list ("1." or "1)").
_LINE_START_SYNTAX = re.compile(r"^([#+=:-]|[0-9]+(?=[.)]))")


def text(words: str) -> str:
    """Words shown as written, inside a line of Markdown."""
    return _ENTITY.sub(r"\\&", _INLINE_SYNTAX.sub(r"\\\1", words))


def _line(words: str) -> str:
    # Leading spaces would make an indented code block; the words are what matter.
    escaped = text(words.lstrip())
    return _LINE_START_SYNTAX.sub(lambda found: _escape_start(found[0]), escaped)


def _escape_start(start: str) -> str:
    return f"{start}\\" if start[0].isdigit() else f"\\{start}"


def quote(words: str) -> str:
    """A family's words as a blockquote, shown as written, line by line."""
    return "\n".join(
        f"> {_line(line)}" if line.strip() else ">" for line in words.splitlines() or [""]
    )


def _cell(words: str, *, ours: bool = False) -> str:
    # A cell is one line; our own marks ("~" partly done) are kept as they read in plain text.
    flat = " ".join(words.split())
    return flat if ours else text(flat)


def _table(
    head: Sequence[str], rows: Sequence[Sequence[str]], *, marks_from: int | None = None
) -> str:
    """A table whose first column names each row; the columns from `marks_from` hold our
    own marks (the rest is escaped)."""
    align = "| " + " | ".join("---" if i == 0 else ":-:" for i in range(len(head))) + " |"

    def line(cells: Sequence[str], *, body: bool) -> str:
        shown = [
            _cell(c, ours=body and marks_from is not None and i >= marks_from) or " "
            for i, c in enumerate(cells)
        ]
        return "| " + " | ".join(shown) + " |"

    return "\n".join([line(head, body=False), align, *(line(row, body=True) for row in rows)])


def _header(brief: Brief) -> str:
    self_reported, *rest = words.notes(brief)
    span = words.span(brief.since, brief.until)
    lines = [
        f"# {text(brief.title)}",
        f"**{span}**",
        *(text(line) for line in words.intro_lines(brief)),
        f"_{text(self_reported)}_",
    ]
    return "\n\n".join([*lines, *(text(line) for line in rest)])


def _questions(questions: Sequence[Question]) -> str:
    blocks = [f"## {words.QUESTIONS}"]
    if not questions:
        blocks.append(words.NO_QUESTIONS)
    for question in questions:
        blocks += [f"**{text(words.question_heading(question))}**", quote(question.text)]
    return "\n\n".join(blocks)


def _flagged(entries: Sequence[Entry]) -> str:
    blocks = [f"## {words.FLAGGED}"]
    if not entries:
        blocks.append(words.NO_FLAGGED)
    for entry in entries:
        blocks += [f"### {text(words.entry_heading(entry))}", text(words.entry_about(entry))]
        for label, written in entry.parts:
            blocks += [f"**{label}**", quote(written)]
    return "\n\n".join(block for block in blocks if block)


def _games(brief: Brief) -> str:
    if not brief.activities:
        return f"## {words.GAMES}\n\n{words.NO_GAMES}"
    head, *rows = words.games_table(brief)
    lines = "\n".join(f"- {text(line)}" for line in words.games_lines(brief))
    return f"## {words.GAMES}\n\n{_table(head, rows)}\n\n{lines}"


def _routines(brief: Brief) -> str:
    blocks = [f"## {words.ROUTINES}"]
    if not brief.routines and not brief.weeks:
        return "\n\n".join([*blocks, words.NO_ROUTINES])
    blocks.append("\n".join(f"- {text(summary.sentence)}" for summary in brief.routines))
    blocks.append(words.LEGEND_LINE)
    for week in brief.weeks:
        blocks.append(f"### {text(words.week_heading(week))}")
        note = words.outside_note(week, brief.since, brief.until)
        if note:
            blocks.append(text(note))
        head = ["Routine", *words.day_headers(week)]
        rows = [[row.routine, *(words.mark(cell) for cell in row.cells)] for row in week.rows]
        blocks.append(_table(head, rows, marks_from=1))
    return "\n\n".join(block for block in blocks if block)


def _children(brief: Brief) -> str:
    blocks = [f"## {words.CHILDREN}"]
    states = " / ".join(words.CHILD_STATE_WORDS)
    for trend in brief.trends:
        blocks.append(f"### {text(trend.child)}")
        blocks.append("\n".join(f"- {text(sentence)}" for sentence in trend.sentences))
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
    lines = [f"- {text(line.sentence)}" for line in brief.practice]
    return f"## {words.PRACTICE}\n\n" + "\n".join(lines)


def _caregivers(brief: Brief) -> str:
    blocks = [f"## {words.CAREGIVERS}"]
    head = ["Week of", *(word.capitalize() for word in words.CAREGIVER_STATE_WORDS)]
    for trend in brief.caregivers_state:
        blocks.append(f"### {text(trend.caregiver)}")
        if trend.latest:
            blocks.append(f"Most recently: {words.feeling(trend.latest)}.")
        if trend.gentle_line:
            blocks.append(f"_{text(trend.gentle_line)}_")
        rows = [
            [words.week_label(week.monday), *(words.times(week.feelings, i) for i in range(3))]
            for week in trend.weeks
        ]
        blocks.append(_table(head, rows))
    return "\n\n".join(blocks)
