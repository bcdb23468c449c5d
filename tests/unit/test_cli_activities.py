"""`companion activities ...`: list, show, validate, marks, export and import."""

from __future__ import annotations

import json
from pathlib import Path

from companion.exchange import card_files
from tests.conftest import CliRunner
from tests.unit.test_library import SHIPPED, own_card


def write_card(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_library_validates(cli: CliRunner) -> None:
    code, out, err = cli("activities", "validate", str(SHIPPED))
    assert (code, out, err) == (0, "All 72 card(s) are good.\n", "")


def test_validate_prints_every_problem_with_file_and_field(cli: CliRunner, tmp_path: Path) -> None:
    bad = write_card(
        tmp_path / "cards",
        "Bad.toml",
        'id = "Bad"\ntitle = ""\nkind = "game"\ndimensions = ["nurture", "cuddles"]\n'
        'ages = [9, 3]\nminutes = 45\nenergy = "sleepy"\nplaces = ["floor"]\n'
        'touch = "hands-on"\nsteps = ["Rub backs."]\nnotice = "n"\neasier = "e"\n'
        'harder = "h"\nwhy = "w"\nhelps = ["delight"]\ncolour = "red"\n',
    )
    broken = write_card(tmp_path / "cards", "broken.toml", "steps = [\n")
    missing = tmp_path / "nowhere.toml"

    code, out, err = cli("activities", "validate", str(tmp_path / "cards"), str(missing))

    assert code == 1
    assert out.splitlines() == [
        f'{bad}: id: should be lowercase words joined by hyphens, like "mirror-moves", not "Bad"',
        f'{bad}: title: should be a short line of text (up to 120 characters), not ""',
        f"{bad}: dimensions: should be a list of one to four of: structure, engagement, "
        "nurture, challenge, not ['nurture', 'cuddles']",
        f"{bad}: minutes: should be a whole number of minutes from 1 to 20, not 45",
        f'{bad}: energy: should be calm or lively, not "sleepy"',
        f"{bad}: colour: is not a card field (the fields are: id, title, kind, dimensions, "
        "ages, minutes, energy, places, materials, touch, steps, notice, easier, harder, "
        "no_touch, why, helps, safety)",
        f"{bad}: ages: the youngest age (9) is above the oldest",
        f'{bad}: no_touch: a card with "hands-on" touch needs a no-touch variant',
        f"{broken}: file: this is not readable TOML (Invalid value (at end of document))",
        f"{missing}: file: there is no such file",
    ]
    assert err == "0 of 3 card(s) are good; 10 problem(s) above.\n"


def test_validate_flags_a_card_that_crosses_a_safety_line(cli: CliRunner, tmp_path: Path) -> None:
    from companion.domain.activity import parse_card

    risky = parse_card(own_card("quiet-time", steps=["Send her to her room alone to think."]))
    path = write_card(tmp_path, "quiet-time.toml", card_files.card_toml(risky))

    code, out, _ = cli("activities", "validate", str(path))

    assert code == 1
    assert out == (
        f'{path}: steps 1: seems to describe sending a child away alone ("Send her to her '
        'room alone"); a connection game is an invitation a child may always decline, so '
        "this card will never be suggested\n"
    )


def test_validate_wants_the_file_named_after_the_id(cli: CliRunner, tmp_path: Path) -> None:
    from companion.domain.activity import parse_card

    path = write_card(tmp_path, "disco.toml", card_files.card_toml(parse_card(own_card())))
    code, out, _ = cli("activities", "validate", str(path))
    assert code == 1
    assert out == f'{path}: id: the file should be named "kitchen-disco.toml" after its id\n'


def test_list_and_show(cli: CliRunner) -> None:
    code, out, _ = cli("activities", "list", "--dimension", "nurture", "--search", "lotion")
    assert code == 0
    assert out.splitlines() == [
        "little-hurts-checkup         Caring for little hurts (nurture, 4 min, calm)",
        "lotion-hands                 Lotion hands (nurture, 4 min, calm)",
        "2 card(s). `companion activities show ID` shows one.",
    ]
    code, out, _ = cli("activities", "show", "lotion-hands")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Lotion hands  [lotion-hands]"
    assert lines[2] == "Needs: lotion"
    assert any(line.startswith("No-touch version: ") for line in lines)
    assert lines[-1] == "This card is from the companion library."


def test_list_json_carries_the_marks(cli: CliRunner) -> None:
    assert cli("activities", "favourite", "lotion-hands")[1] == "Lotion hands is a favourite now.\n"
    assert cli("activities", "hide", "thumb-war")[1] == "Thumb war will not be suggested.\n"
    code, out, _ = cli("activities", "list", "--json")
    cards = {card["id"]: card for card in json.loads(out)["activities"]}
    assert code == 0
    assert "thumb-war" not in cards
    assert cards["lotion-hands"]["favourite"] is True
    assert cards["lotion-hands"]["materials"] == ["lotion"]
    assert len(cards) == 71
    code, out, _ = cli("activities", "list", "--json", "--hidden")
    assert {c["id"]: c["hidden"] for c in json.loads(out)["activities"]}["thumb-war"] is True


def test_an_unknown_card_is_one_sentence_and_exit_1(cli: CliRunner) -> None:
    code, out, err = cli("activities", "show", "flying-carpet")
    assert (code, out) == (1, "")
    assert err == (
        'There is no activity with the id "flying-carpet"; '
        "`companion activities list` shows every card with its id.\n"
    )


def test_own_cards_export_and_import_back(cli: CliRunner, tmp_path: Path) -> None:
    from companion.domain.activity import parse_card

    source = write_card(
        tmp_path / "in", "kitchen-disco.toml", card_files.card_toml(parse_card(own_card()))
    )
    code, out, _ = cli("activities", "import", str(source))
    assert (code, out) == (0, "Imported 1 card(s): kitchen-disco.\n")

    code, out, _ = cli("activities", "export", "-o", str(tmp_path / "out"))
    assert (code, out) == (0, f"Wrote 1 card(s) to {tmp_path / 'out'}.\n")
    exported = tmp_path / "out" / "kitchen-disco.toml"
    assert exported.read_text() == source.read_text()
    assert cli("activities", "validate", str(exported))[0] == 0

    # A second export never writes over a file that may have been edited by hand since.
    exported.write_text(exported.read_text() + "# our note\n")
    code, out, err = cli("activities", "export", "-o", str(tmp_path / "out"))
    assert (code, out) == (1, "")
    assert err == (
        f"{tmp_path / 'out'} already has kitchen-disco.toml; nothing was written. Choose "
        "another folder with -o, or add --replace to write over them.\n"
    )
    assert exported.read_text().endswith("# our note\n")
    assert cli("activities", "export", "-o", str(tmp_path / "out"), "--replace")[0] == 0
    assert exported.read_text() == source.read_text()


def test_import_is_all_or_nothing(cli: CliRunner, tmp_path: Path) -> None:
    from companion.domain.activity import parse_card

    good = write_card(tmp_path, "kitchen-disco.toml", card_files.card_toml(parse_card(own_card())))
    bad = write_card(tmp_path, "bad.toml", 'id = "bad"\n')
    code, out, err = cli("activities", "import", str(good), str(bad))
    assert (code, out) == (1, "")
    assert err.endswith("Error: Nothing was imported; fix the problems above and try again.\n")
    code, out, _ = cli("activities", "list", "--search", "disco")
    assert out == "No card fits all of that; try fewer words or filters.\n"


def test_log_add_records_what_was_played(cli: CliRunner) -> None:
    assert cli("family", "add-child", "Mia", "--born", "2018-03-14")[0] == 0
    code, out, _ = cli(
        "log", "add", "Lotion, then bubbles", "--activity", "lotion-hands",
        "--activity", "bubble-catch", "--enjoyed",
    )  # fmt: skip
    assert code == 0
    [saved] = json.loads(cli("log", "list", "--json")[1])["reflections"]
    assert saved["activities"] == ["lotion-hands", "bubble-catch"]
    assert saved["enjoyed"] == ["lotion-hands", "bubble-catch"]

    code, out, err = cli("log", "add", "Magic", "--activity", "flying-carpet")
    assert (code, out) == (1, "")
    assert err.startswith('There is no activity with the id "flying-carpet"; ')
    assert len(json.loads(cli("log", "list", "--json")[1])["reflections"]) == 1
