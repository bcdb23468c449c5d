"""The clock of the programs an end-to-end test starts: the machine's own, even while this
process's clock is moved (`pytest --today`), since time-machine moves this process only. A
test builds what the other program will read from this clock, so the two agree."""

from __future__ import annotations

from datetime import date, datetime

import time_machine


def outside_now() -> datetime:
    if time_machine.escape_hatch.is_travelling():
        return time_machine.escape_hatch.datetime.datetime.now()
    return datetime.now()


def outside_today() -> date:
    return outside_now().date()
