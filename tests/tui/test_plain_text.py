"""Words a family writes (and the words on a card) are shown as written: square brackets are
words like any other, never markup, on every screen. "[/]" once crashed the app, and
"lotion [unscented]" showed as "lotion "."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, OptionList

from companion.domain.activity import parse_card
from companion.domain.errors import CompanionError
from companion.domain.picker import Conditions
from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.card_form import CardForm
from companion.tui.screens.card_editor import CardEditorScreen
from companion.tui.screens.choice import ChoiceScreen
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.library import LibraryScreen
from companion.tui.screens.reflection import ReflectionScreen
from companion.tui.screens.session import SessionScreen
from companion.tui.screens.setup import SetupScreen
from companion.tui.screens.today import TodayScreen
from tests.tui.conftest import flat, make_app, screen_text, settle
from tests.unit.test_library import own_card

TITLE = "Hat [/] game [unscented]"
FIRST_STEP = "Put on [b]the hat[/b] [/]"
NOTICE = "Notice [/] who wears it [unscented]."
SAFETY = "Careful [/] with [unscented] lotion."


@pytest.fixture
def bracket_card(family_services: Services) -> Services:
    """An own card full of square brackets, marked so that it is every child's pick."""
    card = own_card(
        "hat-game",
        title=TITLE,
        materials=["a hat [/]", "lotion [unscented]"],
        steps=[FIRST_STEP, "Swap [red]hats[/red]."],
        notice=NOTICE,
        easier="Easier [/] way.",
        harder="Harder [unscented] way.",
        safety=SAFETY,
    )
    family_services.cards.save_own(parse_card(card))
    family_services.cards.mark("hat-game", favourite=True, from_therapist=True)
    return family_services


def toasts(app: CompanionApp) -> str:
    """The notifications on show (run_test(notifications=True)), as a person reads them."""
    shown = app.screen.query("Toast")  # by its type's name: Textual keeps the class private
    return " ".join(" ".join(str(toast.render()).split()) for toast in shown)


def lines_of(app: CompanionApp) -> str:
    """The screen with borders taken out, lines kept (the card's words never wrap at 120)."""
    text = screen_text(app)
    for border in "│╭╮╰╯─▎▊":
        text = text.replace(border, " ")
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


async def test_today_and_home_show_a_card_with_brackets_as_written(
    bracket_card: Services,
) -> None:
    [(_, todays)] = bracket_card.picks.for_today(Conditions(feeling="calm"), child="Mia")
    assert todays.pick is not None and todays.pick.card.id == "hat-game"
    app = make_app(bracket_card)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert f"Mia: {TITLE}" in flat(screen_text(app))  # Home's panel
        await pilot.press("t", "1")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        shown = lines_of(app)
        assert TITLE in shown
        assert "needs a hat [/], lotion [unscented]" in shown
        assert f"1. {FIRST_STEP}" in shown
        assert "2. Swap [red]hats[/red]." in shown
        assert NOTICE in shown
        assert f"Take care: {SAFETY}" in shown
        assert f"Why today: {todays.pick.explanation()}" in flat(screen_text(app))

        await pilot.press("p")  # we played it: the reflection names the game
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert f"Played: {TITLE}" in lines_of(app)


async def test_a_session_shows_a_card_with_brackets_as_written(bracket_card: Services) -> None:
    _, plan = bracket_card.picks.session(5, child="Mia", conditions=Conditions())
    roles = [step.card.id for step in plan.steps]
    assert roles[1] == "hat-game"
    app = make_app(bracket_card)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t", "1")
        await settle(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert f"Then: {TITLE}" in lines_of(app)
        await pilot.press("n")
        await settle(pilot)
        shown = lines_of(app)
        assert f"Game: {TITLE}" in shown
        assert "needs a hat [/], lotion [unscented]" in shown  # the panel's title
        assert f"1. {FIRST_STEP}" in shown


async def test_the_library_lists_and_reads_a_card_with_brackets_as_written(
    bracket_card: Services,
) -> None:
    app = make_app(bracket_card)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        option_list = app.screen.query_one("#library-list", OptionList)
        ids = [option.id for option in option_list.options]
        option_list.focus()
        option_list.highlighted = ids.index("hat-game")
        await settle(pilot)
        shown = lines_of(app)
        assert TITLE in shown
        assert f"1. {FIRST_STEP}" in shown
        assert "Needs: a hat [/], lotion [unscented]" in shown
        assert NOTICE in shown
        await pilot.press("m")  # the notification names the card as written
        await settle(pilot)
        assert f"{TITLE} is no longer marked as from our therapist." in toasts(app)
    assert not bracket_card.cards.get("hat-game").marks.from_therapist


async def test_brackets_typed_as_a_card_id_are_a_problem_to_fix_not_a_crash(
    family_services: Services,
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("down", "a")  # from the search box down to the list; add
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, CardEditorScreen)
        editor.query_one("#id", Input).focus()
        await pilot.press(*"[/]", "ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert editor.query_one("#problem-id").display
        shown = flat(screen_text(app))
        assert 'should be lowercase words joined by hyphens, like "mirror-moves"' in shown
        assert "[/]" in str(editor.query_one("#problem-id").render())


async def test_an_error_quoting_a_title_with_brackets_is_shown_in_the_editor(
    bracket_card: Services,
) -> None:
    app = make_app(bracket_card)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        # A new card under the id the bracket card already has.
        form = CardForm.from_activity(bracket_card.cards.get("hat-game").activity)
        editor = CardEditorScreen(form)
        app.push_screen(editor)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert f'id "hat-game" ({TITLE})' in flat(screen_text(app))


async def test_an_error_notified_with_brackets_is_shown_as_written(
    family_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot_mark(*args: Any, **kwargs: Any) -> None:
        raise CompanionError("Could not mark [/] the card [unscented].")

    app = make_app(family_services)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        monkeypatch.setattr(family_services.cards, "mark", cannot_mark)
        app.screen.query_one("#library-list").focus()
        await pilot.press("f")
        await settle(pilot)
        assert "That did not work" in toasts(app)
        assert "Could not mark [/] the card [unscented]." in toasts(app)


async def test_names_and_reflections_with_brackets_are_shown_as_written(
    services: Services,
) -> None:
    services.add_caregiver("Sam [b]")
    services.add_child("Ava [/]", "2018-03-14")
    services.add_child("Leo [unscented]", "2021-09-02")
    services.add_reflection("We laughed [/] a lot [unscented].", children=("Ava [/]",))
    app = make_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        shown = flat(screen_text(app))
        assert "Hello, Sam [b]." in shown
        assert "With Ava [/] (8), Leo [unscented] (5)." in shown
        assert "Ava [/]  We laughed [/] a lot [unscented]." in screen_text(app)

        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        shown = lines_of(app)
        assert "Ava [/]" in shown and "Leo [unscented]" in shown and "Sam [b]" in shown
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("t", "1")
        await settle(pilot)
        shown = lines_of(app)
        assert "Leo [unscented]" in shown  # its tab
        assert "Today's connection game for Ava [/]" in shown
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert "A short session with Ava [/]:" in flat(screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert "5-minute session with Ava [/]" in flat(screen_text(app))


async def test_a_setup_mistake_with_brackets_is_shown_as_written(services: Services) -> None:
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"Sam", "enter", *"Mia", "enter", *"[/]", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert '"[/]" is not a birth date I can read' in flat(screen_text(app))
