"""`companion today` and `companion session`, as a caregiver or a script uses them."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from companion.services import Services
from tests.conftest import CliRunner, Clock


@pytest.fixture
def family(family_services: Services) -> Services:
    return family_services


def picks(cli: CliRunner, *args: str) -> dict[str, dict[str, Any]]:
    code, out, err = cli("today", "--json", *args)
    assert (code, err) == (0, ""), err
    return {pick["child"]: pick for pick in json.loads(out)["picks"]}


def test_today_picks_one_game_per_child_with_reasons(cli: CliRunner, family: Services) -> None:
    found = picks(cli)
    assert list(found) == ["Mia", "Leo"]
    for pick in found.values():
        assert pick["activity"]["kind"] == "game"
        assert pick["reasons"], pick
        assert pick["rest_is_fine"] is False
    # Mia takes light touch only: a hands-on card comes only in its no-touch version.
    mia = found["Mia"]
    assert mia["activity"]["touch"] != "hands-on" or mia["no_touch"] is True
    # Nurture is Mia's focus and nothing was played yet, so the pick is a Nurture game.
    assert "nurture" in mia["activity"]["dimensions"]


def test_today_is_the_same_all_day_and_another_gives_the_next(
    cli: CliRunner, family: Services, clock: Clock
) -> None:
    first = picks(cli)
    clock.now += timedelta(hours=2)
    assert picks(cli) == first
    another = picks(cli, "--another")
    for name in ("Mia", "Leo"):
        assert another[name]["activity"]["id"] != first[name]["activity"]["id"]


def test_today_in_words(cli: CliRunner, family: Services) -> None:
    mia = picks(cli, "--child", "Mia")["Mia"]
    code, out, _ = cli("today", "--child", "mia")
    assert code == 0
    lines = out.splitlines()
    activity = mia["activity"]
    assert lines[0].startswith(f"Mia: {activity['title']} ({activity['minutes']} min, ")
    assert lines[1] == "  Why today: " + mia["explanation"]
    assert mia["explanation"].startswith(mia["reasons"][0])
    assert lines[-1] == "Another one: companion today --another"


def test_running_on_empty_gets_something_short_and_calm_and_permission_to_rest(
    cli: CliRunner, family: Services
) -> None:
    for pick in picks(cli, "--feeling", "empty").values():
        assert pick["rest_is_fine"] is True
        assert "fine to skip today" in pick["message"]
        if pick["activity"] is not None:
            assert pick["activity"]["energy"] == "calm"
            assert pick["activity"]["minutes"] <= 5


def test_the_conditions_given_are_kept(cli: CliRunner, family: Services) -> None:
    for pick in picks(cli, "--minutes", "3", "--place", "car", "--nothing-at-hand").values():
        activity = pick["activity"]
        assert activity["minutes"] <= 3
        assert {"car", "anywhere"} & set(activity["places"])
        assert activity.get("materials", []) == []


def test_a_hidden_card_is_never_picked(cli: CliRunner, family: Services) -> None:
    chosen = picks(cli, "--child", "Leo")["Leo"]["activity"]["id"]
    assert cli("activities", "hide", chosen)[0] == 0
    assert picks(cli, "--child", "Leo")["Leo"]["activity"]["id"] != chosen


def test_what_was_played_is_not_picked_again_the_next_day(
    cli: CliRunner, family: Services, clock: Clock
) -> None:
    played = picks(cli, "--child", "Leo")["Leo"]["activity"]["id"]
    code, _, _ = cli("log", "add", "Lots of laughs", "--child", "Leo", "--activity", played)
    assert code == 0
    clock.now += timedelta(days=1)
    assert picks(cli, "--child", "Leo")["Leo"]["activity"]["id"] != played


def test_a_picks_safety_note_is_printed(cli: CliRunner, family: Services) -> None:
    # The bath boat race carries a note about staying within reach: it must not be left out.
    assert cli("activities", "favourite", "bath-boat-race")[0] == 0
    assert cli("activities", "therapist", "bath-boat-race")[0] == 0
    code, out, _ = cli("today", "--child", "Leo", "--place", "bath")
    assert code == 0
    assert out.startswith("Leo: Bath boat race (")
    safety = family.cards.get("bath-boat-race").activity.safety
    assert safety and f"  Take care: {safety}\n" in out


def test_nothing_fitting_is_said_kindly(cli: CliRunner, family: Services) -> None:
    code, out, _ = cli("today", "--child", "Leo", "--minutes", "1", "--place", "bath")
    assert code == 0
    assert out.startswith("Leo: ")
    assert "Another one" not in out
    [pick] = picks(cli, "--child", "Leo", "--minutes", "1", "--place", "bath").values()
    assert pick["activity"] is None
    assert pick["message"]


def test_an_unknown_child_is_one_sentence(cli: CliRunner, family: Services) -> None:
    code, out, err = cli("today", "--child", "Zoe")
    assert (code, out) == (1, "")
    assert err == (
        'There is no child called "Zoe" in this family (known: Mia, Leo); '
        "check the spelling or add them with `companion family`.\n"
    )


def test_a_session_has_its_shape_and_fits_its_minutes(cli: CliRunner, family: Services) -> None:
    for minutes in ("5", "10", "15"):
        code, out, err = cli("session", "--child", "Mia", "--minutes", minutes, "--json")
        assert (code, err) == (0, "")
        plan = json.loads(out)
        roles = [step["role"] for step in plan["steps"]]
        assert roles[0] == "hello" and roles[-1] == "goodbye" and roles[-2] == "nurture"
        assert 2 <= roles.count("game") <= 3
        assert sum(step["minutes"] for step in plan["steps"]) <= int(minutes)


def test_a_session_needs_to_know_who_it_is_with(cli: CliRunner, family: Services) -> None:
    code, out, err = cli("session")
    assert (code, out) == (1, "")
    assert err == "Who is the session with? Say it with --child (Mia or Leo).\n"
    code, _, err = cli("session", "--child", "Leo", "--minutes", "7")
    assert code == 2
    assert "'7' is not one of '5', '10', '15'" in err
