"""Problems shown where they are: each under its field of a form, and one line summing up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static


def show_field_problems(
    screen: Screen[Any],
    problems: list[tuple[str, str]],
    summary: Static,
    field_widget: Callable[[str], Widget],
) -> bool:
    """Each problem in the `.field-problem` Static with id `problem-<field>`; True when there
    are none, else the summary says how many and the first field gets the focus."""
    by_field: dict[str, list[str]] = {}
    for name, sentence in problems:
        by_field.setdefault(name, []).append(sentence)
    for line in screen.query(".field-problem").results(Static):
        said = by_field.get((line.id or "").removeprefix("problem-"), [])
        # A problem may quote what was typed, brackets and all: Text, never markup.
        line.update(Text("\n".join(f"↑ {sentence}" for sentence in said)))
        line.display = bool(said)
    if not problems:
        return True
    count = len(problems)
    things = "thing" if count == 1 else "things"
    summary.update(f"Nearly there: {count} {things} to look at above, each under its field.")
    field_widget(problems[0][0]).focus()
    return False


def problem_line(name: str) -> Static:
    """Where a field's problems are said (hidden until there is one), under the field."""
    line = Static("", id=f"problem-{name}", classes="field-problem error-line")
    line.display = False
    return line
