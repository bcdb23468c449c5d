"""Appointments and the session brief: what the interfaces call to prepare for the next one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from companion.domain.appointment import (
    MAX_NOTE,
    Appointment,
    default_span,
    last_before,
    next_from,
)
from companion.domain.dates import parse_date
from companion.domain.errors import CompanionError
from companion.domain.family import Family
from companion.domain.reflection import ReflectionQuery
from companion.services.cards import CardService
from companion.services.routines import RoutineService
from companion.store.appointment_repository import AppointmentRepository
from companion.store.datastore import DataStore
from companion.store.repositories import ReflectionRepository

if TYPE_CHECKING:
    from companion.domain.brief import Brief

BriefFormat = Literal["md", "html", "pdf"]
BRIEF_FORMATS: tuple[BriefFormat, ...] = ("md", "html", "pdf")


class BriefService:
    def __init__(
        self,
        store: DataStore,
        family: Callable[[], Family],
        reflections: ReflectionRepository,
        routines: RoutineService,
        cards: CardService,
        clock: Callable[[], datetime],
    ) -> None:
        self.repo = AppointmentRepository(store)
        self.family = family
        self.reflections = reflections
        self.routines = routines
        self.cards = cards
        self.clock = clock

    def today(self) -> date:
        return self.clock().date()

    def _parse_day(self, text: str, what: str = "date") -> date:
        return parse_date(text, today=self.today(), what=what)

    # -- appointments ------------------------------------------------------------------------

    def appointments(self) -> list[Appointment]:
        return self.repo.load()

    def add_appointment(self, day: str, note: str = "") -> Appointment:
        when = self._parse_day(day)
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise CompanionError(
                f"That note is longer than {MAX_NOTE} characters; please shorten it."
            )
        for existing in self.appointments():
            if existing.day == when:
                raise CompanionError(
                    f"There is already an appointment on {when:%a %d %b %Y}; "
                    "one a day is enough for the brief."
                )
        appointment = Appointment(day=when, note=note)
        self.repo.save(appointment)
        return appointment

    def remove_appointment(self, appointment: Appointment) -> Appointment:
        """Remove one; hand it back, so the screen can offer to undo."""
        self.repo.remove(appointment)
        return appointment

    def undo_remove_appointment(self, appointment: Appointment) -> None:
        self.repo.save(appointment)

    def next_appointment(self) -> Appointment | None:
        return next_from(self.appointments(), self.today())

    def offer_to_prepare(self) -> Appointment | None:
        """The appointment to prepare the brief for: one tomorrow (or today)."""
        coming = self.next_appointment()
        return coming if self.time_to_prepare(coming) else None

    def time_to_prepare(self, coming: Appointment | None) -> bool:
        """Whether the next appointment is close enough to offer the brief: the day before."""
        tomorrow = self.today() + timedelta(days=1)
        return coming is not None and coming.day <= tomorrow

    # -- the brief ----------------------------------------------------------------------------

    def span(self, since: str | None = None, until: str | None = None) -> tuple[date, date]:
        """The days the brief covers; by default since the last appointment until today."""
        today = self.today()
        last = self._parse_day(until, "--until date") if until else today
        # With only an end, the brief starts from the last appointment before that end.
        first = default_span(self.appointments(), min(last, today))[0]
        if since:
            first = self._parse_day(since, "--since date")
        if last > today:
            raise CompanionError(
                f"The brief can run up to today ({today}), not {last}; choose an earlier end."
            )
        if first > last:
            raise CompanionError(
                f"The brief would start ({first}) after it ends ({last}); swap the dates."
            )
        return first, last

    def build(self, since: date, until: date, *, redact: bool = False) -> Brief:
        from companion.domain.brief_builder import build_brief

        family, today = self.family(), self.today()
        appointments = self.appointments()
        reflections = self.reflections.find(ReflectionQuery.build(since=since, until=until))
        routines = self.routines
        brief = build_brief(
            family=family,
            reflections=reflections,
            cards=self.cards.all(),
            routines=routines.all(),
            checkoffs=routines.checked_off(since, until),
            changes=routines.changes(),
            since=since,
            until=until,
            made_on=today,
            # An appointment today is the next one, not the last.
            last_appointment=_day(last_before(appointments, min(until + timedelta(days=1), today))),
            next_appointment=_day(next_from(appointments, today)),
        )
        if redact:
            from companion.domain.redaction import redact as redact_names

            brief = redact_names(brief, family)
        return brief

    @staticmethod
    def render(brief: Brief, form: BriefFormat) -> bytes:
        """The brief as the bytes of a file in that format (UTF-8 for text)."""
        if form == "md":
            from companion.reports.markdown import render_markdown

            return render_markdown(brief).encode()
        if form == "html":
            from companion.reports.html import render_html

            return render_html(brief).encode()
        from companion.reports.pdf import render_pdf

        return render_pdf(brief)

    @staticmethod
    def write(content: bytes, path: Path) -> Path:
        """Write a brief readable only by its owner (it is about a child's mental health),
        all at once, so a full disk leaves no half file behind."""
        path = path.expanduser()
        folder = path.parent if str(path.parent) else Path(".")
        try:
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".brief-", suffix=".tmp")
        except OSError as error:
            raise CompanionError(
                f"I could not write the brief in {folder} ({error.strerror}); "
                "choose another folder."
            ) from None
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise CompanionError(
                f"I could not write the brief to {path} ({error.strerror}); "
                "free some space or choose another place, and try again."
            ) from None
        return path


def default_file_name(since: date, until: date, form: BriefFormat) -> str:
    return f"session-brief-{since.isoformat()}-to-{until.isoformat()}.{form}"


def _day(appointment: Appointment | None) -> date | None:
    return appointment.day if appointment else None
