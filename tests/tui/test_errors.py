"""An error nobody foresaw, in the app: said in one sentence where it happened (or as the app
closes), with the traceback kept in the data folder's error log."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.services import Services
from companion.store import error_log
from companion.tui.app import CompanionApp
from companion.tui.screens.reflection import ReflectionScreen
from tests.tui.conftest import flat, make_app, screen_text, settle


async def test_a_save_that_fails_unexpectedly_says_so_on_the_form_and_keeps_the_words(
    family_services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk hiccuped")

    monkeypatch.setattr(family_services, "save_reflection", boom)
    app = make_app(family_services)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r", *"We read together", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        shown = flat(screen_text(app))
        assert "companion ran into something unexpected (RuntimeError: the disk hiccuped)" in shown
        assert f"{data_dir / error_log.ERROR_LOG}," in shown.replace(" ", "")  # wrapped anywhere
        assert not app.screen.save_button.disabled  # it can be tried again
    kept = (data_dir / error_log.ERROR_LOG).read_text()
    assert "RuntimeError: the disk hiccuped" in kept and "Traceback" in kept


async def test_a_crash_closes_with_one_sentence_and_keeps_the_traceback(
    family_services: Services,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def boom(self: CompanionApp) -> None:
        raise RuntimeError("a wire came loose")

    monkeypatch.setattr(CompanionApp, "action_toggle_theme", boom)
    app = make_app(family_services)
    with pytest.raises(RuntimeError, match="a wire came loose"):  # Pilot passes it on
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+t")
            await settle(pilot)
    said = capsys.readouterr()
    shown = flat(said.out + said.err)
    assert "companion ran into something unexpected (RuntimeError: a wire came loose)" in shown
    assert "Traceback" not in shown and "locals" not in shown
    kept = (data_dir / error_log.ERROR_LOG).read_text()
    assert "RuntimeError: a wire came loose" in kept and "Traceback" in kept
