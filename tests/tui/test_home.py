"""Home: real data where it exists, quick reflection, help, themes, the palette."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from companion.domain import messages
from companion.services import Services
from companion.tui.app import DARK_THEME, LIGHT_THEME, CompanionApp
from companion.tui.screens.help import HelpScreen
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.reflection import ReflectionScreen
from companion.tui.widgets.marked_checkbox import MarkedCheckbox
from tests.conftest import Clock
from tests.tui.conftest import SIZES, Notes, flat, make_app, screen_text, settle, until


@pytest.fixture
def with_history(family_services: Services, clock: Clock) -> Services:
    for day, text in [
        (16, "Old news from last week"),
        (20, "Mirror game, lots of giggles"),
        (22, "Bedtime was calm"),
    ]:
        clock.now = datetime(2026, 11, day, 20)
        family_services.add_reflection(text, children=("Mia",), by="Sam")
    clock.now = datetime(2026, 11, 23, 19, 30)
    return family_services


def child_box(app: CompanionApp, name: str) -> MarkedCheckbox:
    [box] = [b for b in app.screen.query(MarkedCheckbox) if b.name == name]
    return box


@pytest.mark.parametrize("size", SIZES)
async def test_home_shows_the_family_and_recent_reflections(
    with_history: Services, size: tuple[int, int]
) -> None:
    app = make_app(with_history)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        shown = screen_text(app)
        assert "Hello, Sam and Jordan." in shown
        assert "With Mia (8), Leo (5)." in shown
        assert "2 reflections this week." in shown
        assert shown.index("Bedtime was calm") < shown.index("Mirror game")
        assert "Today's connection game" in shown
        assert "Next routine" in shown
        for panel in ("#family", "#week", "#today-pick", "#next-routine", "#recent"):
            region = app.screen.query_one(panel).region
            assert region.right <= size[0] and region.area > 0, panel


async def test_reflect_from_home_saves_and_shows_it(with_history: Services) -> None:
    app = make_app(with_history)
    notes = Notes()
    async with app.run_test(message_hook=notes, size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press(*"We raced cotton balls")
        await pilot.click(child_box(app, "Leo"))
        app.screen.query_one("#by", Select).value = "Jordan"
        app.screen.query_one("#tags", Input).value = "challenge #Delight"
        await pilot.click("#therapist")
        shown = screen_text(app)
        assert "✓▌ Leo" in shown and "✓▌ Bring this to our therapist" in shown
        assert "▐ ▌ Mia" in shown
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "3 reflections this week." in screen_text(app)
        assert "We raced cotton balls" in screen_text(app)
        assert messages.SAVED_REFLECTION in notes.said
        # The form remembers the child and the writer for next time.
        await pilot.press("r")
        assert [child_box(app, name).value for name in ("Mia", "Leo")] == [False, True]
        assert app.screen.query_one("#by", Select).value == "Jordan"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    [saved] = with_history.find_reflections(search="cotton")
    family = with_history.family()
    assert [family.name_of(c) for c in saved.children] == ["Leo"]
    assert family.name_of(saved.by or "") == "Jordan"
    assert saved.tags == ("challenge", "delight")
    assert saved.for_therapist is True


async def test_an_empty_reflection_is_not_saved_and_says_why(with_history: Services) -> None:
    app = make_app(with_history)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert "The reflection is empty" in screen_text(app)
    assert len(with_history.find_reflections()) == 3


async def test_help_lists_this_screens_keys_and_the_plain_line(with_history: Services) -> None:
    app = make_app(with_history)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert messages.NOT_A_THERAPIST in flat(shown)
        assert "Write a quick reflection" in shown
        assert "ctrl+t switches light and dark" in flat(shown)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_theme_switches_and_is_remembered(with_history: Services) -> None:
    app = make_app(with_history)
    assert app.theme == DARK_THEME
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.theme == LIGHT_THEME
    assert make_app(with_history).theme == LIGHT_THEME


async def test_every_action_is_in_the_command_palette(with_history: Services) -> None:
    app = make_app(with_history)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Write a reflection", "Help", "Light or dark", "Home", "Quit"} <= titles
        await pilot.press("ctrl+p")
        await pilot.press(*"write a refl")
        await until(pilot, lambda: "Write a reflection" in screen_text(app), "the command")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)


async def test_every_binding_has_an_id() -> None:
    from companion.tui.screens.reflection import ReflectionScreen as Form
    from companion.tui.screens.setup import SetupScreen

    for owner in (CompanionApp, Form, SetupScreen, HelpScreen):
        for binding in owner.BINDINGS:
            assert getattr(binding, "id", None), (owner.__name__, binding)


async def test_a_damaged_file_is_named_on_home_and_left_alone(
    with_history: Services, data_dir: Path
) -> None:
    damaged = data_dir / "reflections" / "2026.json"
    damaged.write_bytes(b'{"companion": {"kind": "reflec')
    app = make_app(with_history)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        shown = flat(screen_text(app))
        assert f"The data file {damaged} cannot be used" in shown
        assert "companion restore 2026-11-22" in shown  # the last good copy
    assert damaged.read_bytes() == b'{"companion": {"kind": "reflec'
