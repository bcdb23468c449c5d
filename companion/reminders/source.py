"""What the reminders need of the routines, and no more: the routines service has all of it,
and the reminders never import the services (they sit below them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from companion.domain.routine import Missed, Occurrence, Routine


class RoutineSource(Protocol):
    clock: Callable[[], datetime]  # the family's local, naive clock

    def all(self) -> list[Routine]: ...

    def occurrences(self, first: date, last: date) -> list[Occurrence]: ...

    def announced(self) -> set[str]: ...

    def announce_once(self, occurrence: Occurrence, by: str) -> bool: ...

    def missed(self) -> list[Missed]: ...

    def caregiver_names(self) -> dict[str, str]: ...

    @property
    def routines_file(self) -> Path: ...
