"""Writing, editing and deleting reflections through the services, as the forms do."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from companion.domain.errors import CompanionError
from companion.domain.reflection import Reflection, ReflectionDraft, ReflectionQuery
from companion.services import Services
from tests.conftest import Clock

FULL = ReflectionDraft(
    text="Lotion hands after the bath.",
    children=("Mia",),
    by="Sam",
    tags=("bath", "#Nurture"),
    for_therapist=True,
    engagement=4,
    before="wobbly",
    after="calm",
    feeling="stretched",
    noticed_child="She held my hand longer than usual.",
    noticed_self="I rushed at first.",
    rupture="She pulled away when the bottle was cold.",
    repair="We warmed it in my hands and laughed.",
    questions="Is it fine to skip on school nights?\nShould we use the same song?",
)


def stored(services: Services) -> list[Reflection]:
    return services.reflections.find(ReflectionQuery())


def test_a_full_reflection_keeps_every_part(family_services: Services) -> None:
    saved = family_services.save_reflection(FULL)
    [found] = stored(family_services)
    assert found == saved
    mia = family_services.family().child_named("Mia").id
    assert found.children == (mia,)
    assert (found.engagement, found.before, found.after, found.feeling) == (
        4,
        "wobbly",
        "calm",
        "stretched",
    )
    assert found.tags == ("bath", "nurture")
    assert found.question_lines() == [
        "Is it fine to skip on school nights?",
        "Should we use the same song?",
    ]
    assert found.repair == "We warmed it in my hands and laughed."
    assert found.edited_at is None


def test_an_edit_keeps_the_first_written_time_and_notes_the_edit(
    family_services: Services, clock: Clock
) -> None:
    first = family_services.save_reflection(FULL)
    clock.now = datetime(2026, 11, 24, 8, 15)
    edited = family_services.save_reflection(
        ReflectionDraft(text="Lotion hands, and a song.", children=("Mia",), engagement=5),
        editing=first,
    )
    [found] = stored(family_services)
    assert found.id == first.id
    assert found.text == "Lotion hands, and a song."
    assert found.written_at == datetime(2026, 11, 23, 19, 30)
    assert found.edited_at == datetime(2026, 11, 24, 8, 15)
    assert found.day == date(2026, 11, 23)  # the day it is about does not move with the edit
    assert found == edited


def test_moving_a_reflection_to_last_year_keeps_it_once(family_services: Services) -> None:
    first = family_services.save_reflection(FULL)
    family_services.save_reflection(
        ReflectionDraft(text="It was new year's eve.", day=date(2025, 12, 31)), editing=first
    )
    [found] = stored(family_services)
    assert (found.id, found.day) == (first.id, date(2025, 12, 31))
    assert family_services.reflections.years() == [2025, 2026]


def test_delete_then_undo_brings_back_the_same_reflection(family_services: Services) -> None:
    saved = family_services.save_reflection(FULL)
    family_services.save_reflection(ReflectionDraft(text="Another evening."))
    gone = family_services.delete_reflection(saved)
    assert [r.text for r in stored(family_services)] == ["Another evening."]
    family_services.undo_delete_reflection(gone)
    assert saved in stored(family_services)


@pytest.mark.parametrize(
    ("draft", "words"),
    [
        (ReflectionDraft(text="   "), "The reflection is empty"),
        (ReflectionDraft(text="ok", before="grumpy"), '"grumpy" is not a word I know'),
        (ReflectionDraft(text="ok", feeling="fine"), "calm, stretched, empty"),
        (ReflectionDraft(text="ok", engagement=7), "Engagement is 1 to 5"),
        (ReflectionDraft(text="ok", day=date(2026, 12, 1)), "still to come"),
        (ReflectionDraft(text="ok", children=("Zed",)), "Zed"),
        (ReflectionDraft(text="ok", routine="Swimming"), "Swimming"),
    ],
)
def test_what_cannot_be_saved_says_why_and_saves_nothing(
    family_services: Services, draft: ReflectionDraft, words: str
) -> None:
    with pytest.raises(CompanionError) as raised:
        family_services.save_reflection(draft)
    assert words in raised.value.message
    assert stored(family_services) == []


def test_a_reflection_with_only_a_question_is_kept(family_services: Services) -> None:
    saved = family_services.save_reflection(ReflectionDraft(questions="How do we start?"))
    assert (saved.text, saved.questions) == ("", "How do we start?")


def test_search_reads_every_written_part(family_services: Services) -> None:
    family_services.save_reflection(FULL)
    family_services.save_reflection(ReflectionDraft(text="Football in the park."))
    found = family_services.find_reflections(search="warmed laughed")
    assert [r.text for r in found] == ["Lotion hands after the bath."]
    by_jordan = family_services.find_reflections(by="Jordan")
    assert by_jordan == []
    assert len(family_services.find_reflections(by="sam")) == 1
