"""Routines as the family keeps them: steps, days, check-offs, one-off changes, the week."""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pytest

from companion.domain.errors import CompanionError
from companion.domain.routine import Step, parse_days, parse_step, parse_time
from companion.services import Services
from tests.conftest import Clock

MONDAY = date(2026, 11, 23)


@pytest.fixture
def bedtime(family_services: Services) -> Services:
    family_services.routines.add(
        "Bedtime",
        at="19:30",
        steps=["Bath:15", "Brush teeth:3", "Story:10"],
        children=["Mia"],
        remind=["Sam"],
    )
    return family_services


def test_a_routine_keeps_its_steps_in_order(bedtime: Services) -> None:
    [routine] = Services(bedtime.root).routines.all()
    assert routine.name == "Bedtime"
    assert routine.start == time(19, 30)
    assert routine.steps == (Step("Bath", 15), Step("Brush teeth", 3), Step("Story", 10))
    assert routine.total_minutes == 28
    assert routine.days_text() == "every day"
    assert routine.added == datetime(2026, 11, 23, 19, 30)


def test_words_people_type(bedtime: Services) -> None:
    assert parse_days("weekdays") == frozenset(range(5))
    assert parse_days("Mon, wednesday fri") == frozenset({0, 2, 4})
    assert parse_time("0730") == time(7, 30)
    assert parse_step("Shoes on") == Step("Shoes on", 5)
    with pytest.raises(CompanionError, match='"funday" is not a day I know'):
        parse_days("mon,funday")
    with pytest.raises(CompanionError, match=r'"7\.30pm" is not a start time I can read'):
        bedtime.routines.add("Homework", at="7.30pm", steps=["Maths"])
    with pytest.raises(CompanionError, match='There is no routine called "Bed time"'):
        bedtime.routines.named("Bed time")


def test_the_week_counts_what_happened_and_leaves_blanks(bedtime: Services, clock: Clock) -> None:
    bedtime.routines.change_day("Bedtime", date(2026, 11, 25), "skip", say_to_child="Sleepover!")
    clock.now = datetime(2026, 11, 27, 21, 0)  # Friday evening
    for day, status in ((23, "done"), (24, "partly"), (26, "skipped")):
        bedtime.routines.check_off("bedtime", day=date(2026, 11, day), status=status, by="Jordan")
    [row] = bedtime.routines.week(clock.now.date())
    assert [c.status for c in row.cells] == ["done", "partly", None, "skipped", None, None, None]
    assert [c.planned for c in row.cells] == [True, True, False, True, True, True, True]
    # Wednesday was changed to "not today"; Friday (today) has no check-off yet: it may still
    # come, so it is not counted; a blank, never a miss.
    assert row.sentence(clock.now.date()) == "Bedtime happened 2 of 3 evenings this week."


def test_a_change_is_for_a_day_to_come_that_the_routine_runs(bedtime: Services) -> None:
    with pytest.raises(CompanionError) as raised:
        bedtime.routines.change_day("Bedtime", date(2026, 11, 22), "skip")
    assert raised.value.message == "Sun 22 Nov has passed; a change is for today or a day to come."
    weekdays = bedtime.routines.add("School run", at="8:00", steps=["Shoes"], days="weekdays")
    with pytest.raises(CompanionError, match="School run is not planned on Sat 28 Nov"):
        bedtime.routines.change_day(weekdays.name, date(2026, 11, 28), "skip")


def test_a_deleted_routine_comes_back_once(bedtime: Services) -> None:
    bedtime.routines.delete("bedtime")
    assert bedtime.routines.all() == []
    assert bedtime.routines.undo_delete().name == "Bedtime"
    assert [r.name for r in Services(bedtime.root).routines.all()] == ["Bedtime"]
    with pytest.raises(CompanionError, match="There is no deleted routine to bring back"):
        bedtime.routines.undo_delete()


def test_a_future_check_off_is_refused(bedtime: Services) -> None:
    with pytest.raises(CompanionError) as raised:
        bedtime.routines.check_off("Bedtime", day=date(2026, 11, 24))
    assert raised.value.message == (
        "2026-11-24 is still to come; a routine can be checked off for today or a past day."
    )


def test_a_moved_day_is_honoured_and_shown_the_day_before(bedtime: Services) -> None:
    bedtime.routines.change_day(
        "bedtime", date(2026, 11, 24), "move", new_start="20:30", say_to_child="Late one!"
    )
    [tomorrow] = bedtime.routines.occurrences(date(2026, 11, 24), date(2026, 11, 24))
    assert tomorrow.start == time(20, 30)
    assert tomorrow.remind_at == datetime(2026, 11, 24, 20, 20)
    [(routine, change)] = bedtime.routines.heads_up(MONDAY)
    assert change.describe(routine.name) == "Bedtime is at 20:30 instead"
    assert change.say_to_child == "Late one!"


def test_each_occurrence_is_announced_once_and_not_when_done(
    bedtime: Services, clock: Clock
) -> None:
    [today] = bedtime.routines.occurrences(MONDAY, MONDAY)
    other_process = Services(bedtime.root, clock=clock)
    assert bedtime.routines.announce_once(today, "app") is True
    assert other_process.routines.announce_once(today, "remind") is False

    clock.now = datetime(2026, 11, 24, 19, 0)
    [tuesday] = bedtime.routines.occurrences(date(2026, 11, 24), date(2026, 11, 24))
    bedtime.routines.check_off("Bedtime", day=tuesday.day)
    assert other_process.routines.announce_once(tuesday, "remind") is False


