"""`Services`: what the interfaces call. It holds the clock and the data folder, keeps the
family and the reflections itself, and hands out the services for routines, cards, picks and
briefs, each made on first use and given only what it needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import msgspec

from companion.domain.dates import parse_date
from companion.domain.errors import CompanionError
from companion.domain.family import (
    Caregiver,
    Child,
    Dimension,
    Family,
    Relative,
    TouchComfort,
    clean_name,
)
from companion.domain.ids import new_id
from companion.domain.reflection import Reflection, ReflectionDraft, ReflectionQuery, clean_tags
from companion.store.datastore import DataStore, Restored
from companion.store.repositories import (
    FamilyRepository,
    ReflectionRepository,
    SettingsRepository,
)

if TYPE_CHECKING:
    from companion.services.briefs import BriefService
    from companion.services.cards import CardService
    from companion.services.picks import PickService
    from companion.services.routines import RoutineService
    from companion.store.doctor import Checkup

Clock = Callable[[], datetime]


class HomeSummary(msgspec.Struct, frozen=True):
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

    @cached_property
    def routines(self) -> RoutineService:
        """Routines, check-offs, one-off changes and reminders: `services.routines.add(...)`."""
        from companion.services.routines import RoutineService

        return RoutineService(self.store, self.family, self.clock)

    @cached_property
    def cards(self) -> CardService:
        """The library of connection games: `services.cards.find(...)`, `.mark(...)`."""
        # Made on first use: commands that never need cards do not load the card schema.
        from companion.services.cards import CardService

        return CardService(self.store)

    @cached_property
    def picks(self) -> PickService:
        """Today's connection game and the home session: `services.picks.for_today(...)`."""
        from companion.services.picks import PickService

        return PickService(self.cards, self.reflections, self.family, self.today)

    @cached_property
    def briefs(self) -> BriefService:
        """Appointments and the session brief: `services.briefs.build(...)`."""
        from companion.services.briefs import BriefService

        return BriefService(
            self.store, self.family, self.reflections, self.routines, self.cards, self.clock
        )

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

    def add_relative(self, name: str) -> Relative:
        cleaned = clean_name(name, "relative")
        _refuse_twice(cleaned, self.family().relatives)
        relative = Relative(name=cleaned)
        self.family_repo.add_relative(relative)
        return relative

    def remove_relative(self, name: str) -> Relative:
        relative = self.family().relative_named(name)
        self.family_repo.remove_relative(relative)
        return relative

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
        activities: tuple[str, ...] = (),
        enjoyed: tuple[str, ...] = (),
    ) -> Reflection:
        """A quick reflection; `activities` are the ids of the cards played, `enjoyed` those
        the child enjoyed."""
        draft = ReflectionDraft(
            text=text,
            children=children,
            by=by,
            tags=tags,
            for_therapist=for_therapist,
            activities=activities,
            enjoyed=enjoyed,
        )
        return self.save_reflection(draft)

    def save_reflection(
        self, draft: ReflectionDraft, *, editing: Reflection | None = None
    ) -> Reflection:
        """Check everything first, then save; returns only once the save is on disk.

        Editing keeps the reflection's id and when it was first written, and notes the edit."""
        reflection = self._checked(draft, editing)
        if editing is None:
            self.reflections.add(reflection)
        else:
            self.reflections.replace(editing, reflection)
        return reflection

    def _checked(self, draft: ReflectionDraft, editing: Reflection | None) -> Reflection:
        from companion.domain import reflection as rules

        written = draft.written()
        family = self.family()
        child_ids = tuple(family.child_named(name).id for name in draft.children)
        if not child_ids and editing is None and len(family.children) == 1:
            child_ids = (family.children[0].id,)
        author = family.caregiver_named(draft.by).id if draft.by else None
        if editing is not None and draft.activities == editing.activities:
            played = editing.activities  # kept as they were, even if a card has gone since
            liked = tuple(a for a in played if a in draft.enjoyed)
        elif draft.activities:
            from companion.services.cards import card_in

            library = self.cards.all()
            played = tuple(card_in(library, a).id for a in draft.activities)
            liked = tuple(a for a in played if a in {e.strip().casefold() for e in draft.enjoyed})
        else:
            played, liked = (), ()
        now = self.clock().replace(microsecond=0)  # kept to the second, as it is stored
        day = draft.day or (editing.day if editing else now.date())
        if day > now.date():
            raise CompanionError(f"{day} is still to come; a reflection is about a day so far.")
        return Reflection(
            id=editing.id if editing else new_id(),
            text=written["text"],
            day=day,
            written_at=editing.written_at if editing else now,
            edited_at=now if editing else None,
            children=child_ids,
            by=author,
            tags=clean_tags(draft.tags),
            for_therapist=draft.for_therapist,
            activities=played,
            enjoyed=liked,
            routine=self.routines.named(draft.routine).id if draft.routine else None,
            engagement=rules.engagement(draft.engagement),
            before=rules.child_state(draft.before, "how your child was before"),
            after=rules.child_state(draft.after, "how your child was after"),
            feeling=rules.caregiver_feeling(draft.feeling),
            noticed_child=written["noticed_child"],
            noticed_self=written["noticed_self"],
            rupture=written["rupture"],
            repair=written["repair"],
            questions=written["questions"],
        )

    def delete_reflection(self, reflection: Reflection) -> Reflection:
        """Delete one; hand it back, so the screen can offer to undo."""
        self.reflections.remove(reflection)
        return reflection

    def undo_delete_reflection(self, reflection: Reflection) -> None:
        self.reflections.bring_back(reflection)

    def find_reflections(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        tag: str | None = None,
        child: str | None = None,
        for_therapist_only: bool = False,
        by: str | None = None,
    ) -> list[Reflection]:
        family = self.family()
        child_id = family.child_named(child).id if child else None
        query = ReflectionQuery.build(
            by=family.caregiver_named(by).id if by else None,
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
        return self.settings.load().theme or "textual-dark"

    def set_theme(self, theme: str) -> None:
        self.settings.update(theme=theme)

    # -- care of the data ----------------------------------------------------------------

    def checkup(self) -> Checkup:
        from companion.store import doctor

        return doctor.check(self.store)

    def restore(self, backup_name: str) -> Restored:
        return self.store.restore(backup_name, self.clock())

    def bring_files_up_to_date(self) -> list[Path]:
        return self.store.migrate_all()


def _refuse_twice(
    name: str, people: tuple[Caregiver, ...] | tuple[Child, ...] | tuple[Relative, ...]
) -> None:
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
