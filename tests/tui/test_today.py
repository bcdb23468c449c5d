"""Today's pick: on Home for each child, then the Today screen with one question first."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from companion.domain.family import Child
from companion.domain.picker import REST_IS_FINE, Conditions, Feeling, TodaysPick
from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.screens.home import HomeScreen, strongest_reason
from companion.tui.screens.today import TodayScreen
from tests.tui.conftest import SIZES, flat, make_app, screen_text, settle, until


def expected(
    services: Services, child: str, feeling: Feeling = "calm", another: int = 0, **more: Any
) -> TodaysPick:
    conditions = Conditions(feeling=feeling, **more)
    [(_, todays)] = services.picks.for_today(conditions, child=child, another=another)
    return todays


def title_of(todays: TodaysPick) -> str:
    assert todays.pick is not None
    return todays.pick.card.activity.title


async def open_today(app: CompanionApp, pilot: object, answer: str = "1") -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await settle(pilot)
    await pilot.press("t")
    assert isinstance(app.screen, TodayScreen)
    assert "How are you today?" in screen_text(app)
    await pilot.press(answer)
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_home_shows_a_pick_for_each_child(
    family_services: Services, size: tuple[int, int]
) -> None:
    mia, leo = expected(family_services, "Mia"), expected(family_services, "Leo")
    app = make_app(family_services)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        panel = flat(screen_text(app))
        assert f"Mia: {title_of(mia)}" in panel
        assert f"Leo: {title_of(leo)}" in panel
        assert mia.pick is not None and strongest_reason(mia.pick) in panel
        assert "Press t for the whole game" in panel
        for name in ("#today-pick", "#recent", "#next-routine"):
            region = app.screen.query_one(name).region
            assert region.bottom <= size[1] - 1 and region.height > 2, name  # above the footer


async def test_clicking_the_pick_on_home_opens_today(family_services: Services) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click("#today-pick")
        assert isinstance(app.screen, TodayScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_today_asks_how_i_am_then_shows_the_pick_and_why(
    family_services: Services, size: tuple[int, int]
) -> None:
    mia = expected(family_services, "Mia")
    assert mia.pick is not None
    app = make_app(family_services)
    async with app.run_test(size=size) as pilot:
        await open_today(app, pilot, "1")
        assert app.state.feeling == "calm"
        shown = flat(screen_text(app))
        assert "How are you today?" not in shown
        assert "Today's connection game for Mia" in shown
        assert title_of(mia) in shown
        assert f"Why today: {mia.pick.explanation()}" in shown
        # Back on Home and in again: the answer is remembered for this run.
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("t")
        await settle(pilot)
        assert "How are you today?" not in screen_text(app)
        assert title_of(mia) in flat(screen_text(app))


async def test_another_one_shows_the_next_best_and_the_children_take_turns(
    family_services: Services,
) -> None:
    first, second = expected(family_services, "Mia"), expected(family_services, "Mia", another=1)
    leo = expected(family_services, "Leo")
    assert title_of(first) != title_of(second)
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(app, pilot)
        assert title_of(first) in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert title_of(second) in shown and title_of(first) not in shown
        await pilot.press("c")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "Today's connection game for Leo" in shown and title_of(leo) in shown


async def test_running_on_empty_offers_short_and_calm_and_says_rest_is_fine(
    family_services: Services,
) -> None:
    mia = expected(family_services, "Mia", feeling="empty")
    assert mia.pick is not None and mia.rest_is_fine
    assert mia.pick.card.activity.energy == "calm" and mia.pick.card.activity.minutes <= 5
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(app, pilot, "3")
        assert app.state.feeling == "empty"
        shown = flat(screen_text(app))
        assert REST_IS_FINE in shown
        assert title_of(mia) in shown
        # Home follows what was said.
        await pilot.press("escape")
        await settle(pilot)
        assert title_of(mia) in flat(screen_text(app))


async def test_a_child_with_light_touch_sees_the_no_touch_version_labelled(
    family_services: Services,
) -> None:
    # Mia is comfortable with light touch only: find the first pick offered without touch.
    turns = next(
        n
        for n in range(40)
        if (p := expected(family_services, "Mia", another=n).pick) and p.no_touch
    )
    no_touch = expected(family_services, "Mia", another=turns).pick
    assert no_touch is not None and no_touch.card.activity.no_touch
    app = make_app(family_services)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(app, pilot)
        for _ in range(turns):
            await pilot.press("a")
            await settle(pilot)
        shown = flat(screen_text(app))
        assert no_touch.card.activity.title in shown
        assert "No-touch version for Mia" in shown
        assert no_touch.card.activity.no_touch.split()[0] in shown
        assert "Steps" not in shown


async def test_a_no_touch_child_is_not_offered_the_touch_versions_easier_and_harder(
    services: Services,
) -> None:
    services.add_caregiver("Sam")
    services.add_child("Ava", "2018-03-14", touch="none")
    services.cards.mark("lotion-hands", favourite=True, from_therapist=True)
    ava = expected(services, "Ava")
    assert ava.pick is not None and ava.pick.card.id == "lotion-hands" and ava.pick.no_touch
    lotion = ava.pick.card.activity
    assert lotion.safety is not None
    app = make_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(app, pilot)
        shown = flat(screen_text(app))
        assert "No-touch version for Ava" in shown
        assert "Easier" not in shown and "Harder" not in shown
        notice = flat(str(app.screen.query_one("#pick-notice").render()))
        # What to notice is about the child, and the safety note always stays.
        assert notice.startswith(f"What to notice {lotion.notice}")
        assert f"Take care: {lotion.safety}" in notice
        # The easier and harder ways change the touch version's steps: not shown here.
        assert lotion.easier not in notice and lotion.harder not in notice
        assert "Easier" not in notice and "Harder" not in notice


async def test_a_slow_older_answer_never_covers_a_newer_another_one(
    family_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    second, third = (expected(family_services, "Mia", another=n) for n in (1, 2))
    assert title_of(second) != title_of(third)
    asked, answer = threading.Event(), threading.Event()
    picks = family_services.picks.for_today

    def slow_first_another(
        conditions: Conditions, *, child: str | None = None, another: int = 0
    ) -> list[tuple[Child, TodaysPick]]:
        if another == 1:  # the first "another one" takes its time
            asked.set()
            answer.wait(10)
        return picks(conditions, child=child, another=another)

    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(app, pilot)
        monkeypatch.setattr(family_services.picks, "for_today", slow_first_another)
        try:
            await pilot.press("a")
            for _ in range(500):
                if asked.is_set():
                    break
                await pilot.pause(0.01)
            await pilot.press("a")  # asked again before the first answer came
            for _ in range(500):
                if title_of(third) in flat(screen_text(app)):
                    break
                await pilot.pause(0.01)
            assert title_of(third) in flat(screen_text(app))
        finally:
            answer.set()  # now the older answer comes, too late
        await settle(pilot)
        shown = flat(screen_text(app))
        assert title_of(third) in shown and title_of(second) not in shown


async def test_when_nothing_fits_it_says_so_kindly(family_services: Services) -> None:
    filters: dict[str, Any] = {"minutes": 5, "place": "car", "energy": "lively"}
    # The family has said "not for us" to every short lively game for the car.
    while (pick := expected(family_services, "Mia", **filters).pick) is not None:
        family_services.cards.mark(pick.card.id, hidden=True)
    mia = expected(family_services, "Mia", **filters)
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(app, pilot)
        for name, value in filters.items():
            app.screen.query_one(f"#filter-{name}").value = value  # type: ignore[attr-defined]
        await settle(pilot)
        shown = flat(screen_text(app))
        assert mia.message in shown
        assert "or just be together" in shown
        assert "fail" not in shown.lower()
        assert not app.screen.query_one("#pick").display
        await pilot.press("a")  # no "another" when there is nothing to offer
        await settle(pilot)
        assert mia.message in flat(screen_text(app))


async def test_today_and_a_session_are_in_the_command_palette(family_services: Services) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Today's connection game", "Start a home session"} <= titles
        await pilot.press("ctrl+p")
        await pilot.press(*"start a home")
        await until(pilot, lambda: "Start a home session" in screen_text(app), "the command")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("2")
        await settle(pilot)
        assert "How long do you have?" in screen_text(app)


async def test_every_today_and_session_binding_has_an_id() -> None:
    from companion.tui.screens.choice import ChoiceScreen
    from companion.tui.screens.session import SessionScreen

    for owner in (TodayScreen, SessionScreen, ChoiceScreen):
        for binding in owner.BINDINGS:
            assert getattr(binding, "id", None), (owner.__name__, binding)
