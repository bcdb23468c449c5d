"""Names as initials: nothing in a redacted brief names anyone in the family."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import msgspec

from companion.domain.brief import Brief
from companion.domain.family import Caregiver, Child, Family, Relative
from companion.domain.redaction import Redactor, initials, redact
from companion.domain.reflection import Reflection
from tests.unit.test_brief import BRIEF, FAMILY, REFLECTIONS, make_brief

NAMES = re.compile(r"(?<!\w)(mia|leo|sam|alex)(?!\w)", re.IGNORECASE)


def strings(value: Any) -> Iterator[str]:
    """Every string anywhere in a brief, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings(item)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name))


def test_the_brief_names_the_family_before_redaction() -> None:
    assert any(NAMES.search(text) for text in strings(BRIEF))


def test_no_family_name_is_left_anywhere_after_redaction() -> None:
    redacted = redact(BRIEF, FAMILY)
    assert redacted.redacted and not BRIEF.redacted
    left = [text for text in strings(redacted) if NAMES.search(text)]
    assert left == []


def test_names_become_initials_where_they_were() -> None:
    redacted = redact(BRIEF, FAMILY)
    assert redacted.title == "Session brief for M. and L."
    assert redacted.children == ("M.", "L.")
    assert redacted.caregivers == ("S.", "A.")
    assert redacted.activities[0].child == "M."
    assert redacted.activities[0].sentence.startswith("M. played 7 connection games")
    assert redacted.practice[1].title == "Nurture games for M."
    assert redacted.flagged[0].by == "S."
    assert redacted.flagged[0].parts[0] == (
        "What happened",
        "M. giggled when the lotion went cold.",
    )
    assert redacted.flagged[1].children == ("M.", "L.")
    assert redacted.questions[-1].text == "Should L. have a no-touch version?"
    assert redacted.caregivers_state[0].caregiver == "S."
    gentle = redacted.caregivers_state[0].gentle_line
    assert gentle is not None and gentle.startswith("S. has often felt stretched")


def test_everything_else_is_kept_as_it_was() -> None:
    redacted = redact(BRIEF, FAMILY)
    assert redacted.weeks == BRIEF.weeks
    assert redacted.routines == BRIEF.routines
    assert redacted.trends[0].weeks == BRIEF.trends[0].weeks
    assert dataclasses.replace(redacted, redacted=False) != BRIEF
    assert redacted.self_reported == BRIEF.self_reported


def test_any_case_and_possessives() -> None:
    redactor = Redactor(["Mia"])
    assert redactor.text("MIA's coat, mia\u2019s hat, Mia.") == "M.'s coat, M.\u2019s hat, M.."


def test_whole_words_only() -> None:
    redactor = Redactor(["Sam"])
    # A name ends where letters end: digits and "_" end it too.
    assert redactor.text("Samuel met Sam at the samosa stall; sam_2 and Sam2 too.") == (
        "Samuel met S. at the samosa stall; S._2 and S.2 too."
    )


def test_a_name_of_two_words_whole_and_each_word_alone() -> None:
    redactor = Redactor(["Mary Jane", "Mary"])
    assert redactor.tokens == {"Mary Jane": "M. J.", "Mary": "M."}
    # The whole name wins over the word; a word that is someone's whole name stays theirs.
    assert redactor.text("Mary Jane and Mary") == "M. J. and M."
    assert redactor.text("Jane's turn; mary\njane again") == "M. J.'s turn; M. J. again"


def test_clashing_initials_are_told_apart_the_same_way_every_time() -> None:
    family = Family(
        caregivers=(Caregiver("Max", id="max"), Caregiver("Sally", id="sally")),
        children=(
            Child("Mia", date(2018, 1, 1), id="mia"),
            Child("Sam", date(2020, 1, 1), id="sam"),
        ),
    )
    brief = make_brief(family=family)
    redacted = redact(brief, family)
    assert redacted.children == ("M.", "S.")
    assert redacted.caregivers == ("M.2", "S.2")
    assert redact(brief, family) == redacted


def test_relatives_named_in_the_family_are_redacted_too() -> None:
    visit = Reflection(
        "Grandma Rose and Dr. Okafor came for tea.",
        date(2026, 3, 12),
        datetime(2026, 3, 12, 18),
        for_therapist=True,
    )
    brief = make_brief(reflections=(*REFLECTIONS, visit))
    family = msgspec.structs.replace(
        FAMILY, relatives=(Relative("Rose", id="rose"), Relative("Okafor", id="okafor"))
    )
    redacted = redact(brief, family)
    assert redacted.flagged[1].parts == (("What happened", "Grandma R. and Dr. O. came for tea."),)


def test_names_with_accents_and_apostrophes() -> None:
    redactor = Redactor(["Zoë", "O'Neil", "Anne-Marie"])
    assert redactor.text("Zoë's and o'neil's game with Anne-Marie") == (
        "Z.'s and O.'s game with A.-M."
    )


def test_initials() -> None:
    assert initials("mary  jane") == "M. J."
    assert initials("Anne-Marie") == "A.-M."


def test_a_family_without_names_changes_nothing_but_the_mark() -> None:
    redacted = redact(BRIEF, Family())
    assert isinstance(redacted, Brief)
    assert dataclasses.replace(redacted, redacted=False) == BRIEF


def test_a_name_written_another_way_is_still_caught() -> None:
    redactor = Redactor(["Zoë", "O'Neil", "Anne-Marie", "Mary Jane Okafor", "Jane"])
    decomposed = unicodedata.normalize("NFD", "Zoë")  # as text pasted from another machine
    assert decomposed != "Zoë"
    assert (
        redactor.text(f"{decomposed} cried; Zoe and ZOË laughed") == "Z. cried; Z. and Z. laughed"
    )
    assert redactor.text("O\u2019Neil came; Anne stayed") == "O. came; A.-M. stayed"
    assert (
        redactor.text("\uff33\uff21\uff2d and \uff2a\uff41\uff4e\uff45")
        == "\uff33\uff21\uff2d and J."
    )
    # A run of a long name's words is one person, and "Jane" is someone's whole name.
    assert redactor.text("Mary Jane came, then Jane") == "M. J. O. came, then J."
