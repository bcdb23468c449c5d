"""`companion family`: who is in the family."""

import json

from tests.conftest import CliRunner


def test_family_added_from_the_command_line_is_shown(cli: CliRunner) -> None:
    assert cli("family") == (
        0,
        "No family yet. Open the app (`companion`) or use "
        "`companion family add-caregiver NAME` to begin.\n",
        "",
    )
    assert cli("family", "add-caregiver", "  Sam ") == (0, "Welcome, Sam.\n", "")
    code, out, _ = cli(
        "family",
        "add-child",
        "Mia",
        "--born",
        "2018-03-14",
        "--touch",
        "none",
        "--avoid",
        "surprises",
        "--focus",
        "nurture",
        "--note",
        "young for age",
    )
    assert (code, out) == (0, "Mia is part of the family now.\n")
    code, out, _ = cli("family", "--json")
    people = json.loads(out)
    assert [c["name"] for c in people["caregivers"]] == ["Sam"]
    [mia] = people["children"]
    assert (mia["born"], mia["touch"], mia["avoid"], mia["focus"], mia["developmental_note"]) == (
        "2018-03-14",
        "none",
        ["surprises"],
        ["nurture"],
        "young for age",
    )
    code, out, _ = cli("family")
    assert "Mia (born 2018-03-14)" in out and "no touch" in out and "focus: nurture" in out


def test_family_mistakes(cli: CliRunner) -> None:
    cli("family", "add-caregiver", "Sam")
    assert cli("family", "add-caregiver", "sam") == (1, "", "Sam is already in the family.\n")
    code, _, err = cli("family", "add-child", "Mia", "--born", "14/03/2018")
    assert code == 1 and err.startswith('"14/03/2018" is not a birth date I can read')
    code, _, err = cli("family", "add-child", "Mia", "--born", "2099-01-01")
    assert code == 1 and "is in the future" in err
    code, _, err = cli("family", "add-child", "Mia", "--born", "2018-01-01", "--touch", "lots")
    assert code == 2
    assert json.loads(cli("family", "--json")[1])["children"] == []


def test_relatives_are_named_for_the_brief_and_can_be_taken_off(cli: CliRunner) -> None:
    cli("family", "add-caregiver", "Sam")
    assert cli("family", "add-relative", "Grandma  Ruth") == (
        0,
        "Grandma Ruth will show as initials in a brief with --redact.\n",
        "",
    )
    assert cli("family", "add-relative", "grandma ruth") == (
        1,
        "",
        "Grandma Ruth is already in the family.\n",
    )
    assert "Relatives: Grandma Ruth" in cli("family")[1]
    assert [r["name"] for r in json.loads(cli("family", "--json")[1])["relatives"]] == [
        "Grandma Ruth"
    ]
    code, _, err = cli("family", "remove-relative", "Ruth")
    assert code == 1
    assert err.startswith('There is no relative called "Ruth" in this family (known: Grandma Ruth)')
    assert cli("family", "remove-relative", "GRANDMA RUTH") == (
        0,
        "Grandma Ruth is no longer on the list of relatives.\n",
        "",
    )
    assert json.loads(cli("family", "--json")[1])["relatives"] == []
