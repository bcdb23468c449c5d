"""How a library card reads on screen: one line in the list, the whole card beside it.

Every mark is a word (a star is only ever beside its word), so nothing rests on colour.
A card's words are always put in `Text`, never in a str that would be read as markup."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from companion.domain.library import ORIGIN_LABELS, LibraryCard

TOUCH_WORDS = {"none": "no touch", "light": "light touch", "hands-on": "hands-on touch"}


def mark_words(card: LibraryCard) -> list[str]:
    """The family's marks and the card's standing, in words, most important first."""
    return [
        words
        for words, on in (
            ("★ favourite", card.marks.favourite),
            ("from our therapist", card.marks.from_therapist),
            ("not for us", card.marks.hidden),
            ("our own", card.origin == "own"),
            ("imported", card.origin == "imported"),
            ("⚠ safety warning", bool(card.concerns)),
        )
        if on
    ]


def list_prompt(card: LibraryCard) -> Text:
    """One card in the list: its title, a short summary and its marks."""
    activity = card.activity
    line = Text(activity.title, style="bold")
    line.append(f"  {activity.dimensions[0]}, {activity.minutes} min, {activity.energy}")
    for words in mark_words(card):
        line.append(" · ")
        line.append(words, style="italic")
    return line


def card_summary(card: LibraryCard) -> str:
    activity = card.activity
    return " · ".join(
        (
            ", ".join(activity.dimensions),
            f"ages {activity.ages[0]}-{activity.ages[1]}",
            f"{activity.minutes} min",
            activity.energy,
            ", ".join(activity.places),
            TOUCH_WORDS[activity.touch],
        )
    )


def _section(heading: str, words: str) -> Text:
    text = Text(heading, style="bold")
    text.append("\n" + words)
    return text


def _steps(steps: tuple[str, ...]) -> Table:
    # A grid keeps each step's wrapped lines under its words, not under its number.
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1)
    for number, step in enumerate(steps, start=1):
        table.add_row(f"{number}.", Text(step))  # a str cell would be read as markup
    return table


def card_marks_line(card: LibraryCard) -> Text:
    """Where the card comes from and what the family has said about it."""
    marks = [
        words
        for words, on in (
            ("★ favourite", card.marks.favourite),
            ("from our therapist", card.marks.from_therapist),
            ("not for us (never suggested)", card.marks.hidden),
        )
        if on
    ]
    line = Text(f"This card is {ORIGIN_LABELS[card.origin]}.", style="italic")
    line.append(f" Marked: {', '.join(marks)}." if marks else " No marks yet.")
    return line


def card_renderable(card: LibraryCard) -> RenderableType:
    """The whole card, in the order a caregiver reads it before playing."""
    activity = card.activity
    parts: list[RenderableType] = [
        Text(activity.title, style="bold underline"),
        card_marks_line(card),
        Text(card_summary(card)),
        Text("Needs: " + (", ".join(activity.materials) if activity.materials else "nothing")),
    ]
    for concern in card.concerns:
        parts.append(Text(f"\n⚠ Please note: {concern.sentence()}", style="bold"))
    parts.append(Text("\nSteps", style="bold"))
    parts.append(_steps(activity.steps))
    parts.append(Text(""))
    parts.append(_section("What to notice", activity.notice))
    parts.append(_section("\nEasier", activity.easier))
    parts.append(_section("\nHarder", activity.harder))
    if activity.no_touch:
        parts.append(_section("\nNo-touch version", activity.no_touch))
    parts.append(_section(f"\nWhy it helps ({', '.join(activity.helps)})", activity.why))
    if activity.safety:
        parts.append(_section("\nSafety", activity.safety))
    parts.append(Text(f"\nid: {activity.id}", style="dim"))
    return Group(*parts)
