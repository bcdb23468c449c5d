"""`companion log add` and `companion log list`, as a caregiver or a script uses them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from companion.services import Services
from tests.conftest import CliRunner, Clock


def listed(cli: CliRunner, *args: str) -> list[dict[str, object]]:
    code, out, err = cli("log", "list", "--json", *args)
    assert (code, err) == (0, "")
    reflections = json.loads(out)["reflections"]
    assert isinstance(reflections, list)
    return reflections


@pytest.fixture
def family(cli: CliRunner) -> None:
    for args in (
        ("family", "add-caregiver", "Sam"),
        ("family", "add-caregiver", "Jordan"),
        ("family", "add-child", "Mia", "--born", "2018-03-14"),
        ("family", "add-child", "Leo", "--born", "2021-09-02"),
    ):
        assert cli(*args)[0] == 0


def test_log_add_prints_the_id_of_what_it_saved(cli: CliRunner, family: None) -> None:
    code, out, err = cli(
        "log",
        "add",
        "We built a pillow fort.",
        "--child",
        "mia",
        "--by",
        "Sam",
        "--tag",
        "#Play",
        "--tag",
        "delight",
        "--therapist",
    )
    assert code == 0 and err == ""
    new_id = out.strip()
    assert len(new_id) == 12
    [saved] = listed(cli)
    assert saved["id"] == new_id
    assert saved["text"] == "We built a pillow fort."
    assert saved["children"] == ["Mia"]
    assert saved["by"] == "Sam"
    assert saved["tags"] == ["play", "delight"]
    assert saved["therapist"] is True


@pytest.fixture
def history(data_dir: Path, family: None) -> None:
    """Reflections on four days, written through the same services the CLI uses."""
    clock = Clock()
    services = Services(data_dir, clock=clock)
    for when, text, child, tags, therapist in [
        (datetime(2025, 12, 30, 20), "Bedtime stories, calm", "Mia", ("bedtime",), False),
        (datetime(2026, 1, 2, 8), "Shoes battle this morning", "Leo", ("morning",), True),
        (datetime(2026, 1, 5, 19), "Balloon game, lots of laughing", "Mia", ("play",), False),
        (datetime(2026, 1, 9, 21), "Bedtime was hard after the visit", "Leo", ("bedtime",), True),
    ]:
        clock.now = when
        services.add_reflection(text, children=(child,), tags=tags, for_therapist=therapist)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            (),
            [
                "Bedtime stories, calm",
                "Shoes battle this morning",
                "Balloon game, lots of laughing",
                "Bedtime was hard after the visit",
            ],
        ),
        (
            ("--since", "2026-01-01"),
            [
                "Shoes battle this morning",
                "Balloon game, lots of laughing",
                "Bedtime was hard after the visit",
            ],
        ),
        (("--until", "2026-01-02"), ["Bedtime stories, calm", "Shoes battle this morning"]),
        (
            ("--since", "2026-01-02", "--until", "2026-01-05"),
            ["Shoes battle this morning", "Balloon game, lots of laughing"],
        ),
        (("--search", "BEDTIME hard"), ["Bedtime was hard after the visit"]),
        (("--tag", "bedtime"), ["Bedtime stories, calm", "Bedtime was hard after the visit"]),
        (("--child", "leo"), ["Shoes battle this morning", "Bedtime was hard after the visit"]),
        (("--therapist",), ["Shoes battle this morning", "Bedtime was hard after the visit"]),
        (
            ("--tag", "bedtime", "--child", "Mia", "--since", "2025-12-01"),
            ["Bedtime stories, calm"],
        ),
        (("--search", "nothing like this"), []),
    ],
)
def test_log_list_filters(
    cli: CliRunner, history: None, args: tuple[str, ...], expected: list[str]
) -> None:
    assert [r["text"] for r in listed(cli, *args)] == expected


def test_log_list_reads_like_a_journal(cli: CliRunner, history: None) -> None:
    code, out, _ = cli("log", "list", "--child", "Leo", "--therapist")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Fri 02 Jan 2026 · ")
    assert lines[0].endswith(" · Leo · #morning · for our therapist")
    assert lines[1] == "  Shoes battle this morning"
    assert len(lines) == 4


def test_an_empty_list_says_so_kindly(cli: CliRunner, family: None) -> None:
    assert cli("log", "list") == (0, "No reflections match that yet.\n", "")


@pytest.mark.parametrize(
    ("args", "message_start"),
    [
        (("add", "It went well", "--child", "Zed"), 'There is no child called "Zed"'),
        (("add", "It went well", "--by", "Grandma"), 'There is no caregiver called "Grandma"'),
        (("add", "   "), "The reflection is empty"),
        (("list", "--since", "2026-02-30"), '"2026-02-30" is not a date I can read'),
        (("list", "--until", "next tuesday"), '"next tuesday" is not a date I can read'),
        (("list", "--child", "Zed"), 'There is no child called "Zed"'),
        (
            ("list", "--since", "2026-02-01", "--until", "2026-01-01"),
            "--since (2026-02-01) is after",
        ),
    ],
)
def test_mistakes_get_one_sentence_and_change_nothing(
    cli: CliRunner, family: None, data_dir: Path, args: tuple[str, ...], message_start: str
) -> None:
    before = {p: p.read_bytes() for p in data_dir.rglob("*.json")}
    code, out, err = cli("log", *args)
    assert code == 1
    assert out == ""
    assert err.startswith(message_start)
    assert err.count("\n") == 1 and err.rstrip().endswith(".")
    assert {p: p.read_bytes() for p in data_dir.rglob("*.json")} == before


def test_usage_mistakes_exit_2(cli: CliRunner) -> None:
    code, _, err = cli("log", "add")
    assert code == 2
    assert "Missing argument 'TEXT'" in err


def test_one_child_families_need_not_name_the_child(cli: CliRunner) -> None:
    cli("family", "add-child", "Ada", "--born", "2020-01-01")
    cli("log", "add", "Snack and a story")
    assert listed(cli)[0]["children"] == ["Ada"]


def test_log_add_takes_the_full_reflection_parts(cli: CliRunner, family: None) -> None:
    code, _, err = cli(
        "log",
        "add",
        "Bedtime story, then a wobble.",
        "--child",
        "Leo",
        "--by",
        "Jordan",
        "--feeling",
        "empty",
        "--engagement",
        "3",
        "--before",
        "overwhelmed",
        "--after",
        "Calm",
        "--question",
        "Is a night light fine?",
        "--question",
        "How long should the story be?",
        "--date",
        "yesterday",
    )
    assert (code, err) == (0, "")
    [saved] = listed(cli, "--by", "Jordan")
    assert saved["day"] == "2026-11-22"
    assert (saved["feeling"], saved["engagement"], saved["before"], saved["after"]) == (
        "empty",
        3,
        "overwhelmed",
        "calm",
    )
    assert saved["questions"] == "Is a night light fine?\nHow long should the story be?"
    assert listed(cli, "--by", "Sam") == []
    code, out, _ = cli("log", "list")
    assert "  Questions for our therapist:\n  Is a night light fine?\n" in out


def test_log_add_refuses_an_engagement_out_of_range(cli: CliRunner, family: None) -> None:
    code, _, err = cli("log", "add", "ok", "--engagement", "9")
    assert code == 2
    assert "9 is not in the range 1<=x<=5" in err
    assert listed(cli) == []
