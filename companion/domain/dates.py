"""Reading the dates people type."""

from datetime import date, timedelta

from companion.domain.errors import CompanionError

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
FIRST_YEAR, LAST_YEAR = 1900, 2200  # beyond these a date is a slip of the keyboard


def parse_date(text: str, *, today: date, what: str = "date") -> date:
    """Accept YYYY-MM-DD, "today", "yesterday", "tomorrow", "N days ago", "in N days"
    (weeks too)."""
    cleaned = text.strip().lower()
    if cleaned in _RELATIVE:
        return today + timedelta(days=_RELATIVE[cleaned])
    words = cleaned.split()
    if len(words) == 3 and words[0] == "in" and words[1].isdigit():
        ahead = {"day": 1, "days": 1, "week": 7, "weeks": 7}.get(words[2])
        if ahead is not None and int(words[1]) <= 3660:
            return today + timedelta(days=int(words[1]) * ahead)
    if len(words) == 3 and words[1] in ("day", "days") and words[2] == "ago" and words[0].isdigit():
        return today - timedelta(days=int(words[0]))
    if (
        len(words) == 3
        and words[1] in ("week", "weeks")
        and words[2] == "ago"
        and words[0].isdigit()
    ):
        return today - timedelta(weeks=int(words[0]))
    try:
        found = date.fromisoformat(cleaned)
    except ValueError:
        raise CompanionError(
            f'"{text}" is not a {what} I can read; please write it like 2026-03-14.'
        ) from None
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise CompanionError(
            f"{found} is very far from today; please check the {what} (like 2026-03-14)."
        )
    return found


def day_words(day: date, today: date) -> str:
    """ "Tue 24 Nov", with the year only when it is not this year's."""
    return f"{day:%a %d %b}" if day.year == today.year else f"{day:%a %d %b %Y}"
