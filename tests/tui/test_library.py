"""The Library: search and filters, marks saved and shown in words, own cards through the
editor (problems, safety warning), and shipped cards kept as they are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Checkbox, Input, OptionList, Select, TextArea

from companion.domain.activity import parse_card
from companion.domain.family import TouchComfort
from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.forms import FormScreen, LeaveScreen
from companion.tui.screens.card_editor import CardEditorScreen
from companion.tui.screens.choice import AskScreen
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.library import LibraryScreen
from tests.tui.conftest import SIZES, flat, make_app, screen_text, settle, until
from tests.unit.test_library import own_card

HOLDING = "Hold your child until they calm down, however long it takes."


def shown_ids(app: CompanionApp) -> list[str]:
    options = app.screen.query_one("#library-list", OptionList).options
    return [option.id or "" for option in options]


async def open_library(app: CompanionApp, pilot: Any) -> LibraryScreen:
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)
    assert isinstance(app.screen, LibraryScreen)
    return app.screen


async def search(pilot: Any, words: str) -> None:
    """Type into the search box, then go down to the list (enter)."""
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    screen.action_search()
    await pilot.press(*words, "enter")
    await settle(pilot)


def choose(app: CompanionApp, widget_id: str, value: str) -> None:
    app.screen.query_one(f"#{widget_id}", Select).value = value


def a_hands_on_card_without_a_no_touch_version(services: Services) -> None:
    # The editor would ask for a no-touch version; a card file from elsewhere may lack one.
    services.cards.add_imported(
        [
            parse_card(
                {
                    "id": "big-squeeze",
                    "title": "Big squeeze",
                    "kind": "game",
                    "dimensions": ["nurture"],
                    "ages": [3, 10],
                    "minutes": 2,
                    "energy": "calm",
                    "places": ["sofa"],
                    "touch": "hands-on",
                    "steps": ["Offer a big hug, and let go the moment they wriggle."],
                    "notice": "Does your child lean in?",
                    "easier": "A side hug.",
                    "harder": "A hug with a slow count to three.",
                    "why": "A warm hug says you are safe with me.",
                    "helps": ["safe haven"],
                }
            )
        ]
    )


@pytest.mark.parametrize("size", SIZES)
async def test_search_narrows_the_list_and_the_card_reads_in_full(
    family_services: Services, size: tuple[int, int]
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=size) as pilot:
        await open_library(app, pilot)
        assert len(shown_ids(app)) == 72
        assert "All 72 cards." in screen_text(app)
        await search(pilot, "lotion")
        ids = shown_ids(app)
        assert "lotion-hands" in ids and len(ids) < 72
        assert app.focused is app.screen.query_one("#library-list")  # enter went down to it
        cards = {card.id: card for card in family_services.cards.all()}
        assert all("lotion" in cards[i].activity.searchable_text() for i in ids)
        assert f"{len(ids)} of 72 cards." in screen_text(app)
        assert "Lotion hands" in screen_text(app)

        app.screen.query_one("#library-list", OptionList).highlighted = ids.index("lotion-hands")
        await pilot.press("enter")  # opens the card (narrow), or moves into it (wide)
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "This card is from the companion library. No marks yet." in shown
        assert "1. Ask your child if they would like some lotion" in shown
        card_panel = app.screen.query_one("#library-card")
        assert card_panel.region.right <= size[0] and card_panel.region.area > 0
        if size[0] >= 100:  # two columns: the list stays beside the card
            list_panel = app.screen.query_one("#library-list")
            assert list_panel.region.right <= card_panel.region.x
            assert "Lotion hands" in screen_text(app)
        card_panel.scroll_end(animate=False)
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "No-touch version" in shown and "Why it helps" in shown and "Safety" in shown

        await pilot.press("escape")  # back to the list
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")  # and back home
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_dimension_filter_and_needs_nothing(family_services: Services) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_library(app, pilot)
        choose(app, "filter-dimension", "challenge")
        await settle(pilot)
        cards = {card.id: card for card in family_services.cards.all()}
        challenge = {i for i, c in cards.items() if "challenge" in c.activity.dimensions}
        assert set(shown_ids(app)) == challenge
        await pilot.click("#filter-needs-nothing")
        await settle(pilot)
        assert shown_ids(app)
        assert all(cards[i].activity.needs_nothing for i in shown_ids(app))
        assert set(shown_ids(app)) < challenge
        assert "✓▌ Needs nothing" in screen_text(app)


async def test_touch_none_shows_only_cards_that_can_be_offered(
    family_services: Services,
) -> None:
    a_hands_on_card_without_a_no_touch_version(family_services)
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_library(app, pilot)
        assert "big-squeeze" in shown_ids(app)
        choose(app, "filter-touch", "none")
        await settle(pilot)
        cards = {card.id: card for card in family_services.cards.all()}
        offerable = {i for i, c in cards.items() if c.activity.offerable_to(TouchComfort.NO_TOUCH)}
        assert set(shown_ids(app)) == offerable
        assert "big-squeeze" not in shown_ids(app)
        assert "lotion-hands" in shown_ids(app)  # it has a no-touch version


@pytest.mark.parametrize("size", SIZES)
async def test_marks_are_saved_and_shown_in_words(
    family_services: Services, data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=size) as pilot:
        await open_library(app, pilot)
        await search(pilot, "lotion hands")
        assert shown_ids(app) == ["lotion-hands"]
        await pilot.press("f", "m")
        await settle(pilot)
        shown = screen_text(app)
        assert "★ favourite" in shown and "from our therapist" in shown
        marks = Services(data_dir).cards.get("lotion-hands").marks
        assert marks.favourite and marks.from_therapist and not marks.hidden

        await pilot.press("f")  # again: the mark comes off
        await settle(pilot)
        assert "★ favourite" not in screen_text(app)
        assert not Services(data_dir).cards.get("lotion-hands").marks.favourite


async def test_a_hidden_card_leaves_the_list_until_show_hidden(
    family_services: Services, data_dir: Path
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_library(app, pilot)
        await search(pilot, "lotion")
        before = shown_ids(app)
        app.screen.query_one("#library-list", OptionList).highlighted = before.index("lotion-hands")
        await pilot.press("h")
        await settle(pilot)
        assert "lotion-hands" not in shown_ids(app)
        assert len(shown_ids(app)) == len(before) - 1
        assert "1 not for us (Show hidden)" in screen_text(app)
        assert Services(data_dir).cards.get("lotion-hands").marks.hidden
        assert not Services(data_dir).cards.get("lotion-hands").suggestible

        await pilot.press("u")  # undo brings it straight back
        await settle(pilot)
        assert "lotion-hands" in shown_ids(app)
        assert not Services(data_dir).cards.get("lotion-hands").marks.hidden

        await pilot.press("h")
        await settle(pilot)
        await pilot.click("#filter-show-hidden")
        await settle(pilot)
        assert "lotion-hands" in shown_ids(app)
        hidden_line = app.screen.query_one("#library-list", OptionList).get_option("lotion-hands")
        assert "· not for us" in str(hidden_line.prompt)
        app.screen.query_one("#library-list", OptionList).focus()
        app.screen.query_one("#library-list", OptionList).highlighted = shown_ids(app).index(
            "lotion-hands"
        )
        await pilot.press("h")  # toggles back
        await settle(pilot)
        assert not Services(data_dir).cards.get("lotion-hands").marks.hidden


def fill_good_card(editor: CardEditorScreen, steps: str = "Put on one song you both like.") -> None:
    editor.query_one("#title", Input).value = "Kitchen disco"
    editor.query_one("#youngest", Input).value = "3"
    editor.query_one("#oldest", Input).value = "10"
    editor.query_one("#minutes", Input).value = "5"
    editor.query_one("#energy", Select).value = "lively"
    for box in editor.query(Checkbox):
        if box.name in ("engagement", "anywhere", "delight"):
            box.value = True
    editor.query_one("#steps", TextArea).load_text(f"{steps}\nDance; copy the silliest move.")
    editor.query_one("#notice", TextArea).load_text("Who leads, and who checks on whom?")
    editor.query_one("#easier", TextArea).load_text("Just nod along together.")
    editor.query_one("#harder", TextArea).load_text("Freeze when the music stops.")
    editor.query_one("#why", TextArea).load_text("Shared silliness is delight.")


def problems_shown(editor: CardEditorScreen) -> str:
    lines = [str(line.render()) for line in editor.query(".field-problem") if line.display]
    return " ".join(lines)


@pytest.mark.parametrize("size", SIZES)
async def test_an_own_card_is_checked_then_saved_and_listed(
    family_services: Services, data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=size) as pilot:
        await open_library(app, pilot)
        await pilot.press("down", "a")  # from the search box down to the list; add
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, CardEditorScreen)
        await pilot.press(*"Kitchen disco", "ctrl+s")
        await settle(pilot)
        assert editor.is_current
        said = problems_shown(editor)
        assert "Please choose at least one dimension." in said
        assert "Please write at least one step, one per line." in said
        assert "Please say why it helps." in said
        assert "to look at above, each under its field" in flat(screen_text(app))
        assert editor.query_one("#id", Input).value == "kitchen-disco"  # made from the title

        fill_good_card(editor)
        editor.query_one("#minutes", Input).value = "45"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert problems_shown(editor) == (
            "↑ Minutes should be a whole number of minutes from 1 to 20, not 45."
        )
        editor.query_one("#minutes", Input).value = "5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "kitchen-disco" in shown_ids(app)
        assert "Kitchen disco" in screen_text(app) and "our own" in screen_text(app)
    card = Services(data_dir).cards.get("kitchen-disco")
    assert card.origin == "own" and card.suggestible
    assert card.activity.steps[0] == "Put on one song you both like."


async def test_an_own_card_that_crosses_a_safety_line_is_warned_about(
    family_services: Services, data_dir: Path
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_library(app, pilot)
        await pilot.press("enter", "a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, CardEditorScreen)
        fill_good_card(editor, steps=HOLDING)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert editor.is_current  # the warning comes first
        shown = flat(screen_text(app))
        assert "This card seems to describe holding or restraining a child" in shown
        assert "will never be suggested" in shown
        assert "Save anyway" in shown
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "⚠ safety warning" in screen_text(app)
        app.screen.query_one("#library-list", OptionList).highlighted = shown_ids(app).index(
            "kitchen-disco"
        )
        await pilot.press("enter")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "This card seems to describe holding or restraining a child" in shown
        assert "so this card will never be suggested" in shown
    card = Services(data_dir).cards.get("kitchen-disco")
    assert card.concerns and not card.suggestible


async def test_a_shipped_card_is_not_edited_but_can_start_a_new_one(
    family_services: Services, data_dir: Path
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_library(app, pilot)
        await search(pilot, "lotion hands")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, AskScreen)
        assert "Lotion hands came with companion, so it stays as it is." in flat(screen_text(app))
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)

        await pilot.press("e", "y")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, CardEditorScreen)
        assert editor.query_one("#title", Input).value == "Lotion hands (our way)"
        assert editor.query_one("#id", Input).value == "lotion-hands-ours"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
    services = Services(data_dir)
    assert services.cards.get("lotion-hands").origin == "shipped"
    ours = services.cards.get("lotion-hands-ours")
    assert ours.origin == "own"
    assert ours.activity.steps == services.cards.get("lotion-hands").activity.steps


async def test_an_own_card_can_be_changed(family_services: Services, data_dir: Path) -> None:
    a_hands_on_card_without_a_no_touch_version(family_services)
    app = make_app(family_services)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_library(app, pilot)
        await search(pilot, "big squeeze")
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, CardEditorScreen)
        await pilot.press("ctrl+s")  # the rules of the editor apply to it now
        await settle(pilot)
        assert "a no-touch variant" in problems_shown(editor)
        editor.query_one("#no_touch", TextArea).load_text("Sit close and share a blanket.")
        editor.query_one("#title", Input).value = "Big warm hug"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "Big warm hug" in screen_text(app)
    card = Services(data_dir).cards.get("big-squeeze")
    assert card.origin == "own" and card.activity.title == "Big warm hug"


async def test_library_actions_are_in_the_palette_and_bindings_have_ids(
    family_services: Services, data_dir: Path
) -> None:
    for owner in (LibraryScreen, CardEditorScreen, FormScreen, AskScreen, LeaveScreen):
        for binding in owner.BINDINGS:
            assert getattr(binding, "id", None), (owner.__name__, binding)
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Library" in {command.title for command in app.get_system_commands(app.screen)}
        await pilot.press("ctrl+p", *"library")
        await until(pilot, lambda: "Every connection game" in screen_text(app), "the command")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await search(pilot, "lotion hands")
        await pilot.press("ctrl+p", *"favourite this")
        await until(pilot, lambda: "Favourite this card" in screen_text(app), "the command")
        await pilot.press("enter")
        await settle(pilot)
        assert "★ favourite" in screen_text(app)
    assert Services(data_dir).cards.get("lotion-hands").marks.favourite


async def test_leaving_the_editor_with_words_in_it_asks_first(
    family_services: Services, data_dir: Path
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_library(app, pilot)
        await pilot.press("enter", "a")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, CardEditorScreen)
        await pilot.press(*"Pillow fort", "escape")
        await settle(pilot)
        assert isinstance(app.screen, LeaveScreen)
        assert "Leave without saving?" in flat(screen_text(app))
        await pilot.press("n")  # keep writing
        await settle(pilot)
        assert editor.is_current
        assert editor.query_one("#title", Input).value == "Pillow fort"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
    assert len(Services(data_dir).cards.all()) == 72


async def test_an_edited_own_card_keeps_its_marks(
    family_services: Services, data_dir: Path
) -> None:
    family_services.cards.save_own(parse_card(own_card()))
    app = make_app(family_services)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_library(app, pilot)
        await search(pilot, "kitchen disco")
        assert shown_ids(app) == ["kitchen-disco"]
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, CardEditorScreen)
        editor.query_one("#title", Input).value = "Kitchen disco party"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "Marked: from our therapist." in flat(screen_text(app))  # still on it
        await pilot.press("f")  # the next mark is added to the ones it has
        await settle(pilot)
    marks = Services(data_dir).cards.get("kitchen-disco").marks
    assert marks.favourite and marks.from_therapist and not marks.hidden
    assert Services(data_dir).cards.get("kitchen-disco").activity.title == "Kitchen disco party"


async def test_undo_after_an_own_card_is_saved_under_a_new_id(
    family_services: Services, data_dir: Path
) -> None:
    family_services.cards.save_own(parse_card(own_card()))
    app = make_app(family_services)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_library(app, pilot)
        await search(pilot, "kitchen disco")
        await pilot.press("f", "e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, CardEditorScreen)
        editor.query_one("#id", Input).value = "kitchen-party"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "kitchen-party" in shown_ids(app) and "kitchen-disco" not in shown_ids(app)
        await pilot.press("u")  # undoes the favourite on the card under its new id
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
    services = Services(data_dir)
    assert not services.cards.get("kitchen-party").marks.favourite
    assert "kitchen-disco" not in {card.id for card in services.cards.all()}
