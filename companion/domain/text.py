"""Small pieces of plain English shared by every place that speaks to the family."""

from __future__ import annotations

from collections.abc import Iterable

# Written out here, not by strftime, so no locale changes them.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def and_list(items: Iterable[str]) -> str:
    """ "Mia", "Mia and Leo", "Mia, Leo and Sam"; nothing for none."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


QUOTE_LENGTH = 40


def quoted(typed: str) -> str:
    """What someone typed, in quotes, for a sentence about it: on one line, and cut short
    when long (a pasted page is not repeated back)."""
    words = " ".join(typed.split())
    if len(words) > QUOTE_LENGTH:
        words = words[: QUOTE_LENGTH - 1].rstrip() + "…"
    return f'"{words}"'
