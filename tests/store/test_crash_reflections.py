"""Crash safety of changing reflections: an edit (one that moves a reflection to another
year's file too), a delete and its undo, each killed (SIGKILL) at random moments at least 200
times. After every kill each reflection is there in its old or its new form, once; a deleted
one may be gone only when its delete was the change being made."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from companion.domain.reflection import Reflection, ReflectionDraft
from companion.services import Services
from companion.store.datastore import DataStore
from companion.store.repositories import ReflectionRepository
from companion.store.schema import REFLECTIONS
from tests.conftest import Clock
from tests.store.crash import Crashes, Operation, ReadableFiles

KILLS = 200
FIRST_EDIT = datetime(2026, 1, 5, 20, 0)
EDITED = 6  # reflections edited in turn
# Each edit of a reflection moves it across the new year: its file changes every time.
DAYS = (date(2025, 12, 31), date(2026, 1, 1))


def moment(n: int) -> datetime:
    # A minute per change, so every edit is later than the one before (and days go by:
    # the daily backup is taken now and then, and killed too).
    return FIRST_EDIT + timedelta(minutes=n)


def edit_of(n: int) -> ReflectionDraft:
    """Edit n of reflection n % EDITED: every field it sets, it sets whole (a cleared
    engagement must not come back from the version before)."""
    return ReflectionDraft(
        text=f"Reflection {n % EDITED}, edit {n}",
        day=DAYS[(n // EDITED) % 2],
        engagement=n % 5 + 1 if n % 2 == 0 else None,
        questions="Is this usual?" if n % 3 == 0 else "",
    )


def version_of(reflection: Reflection) -> int:
    """Which edit wrote it (-1: none yet)."""
    words = reflection.text.split("edit ")
    return int(words[1]) if len(words) == 2 else -1


def family_with(data_dir: Path) -> Services:
    services = Services(data_dir, clock=Clock(FIRST_EDIT - timedelta(days=1)))
    services.add_caregiver("Sam")
    services.add_child("Mia", "2019-05-02")
    return services


def edits(data_dir: Path, order: list[str]) -> Operation:
    clock = Clock()
    services = Services(data_dir, clock=clock)
    current = {r.id: r for r in services.find_reflections()}

    def edit(n: int) -> str:
        clock.now = moment(n)
        reflection_id = order[n % EDITED]
        saved = services.save_reflection(edit_of(n), editing=current[reflection_id])
        current[reflection_id] = saved
        return reflection_id

    return edit


@pytest.mark.slow
def test_an_edit_killed_at_any_moment_leaves_the_old_or_the_new_words(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = family_with(data_dir)
    order = [
        services.save_reflection(ReflectionDraft(text=f"Reflection {i}", day=DAYS[i % 2])).id
        for i in range(EDITED)
    ]
    crashes = Crashes(data_dir, seed=2026_01_05)
    files = ReadableFiles(data_dir)
    latest = [-1] * EDITED  # the last edit of each that was confirmed
    last, twice = -1, 0

    while crashes.kills < KILLS:
        cut_short = in_both_years(data_dir)
        kill = crashes.kill_one(lambda: edits(data_dir, order), last + 1)
        for n, _ in kill.reported:
            latest[n % EDITED] = n
        last = kill.last if kill.last is not None else last
        in_flight = last + 1  # may or may not have been saved; the next writer makes it again
        files.check(after=f"kill {crashes.kills}")
        found = Services(data_dir).find_reflections()
        assert sorted(r.id for r in found) == sorted(order), f"kill {crashes.kills}"
        for reflection in found:
            i = order.index(reflection.id)
            allowed = {latest[i], in_flight} if in_flight % EDITED == i else {latest[i]}
            version = version_of(reflection)
            assert version in allowed, f"kill {crashes.kills}: {reflection.text}"
            if version >= 0:
                wanted = edit_of(version)
                assert (reflection.day, reflection.engagement, reflection.questions) == (
                    wanted.day,
                    wanted.engagement,
                    wanted.questions,
                )
                assert reflection.edited_at == moment(version)
        # A copy left behind stays until the next edit of that reflection moves it again.
        twice += bool(in_both_years(data_dir) - cut_short)

    assert crashes.in_a_save > 0, "no kill landed inside a save: the test proves little"
    assert twice > 0, "no kill landed between the two files of a move"
    with capsys.disabled():
        figure = crashes.figure("reflection edits", last + 1)
        print(f"\n{figure}; {twice} kills came between the two files of a move (shown once)")


def in_both_years(data_dir: Path) -> set[str]:
    """Reflections with a copy in more than one year's file (a move cut short)."""
    store = DataStore(data_dir)
    seen: list[str] = []
    for year in ReflectionRepository(store).years():
        records = store.read(f"reflections/{year}.json", REFLECTIONS).reflections.values()
        seen += [reflection.id for reflection in records]
    return {reflection_id for reflection_id in seen if seen.count(reflection_id) > 1}


POOL = 40  # reflections deleted and brought back in turn


def deletes_and_undos(data_dir: Path, pool: list[Reflection]) -> Operation:
    services = Services(data_dir, clock=Clock(FIRST_EDIT))

    def change(n: int) -> str:
        target = pool[(n // 2) % POOL]
        if n % 2 == 0:
            services.delete_reflection(target)
            return "deleted"
        services.undo_delete_reflection(target)
        return "brought back"

    return change


@pytest.mark.slow
def test_a_delete_or_its_undo_killed_at_any_moment_loses_no_other_reflection(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = family_with(data_dir)
    pool = [
        Reflection(
            f"Reflection {i}",
            date(2026, 1, 1) + timedelta(days=i % 4),
            FIRST_EDIT - timedelta(hours=i),
            tags=("kept",) if i % 2 else (),
            engagement=i % 5 + 1,
        )
        for i in range(POOL)
    ]
    others = [Reflection(f"Last year {i}", date(2025, 6, i + 1), FIRST_EDIT) for i in range(3)]
    services.reflections.add_many([*pool, *others])
    everyone = {r.id: r for r in [*pool, *others]}
    crashes = Crashes(data_dir, seed=2026_01_06)
    files = ReadableFiles(data_dir)
    during = {"delete": 0, "undo": 0}
    last = -1

    while min(during.values()) < KILLS:
        kill = crashes.kill_one(lambda: deletes_and_undos(data_dir, pool), last + 1)
        last = kill.last if kill.last is not None else last
        in_flight = last + 1  # the next writer makes it again: both are safe to repeat
        during["delete" if in_flight % 2 == 0 else "undo"] += 1
        files.check(after=f"kill {crashes.kills}")
        found = {r.id: r for r in Services(data_dir).find_reflections()}
        maybe_gone = pool[(in_flight // 2) % POOL].id
        assert set(everyone) - set(found) <= {maybe_gone}, f"kill {crashes.kills}"
        assert set(found) <= set(everyone)
        assert all(found[i] == everyone[i] for i in found), "a reflection changed"

    assert crashes.in_a_save > 0, "no kill landed inside a save: the test proves little"
    with capsys.disabled():
        figure = crashes.figure("reflection deletes and undos", last + 1)
        print(f"\n{figure}; {during['delete']} during a delete, {during['undo']} during an undo")
