"""Therapy appointments: one small file, read where appointments are shown (Home, the brief),
so a quick `log add` never loads them."""

from __future__ import annotations

from tinydb import Query

from companion.domain.appointment import Appointment
from companion.store.datastore import DataStore, put
from companion.store.schema import APPOINTMENTS

APPOINTMENTS_FILE = "appointments.json"


class AppointmentRepository:
    def __init__(self, store: DataStore) -> None:
        self.store = store

    def load(self) -> list[Appointment]:
        found = self.store.read(APPOINTMENTS_FILE, APPOINTMENTS).appointments.values()
        return sorted(found, key=lambda a: a.day)

    def save(self, appointment: Appointment) -> None:
        """Add an appointment, or replace the one with its id."""
        with self.store.transaction(APPOINTMENTS_FILE, APPOINTMENTS) as database:
            put(database.table("appointments"), appointment, Query().id == appointment.id)

    def remove(self, appointment: Appointment) -> None:
        with self.store.transaction(APPOINTMENTS_FILE, APPOINTMENTS) as database:
            database.table("appointments").remove(Query().id == appointment.id)
