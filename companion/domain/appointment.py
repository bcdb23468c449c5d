"""Therapy appointments: the brief's default span runs from the last one to today."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import msgspec

from companion.domain.ids import new_id

MAX_NOTE = 500
DEFAULT_SPAN_DAYS = 28  # with no appointment yet, the brief covers the last four weeks


class Appointment(msgspec.Struct, frozen=True):
    day: date
    note: str = ""  # "with Dr Okafor, bring the school report"
    id: str = msgspec.field(default_factory=new_id)


def last_before(appointments: Iterable[Appointment], day: date) -> Appointment | None:
    """The most recent appointment before `day` (the one the brief starts from)."""
    past = [a for a in appointments if a.day < day]
    return max(past, key=lambda a: a.day) if past else None


def next_from(appointments: Iterable[Appointment], day: date) -> Appointment | None:
    """The first appointment on or after `day`."""
    coming = [a for a in appointments if a.day >= day]
    return min(coming, key=lambda a: a.day) if coming else None


def default_span(appointments: Iterable[Appointment], today: date) -> tuple[date, date]:
    """Since the last appointment (its own day included) until today."""
    last = last_before(appointments, today)
    since = last.day if last else today - timedelta(days=DEFAULT_SPAN_DAYS - 1)
    return since, today
