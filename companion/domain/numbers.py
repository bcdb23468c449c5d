"""Reading the whole numbers people type (minutes, ages, days)."""

from __future__ import annotations

import re

# ASCII digits only: str.isdigit() also says yes to "²" and "٣", which int() then refuses
# or reads unexpectedly. Nine digits is more than any count here needs, and keeps int() fast.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}", re.ASCII)


def whole_number(text: str) -> int | None:
    """The number when text (spaces aside) is a plain whole number, else None."""
    cleaned = text.strip()
    return int(cleaned) if _WHOLE_NUMBER.fullmatch(cleaned) else None
