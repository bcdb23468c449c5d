"""The Reflections screen: newest first, search as you type, each filter, a date that cannot
be read, the whole reflection on Enter, delete with undo, an edit through the full form, and
only the newest few hundred in the list when there are thousands."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Select, TextArea

from companion.domain.reflection import Reflection, ReflectionDraft, ReflectionQuery
from companion.services import Services
from companion.tui.app import CompanionApp
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.reflection_text import SHOW_AT_ONCE
from companion.tui.screens.reflections import ReflectionsScreen
from tests.tui.conftest import SIZES, flat, make_app, screen_cells, screen_text, settle, until

# (what happened, day, children, by, tags, for our therapist), oldest first.
SEEDS: list[tuple[str, date, tuple[str, ...], str, tuple[str, ...], bool]] = [
    ("We played balloon keep-up in the hallway.", date(2026, 9, 1), ("Mia", "Leo"), "Sam",
     ("play",), False),
    ("Mia talked about school friends at dinner.", date(2026, 10, 5), ("Mia",), "Jordan",
     ("school",), True),
    ("A quick bath for Leo.", date(2026, 11, 10), ("Leo",), "Sam", ("bath",), False),
    ("Bath time was splashy and calm; Mia sang.", date(2026, 11, 20), ("Mia",), "Sam",
     ("bath", "calm"), False),
    ("Hard morning with shoes.", date(2026, 11, 22), ("Leo",), "Jordan", ("morning",), True),
    ("Bedtime story twice; Mia asked for a song.", date(2026, 11, 23), ("Mia",), "Jordan",
     ("bedtime",), False),
]  # fmt: skip
NEWEST_FIRST = [seed[0] for seed in reversed(SEEDS)]
HARD_MORNING = "Hard morning with shoes."


@pytest.fixture
def written(family_services: Services) -> Services:
    for text, day, children, by, tags, flagged in SEEDS:
        draft = ReflectionDraft(
            text=text, day=day, children=children, by=by, tags=tags, for_therapist=flagged
        )
        if text == HARD_MORNING:  # the full form's parts too
            draft = ReflectionDraft(
                text=text,
                day=day,
                children=children,
                by=by,
                tags=tags,
                for_therapist=flagged,
                activities=("lotion-hands",),
                enjoyed=("lotion-hands",),
                engagement=4,
                before="overwhelmed",
                after="calm",
                feeling="stretched",
                noticed_child="Leo looked for my face when he was upset.",
                rupture="I raised my voice about the shoes.",
                repair="We hugged in the car and I said sorry.",
                questions="How do we stop the shoe battle?",
            )
        family_services.save_reflection(draft)
    return family_services


def shown_texts(app: CompanionApp) -> list[str]:
    """The list's reflections, top to bottom, by what happened."""
    screen = app.screen
    assert isinstance(screen, ReflectionsScreen)
    options = screen.query_one("#reflections-list", OptionList).options
    written = {reflection.id: reflection.text for reflection in app.services.find_reflections()}
    return [written[o.id] for o in options if o.id in written]


def panel_text(app: CompanionApp) -> str:
    """What the open reflection's panel shows, without the list beside it."""
    region = app.screen.query_one("#reflection-view").region
    lines = ["".join(row[region.x : region.right]) for row in screen_cells(app)]
    return flat("\n".join(lines[region.y : region.bottom]))


def stored(services: Services) -> dict[str, Reflection]:
    return {r.id: r for r in services.reflections.find(ReflectionQuery())}


def toasts(app: CompanionApp) -> str:
    """The notifications on show (run_test(notifications=True)), as a person reads them."""
    return " ".join(" ".join(str(toast.render()).split()) for toast in app.screen.query("Toast"))


async def open_reflections(app: CompanionApp, pilot: Any) -> ReflectionsScreen:
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    assert isinstance(app.screen, ReflectionsScreen)
    return app.screen


