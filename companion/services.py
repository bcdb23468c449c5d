"""What the interfaces call. The TUI, the CLI and the tests all go through here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from companion.domain.dates import parse_date
from companion.domain.errors import CompanionError
from companion.domain.family import Caregiver, Child, Dimension, Family, TouchComfort, clean_name
from companion.domain.reflection import Reflection, ReflectionQuery, clean_tags, clean_text
from companion.store.backups import Backup
from companion.store.datastore import DataStore
from companion.store.repositories import (
    FamilyRepository,
    ReflectionRepository,
    SettingsRepository,
)

if TYPE_CHECKING:
    from companion.store.doctor import Checkup

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class HomeSummary:
    family: Family
    recent: tuple[Reflection, ...]
    reflections_this_week: int


class Services:
    def __init__(self, root: Path, clock: Clock = datetime.now) -> None:
        self.clock = clock
        self.store = DataStore(root, today=self.today)
        self.family_repo = FamilyRepository(self.store)
        self.reflections = ReflectionRepository(self.store)
        self.settings = SettingsRepository(self.store)

    @property
    def root(self) -> Path:
        return self.store.root

    def today(self) -> date:
        return self.clock().date()

    def parse_day(self, text: str, what: str = "date") -> date:
        return parse_date(text, today=self.today(), what=what)

    # -- the family ----------------------------------------------------------------------

    def family(self) -> Family:
        return self.family_repo.load()

    def add_caregiver(self, name: str) -> Caregiver:
        caregiver = self._new_caregiver(name, self.family())
        self.family_repo.add_caregiver(caregiver)
        return caregiver

    def add_child(
        self,
        name: str,
        born: str,
        *,
        touch: str = TouchComfort.COMFORTABLE.value,
        avoid: tuple[str, ...] = (),
        focus: tuple[str, ...] = (),
        developmental_note: str = "",
    ) -> Child:
        child = self._new_child(
            name,
            born,
            self.family(),
            touch=touch,
            avoid=avoid,
            focus=focus,
            developmental_note=developmental_note,
        )
        self.family_repo.add_child(child)
        return child

    def set_up_family(self, caregiver: str | None, child: str, born: str, touch: str) -> None:
        """The first-run setup: check both people first, so a mistake never saves half."""
        family = self.family()
        new_caregiver = self._new_caregiver(caregiver, family) if caregiver is not None else None
        new_child = self._new_child(child, born, family, touch=touch)
        if new_caregiver:
            self.family_repo.add_caregiver(new_caregiver)
        self.family_repo.add_child(new_child)

    @staticmethod
    def _new_caregiver(name: str, family: Family) -> Caregiver:
        cleaned = clean_name(name, "caregiver")
        _refuse_twice(cleaned, family.caregivers)
        return Caregiver(name=cleaned)

    def _new_child(
        self,
        name: str,
        born: str,
        family: Family,
        *,
        touch: str,
        avoid: tuple[str, ...] = (),
        focus: tuple[str, ...] = (),
        developmental_note: str = "",
    ) -> Child:
        cleaned = clean_name(name, "child")
        _refuse_twice(cleaned, family.children)
        if not born.strip():
            raise CompanionError(f"Please add {cleaned}'s birth date, like 2019-05-02.")
        birthday = self.parse_day(born, "birth date")
        if birthday > self.today():
            raise CompanionError(
                f"{birthday} is in the future; please give the child's birth date."
            )
        return Child(
            name=cleaned,
            born=birthday,
            touch=_choice(TouchComfort, touch, "touch comfort"),
            avoid=tuple(a.strip() for a in avoid if a.strip()),
            focus=tuple(_choice(Dimension, f, "dimension") for f in focus),
            developmental_note=developmental_note.strip(),
        )

    # -- reflections ---------------------------------------------------------------------

    def add_reflection(
        self,
        text: str,
        *,
        children: tuple[str, ...] = (),
        by: str | None = None,
        tags: tuple[str, ...] = (),
        for_therapist: bool = False,
    ) -> Reflection:
        """Check everything first, then save; returns only once the save is on disk."""
        cleaned = clean_text(text)
        family = self.family()
        child_ids = tuple(family.child_named(name).id for name in children)
        if not child_ids and len(family.children) == 1:
            child_ids = (family.children[0].id,)
        author = family.caregiver_named(by).id if by else None
        now = self.clock()
        reflection = Reflection(
            text=cleaned,
            day=now.date(),
            written_at=now,
            children=child_ids,
            by=author,
            tags=clean_tags(tags),
            for_therapist=for_therapist,
        )
        self.reflections.add(reflection)
        return reflection

    def find_reflections(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        tag: str | None = None,
        child: str | None = None,
        for_therapist_only: bool = False,
    ) -> list[Reflection]:
        child_id = self.family().child_named(child).id if child else None
        query = ReflectionQuery.build(
            since=self.parse_day(since) if since else None,
            until=self.parse_day(until) if until else None,
            search=search,
            tag=tag,
            child_id=child_id,
            for_therapist_only=for_therapist_only,
        )
        found = self.reflections.find(query)
        return sorted(found, key=lambda r: (r.day, r.written_at))

    # -- what the Home screen shows ------------------------------------------------------

    def home_summary(self, recent: int = 5) -> HomeSummary:
        week = ReflectionQuery.build(since=self.today() - timedelta(days=6))
        return HomeSummary(
            family=self.family(),
            recent=tuple(self.reflections.recent(recent)),
            reflections_this_week=len(self.reflections.find(week)),
        )

    # -- settings ------------------------------------------------------------------------

    def theme(self) -> str:
        return self.settings.get("theme", "textual-dark")

    def set_theme(self, theme: str) -> None:
        self.settings.set("theme", theme)

    # -- care of the data ----------------------------------------------------------------

    def checkup(self) -> Checkup:
        from companion.store import doctor

        return doctor.check(self.store)

    def restore(self, backup_name: str) -> tuple[Backup, Backup | None]:
        return self.store.restore(backup_name, self.clock())

    def bring_files_up_to_date(self) -> list[Path]:
        return self.store.migrate_all()


def _refuse_twice(name: str, people: tuple[Caregiver, ...] | tuple[Child, ...]) -> None:
    for person in people:
        if person.name.casefold() == name.casefold():
            raise CompanionError(f"{person.name} is already in the family.")


_Choice = TypeVar("_Choice", TouchComfort, Dimension)


def _choice(enum: type[_Choice], value: str, what: str) -> _Choice:
    try:
        return enum(value.strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise CompanionError(
            f'"{value}" is not a {what} I know; choose one of: {allowed}.'
        ) from None
