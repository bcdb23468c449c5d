"""From a routine's local wall-clock time to an instant in the local time zone.

A family says "bedtime at 19:30" and means the clock on the wall, whatever the season. On the
day the clocks go forward, a time in the skipped hour does not exist: it moves to the first
instant that does (01:30 becomes 02:00 in London on the last Sunday of March). On the day
they go back, a time in the repeated hour happens twice: the first one counts.

Instants are given in UTC. Python compares and subtracts two datetimes of the same zone by
their wall-clock reading, ignoring daylight saving (01:30 BST and 01:30 GMT would be
"equal"), so everything that compares or measures uses UTC; the local zone is for display.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone() -> tzinfo:
    """The machine's time zone: $TZ when it names a zone (read each time, as the C library
    does), else the system's setting."""
    name = os.environ.get("TZ", "").removeprefix(":")
    if name and not name.startswith("/"):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a POSIX rule such as "CET-1CEST"
    from tzlocal import get_localzone

    try:
        return get_localzone()
    except (ZoneInfoNotFoundError, ValueError):
        # No zone name to be found (a POSIX rule in $TZ): today's offset, which is right
        # until the clocks next change.
        offset = datetime.now().astimezone().tzinfo
        return offset if offset is not None else UTC


def exists(wall: datetime, zone: tzinfo) -> bool:
    """Whether the naive wall-clock time happens at all in the zone that day."""
    aware = wall.replace(tzinfo=zone, fold=0)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


def instant(wall: datetime, zone: tzinfo) -> datetime:
    """The instant (in UTC) of a naive wall-clock time in the zone: the first of two in a
    repeated hour, the end of the gap for a time the clocks skip."""
    wall = wall.replace(tzinfo=None, fold=0)
    if exists(wall, zone):
        return wall.replace(tzinfo=zone).astimezone(UTC)
    # In the gap: with the offset before the change (fold=0) the wall time maps to an instant
    # after the change, with the offset after it (fold=1) to one before. The change itself
    # lies between; find it to the second.
    before = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    after = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    offset_after = after.astimezone(zone).utcoffset()
    low, high = int(before.timestamp()), int(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == offset_after:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def minutes_between(first: datetime, second: datetime) -> int:
    """Whole minutes from one aware instant to another, rounded (negative when before)."""
    return round((second.astimezone(UTC) - first.astimezone(UTC)) / timedelta(minutes=1))


def now_utc() -> datetime:
    return datetime.now(UTC)
