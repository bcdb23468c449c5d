"""The session brief screen: b opens it on the span since the last appointment; the preview
shows the brief (a flagged reflection's words as written); initials replace names; saving as
Markdown, HTML and PDF writes files only their owner can read; a date that cannot be read, a
folder that is not there and a full disk are each one sentence, with nothing lost."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from companion.domain.reflection import ReflectionDraft
from companion.reports.markdown import text as markdown_text
from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.screens.appointments import AppointmentsScreen
from companion.tui.screens.brief import BriefScreen, SaveBriefScreen
from companion.tui.screens.choice import AskScreen
from companion.tui.screens.home import HomeScreen
from companion.tui.widgets.rendered_lines import RenderedLines
from tests.tui.conftest import SIZES, Notes, flat, make_app, screen_text, settle

FLAGGED = "Mia asked [bold]why[/] we stopped the game"
FLAGGED_IN_MARKDOWN = markdown_text(FLAGGED)  # its brackets escaped, to be shown as written
NAME = "session-brief-2026-11-02-to-2026-11-23"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, with a Documents folder in it."""
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def seeded(family_services: Services) -> Services:
    family_services.briefs.add_appointment("2026-10-19")
    family_services.briefs.add_appointment("2026-11-02")
    family_services.briefs.add_appointment("2026-11-26")
    family_services.save_reflection(
        ReflectionDraft(
            text=FLAGGED, children=("Mia",), by="Sam", for_therapist=True, day=date(2026, 11, 10)
        )
    )
    return family_services


async def open_brief(app: CompanionApp, pilot: Any) -> BriefScreen:
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("b")
    await settle(pilot)
    assert isinstance(app.screen, BriefScreen)
    return app.screen


def preview_source(app: CompanionApp) -> str:
    return app.screen.query_one(RenderedLines).source


async def read_preview(app: CompanionApp, pilot: Any) -> str:
    """Everything the preview shows, as a person reads it: a page at a time to the end."""
    app.screen.query_one("#brief-preview").focus()
    await pilot.press("home")
    seen = []
    for _ in range(30):
        await pilot.pause()
        seen.append(flat(screen_text(app)))
        scroll = app.screen.query_one("#brief-preview")
        if scroll.scroll_y >= scroll.max_scroll_y:
            break
        await pilot.press("pagedown")
    return " ".join(seen)


async def retype(pilot: Any, selector: str, text: str) -> None:
    """Empty a box, then type into it as a person would (a key a character)."""
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)


async def save(app: CompanionApp, pilot: Any, key: str) -> SaveBriefScreen:
    app.screen.query_one("#brief-preview").focus()
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(app.screen, SaveBriefScreen)
    return app.screen


def squeezed(text: str) -> str:
    """Screen text without any spaces: long paths wrap anywhere on a narrow screen."""
    return "".join(flat(text).split())


