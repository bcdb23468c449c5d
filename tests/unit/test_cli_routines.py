"""`companion routines ...`, as a caregiver or a script uses them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from companion.services import Services
from tests.conftest import CliRunner, Clock
from tests.store.helpers import data_bytes, one_sentence

ROOT = Path(__file__).resolve().parents[2]
MONDAY = date(2026, 11, 23)  # the tests' clock stands at Monday 23 November 2026, 19:30


@pytest.fixture
def family(family_services: Services) -> Services:
    return family_services


@pytest.fixture
def bedtime(cli: CliRunner, family: Services) -> Services:
    ok(
        cli,
        "routines",
        "add",
        "Bedtime",
        "--at",
        "19:30",
        "--step",
        "Bath:15",
        "--step",
        "Brush teeth:3",
        "--step",
        "Story:10",
        "--child",
        "Mia",
        "--remind",
        "Sam",
    )
    return family


def ok(cli: CliRunner, *args: str) -> str:
    code, out, err = cli(*args)
    assert (code, err) == (0, ""), err
    return out


def refused(cli: CliRunner, data_dir: Path, *args: str) -> str:
    """The command fails with one sentence on stderr and writes nothing."""
    before = data_bytes(data_dir)
    code, out, err = cli(*args)
    assert code == 1, (out, err)
    assert one_sentence(err), err
    assert out == ""
    assert data_bytes(data_dir) == before
    return err.strip()


def listed(cli: CliRunner) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in json.loads(ok(cli, "routines", "list", "--json"))["routines"]}


def week_json(cli: CliRunner, *args: str) -> dict[str, Any]:
    document = json.loads(ok(cli, "routines", "week", "--json", *args))
    assert isinstance(document, dict)
    return document


# -- the routines ----------------------------------------------------------------------------


def test_add_then_list_as_json(cli: CliRunner, bedtime: Services) -> None:
    ok(
        cli,
        "routines",
        "add",
        "After school",
        "--at",
        "1530",
        "--step",
        "Snack",
        "--step",
        "Play outside:20",
        "--days",
        "mon,wed,fri",
        "--lead",
        "5",
    )
    found = listed(cli)
    assert list(found) == ["After school", "Bedtime"]  # by start time
    assert found["Bedtime"] == {
        "id": bedtime.routines.named("Bedtime").id,
        "name": "Bedtime",
        "start": "19:30",
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "days_text": "every day",
        "steps": [
            {"text": "Bath", "minutes": 15},
            {"text": "Brush teeth", "minutes": 3},
            {"text": "Story", "minutes": 10},
        ],
        "total_minutes": 28,
        "children": ["Mia"],
        "remind": ["Sam"],
        "lead_minutes": 10,
        "paused": False,
        "this_week": "Bedtime: nothing to count yet this week.",
    }
    after = found["After school"]
    assert (after["start"], after["days"], after["lead_minutes"]) == (
        "15:30",
        ["mon", "wed", "fri"],
        5,
    )
    assert after["steps"] == [
        {"text": "Snack", "minutes": 5},
        {"text": "Play outside", "minutes": 20},
    ]
    assert (after["children"], after["remind"]) == ([], [])


def test_add_and_list_in_words(cli: CliRunner, family: Services) -> None:
    out = ok(
        cli,
        "routines",
        "add",
        "Bedtime",
        "--at",
        "19:30",
        "--step",
        "Bath:15",
        "--step",
        "Story:10",
    )
    assert out.splitlines() == [
        "Bedtime is saved: 19:30 every day, 2 steps, 25 minutes.",
        "For the whole family; reminds everyone 10 minutes before.",
    ]
    assert ok(cli, "routines", "list").splitlines() == [
        "Bedtime · 19:30 every day · 25 minutes",
        "  1. Bath (15 min)",
        "  2. Story (10 min)",
        "  For the whole family; reminds everyone 10 minutes before.",
        "  Bedtime: nothing to count yet this week.",
    ]


def test_no_routines_yet(cli: CliRunner, family: Services) -> None:
    assert "No routines yet" in ok(cli, "routines", "list")
    assert json.loads(ok(cli, "routines", "list", "--json")) == {"routines": []}


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (("--at", "25:00", "--step", "Nap"), '"25:00" is not a start time I can read'),
        (("--at", "7.30pm", "--step", "Nap"), '"7.30pm" is not a start time I can read'),
        (("--at", "13:00", "--step", "Nap", "--days", "funday"), '"funday" is not a day I know'),
        (("--at", "13:00", "--step", "Nap", "--child", "Bob"), 'no child called "Bob"'),
        (("--at", "13:00", "--step", "Nap", "--remind", "Bob"), 'no caregiver called "Bob"'),
        (("--at", "13:00"), "A routine needs at least one step"),
        (("--at", "13:00", "--step", "Nap:500"), "a step takes 1 to 120 minutes"),
        (("--at", "13:00", "--step", "Nap", "--lead", "500"), "0 to 180 minutes before"),
    ],
)
def test_a_wrong_routine_is_one_sentence_and_nothing_is_written(
    cli: CliRunner, bedtime: Services, data_dir: Path, args: tuple[str, ...], sentence: str
) -> None:
    assert sentence in refused(cli, data_dir, "routines", "add", "Nap", *args)
    assert list(listed(cli)) == ["Bedtime"]


def test_the_same_name_twice_is_refused(cli: CliRunner, bedtime: Services, data_dir: Path) -> None:
    said = refused(cli, data_dir, "routines", "add", "Bedtime", "--at", "20:00", "--step", "Song")
    assert said == "There is already a routine called Bedtime; pick another name."


def test_edit_changes_what_is_given_and_keeps_the_rest(cli: CliRunner, bedtime: Services) -> None:
    before = listed(cli)["Bedtime"]
    out = ok(
        cli,
        "routines",
        "edit",
        "bedtime",
        "--at",
        "19:45",
        "--step",
        "Story:10",
        "--step",
        "Bath:15",
        "--whole-family",
    )
    assert out.splitlines()[0] == "Bedtime is saved: 19:45 every day, 2 steps, 25 minutes."
    after = listed(cli)["Bedtime"]
    assert after["id"] == before["id"]
    assert after["steps"] == [{"text": "Story", "minutes": 10}, {"text": "Bath", "minutes": 15}]
    assert (after["start"], after["children"]) == ("19:45", [])
    assert (after["remind"], after["days"], after["lead_minutes"]) == (
        before["remind"],
        before["days"],
        before["lead_minutes"],
    )
    ok(cli, "routines", "edit", "Bedtime", "--name", "Lights out", "--days", "weekdays")
    assert listed(cli)["Lights out"]["days_text"] == "weekdays"


def test_edit_refusals(cli: CliRunner, bedtime: Services, data_dir: Path) -> None:
    ok(cli, "routines", "add", "Morning", "--at", "07:30", "--step", "Shoes on")
    assert refused(cli, data_dir, "routines", "edit", "Bedtime", "--name", "morning") == (
        "There is already a routine called Morning; pick another name."
    )
    assert "Nothing to change in Bedtime" in refused(cli, data_dir, "routines", "edit", "Bedtime")
    assert '"Bed time"' in refused(cli, data_dir, "routines", "edit", "Bed time", "--at", "20:00")
    assert "not a start time" in refused(cli, data_dir, "routines", "edit", "Bedtime", "--at", "x")


def test_pause_and_resume(cli: CliRunner, bedtime: Services) -> None:
    out = ok(cli, "routines", "pause", "Bedtime")
    assert out == 'Bedtime is paused: no reminders until `companion routines resume "Bedtime"`.\n'
    assert listed(cli)["Bedtime"]["paused"] is True
    assert "· paused (no reminders)" in ok(cli, "routines", "list").splitlines()[0]
    assert bedtime.routines.occurrences(MONDAY, MONDAY) == []
    assert ok(cli, "routines", "resume", "bedtime") == "Bedtime is back on: 19:30 every day.\n"
    assert listed(cli)["Bedtime"]["paused"] is False


def test_delete_can_be_undone_with_its_check_offs(
    cli: CliRunner, bedtime: Services, data_dir: Path
) -> None:
    ok(cli, "routines", "done", "Bedtime", "--by", "Sam")
    before = listed(cli)["Bedtime"]
    out = ok(cli, "routines", "delete", "Bedtime")
    assert out == (
        "Bedtime is deleted. `companion routines undo-delete` brings it back, "
        "with its check-offs and changes.\n"
    )
    assert listed(cli) == {}
    assert ok(cli, "routines", "undo-delete") == (
        "Bedtime is back: 19:30 every day, with its check-offs and changes.\n"
    )
    assert listed(cli)["Bedtime"] == before
    [row] = week_json(cli)["routines"]
    assert row["cells"][0]["status"] == "done"
    assert refused(cli, data_dir, "routines", "undo-delete") == (
        "There is no deleted routine to bring back."
    )


# -- check-off -------------------------------------------------------------------------------


def test_done_says_who_did_what(cli: CliRunner, bedtime: Services) -> None:
    assert ok(cli, "routines", "done", "bedtime", "--by", "sam") == (
        "Bedtime is checked off for Mon 23 Nov, by Sam.\n"
    )
    out = ok(
        cli,
        "routines",
        "done",
        "Bedtime",
        "--date",
        "yesterday",
        "--partly",
        "--by",
        "Jordan",
        "--note",
        "Tired  but   cosy",
    )
    assert out.splitlines() == [
        "Bedtime is checked off as partly done for Sun 22 Nov, by Jordan.",
        '  Note: "Tired but cosy"',
    ]
    assert ok(cli, "routines", "done", "Bedtime", "--date", "2026-11-20", "--skipped") == (
        "Bedtime is marked not today for Fri 20 Nov.\n"
    )
    found = bedtime.routines.checked_off(date(2026, 11, 20), MONDAY)
    people = bedtime.family()
    assert [
        (c.day.day, c.status, people.name_of(c.by) if c.by else None, c.note) for c in found
    ] == [
        (20, "skipped", None, ""),
        (22, "partly", "Jordan", "Tired but cosy"),
        (23, "done", "Sam", ""),
    ]


def test_done_by_the_only_caregiver(
    cli: CliRunner, services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.add_caregiver("Alex")
    services.routines.add("Bedtime", at="19:30", steps=["Story"])
    assert ok(cli, "routines", "done", "Bedtime") == (
        "Bedtime is checked off for Mon 23 Nov, by Alex.\n"
    )


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (
            ("Bedtime", "--date", "tomorrow"),
            "2026-11-24 is still to come; a routine can be checked off for today or a past day.",
        ),
        (
            ("Bedtime", "--date", "23/11/2026"),
            '"23/11/2026" is not a date I can read; please write it like 2026-03-14.',
        ),
        (("Bedtme",), 'There is no routine called "Bedtme" (known: Bedtime)'),
        (("Bedtime", "--by", "Grandpa"), 'There is no caregiver called "Grandpa"'),
        (("Bedtime", "--partly", "--skipped"), "Choose --partly or --skipped, not both."),
    ],
)
def test_a_wrong_check_off_is_one_sentence_and_nothing_is_written(
    cli: CliRunner, bedtime: Services, data_dir: Path, args: tuple[str, ...], sentence: str
) -> None:
    assert refused(cli, data_dir, "routines", "done", *args).startswith(sentence)


# -- the week --------------------------------------------------------------------------------


def test_the_week_grid_and_its_sentence(cli: CliRunner, bedtime: Services, clock: Clock) -> None:
    ok(
        cli,
        "routines",
        "add",
        "Morning",
        "--at",
        "07:15",
        "--step",
        "Shoes on",
        "--days",
        "weekdays",
    )
    clock.now = datetime(2026, 11, 29, 21, 0)  # Sunday evening
    for day, extra in (
        ("2026-11-23", ("--by", "Sam")),
        ("2026-11-24", ("--partly", "--by", "Jordan", "--note", "Tired")),
        ("2026-11-26", ("--skipped",)),
        ("2026-11-27", ()),
        ("2026-11-28", ()),
        ("2026-11-29", ()),
        ("2026-11-30", ()),  # next week: not in this grid
    ):
        if day == "2026-11-30":
            clock.now = datetime(2026, 11, 30, 21, 0)
        ok(cli, "routines", "done", "Bedtime", "--date", day, *extra)
    ok(cli, "routines", "done", "Morning", "--date", "2026-11-25", "--by", "Sam")
    clock.now = datetime(2026, 11, 29, 21, 0)

    lines = ok(cli, "routines", "week").splitlines()
    assert lines[0] == "Week of Mon 23 Nov 2026"
    assert lines[1].split() == [
        "Mon",
        "23",
        "Tue",
        "24",
        "Wed",
        "25",
        "Thu",
        "26",
        "Fri",
        "27",
        "Sat",
        "28",
        "Sun",
        "29",
    ]
    morning, bedtime_row = lines[2], lines[3]
    assert morning.startswith("Morning 07:15")
    assert morning.split()[2:] == ["✓", "·", "·"]  # Wed done; the weekend not planned; rest blank
    assert bedtime_row.split()[2:] == ["✓", "◐", "-", "✓", "✓", "✓"]  # Wednesday is blank
    assert lines[4].startswith("✓ done")
    assert "Bedtime happened 5 of 7 evenings this week." in lines
    assert "Morning happened 1 of 5 mornings this week." in lines
    words = " ".join(lines).lower()
    for unkind in ("missed", "failed", "streak"):
        assert unkind not in words

    document = week_json(cli)
    assert document["week_of"] == "2026-11-23"
    row = next(r for r in document["routines"] if r["name"] == "Bedtime")
    assert [c["status"] for c in row["cells"]] == [
        "done",
        "partly",
        None,
        "skipped",
        "done",
        "done",
        "done",
    ]
    assert row["cells"][1] | {"day": ""} == {
        "day": "",
        "planned": True,
        "status": "partly",
        "by": "Jordan",
        "note": "Tired",
    }
    assert (row["happened"], row["planned_so_far"]) == (5, 7)

    who = ok(cli, "routines", "week", "--who").splitlines()
    assert who[-7:] == [
        "Mon 23 Nov  Bedtime: done, by Sam",
        'Tue 24 Nov  Bedtime: partly done, by Jordan · "Tired"',
        "Wed 25 Nov  Morning: done, by Sam",
        "Thu 26 Nov  Bedtime: not today",
        "Fri 27 Nov  Bedtime: done",
        "Sat 28 Nov  Bedtime: done",
        "Sun 29 Nov  Bedtime: done",
    ]


def test_six_of_seven_evenings(cli: CliRunner, bedtime: Services, clock: Clock) -> None:
    clock.now = datetime(2026, 11, 29, 21, 0)
    for day in (23, 24, 25, 26, 28, 29):
        ok(cli, "routines", "done", "Bedtime", "--date", f"2026-11-{day}")
    lines = ok(cli, "routines", "week").splitlines()
    assert lines[-1] == "Bedtime happened 6 of 7 evenings this week."
    # A past week is "that week", and a week with nothing checked off is all blank.
    clock.now = datetime(2026, 12, 9, 8, 0)
    assert ok(cli, "routines", "week", "--date", "2026-11-25").splitlines()[-1] == (
        "Bedtime happened 6 of 7 evenings that week."
    )
    empty = ok(cli, "routines", "week", "--date", "2026-11-30").splitlines()
    assert empty[2].split() == ["Bedtime", "19:30"]
    assert empty[-1] == "Bedtime happened 0 of 7 evenings that week."


# -- a different day -------------------------------------------------------------------------


def test_one_off_changes_with_a_line_for_the_child(cli: CliRunner, bedtime: Services) -> None:
    ok(
        cli,
        "routines",
        "add",
        "After school",
        "--at",
        "15:30",
        "--step",
        "Snack",
        "--days",
        "weekdays",
    )
    out = ok(
        cli,
        "routines",
        "change",
        "Bedtime",
        "--date",
        "tomorrow",
        "--move",
        "20:30",
        "--say",
        "A late one: we are at the party.",
    )
    assert out.splitlines() == [
        "Tue 24 Nov: Bedtime is at 20:30 instead.",
        '  To say to Mia: "A late one: we are at the party."',
    ]
    assert (
        ok(
            cli,
            "routines",
            "change",
            "after school",
            "--date",
            "2026-11-25",
            "--someone-else",
            "Grandma",
        )
        == "Wed 25 Nov: Grandma does after school.\n"
    )
    assert ok(cli, "routines", "change", "Bedtime", "--date", "2026-11-26", "--skip") == (
        "Thu 26 Nov: Bedtime is not happening.\n"
    )
    assert ok(cli, "routines", "changes").splitlines() == [
        'Tue 24 Nov  Bedtime is at 20:30 instead · say: "A late one: we are at the party."',
        "Wed 25 Nov  Grandma does after school",
        "Thu 26 Nov  Bedtime is not happening",
    ]
    changes = json.loads(ok(cli, "routines", "changes", "--json"))["changes"]
    assert [(c["routine"], c["day"], c["kind"], c["new_start"], c["who"]) for c in changes] == [
        ("Bedtime", "2026-11-24", "move", "20:30", ""),
        ("After school", "2026-11-25", "someone_else", None, "Grandma"),
        ("Bedtime", "2026-11-26", "skip", None, ""),
    ]
    # Honoured by what the reminders read.
    found = bedtime.routines.occurrences(date(2026, 11, 24), date(2026, 11, 26))
    assert [(o.routine.name, o.starts_at, o.change is not None) for o in found] == [
        ("After school", datetime(2026, 11, 24, 15, 30), False),
        ("Bedtime", datetime(2026, 11, 24, 20, 30), True),
        ("After school", datetime(2026, 11, 25, 15, 30), True),
        ("Bedtime", datetime(2026, 11, 25, 19, 30), False),
        ("After school", datetime(2026, 11, 26, 15, 30), False),
    ]
    assert ok(cli, "routines", "change", "Bedtime", "--date", "2026-11-26", "--as-planned") == (
        "Thu 26 Nov: Bedtime is as planned again, at 19:30.\n"
    )
    assert len(json.loads(ok(cli, "routines", "changes", "--json"))["changes"]) == 2


def test_past_changes_are_not_listed(cli: CliRunner, bedtime: Services, clock: Clock) -> None:
    ok(cli, "routines", "change", "Bedtime", "--date", "today", "--skip")
    clock.now = datetime(2026, 11, 24, 8, 0)
    assert ok(cli, "routines", "changes") == (
        "No changes coming up; every routine runs as planned.\n"
    )


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (("--date", "yesterday", "--skip"), "Sun 22 Nov has passed; a change is for today"),
        (
            ("--date", "2026-11-28", "--skip"),
            "Homework is not planned on Sat 28 Nov (it runs weekdays)",
        ),
        (
            (
                "--date",
                "tomorrow",
            ),
            "Say one change for the day: --skip, --move 20:30",
        ),
        (("--date", "tomorrow", "--skip", "--move", "17:00"), "Say one change for the day"),
        (("--date", "tomorrow", "--move", "5pm"), '"5pm" is not a time I can read'),
        (("--date", "someday", "--skip"), '"someday" is not a date I can read'),
        (("--date", "tomorrow", "--as-planned"), "Homework has no change on Tue 24 Nov"),
        (("--date", "tomorrow", "--someone-else", " "), "Who does Homework that day?"),
    ],
)
def test_a_wrong_change_is_one_sentence_and_nothing_is_written(
    cli: CliRunner, family: Services, data_dir: Path, args: tuple[str, ...], sentence: str
) -> None:
    ok(cli, "routines", "add", "Homework", "--at", "16:30", "--step", "Maths", "--days", "weekdays")
    assert refused(cli, data_dir, "routines", "change", "Homework", *args).startswith(sentence)


# -- start-up stays light --------------------------------------------------------------------


def test_routines_done_loads_no_calendar_scheduler_or_textual(tmp_path: Path) -> None:
    folder = str(tmp_path / "family")
    probe = (
        "import sys\n"
        "from companion.cli import run\n"
        f"assert run(['--data-dir', {folder!r}, 'routines', 'add', 'Bedtime', '--at', '19:30',"
        " '--step', 'Story']) == 0\n"
        f"assert run(['--data-dir', {folder!r}, 'routines', 'done', 'Bedtime']) == 0\n"
        f"assert run(['--data-dir', {folder!r}, 'routines', 'week']) == 0\n"
        "print(' '.join(sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = {name.split(".")[0] for name in result.stdout.split()}
    assert not loaded & {"icalendar", "textual", "apscheduler", "tzlocal"}


def test_help_lists_the_commands(cli: CliRunner) -> None:
    out = ok(cli, "routines", "--help")
    for name in (
        "list",
        "add",
        "edit",
        "pause",
        "resume",
        "delete",
        "undo-delete",
        "done",
        "week",
        "change",
        "changes",
        "ics",
    ):
        assert f"  {name} " in out


def test_a_one_minute_lead_reads_as_one_minute(cli: CliRunner, family: Services) -> None:
    code, out, _ = cli(
        "routines", "add", "Tidy up", "--at", "12:10", "--lead", "1", "--step", "Toys"
    )
    assert code == 0
    assert out.splitlines()[-1] == "For the whole family; reminds everyone 1 minute before."
