"""A change is one write: made in memory inside the store's transaction, written once at its
end, and not at all if anything in it went wrong. A reflection moved to another year, cut off
between its two files, shows once and can still be deleted for good."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from companion.domain.reflection import ReflectionDraft
from companion.services import Services
from companion.store import storage
from companion.store.files import atomic_write
from companion.store.repositories import ReflectionRepository
from companion.store.schema import REFLECTIONS
from tests.conftest import Clock
from tests.store.helpers import folder_bytes


def test_a_transaction_that_fails_half_way_writes_nothing(
    family_services: Services, data_dir: Path
) -> None:
    family_services.add_reflection("Kept")
    before = folder_bytes(data_dir)
    year_file = f"reflections/{family_services.today().year}.json"
    with (
        pytest.raises(RuntimeError),
        family_services.store.transaction(year_file, REFLECTIONS) as database,
    ):
        database.table("reflections").truncate()
        raise RuntimeError("the power went out")
    assert folder_bytes(data_dir) == before
    assert [r.text for r in family_services.find_reflections()] == ["Kept"]


def test_an_edit_writes_its_file_once(
    family_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = family_services.add_reflection("Pillow fort", children=("Mia",))
    writes: list[Path] = []
    real_write = atomic_write

    def counted(path: Path, payload: bytes) -> None:
        writes.append(path)
        real_write(path, payload)

    monkeypatch.setattr(storage, "atomic_write", counted)

    family_services.save_reflection(
        ReflectionDraft(text="Pillow fort, then a story", children=("Mia", "Leo")), editing=saved
    )

    assert [path.name for path in writes] == [f"{saved.day.year}.json"]
    [edited] = family_services.find_reflections()
    people = family_services.family()
    both = (people.child_named("Mia").id, people.child_named("Leo").id)
    assert (edited.id, edited.text, edited.children) == (
        saved.id,
        "Pillow fort, then a story",
        both,
    )


def test_a_cleared_part_stays_cleared(family_services: Services) -> None:
    saved = family_services.save_reflection(
        ReflectionDraft(text="Bath", engagement=4, feeling="stretched", questions="Why?")
    )
    family_services.save_reflection(ReflectionDraft(text="Bath"), editing=saved)
    [edited] = Services(family_services.root).find_reflections()
    assert (edited.engagement, edited.feeling, edited.questions) == (None, None, "")


@pytest.fixture
def moved_half_way(family_services: Services, clock: Clock) -> tuple[Services, str]:
    """A reflection moved from last year to this year by an edit whose second write (taking
    it from last year's file) never happened."""
    last_year = date(clock.now.year - 1, 12, 31)
    saved = family_services.save_reflection(ReflectionDraft(text="Old words", day=last_year))
    old_file = family_services.root / "reflections" / f"{last_year.year}.json"
    kept = old_file.read_bytes()
    clock.now += timedelta(minutes=5)
    family_services.save_reflection(
        ReflectionDraft(text="New words", day=clock.now.date()), editing=saved
    )
    old_file.write_bytes(kept)  # as if the writer had been killed between the two files
    return family_services, saved.id


def test_a_move_cut_short_shows_the_newer_copy_once(moved_half_way: tuple[Services, str]) -> None:
    services, moved = moved_half_way
    found = services.find_reflections()
    assert [(r.id, r.text) for r in found] == [(moved, "New words")]
    assert [r.text for r in services.reflections.recent(5)] == ["New words"]
    # Last year alone still has the old copy: it is the old form, not a loss.
    year = services.today().year - 1
    only_then = services.find_reflections(since=f"{year}-01-01", until=f"{year}-12-31")
    assert [r.text for r in only_then] == ["Old words"]


def test_deleting_a_reflection_a_move_left_twice_deletes_both_copies(
    moved_half_way: tuple[Services, str],
) -> None:
    services, moved = moved_half_way
    [shown] = services.find_reflections()
    services.delete_reflection(shown)
    assert services.find_reflections() == []
    store = services.store
    for year in ReflectionRepository(store).years():
        records = store.read(f"reflections/{year}.json", REFLECTIONS).reflections.values()
        assert moved not in {r.id for r in records}
