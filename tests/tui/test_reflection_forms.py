"""The two reflection forms, as a caregiver uses them: the quick one (with how I am), "More"
into the full one with nothing lost, every part of the full one, editing, prompts, and the
form's own calm answers when something is not right."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Select, Static, TextArea

from companion.domain import messages
from companion.domain.reflection import Reflection, ReflectionDraft
from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.screens.choice import ChoiceScreen
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.reflection import ReflectionDefaults, ReflectionScreen
from companion.tui.screens.reflection_full import SAVED_CHANGES, FullReflectionScreen
from companion.tui.widgets.marked_checkbox import MarkedCheckbox
from tests.conftest import NOW, Clock
from tests.tui.conftest import SIZES, Notes, flat, make_app, screen_text, settle, until


def child_box(app: CompanionApp, name: str) -> MarkedCheckbox:
    [box] = [b for b in app.screen.query(MarkedCheckbox) if b.name == name]
    return box


def text_of(app: CompanionApp, part: str) -> str:
    return app.screen.query_one(f"#{part}", TextArea).text


async def write_in(app: CompanionApp, pilot: Pilot[None], part: str, words: str) -> None:
    """Go to a written part (as tab or a click would) and type there, key by key."""
    app.screen.query_one(f"#{part}", TextArea).focus()
    await pilot.pause()
    await pilot.press(*words)


async def choose(app: CompanionApp, pilot: Pilot[None], select_id: str, first_letter: str) -> None:
    """Open a select with enter and pick an option by typing its first letter."""
    app.screen.query_one(f"#{select_id}", Select).focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(first_letter)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def names(services: Services, ids: tuple[str, ...]) -> list[str]:
    family = services.family()
    return [family.name_of(i) for i in ids]


# -- the quick form -------------------------------------------------------------------------------


async def test_the_quick_form_keeps_how_i_am_from_today_and_the_child(
    family_services: Services,
) -> None:
    app = make_app(family_services)
    notes = Notes()
    async with app.run_test(message_hook=notes, size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "2")  # on Today: "stretched"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("r")
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.query_one("#how-i-am", Select).value == "stretched"
        assert "stretched" in screen_text(app)
        await pilot.press(*"Short and sweet tonight")
        await pilot.click(child_box(app, "Mia"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert messages.SAVED_REFLECTION in notes.said
    [saved] = family_services.find_reflections()
    assert saved.text == "Short and sweet tonight"
    assert saved.feeling == "stretched"
    assert names(family_services, saved.children) == ["Mia"]
    assert saved.engagement is None and saved.noticed_child == ""


async def test_how_i_am_can_be_chosen_on_the_quick_form(family_services: Services) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        assert app.screen.query_one("#how-i-am", Select).value == Select.NULL
        await pilot.press(*"A long day")
        await choose(app, pilot, "how-i-am", "r")  # running on empty
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    [saved] = family_services.find_reflections()
    assert saved.feeling == "empty"


# -- "More": the full form, with everything carried over ------------------------------------------


async def test_more_carries_the_words_over_and_every_part_is_saved(
    family_services: Services,
) -> None:
    app = make_app(family_services)
    notes = Notes()
    async with app.run_test(message_hook=notes, size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.press(*"We built a blanket fort")
        await pilot.click(child_box(app, "Leo"))
        app.screen.query_one("#by", Select).value = "Jordan"
        app.screen.query_one("#tags", Input).value = "fort"
        assert "More (ctrl+o)" in screen_text(app)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, FullReflectionScreen)
        assert "A full reflection" in screen_text(app)
        # Nothing typed is lost on the way.
        assert text_of(app, "text") == "We built a blanket fort"
        assert [child_box(app, n).value for n in ("Mia", "Leo")] == [False, True]
        assert app.screen.query_one("#by", Select).value == "Jordan"
        assert app.screen.query_one("#tags", Input).value == "fort"
        # The cursor is still where the words end.
        await pilot.press(*", then read in it.")
        await choose(app, pilot, "engagement", "4")
        await choose(app, pilot, "before", "w")
        await choose(app, pilot, "after", "c")
        assert "4 joined in warmly" in screen_text(app)
        await write_in(app, pilot, "noticed_child", "He looked for my face")
        await write_in(app, pilot, "rupture", "I snapped when the fort fell")
        await write_in(app, pilot, "repair", "I said sorry and we rebuilt it")
        await write_in(app, pilot, "questions", "Is hiding in the fort a good sign?")
        await pilot.press("enter")
        await pilot.press(*"How long should forts last?")
        app.screen.query_one("#therapist", MarkedCheckbox).focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert messages.SAVED_REFLECTION in notes.said
        # The form remembers the child and the writer, as the quick one does.
        assert app.state.reflection_defaults == ReflectionDefaults(("Leo",), "Jordan")
    [saved] = family_services.find_reflections()
    assert saved.text == "We built a blanket fort, then read in it."
    assert names(family_services, saved.children) == ["Leo"]
    assert names(family_services, (saved.by or "",)) == ["Jordan"]
    assert saved.tags == ("fort",)
    assert saved.engagement == 4
    assert (saved.before, saved.after, saved.feeling) == ("wobbly", "calm", None)
    assert saved.noticed_child == "He looked for my face"
    assert saved.noticed_self == ""
    assert saved.rupture == "I snapped when the fort fell"
    assert saved.repair == "I said sorry and we rebuilt it"
    assert saved.question_lines() == [
        "Is hiding in the fort a good sign?",
        "How long should forts last?",
    ]
    assert saved.for_therapist is True
    assert saved.day == NOW.date() and saved.edited_at is None


async def test_the_full_form_is_in_the_command_palette(family_services: Services) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"full reflection")
        await until(pilot, lambda: "Write a full reflection" in screen_text(app), "the command")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FullReflectionScreen)
        # An untouched form closes on one key.
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_full_form_opens_on_a_routine_and_what_was_played(
    family_services: Services,
) -> None:
    bedtime = family_services.routines.add("Bedtime", at="19:30", steps=["Bath", "Story"])
    family_services.routines.add("Morning", at="07:30", steps=["Breakfast"])
    [card, *_] = family_services.cards.all()
    defaults = ReflectionDefaults(
        children=("Mia",),
        by="Sam",
        activities=(card.id,),
        activity_titles=(card.activity.title,),
        routine="Bedtime",
    )
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.reflect_on(defaults, full=True)
        await settle(pilot)
        assert isinstance(app.screen, FullReflectionScreen)
        assert app.screen.query_one("#routine", Select).value == "Bedtime"
        assert app.screen.query_one("#activity", Select).value == card.id
        assert card.activity.title in flat(screen_text(app))
        assert child_box(app, "Mia").value and not child_box(app, "Leo").value
        app.screen.query_one("#enjoyed", MarkedCheckbox).focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    [saved] = family_services.find_reflections()
    assert saved.routine == bedtime.id
    assert saved.activities == (card.id,) and saved.enjoyed == (card.id,)
    assert saved.text == "We played together."


async def test_a_game_can_be_chosen_on_the_full_form_and_changed_when_editing(
    family_services: Services,
) -> None:
    cards = {card.activity.title: card for card in family_services.cards.all()}
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.reflect_on(ReflectionDefaults(children=("Leo",), by="Sam"), full=True)
        await settle(pilot)
        game = app.screen.query_one("#activity", Select)
        assert game.value == Select.NULL
        assert not app.screen.query_one("#enjoyed", MarkedCheckbox).display
        # Every game of the library is offered, by title, in order.
        offered = game.query_one(OptionList).options  # what opening the choice shows
        titles = [str(option.prompt) for option in offered[1:]]
        assert titles == sorted(cards, key=str.casefold)
        game.value = cards["Lotion hands"].id
        await settle(pilot)
        enjoyed = app.screen.query_one("#enjoyed", MarkedCheckbox)
        assert enjoyed.display and "Leo enjoyed it" in screen_text(app)
        enjoyed.focus()
        await pilot.press("space")
        app.screen.query_one("#text", TextArea).insert("Slow and quiet.")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [saved] = family_services.find_reflections()
    lotion = cards["Lotion hands"].id
    assert (saved.activities, saved.enjoyed, saved.text) == (
        (lotion,),
        (lotion,),
        "Slow and quiet.",
    )

    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(
            FullReflectionScreen(family_services.family(), ReflectionDefaults(), editing=saved)
        )
        await settle(pilot)
        game = app.screen.query_one("#activity", Select)
        assert game.value == lotion and "Lotion hands" in screen_text(app)
        assert app.screen.query_one("#enjoyed", MarkedCheckbox).value  # as it was saved
        game.value = cards["Balloon keep-up"].id
        await settle(pilot)
        assert not app.screen.query_one("#enjoyed", MarkedCheckbox).value
        await pilot.press("ctrl+s")
        await settle(pilot)
    [edited] = family_services.find_reflections()
    # Another game: "enjoyed" was said of the first, so it is not carried over.
    assert (edited.activities, edited.enjoyed) == ((cards["Balloon keep-up"].id,), ())


# -- nothing lost by one key ----------------------------------------------------------------------


async def test_escape_with_words_asks_first_and_staying_keeps_them(
    family_services: Services,
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_reflect_full()
        await settle(pilot)
        await pilot.press(*"She let me hold her hand")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "Leave without saving? Your words will be lost." in flat(screen_text(app))
        await pilot.press("enter")  # the first answer: stay
        await pilot.pause()
        assert isinstance(app.screen, FullReflectionScreen)
        assert text_of(app, "text") == "She let me hold her hand"
        # Escape on the question, too, means stay.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FullReflectionScreen)
        assert text_of(app, "text") == "She let me hold her hand"
        # Leaving is a second, deliberate choice.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#answer-1")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert family_services.find_reflections() == []


# -- editing --------------------------------------------------------------------------------------


@pytest.fixture
def written(family_services: Services, clock: Clock) -> Reflection:
    bedtime = family_services.routines.add("Bedtime", at="19:30", steps=["Bath", "Story"])
    clock.now = datetime(2026, 11, 22, 20, 0)
    reflection = family_services.save_reflection(
        ReflectionDraft(
            text="Bedtime was calm",
            children=("Mia",),
            by="Sam",
            tags=("bedtime",),
            routine=bedtime.name,
            engagement=3,
            before="overwhelmed",
            after="calm",
            feeling="stretched",
            noticed_self="I was tired",
            questions="Is a long story fine?",
        )
    )
    clock.now = NOW
    return reflection


async def test_editing_changes_the_words_and_keeps_when_it_was_first_written(
    family_services: Services, written: Reflection
) -> None:
    app = make_app(family_services)
    notes = Notes()
    async with app.run_test(message_hook=notes, size=(80, 24)) as pilot:
        await settle(pilot)
        family = family_services.family()
        app.push_screen(FullReflectionScreen(family, ReflectionDefaults(), editing=written))
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "Edit reflection" in shown
        assert "First written Sun 22 Nov 20:00." in shown
        form = app.screen
        assert form.query_one("#routine", Select).value == "Bedtime"
        assert form.query_one("#engagement", Select).value == 3
        assert form.query_one("#before", Select).value == "overwhelmed"
        assert form.query_one("#how-i-am", Select).value == "stretched"
        assert form.query_one("#by", Select).value == "Sam"
        assert form.query_one("#day", Input).value == "2026-11-22"
        assert child_box(app, "Mia").value and not child_box(app, "Leo").value
        assert text_of(app, "noticed_self") == "I was tired"
        await pilot.press(*" and slow")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert SAVED_CHANGES in notes.said
    [saved] = family_services.find_reflections()
    assert saved.id == written.id
    assert saved.text == "Bedtime was calm and slow"
    assert saved.written_at == datetime(2026, 11, 22, 20, 0)
    assert saved.edited_at == NOW
    assert saved.day == date(2026, 11, 22)
    # Everything not touched stays as it was.
    assert (saved.routine, saved.engagement, saved.before, saved.after, saved.feeling) == (
        written.routine,
        3,
        "overwhelmed",
        "calm",
        "stretched",
    )
    assert (saved.children, saved.by, saved.tags) == (written.children, written.by, ("bedtime",))
    assert saved.noticed_self == "I was tired" and saved.questions == "Is a long story fine?"

    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(
            FullReflectionScreen(family_services.family(), ReflectionDefaults(), editing=saved)
        )
        await settle(pilot)
        assert "First written Sun 22 Nov 20:00; edited Mon 23 Nov 19:30." in flat(screen_text(app))
        # Opened and left untouched: no question on the way out.
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


# -- prompts --------------------------------------------------------------------------------------


async def test_a_prompt_key_begins_the_part_being_written(family_services: Services) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_reflect_full()
        await settle(pilot)
        assert 'ctrl+g writes "I wonder if..."' in flat(screen_text(app))
        await pilot.press("ctrl+g")
        await pilot.press(*"she was tired.")
        assert text_of(app, "text") == "I wonder if she was tired."
        await write_in(app, pilot, "noticed_self", "I stayed calm.")
        await pilot.press("ctrl+g")
        await pilot.press(*"took a breath")
        assert (
            text_of(app, "noticed_self")
            == "I stayed calm.\nWhen my child got upset, I took a breath"
        )
        hint = app.screen.query_one("#prompt-hint", Static)
        assert "I noticed my child..." in str(hint.render())
        await pilot.press("ctrl+s")
        await settle(pilot)
    [saved] = family_services.find_reflections()
    assert saved.text == "I wonder if she was tired."
    assert saved.noticed_self == "I stayed calm.\nWhen my child got upset, I took a breath"


# -- sizes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_every_part_of_the_full_form_can_be_reached(
    family_services: Services, size: tuple[int, int]
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.action_reflect_full()
        await settle(pilot)
        form = app.screen
        width, height = size
        if width >= 120:  # the room is used: the written parts side by side, Save in view
            assert "Save (ctrl+s)" in screen_text(app)
            text, noticed = form.query_one("#text").region, form.query_one("#noticed_child").region
            assert text.y == noticed.y and text.right < noticed.x
        for part in ("#day", "#routine", "#engagement", "#before", "#after", "#how-i-am"):
            region = form.query_one(part).region
            assert 0 < region.right <= width and region.area > 0, part
        save = form.query_one("#save", Button)
        save.scroll_visible(animate=False)
        await pilot.pause()
        assert "Save (ctrl+s)" in screen_text(app)
        assert "Discuss with our therapist" in screen_text(app)
        assert 0 < save.region.bottom <= height - 1  # above the footer
        assert "^s Save" in screen_text(app) and "^g A prompt" in screen_text(app)


# -- errors ---------------------------------------------------------------------------------------


async def test_a_day_still_to_come_is_said_on_the_form_and_the_words_stay(
    family_services: Services,
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.press(*"We laughed a lot")
        await pilot.press("ctrl+o")
        await settle(pilot)
        await write_in(app, pilot, "repair", "A long hug")
        day = app.screen.query_one("#day", Input)
        day.focus()
        await pilot.press("ctrl+u", *"2027-01-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FullReflectionScreen)
        error = "2027-01-01 is still to come; a reflection is about a day so far."
        assert error in flat(screen_text(app))
        assert text_of(app, "text") == "We laughed a lot"
        assert text_of(app, "repair") == "A long hug"
        assert not app.screen.query_one("#save", Button).disabled
        assert family_services.find_reflections() == []
        # Put right, it saves, and on the day it was about.
        day.focus()
        await pilot.press("ctrl+u", *"yesterday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    [saved] = family_services.find_reflections()
    assert saved.day == date(2026, 11, 22) and saved.repair == "A long hug"
