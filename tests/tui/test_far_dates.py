"""A date far from today, typed into any date box of the app, is one sentence beside the box:
the app keeps running and every word typed stays where it was."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from companion.domain.reflection import ReflectionDraft
from companion.services import Services
from companion.tui.screens.brief import BriefScreen
from companion.tui.screens.reflection_full import FullReflectionScreen
from companion.tui.screens.reflections import ReflectionsScreen
from tests.tui.conftest import flat, make_app, retype, screen_text, settle

FAR_AWAY = ["99999999 days ago", "in 99999999999 weeks", "9999-12-31", "1899-12-31"]


@pytest.mark.parametrize("box_id", ["reflections-since", "reflections-until"])
async def test_the_reflections_date_boxes_say_a_far_date_in_one_sentence(
    family_services: Services, box_id: str
) -> None:
    family_services.save_reflection(ReflectionDraft(text="We built a pillow fort."))
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectionsScreen)
        for words in FAR_AWAY:
            await retype(pilot, screen.query_one(f"#{box_id}", Input), words)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen
            shown = flat(screen_text(app))
            assert "is very far from today; please check the date (like 2026-03-14)." in shown
            assert screen.query_one(f"#{box_id}", Input).value == words
            assert "We built a pillow fort." in shown  # the list stays as it was


async def test_the_full_reflection_day_says_a_far_date_and_keeps_the_words(
    family_services: Services,
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", *"We laughed", "ctrl+o")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FullReflectionScreen)
        for words in FAR_AWAY:
            await retype(pilot, form.query_one("#day", Input), words)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form
            assert "is very far from today; please check the day" in flat(screen_text(app))
            assert form.query_one("#text", TextArea).text == "We laughed"
    assert family_services.find_reflections() == []


async def test_the_brief_span_says_a_far_date_in_one_sentence(family_services: Services) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BriefScreen)
        for box_id, what in (("since", "start date"), ("until", "end date")):
            for words in FAR_AWAY:
                await retype(pilot, screen.query_one(f"#{box_id}", Input), words)
                await pilot.press("enter")
                await settle(pilot)
                assert app.screen is screen
                shown = flat(screen_text(app))
                assert f"is very far from today; please check the {what}" in shown
            screen.query_one(f"#{box_id}", Input).value = ""