def test_reminders_that_came_while_nothing_ran_are_found_once(
    bedtime: Services, clock: Clock
) -> None:
    assert bedtime.routines.missed() == []  # companion starts watching now
    clock.now = datetime(2026, 11, 26, 8, 0)  # closed for two and a half days
    missed = bedtime.routines.missed()
    # Monday's 19:20 came before the routine was added at 19:30: never due, never missed.
    assert [m.sentence() for m in missed] == [
        "Bedtime reminder at 19:20 on Tue 24 Nov wasn't seen",
        "Bedtime reminder at 19:20 on Wed 25 Nov wasn't seen",
    ]
    bedtime.routines.answer_missed(missed[0], "skip")
    bedtime.routines.answer_missed(missed[1], "done", by="Sam")
    assert bedtime.routines.missed() == []
    [checkoff] = bedtime.routines.checked_off(date(2026, 11, 24), date(2026, 11, 25))
    assert (checkoff.day, checkoff.status) == (date(2026, 11, 25), "done")


def test_next_up_is_the_next_start_nobody_checked_off(bedtime: Services, clock: Clock) -> None:
    bedtime.routines.add("Morning", at="7:15", steps=["Get dressed:10"])
    clock.now = datetime(2026, 11, 24, 6, 0)
    up = bedtime.routines.next_up()
    assert up is not None and (up.routine.name, up.day) == ("Morning", date(2026, 11, 24))
    bedtime.routines.check_off("Morning", day=date(2026, 11, 24))
    up = bedtime.routines.next_up()
    assert up is not None and (up.routine.name, up.starts_at) == (
        "Bedtime",
        datetime(2026, 11, 24, 19, 30),
    )


def test_days_while_paused_were_never_missed(bedtime: Services, clock: Clock) -> None:
    bedtime.routines.missed()  # watching from Monday 19:30
    bedtime.routines.set_paused("Bedtime", True)
    clock.now = datetime(2026, 11, 25, 12, 0)
    bedtime.routines.set_paused("Bedtime", False)
    clock.now = datetime(2026, 11, 26, 8, 0)
    assert [m.sentence() for m in bedtime.routines.missed()] == [
        "Bedtime reminder at 19:20 on Wed 25 Nov wasn't seen"
    ]


def test_a_reminder_a_running_app_can_still_give_is_not_called_missed(
    bedtime: Services, clock: Clock
) -> None:
    bedtime.routines.missed()
    clock.now = datetime(2026, 11, 24, 19, 40)  # Tuesday's 19:20 reminder, 20 minutes ago
    assert bedtime.routines.missed() == []
    clock.now = datetime(2026, 11, 24, 19, 55)
    assert [m.sentence() for m in bedtime.routines.missed()] == [
        "Bedtime reminder at 19:20 on Tue 24 Nov wasn't seen"
    ]


def test_unusable_words_are_refused() -> None:
    for step in ("Bath:-5", "Bath:0"):
        with pytest.raises(CompanionError, match="a step takes 1 to 120 minutes"):
            parse_step(step)
    with pytest.raises(CompanionError, match='"mondayish" is not a day I know'):
        parse_days("mondayish")
    assert parse_days("tues, thursday") == frozenset({1, 3})


HAND_EDITS = [
    pytest.param("routines", "steps", [], '"steps" should have at least 1 entry', id="no-steps"),
    pytest.param("routines", "name", "  ", '"name" should have words in it', id="blank-name"),
    pytest.param("routines", "days", [0, 7], '"days" should be at most 6', id="day-seven"),
    pytest.param("routines", "start", "7pm", '"start" should be a time like 19:30:00', id="7pm"),
    pytest.param(
        "routines", "lead_minutes", 999, '"lead_minutes" should be at most 180', id="lead"
    ),
    pytest.param("changes", "new_start", None, "a moved day needs its new time", id="moved"),
    pytest.param("changes", "kind", "maybe", "\"kind\" cannot be 'maybe'", id="kind"),
]


@pytest.mark.parametrize(("table", "field", "value", "problem"), HAND_EDITS)
def test_a_hand_edited_routine_is_one_sentence(
    bedtime: Services, table: str, field: str, value: object, problem: str
) -> None:
    bedtime.routines.change_day("Bedtime", bedtime.today(), "move", new_start="20:00")
    path = bedtime.root / "routines.json"
    document = json.loads(path.read_bytes())
    for record in document["tables"][table].values():
        record[field] = value
    path.write_bytes(json.dumps(document).encode())
    with pytest.raises(CompanionError) as raised:
        Services(bedtime.root).routines.all()
    assert raised.value.message.startswith(
        f"The data file {path} cannot be used (in {table}, {problem}); nothing was changed"
    )


def test_a_routine_under_way_stays_next_until_its_minutes_are_over(
    bedtime: Services, clock: Clock
) -> None:
    bedtime.routines.add("Morning", at="7:15", steps=["Get dressed:10"])
    clock.now = datetime(2026, 11, 24, 19, 40)  # ten minutes into a 28-minute bedtime
    up = bedtime.routines.next_up()
    assert up is not None and (up.routine.name, up.day) == ("Bedtime", date(2026, 11, 24))
    clock.now = datetime(2026, 11, 24, 20, 0)
    up = bedtime.routines.next_up()
    assert up is not None and (up.routine.name, up.day) == ("Morning", date(2026, 11, 25))


def test_a_date_far_from_today_is_one_sentence(bedtime: Services) -> None:
    for text in ("9999-12-31", "0001-01-01"):
        with pytest.raises(CompanionError, match="is very far from today; please check"):
            bedtime.parse_day(text)
