"""The first time: a short, friendly setup, then Home."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from companion.services import Services
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.setup import SetupScreen
from tests.tui.conftest import SIZES, make_app, screen_text, settle


@pytest.mark.parametrize("size", SIZES)
async def test_setup_by_keyboard_lands_on_home(services: Services, size: tuple[int, int]) -> None:
    app = make_app(services)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert "What should I call you?" in screen_text(app)
        await pilot.press(*"Sam", "enter", *"Mia", "enter", *"2018-03-14", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Hello, Sam." in screen_text(app)
        assert "With Mia (8)." in screen_text(app)
    family = services.family()
    assert [c.name for c in family.caregivers] == ["Sam"]
    assert [(c.name, c.born.isoformat()) for c in family.children] == [("Mia", "2018-03-14")]


async def test_setup_mistake_is_shown_in_place_and_nothing_half_saved(
    services: Services,
) -> None:
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Sam", "enter", *"Mia", "enter", *"14.3.18", "enter")
        await pilot.click("#start")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert '"14.3.18" is not a birth date I can read' in screen_text(app)
        assert services.family().caregivers == ()
        # Mend the date with the keyboard, press Start with the mouse.
        app.screen.query_one("#born").focus()
        await pilot.press("ctrl+a", "ctrl+k", *"2018-03-14")
        await pilot.click("#start")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert [c.name for c in services.family().children] == ["Mia"]


async def test_no_touch_choice_is_saved(services: Services) -> None:
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#touch", Select).value = "none"
        await pilot.press(*"Sam", "enter", *"Mia", "enter", *"2018-03-14")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert services.family().children[0].touch.label == "no touch"


async def test_the_library_and_today_wait_until_the_family_is_set_up(services: Services) -> None:
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        footer = screen_text(app).splitlines()[-1]
        assert "Library" not in footer and "Today" not in footer
        app.screen.query_one("#start").focus()  # off the boxes, where "l" is just a letter
        await pilot.press("l", "t")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
