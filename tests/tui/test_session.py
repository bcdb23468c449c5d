"""A home session: step by step with a gentle timer, then a reflection on what was played."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from companion.domain.picker import Conditions
from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.screens.choice import ChoiceScreen
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.reflection import ReflectionScreen
from companion.tui.screens.session import WHEN_READY, SessionScreen
from companion.tui.screens.today import TodayScreen
from tests.conftest import Clock
from tests.tui.conftest import SIZES, Notes, flat, make_app, screen_text, settle

ROLES = {"hello": "Hello", "game": "Game", "nurture": "Nurture moment", "goodbye": "Goodbye"}


async def start_session(
    app: CompanionApp, pilot: Pilot[None], length_key: str = "enter"
) -> SessionScreen:
    """From Home: Today, "calm", start a session, choose the first length (5 minutes)."""
    await settle(pilot)
    await pilot.press("t", "1")
    await settle(pilot)
    await pilot.press("s")
    assert isinstance(app.screen, ChoiceScreen)
    assert "How long do you have?" in screen_text(app)
    await pilot.press(length_key)
    await settle(pilot)
    assert isinstance(app.screen, SessionScreen)
    return app.screen


@pytest.mark.parametrize("size", SIZES)
async def test_a_five_minute_session_step_by_step_then_a_reflection_on_what_was_played(
    family_services: Services, data_dir: Path, clock: Clock, size: tuple[int, int]
) -> None:
    mia, plan = family_services.picks.session(5, child="Mia", conditions=Conditions())
    played = [step.card.id for step in plan.steps]
    titles = [step.card.activity.title for step in plan.steps]
    app = make_app(family_services)
    async with app.run_test(size=size) as pilot:
        await start_session(app, pilot)
        for number, step in enumerate(plan.steps, start=1):
            shown = flat(screen_text(app))
            assert f"step {number} of {len(plan.steps)} · {ROLES[step.role]}" in shown
            assert f"{ROLES[step.role]}: {step.card.activity.title}" in shown
            assert "About" in shown and "min left" in shown
            if step.no_touch:
                assert "No-touch version for Mia" in shown
            await pilot.press("n" if number % 2 else "enter")
            await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        shown = flat(screen_text(app))
        assert f"Played: {', '.join(titles)}" in shown
        await pilot.press(*"Giggles at the end")  # the cursor waits after the opening words
        await pilot.click("#enjoyed")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "1 reflection this week" in screen_text(app)
    [saved] = Services(data_dir).find_reflections()
    assert saved.activities == tuple(played)
    assert saved.enjoyed == tuple(played)
    assert saved.children == (mia.id,)
    assert saved.text == "We played together. Giggles at the end"
    # Tomorrow the picker knows what was played, and offers something else.
    clock.now += timedelta(days=1)
    [(_, tomorrow)] = family_services.picks.for_today(Conditions(), child="Mia")
    assert tomorrow.pick is not None and tomorrow.pick.card.id not in played


async def test_the_timer_is_gentle_pauses_and_waits_for_you(
    family_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A minute of ten ticks, each of them given by the test (the app's own interval is
    # long enough never to come): no sleeping against the app's timer.
    monkeypatch.setattr(SessionScreen, "SECONDS_PER_MINUTE", 6000.0)
    monkeypatch.setattr(SessionScreen, "TICK_SECONDS", 600.0)
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_session(app, pilot)
        first = screen.query_one("#step-title").render()
        await pilot.press("p")
        assert "Paused. Press p to carry on." in screen_text(app)
        for _ in range(100):
            screen.tick()
        await pilot.pause()
        assert "Paused" in screen_text(app)
        assert "▱" in screen_text(app)  # no time passed while paused
        await pilot.press("p")
        for _ in range(100):
            screen.tick()
        await pilot.pause()
        shown = screen_text(app)
        assert WHEN_READY in shown and "▱" not in shown
        # Time being up never moves on by itself.
        assert app.screen.query_one("#step-title").render() == first


async def test_ending_early_asks_kindly_and_keeps_what_was_played(
    family_services: Services, data_dir: Path
) -> None:
    _, plan = family_services.picks.session(5, child="Mia", conditions=Conditions())
    hello, game = plan.steps[0].card.activity, plan.steps[1].card.activity
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(app, pilot)
        await pilot.press("n", "escape")
        assert "End the session here?" in screen_text(app)
        assert "Stopping early is fine" in flat(screen_text(app))
        await pilot.press("escape")  # not now: back to the same step
        assert isinstance(app.screen, SessionScreen)
        assert game.title in screen_text(app)
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert f"Played: {hello.title}, {game.title}" in flat(screen_text(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
    [saved] = Services(data_dir).find_reflections()
    assert saved.activities == (hello.id, game.id) and saved.enjoyed == ()


async def test_we_played_it_from_today_notes_the_one_game(
    family_services: Services, data_dir: Path
) -> None:
    [(_, mia)] = family_services.picks.for_today(Conditions(), child="Mia")
    assert mia.pick is not None
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "1")
        await settle(pilot)
        await pilot.press("p")
        assert isinstance(app.screen, ReflectionScreen)
        assert f"Played: {mia.pick.card.activity.title}" in flat(screen_text(app))
        assert "Mia enjoyed it" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        # The next reflection written from anywhere does not carry the game along.
        await pilot.press("r")
        assert "Played:" not in screen_text(app)
    [saved] = Services(data_dir).find_reflections()
    assert saved.activities == (mia.pick.card.id,)


async def test_when_no_session_fits_it_says_so_in_place(family_services: Services) -> None:
    # "Not for us" on every calm nurture game: there is no nurture moment to plan.
    for card in family_services.cards.all():
        activity = card.activity
        if (
            activity.kind == "game"
            and "nurture" in activity.dimensions
            and activity.energy == "calm"
        ):
            family_services.cards.mark(card.id, hidden=True)
    app = make_app(family_services)
    notes = Notes()
    async with app.run_test(message_hook=notes, size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "1")
        await settle(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "no calm nurture game that fits Mia" in flat(screen_text(app))
        assert not notes.posted  # said in place, not as an alarm


async def test_a_no_touch_child_is_not_offered_the_touch_versions_easier_and_harder(
    services: Services,
) -> None:
    services.add_caregiver("Sam")
    services.add_child("Ava", "2018-03-14", touch="none")
    ava, plan = services.picks.session(5, child="Ava", conditions=Conditions())
    # Which cards a plan holds depends on the child; its nurture moment is made a touch card
    # offered in its no-touch version, so there is always one to look at.
    lotion = services.cards.get("lotion-hands")
    steps = tuple(
        replace(step, card=lotion, no_touch=True) if step.role == "nurture" else step
        for step in plan.steps
    )
    assert any(step.card.id == "lotion-hands" for step in steps)
    assert any(not step.no_touch for step in steps)
    app = make_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(SessionScreen(ava, replace(plan, steps=steps)))
        await settle(pilot)
        for step in steps:
            activity = step.card.activity
            notice = flat(str(app.screen.query_one("#step-notice").render()))
            assert notice.startswith(f"What to notice {activity.notice}")
            if activity.safety:
                assert f"Take care: {activity.safety}" in notice
            if step.no_touch and activity.no_touch:
                assert "No-touch version for Ava" in flat(screen_text(app))
                assert activity.easier not in notice and activity.harder not in notice
                assert "Easier" not in notice and "Harder" not in notice
            else:
                assert f"Easier: {activity.easier}" in notice
                assert f"Harder: {activity.harder}" in notice
            await pilot.press("n")
            await settle(pilot)