async def type_into(pilot: Any, widget_id: str, words: str) -> None:
    """Focus a box, empty it, and type key by key."""
    box = pilot.app.screen.query_one(f"#{widget_id}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*["space" if key == " " else key for key in words])
    await settle(pilot)


def choose(app: CompanionApp, widget_id: str, value: str | None) -> None:
    select = app.screen.query_one(f"#{widget_id}", Select)
    if value is None:
        select.clear()
    else:
        select.value = value


@pytest.mark.parametrize("size", SIZES)
async def test_the_list_is_newest_first_and_fits_the_screen(
    written: Services, size: tuple[int, int]
) -> None:
    app = make_app(written)
    async with app.run_test(size=size) as pilot:
        screen = await open_reflections(app, pilot)
        assert shown_texts(app) == NEWEST_FIRST
        shown = screen_text(app)
        assert "All 6 reflections, newest first. Enter opens one." in shown
        # On screen in the same order, each with its day, who, about whom, flag and tags.
        at = [shown.index(text) for text in NEWEST_FIRST[:4]]
        assert at == sorted(at)
        assert "Mon 23 Nov · Mia · by Jordan · #bedtime" in shown
        assert "Sun 22 Nov · [for our therapist] · Leo · by Jordan" in shown
        assert "Sat 05 Sep" not in shown  # the year is named only when it is not this one
        for widget in ("#reflections-list", "#reflections-search", "#reflections-flagged"):
            region = screen.query_one(widget).region
            assert region.right <= size[0] and region.bottom <= size[1] and region.area > 0
        if size[0] >= 100:  # the one under the cursor is open beside the list
            view = screen.query_one("#reflection-view").region
            assert view.x >= screen.query_one("#reflections-list").region.right
            assert "First written Mon 23 Nov at 19:30." in panel_text(app)


async def test_searching_as_you_type_narrows_the_list(written: Services) -> None:
    app = make_app(written)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reflections(app, pilot)
        assert app.focused is app.screen.query_one("#reflections-search")
        for key in "bath":
            await pilot.press(key)
        await settle(pilot)
        bath = ["Bath time was splashy and calm; Mia sang.", "A quick bath for Leo."]
        assert shown_texts(app) == bath
        shown = screen_text(app)
        assert "2 of 6 reflections fit, newest first." in shown
        assert "Hard morning" not in shown and "balloon" not in shown
        await pilot.press("space", "l", "e", "o")  # every word must be there
        await settle(pilot)
        assert shown_texts(app) == ["A quick bath for Leo."]
        await pilot.press(*["backspace"] * 8)
        await settle(pilot)
        assert shown_texts(app) == NEWEST_FIRST
        await pilot.press(*"pancakes")
        await settle(pilot)
        assert shown_texts(app) == []
        assert "No reflection fits all of that; try fewer words or filters." in screen_text(app)


async def test_each_filter_narrows_the_list(written: Services) -> None:
    family = written.family()
    mia, jordan = family.child_named("Mia").id, family.caregiver_named("Jordan").id
    app = make_app(written)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reflections(app, pilot)
        choose(app, "reflections-child", mia)
        await settle(pilot)
        assert shown_texts(app) == [t for t in NEWEST_FIRST if "Mia" in t or "balloon" in t]
        choose(app, "reflections-child", None)
        choose(app, "reflections-by", jordan)
        await settle(pilot)
        assert shown_texts(app) == [
            "Bedtime story twice; Mia asked for a song.",
            HARD_MORNING,
            "Mia talked about school friends at dinner.",
        ]
        choose(app, "reflections-by", None)
        choose(app, "reflections-tag", "bath")
        await settle(pilot)
        assert shown_texts(app) == [
            "Bath time was splashy and calm; Mia sang.",
            "A quick bath for Leo.",
        ]
        choose(app, "reflections-tag", None)
        await pilot.click("#reflections-flagged")
        await settle(pilot)
        assert shown_texts(app) == [HARD_MORNING, "Mia talked about school friends at dinner."]
        assert "✓▌ For our therapist" in screen_text(app)
        await pilot.click("#reflections-flagged")
        await settle(pilot)
        assert len(shown_texts(app)) == 6

        await type_into(pilot, "reflections-since", "2026-11-15")
        assert shown_texts(app) == NEWEST_FIRST[:3]
        await type_into(pilot, "reflections-since", "")
        await type_into(pilot, "reflections-until", "30 days ago")  # up to Sat 24 Oct
        assert shown_texts(app) == NEWEST_FIRST[4:]
        await type_into(pilot, "reflections-since", "2026-10-01")  # a span: both at once
        assert shown_texts(app) == ["Mia talked about school friends at dinner."]


async def test_a_date_that_cannot_be_read_says_so_and_keeps_the_list(written: Services) -> None:
    app = make_app(written)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reflections(app, pilot)
        await type_into(pilot, "reflections-since", "2026-11-15")
        assert shown_texts(app) == NEWEST_FIRST[:3]
        problem = screen.query_one("#reflections-date-problem")
        assert not problem.display
        # Typed over the date (selected first), as a person changing their mind would.
        screen.query_one("#reflections-since", Input).focus()
        await pilot.press(
            "ctrl+shift+a", *["space" if key == " " else key for key in "next tuesday"]
        )
        await settle(pilot)
        assert not problem.display  # not while typing: it may become a date yet
        assert shown_texts(app) == NEWEST_FIRST[:3]  # the last good list stays
        await pilot.press("enter")
        await settle(pilot)
        assert problem.display
        shown = flat(screen_text(app))
        assert '"next tuesday" is not a date I can read; please write it like' in shown
        assert shown_texts(app) == NEWEST_FIRST[:3]
        assert problem.region.bottom <= 24
        await pilot.press(*["backspace"] * 12, "2", "space", *"days", "space", *"ago")
        await settle(pilot)
        assert not problem.display
        assert shown_texts(app) == NEWEST_FIRST[:2]  # since Sat 21 Nov

        await type_into(pilot, "reflections-until", "2026-11-01")  # before the start
        wrong_way = "The first date is after the second"
        # Said after a pause in the typing, too.
        await until(pilot, lambda: wrong_way in flat(screen_text(app)), "the problem")
        assert problem.display
        assert shown_texts(app) == NEWEST_FIRST[:2]


@pytest.mark.parametrize("size", SIZES)
async def test_enter_shows_the_whole_reflection(written: Services, size: tuple[int, int]) -> None:
    app = make_app(written)
    async with app.run_test(size=size) as pilot:
        screen = await open_reflections(app, pilot)
        await pilot.press("down", "down", "enter")  # into the list, the second one, open
        await settle(pilot)
        view = screen.query_one("#reflection-view")
        assert view.region.area > 0 and view.region.right <= size[0]
        assert app.focused is view
        shown = panel_text(app)
        assert "Sunday 22 November 2026" in shown
        assert "Written by Jordan, about Leo" in shown
        assert "[for our therapist]" in shown and "Tags: #morning" in shown
        for words in (
            "What happened Hard morning with shoes.",
            "What I noticed in my child Leo looked for my face when he was upset.",
            "A hard moment (rupture) I raised my voice about the shoes.",
            "How we reconnected (repair) We hugged in the car and I said sorry.",
            "Questions for our therapist How do we stop the shoe battle?",
        ):
            assert words in shown
        view.scroll_end(animate=False)
        await settle(pilot)
        shown = panel_text(app)
        assert "Played: Lotion hands (enjoyed)" in shown  # the game's title, not its id
        assert "Engagement: joined in warmly (4 of 5)" in shown
        assert "My child before: overwhelmed; after: calm" in shown
        assert "How I was: stretched" in shown
        assert "First written Mon 23 Nov at 19:30." in shown
        await pilot.press("escape")  # back to the list
        await settle(pilot)
        assert isinstance(app.screen, ReflectionsScreen)
        assert app.focused is screen.query_one("#reflections-list")
        assert "Bedtime story twice" in screen_text(app)
        await pilot.press("escape")  # and home
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_delete_takes_it_away_and_u_brings_it_back(written: Services) -> None:
    before = stored(written)
    [bath] = [r for r in before.values() if r.text == "A quick bath for Leo."]
    app = make_app(written)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_reflections(app, pilot)
        await pilot.press("down", *["down"] * 3)  # the fourth: the quick bath
        await settle(pilot)
        assert screen.highlighted() == bath
        await pilot.press("d")
        await settle(pilot)
        assert "A quick bath for Leo." not in screen_text(app)
        assert len(shown_texts(app)) == 5
        assert bath.id not in stored(written)
        assert "Deleted the reflection from Tue 10 Nov. Press u to undo." in toasts(app)
        # Its older neighbour is under the cursor now.
        neighbour = screen.highlighted()
        assert neighbour is not None
        assert neighbour.text == "Mia talked about school friends at dinner."

        await pilot.press("u")
        await settle(pilot)
        assert shown_texts(app) == NEWEST_FIRST
        assert stored(written) == before  # the same id, the same words
        assert screen.highlighted() == bath
        assert "The reflection from Tue 10 Nov is back." in toasts(app)
        assert "u Undo" not in screen_text(app)  # nothing more to bring back


async def test_delete_key_and_undo_of_two_in_turn(written: Services) -> None:
    app = make_app(written)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reflections(app, pilot)
        await pilot.press("down", "delete")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert shown_texts(app) == NEWEST_FIRST[2:]
        assert "u Undo" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert shown_texts(app) == NEWEST_FIRST[1:]
        await pilot.press("u")
        await settle(pilot)
        assert shown_texts(app) == NEWEST_FIRST
        assert len(stored(written)) == 6


async def test_editing_in_the_full_form_changes_the_row(written: Services) -> None:
    from companion.tui.screens.reflection_full import FullReflectionScreen

    app = make_app(written)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reflections(app, pilot)
        await type_into(pilot, "reflections-search", "bath")  # the filters stay after saving
        await pilot.press("enter", "down")  # to the list; the quick bath
        await settle(pilot)
        bath = screen.highlighted()
        assert bath is not None and bath.text == "A quick bath for Leo."
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FullReflectionScreen)
        area = app.screen.query_one("#text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press("space", *"He", "space", *"laughed.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen_stack[-1] is screen  # the form is closed
        assert shown_texts(app) == [
            "Bath time was splashy and calm; Mia sang.",
            "A quick bath for Leo. He laughed.",
        ]
        assert "A quick bath for Leo. He laughed." in screen_text(app)
        highlighted = screen.highlighted()
        assert highlighted is not None and highlighted.id == bath.id  # the cursor stays
        saved = stored(written)[bath.id]
        assert saved.text == "A quick bath for Leo. He laughed."
        assert saved.edited_at is not None and saved.written_at == bath.written_at
        assert "edited Mon 23 Nov at 19:30" in panel_text(app)


async def test_thousands_show_the_newest_few_hundred_and_m_shows_more(
    written: Services,
) -> None:
    family = written.family()
    mia = family.child_named("Mia").id
    many = [
        Reflection(
            text=f"An ordinary day, number {n}.",
            day=date(2026, 8, 31) - timedelta(days=n),
            written_at=datetime(2026, 8, 31, 20, 0) - timedelta(days=n),
            children=(mia,),
        )
        for n in range(450)
    ]
    written.reflections.add_many(many)
    app = make_app(written)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reflections(app, pilot)
        assert len(shown_texts(app)) == SHOW_AT_ONCE
        shown = flat(screen_text(app))
        assert "Showing the newest 200 of 456 — type to search or filter to narrow." in shown
        assert shown_texts(app)[:6] == NEWEST_FIRST  # still the newest first
        await pilot.press("down", "m")
        await settle(pilot)
        assert len(shown_texts(app)) == 400
        assert "Showing the newest 400 of 456" in flat(screen_text(app))
        options = screen.query_one("#reflections-list", OptionList)
        options.highlighted = options.option_count - 1  # the last line offers the rest
        await pilot.press("enter")
        await settle(pilot)
        assert len(shown_texts(app)) == 456
        assert "All 456 reflections, newest first." in screen_text(app)
        assert "m More" not in screen_text(app)

        await type_into(pilot, "reflections-search", "ordinary")
        assert len(shown_texts(app)) == SHOW_AT_ONCE
        assert "The newest 200 of 450 that fit; more words or filters narrow it." in flat(
            screen_text(app)
        )
        await type_into(pilot, "reflections-search", "number 44.")  # 44, 144, 244, 344 and 444
        assert len(shown_texts(app)) == 5
        assert "5 of 456 reflections fit" in screen_text(app)


async def test_v_opens_it_from_home_once_and_a_click_on_recent_too(written: Services) -> None:
    app = make_app(written)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "v Reflections" in screen_text(app)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionsScreen)
        app.screen.query_one("#reflections-list").focus()
        await pilot.press("v")  # not a second one on top
        await settle(pilot)
        assert len(app.screen_stack) == 2
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.click("#recent")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionsScreen)
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert "Reflections" in names


async def test_a_new_family_is_offered_a_first_reflection(family_services: Services) -> None:
    app = make_app(family_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reflections(app, pilot)
        assert "Nothing written yet. Press r whenever you are ready." in screen_text(app)
        await pilot.press("down", "d", "e")  # nothing to act on: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, ReflectionsScreen)
