"""Reading the dates people type."""

from __future__ import annotations

import re
from datetime import date, timedelta

from companion.domain.errors import CompanionError
from companion.domain.text import quoted

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_AGO = re.compile(r"([0-9]{1,12}) (days?|weeks?) ago", re.ASCII)
_AHEAD = re.compile(r"in ([0-9]{1,12}) (days?|weeks?)", re.ASCII)
FIRST_YEAR, LAST_YEAR = 1900, 2200  # beyond these a date is a slip of the keyboard


def parse_date(text: str, *, today: date, what: str = "date") -> date:
    """Accept YYYY-MM-DD, "today", "yesterday", "tomorrow", "N days ago", "in N days"
    (weeks too). Anything else, or a day before 1900 or after 2200, is one clear sentence."""
    cleaned = " ".join(text.lower().split())
    offset = _days_from_today(cleaned)
    if offset is not None:
        return _shifted(today, offset, text.strip(), what)
    try:
        found = date.fromisoformat(cleaned)
    except ValueError:
        raise CompanionError(
            f"{quoted(text)} is not a {what} I can read; please write it like 2026-03-14."
        ) from None
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise _too_far(found.isoformat(), what)
    return found


def _days_from_today(cleaned: str) -> int | None:
    """How many days from today the words say ("3 days ago" is -3), or None."""
    if cleaned in _RELATIVE:
        return _RELATIVE[cleaned]
    if match := _AGO.fullmatch(cleaned):
        return -int(match[1]) * _UNIT_DAYS[match[2]]
    if match := _AHEAD.fullmatch(cleaned):
        return int(match[1]) * _UNIT_DAYS[match[2]]
    return None


def _shifted(today: date, offset: int, typed: str, what: str) -> date:
    # The years allowed span fewer than 110,000 days; more would overflow date itself.
    far = _too_far(quoted(typed), what)
    if abs(offset) > (LAST_YEAR - FIRST_YEAR + 1) * 366:
        raise far
    try:
        found = today + timedelta(days=offset)
    except OverflowError:
        raise far from None
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise far
    return found


def _too_far(said: str, what: str) -> CompanionError:
    return CompanionError(
        f"{said} is very far from today; please check the {what} (like 2026-03-14)."
    )


def day_words(day: date, today: date) -> str:
    """ "Tue 24 Nov", with the year only when it is not this year's."""
    return f"{day:%a %d %b}" if day.year == today.year else f"{day:%a %d %b %Y}"
