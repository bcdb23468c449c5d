"""Therapy appointments and the brief's span, through the services and the command line."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from companion.domain.errors import CompanionError
from companion.services import Services
from tests.conftest import CliRunner, Clock


def test_the_next_appointment_and_the_span_since_the_last(
    family_services: Services, clock: Clock
) -> None:
    briefs = family_services.briefs
    briefs.add_appointment("2026-11-02", "first visit")
    briefs.add_appointment("in 3 days")
    briefs.add_appointment("2026-10-05")
    assert [a.day for a in briefs.appointments()] == [
        date(2026, 10, 5),
        date(2026, 11, 2),
        date(2026, 11, 26),
    ]
    coming = briefs.next_appointment()
    assert coming is not None and coming.day == date(2026, 11, 26)
    assert briefs.span() == (date(2026, 11, 2), date(2026, 11, 23))
    assert briefs.offer_to_prepare() is None
    clock.now = datetime(2026, 11, 25, 8, 0)
    offered = briefs.offer_to_prepare()
    assert offered is not None and offered.day == date(2026, 11, 26)


def test_without_appointments_the_brief_covers_four_weeks(family_services: Services) -> None:
    assert family_services.briefs.span() == (date(2026, 10, 27), date(2026, 11, 23))
    assert family_services.briefs.span("2026-11-01", "yesterday") == (
        date(2026, 11, 1),
        date(2026, 11, 22),
    )


def test_with_only_an_end_the_brief_starts_at_the_appointment_before_it(
    family_services: Services,
) -> None:
    briefs = family_services.briefs
    briefs.add_appointment("2026-09-07")
    briefs.add_appointment("2026-10-05")
    briefs.add_appointment("2026-11-02")
    assert briefs.span(until="2026-10-20") == (date(2026, 10, 5), date(2026, 10, 20))
    assert briefs.span(until="2026-09-01") == (date(2026, 8, 5), date(2026, 9, 1))  # 4 weeks


def test_an_appointment_today_is_the_next_one_not_the_last(family_services: Services) -> None:
    briefs = family_services.briefs
    briefs.add_appointment("2026-11-02")
    briefs.add_appointment("today")
    since, until = briefs.span()
    assert (since, until) == (date(2026, 11, 2), date(2026, 11, 23))
    brief = briefs.build(since, until)
    assert (brief.last_appointment, brief.next_appointment) == (
        date(2026, 11, 2),
        date(2026, 11, 23),
    )


@pytest.mark.parametrize(
    ("since", "until", "words"),
    [
        ("2026-11-20", "2026-11-10", "swap the dates"),
        (None, "2026-12-01", "up to today"),
        ("soon", None, '"soon" is not a --since date'),
    ],
)
def test_a_span_that_cannot_be_says_why(
    family_services: Services, since: str | None, until: str | None, words: str
) -> None:
    with pytest.raises(CompanionError) as raised:
        family_services.briefs.span(since, until)
    assert words in raised.value.message


def test_one_appointment_a_day_and_delete_with_undo(family_services: Services) -> None:
    briefs = family_services.briefs
    first = briefs.add_appointment("2026-12-03")
    with pytest.raises(CompanionError, match="already an appointment on Thu 03 Dec 2026"):
        briefs.add_appointment("2026-12-03", "again")
    briefs.remove_appointment(first)
    assert briefs.appointments() == []
    briefs.undo_remove_appointment(first)
    assert briefs.appointments() == [first]


def test_appointments_on_the_command_line(cli: CliRunner) -> None:
    assert cli("appointments", "add", "2026-12-03", "--note", "with Dr Ade") == (
        0,
        "Noted the appointment on Thu 03 Dec 2026.\n",
        "",
    )
    assert cli("appointments", "add", "2026-11-02")[0] == 0
    code, out, _ = cli("appointments", "list")
    assert code == 0
    assert out.splitlines() == ["Mon 02 Nov 2026", "Thu 03 Dec 2026 · with Dr Ade  (next)"]
    code, out, _ = cli("appointments", "--json")
    document = json.loads(out)
    assert document["next"]["day"] == "2026-12-03"
    assert [a["note"] for a in document["appointments"]] == ["", "with Dr Ade"]
    code, _, err = cli("appointments", "add", "next week")
    assert code == 1
    assert err == '"next week" is not a date I can read; please write it like 2026-03-14.\n'
