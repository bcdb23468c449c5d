"""How a reflection reads on the Reflections screen: its line in the list, and the whole of it
in the panel beside. The family's words are always Text, never markup."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from rich.text import Text

from companion.domain.dates import day_words
from companion.domain.family import Family
from companion.domain.reflection import Reflection
from companion.domain.states import ENGAGEMENT_WORDS, FEELING_WORDS

SHOW_AT_ONCE = 200  # options in the list at a time; m (or the last line) shows more
FLAG = "[for our therapist]"  # a word, never only a colour


@dataclass(frozen=True)
class Titles:
    """What the ids a reflection keeps are called: its routine's, its games'."""

    routines: dict[str, str] = field(default_factory=dict)
    games: dict[str, str] = field(default_factory=dict)


def plural(count: int) -> str:
    return "reflection" if count == 1 else "reflections"


def more_prompt(more: int) -> Text:
    return Text(
        f"{more:,} older {plural(more)} fit too: press m (or here) to show "
        f"{min(more, SHOW_AT_ONCE):,} more.",
        style="italic",
    )


def names(ids: Sequence[str], family: Family) -> str:
    return ", ".join(family.name_of(i) for i in ids)


def first_words(reflection: Reflection) -> str:
    """The first line of what happened, or of the first part written."""
    parts = reflection.written_parts()
    if not parts:
        return ""
    label, words = parts[0]
    line = next((ln.strip() for ln in words.splitlines() if ln.strip()), "")
    return line if label == "What happened" else f"{label}: {line}"


def row_prompt(reflection: Reflection, family: Family, today: date) -> Text:
    """One reflection in the list, two lines: when, the flag (early, so a narrow column
    never cuts it off), about whom, who wrote it and the tags; then the first line written."""
    text = Text()
    text.append(day_words(reflection.day, today), style="bold")
    if reflection.for_therapist:
        text.append(f" · {FLAG}", style="italic")
    if reflection.children:
        text.append(f" · {names(reflection.children, family)}")
    if reflection.by:
        text.append(f" · by {family.name_of(reflection.by)}")
    if reflection.tags:
        text.append(" · " + " ".join(f"#{tag}" for tag in reflection.tags), style="dim")
    text.append("\n  " + first_words(reflection))
    return text


def reflection_detail(reflection: Reflection, family: Family, today: date, titles: Titles) -> Text:
    """The whole reflection: every written part under its label, then how it went."""
    text = Text()
    text.append(f"{reflection.day:%A %d %B %Y}", style="bold")
    about = names(reflection.children, family)
    who = [
        f"written by {family.name_of(reflection.by)}" if reflection.by else "",
        f"about {about}" if about else "",
    ]
    said = ", ".join(w for w in who if w)
    if said:
        text.append("\n" + said[0].upper() + said[1:])
    if reflection.for_therapist:
        text.append(f"\n{FLAG} to talk about at the next appointment", style="italic")
    if reflection.tags:
        text.append("\nTags: " + " ".join(f"#{tag}" for tag in reflection.tags))
    for label, words in reflection.written_parts():
        text.append(f"\n\n{label}\n", style="bold")
        text.append(words)
    how = how_it_went(reflection, titles)
    if how:
        text.append("\n\n")
        text.append("\n".join(how))
    text.append("\n\n")
    text.append(written_when(reflection, today), style="dim")
    return text


def how_it_went(reflection: Reflection, titles: Titles) -> list[str]:
    lines: list[str] = []
    if reflection.activities:
        played = ", ".join(
            # A card since deleted is still named, from its id.
            titles.games.get(card, card.replace("-", " "))
            + (" (enjoyed)" if card in reflection.enjoyed else "")
            for card in reflection.activities
        )
        lines.append(f"Played: {played}")
    if reflection.routine:
        routine = titles.routines.get(reflection.routine, "one no longer kept")
        lines.append(f"Routine: {routine}")
    if reflection.engagement is not None:
        words = ENGAGEMENT_WORDS.get(reflection.engagement, "")
        lines.append(f"Engagement: {words} ({reflection.engagement} of 5)")
    if reflection.before or reflection.after:
        before = reflection.before or "not noted"
        after = reflection.after or "not noted"
        lines.append(f"My child before: {before}; after: {after}")
    if reflection.feeling:
        lines.append(f"How I was: {FEELING_WORDS[reflection.feeling]}")
    return lines


def written_when(reflection: Reflection, today: date) -> str:
    written = reflection.written_at
    said = f"First written {day_words(written.date(), today)} at {written:%H:%M}"
    if reflection.edited_at is not None:
        edited = reflection.edited_at
        said += f"; edited {day_words(edited.date(), today)} at {edited:%H:%M}"
    return said + "."