@pytest.mark.parametrize("size", SIZES)
async def test_b_opens_the_brief_since_the_last_appointment_with_a_preview(
    seeded: Services, home: Path, size: tuple[int, int]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await open_brief(app, pilot)
        assert app.screen.query_one("#since", Input).value == "2026-11-02"
        assert app.screen.query_one("#until", Input).value == "2026-11-23"
        shown = flat(screen_text(app))
        assert "Since the appointment on Mon 2 Nov, until today." in shown
        assert "Session brief for Mia and Leo" in shown
        assert "Replace names with initials" in shown
        assert "Saving asks where (Documents first); only you can read the file." in shown
        for button in ("Save as Markdown (m)", "Save as HTML (h)", "Save as PDF (p)"):
            assert button in shown
        for part in ("#brief-span", "#brief-preview", "#brief-buttons"):
            region = app.screen.query_one(part).region
            assert region.area > 0 and region.right <= size[0] and region.bottom < size[1], part
        assert app.screen.query_one("#brief-preview").region.height >= 8  # room to read
        # The flagged reflection, as written: square brackets are words, not markup.
        everything = await read_preview(app, pilot)
        assert "Flagged for discussion" in everything
        assert FLAGGED in everything
        assert "Self-reported by the family" in everything


async def test_the_preview_fits_again_when_the_terminal_changes_size(
    seeded: Services, home: Path
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        preview = app.screen.query_one(RenderedLines)
        narrow = preview.lines[0].cell_length
        assert narrow == preview.text_width < 80
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert preview.lines[0].cell_length == preview.text_width > narrow
        # Nothing reaches past the panel: no sideways scrolling needed to read it.
        assert preview.max_scroll_x == 0
        assert "Session brief for Mia and Leo" in flat(screen_text(app))


@pytest.mark.parametrize("size", SIZES)
async def test_initials_replace_every_name_in_the_preview(
    seeded: Services, home: Path, size: tuple[int, int]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await open_brief(app, pilot)
        await pilot.click("#initials")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "✓▌ Replace names with initials" in screen_text(app)
        assert "Session brief for M. and L." in shown
        everything = await read_preview(app, pilot)
        assert "M. asked [bold]why[/] we stopped the game" in everything
        for name in ("Mia", "Leo", "Sam", "Jordan"):
            assert name not in everything
            assert name not in preview_source(app)
        # i turns it back (the key works too); the preview stays where it was read.
        await pilot.press("i")
        await settle(pilot)
        assert "Session brief for Mia and Leo" in preview_source(app)
        await pilot.press("home")
        await pilot.pause()
        assert "Session brief for Mia and Leo" in flat(screen_text(app))


async def test_another_span_typed_key_by_key_changes_the_preview(
    seeded: Services, home: Path
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        await retype(pilot, "#since", "2026-11-15")
        await pilot.press("enter")
        await settle(pilot)
        assert "From Sun 15 Nov, until today." in flat(screen_text(app))
        assert FLAGGED_IN_MARKDOWN not in preview_source(app)  # written on the 10th
        assert "Nothing was marked for discussion this time." in preview_source(app)
        await retype(pilot, "#since", "2026-10-19")
        await pilot.press("enter")
        await settle(pilot)
        assert "Since the appointment on Mon 19 Oct, until today." in flat(screen_text(app))
        assert FLAGGED_IN_MARKDOWN in preview_source(app)


@pytest.mark.parametrize("size", SIZES)
async def test_a_since_date_not_read_is_one_sentence_and_the_preview_stays(
    seeded: Services, home: Path, size: tuple[int, int]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await open_brief(app, pilot)
        await retype(pilot, "#since", "last monday")
        await pilot.press("enter")
        await settle(pilot)
        error = flat(screen_text(app))
        assert '"last monday" is not a start date I can read' in error
        assert "please write it like 2026-03-14." in error
        region = app.screen.query_one("#brief-error").region
        assert region.height == 1 or region.height == 2  # one sentence
        assert FLAGGED_IN_MARKDOWN in preview_source(app)  # the last good preview is still there
        assert app.screen.query_one("#since", Input).value == "last monday"  # nothing lost
        # Saving with it says the same, and asks nothing.
        await pilot.press("p")  # typed into the box: the box has the focus
        app.screen.query_one("#brief-preview").focus()
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
        # An end before the start is said too, in one sentence.
        await retype(pilot, "#since", "2026-11-20")
        await pilot.press("tab")
        await retype(pilot, "#until", "2026-11-10")
        await pilot.press("enter")
        await settle(pilot)
        assert "would start (2026-11-20) after it ends (2026-11-10); swap the dates." in flat(
            screen_text(app)
        )
        await retype(pilot, "#until", "2026-11-23")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#brief-error").display is False
        assert "From Fri 20 Nov, until today." in flat(screen_text(app))


@pytest.mark.parametrize(("key", "form"), [("m", "md"), ("h", "html"), ("p", "pdf")])
async def test_saving_writes_a_file_only_its_owner_can_read(
    seeded: Services, home: Path, key: str, form: str
) -> None:
    app = make_app(seeded)
    notes = Notes()
    async with app.run_test(message_hook=notes, size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        dialog = await save(app, pilot, key)
        box = dialog.query_one("#save-path", Input)
        assert box.value == f"~/Documents/{NAME}.{form}"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
        written = home / "Documents" / f"{NAME}.{form}"
        content = written.read_bytes()
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        if form == "pdf":
            assert content.startswith(b"%PDF")
        else:
            assert "Session brief for Mia and Leo" in content.decode()
            assert (FLAGGED_IN_MARKDOWN if form == "md" else FLAGGED) in content.decode()
        assert notes.said == [f"Saved the brief to {written}."]
        assert squeezed(f"Saved to {written}; readable only by you.") in squeezed(screen_text(app))
        assert not [p for p in written.parent.iterdir() if p.name.startswith(".brief-")]


async def test_saving_with_initials_to_a_path_typed_key_by_key(
    seeded: Services, home: Path, tmp_path: Path
) -> None:
    app = make_app(seeded)
    target = tmp_path / "for-dr-okafor.md"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        await pilot.press("i")
        await settle(pilot)
        await save(app, pilot, "m")
        await retype(pilot, "#save-path", str(target))
        await pilot.click("#save")
        await settle(pilot)
        text = target.read_text()
        assert "Session brief for M. and L." in text
        assert "Mia" not in text
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_a_folder_that_is_not_there_is_said_in_place_and_what_was_typed_stays(
    seeded: Services, home: Path, tmp_path: Path
) -> None:
    app = make_app(seeded)
    nowhere = tmp_path / "no-such-folder" / "brief.html"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        await save(app, pilot, "h")
        await retype(pilot, "#save-path", str(nowhere))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SaveBriefScreen)
        shown = flat(screen_text(app))
        assert squeezed(f"I could not write the brief in {nowhere.parent}") in squeezed(shown)
        assert "choose another folder." in shown
        assert app.screen.query_one("#save-path", Input).value == str(nowhere)
        assert not nowhere.parent.exists()
        # A folder is fine too: the usual name goes inside it.
        await retype(pilot, "#save-path", str(tmp_path))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
        assert (tmp_path / f"{NAME}.html").exists()


async def test_a_full_disk_is_one_sentence_and_leaves_no_half_file(
    seeded: Services, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        monkeypatch.setattr("companion.services.briefs.os.fsync", full)
        await save(app, pilot, "p")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SaveBriefScreen)
        shown = flat(screen_text(app))
        assert "free some space or choose another place, and try again." in shown
        assert list((home / "Documents").iterdir()) == []
        monkeypatch.undo()
        monkeypatch.setenv("HOME", str(home))
        await pilot.press("enter")  # try again, as it was
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
        assert (home / "Documents" / f"{NAME}.pdf").read_bytes().startswith(b"%PDF")


async def test_a_file_already_there_is_replaced_only_when_asked(
    seeded: Services, home: Path
) -> None:
    there = home / "Documents" / f"{NAME}.md"
    there.write_text("Our own notes")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        await save(app, pilot, "m")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AskScreen)
        assert f"{NAME}.md is already there. Replace it?" in flat(screen_text(app))
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SaveBriefScreen)
        assert "Kept the file that was there; choose another name." in flat(screen_text(app))
        assert there.read_text() == "Our own notes"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
        assert "Session brief for Mia and Leo" in there.read_text()


async def test_a_long_file_name_in_the_question_is_shown_whole(
    seeded: Services, home: Path
) -> None:
    name = "our-notes-for-the-therapist-before-the-appointment-in-december.md"
    (home / name).write_text("Our own notes")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        form = await save(app, pilot, "m")
        form.query_one("#save-path", Input).value = str(home / name)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AskScreen)
        # Wrapped over two lines, not cut at the edge of the box.
        assert f"{name} is already there. Replace it?" in flat(screen_text(app))


async def test_with_no_appointment_the_last_four_weeks_and_a_adds_one(
    family_services: Services, home: Path
) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        assert app.screen.query_one("#since", Input).value == "2026-10-27"
        assert "The last four weeks, until today (no appointment noted yet: a adds one)." in (
            flat(screen_text(app))
        )
        app.screen.query_one("#brief-preview").focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AppointmentsScreen)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"2026-11-16", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
        assert app.screen.query_one("#since", Input).value == "2026-11-16"
        assert "Since the appointment on Mon 16 Nov, until today." in flat(screen_text(app))
        # b from the appointments goes back to this brief, not a second one.
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
        assert sum(isinstance(s, BriefScreen) for s in app.screen_stack) == 1


async def test_the_palette_finds_the_session_brief(seeded: Services, home: Path) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Session brief")
        await settle(pilot)
        assert "Session brief" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen)
