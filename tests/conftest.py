"""Shared fixtures: a private data folder per test and a clock that stands still.

`python -m pytest --today 2028-02-29` runs the suite with the machine's clock moved to that
day (at the time it is now, and ticking), to show that no test depends on the real date."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from companion.services import Services

NOW = datetime(2026, 11, 23, 19, 30)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="run as if the machine's clock said this day (YYYY-MM-DD)",
    )


@pytest.fixture(scope="session", autouse=True)
def _machine_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """The machine's clock, moved to --today when it is given (in this process: the tests
    that start another program see the real date, and build their data from it)."""
    day: date | None = request.config.getoption("--today")
    if day is None:
        yield
        return
    import time_machine

    moved = datetime.combine(day, datetime.now().time()).astimezone()
    with time_machine.travel(moved, tick=True):
        yield


class Clock:
    """A settable clock, so tests can move between days."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "family"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def services(data_dir: Path, clock: Clock) -> Services:
    return Services(data_dir, clock=clock)


@pytest.fixture
def family_services(services: Services) -> Services:
    """A family of two caregivers and two children."""
    services.add_caregiver("Sam")
    services.add_caregiver("Jordan")
    services.add_child("Mia", "2018-03-14", touch="light", focus=("nurture",))
    services.add_child("Leo", "2021-09-02")
    return services


@pytest.fixture(autouse=True)
def _no_stray_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A test that forgets --data-dir must never touch the real user's data.
    monkeypatch.setenv("COMPANION_HOME", str(tmp_path / "unset-home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


CliRunner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(data_dir: Path, clock: Clock, capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run the command line in-process on the test's folder: (exit code, stdout, stderr).

    The command reads the machine's clock, so each run is held at the test's `clock`: the
    same moment the test's own services see, whatever today's date really is.
    """
    import time_machine

    from companion.cli import run

    def invoke(*args: str) -> tuple[int, str, str]:
        # astimezone: the test's naive moment is local time, as the app reads it.
        with time_machine.travel(clock.now.astimezone(), tick=False):
            code = run(["--data-dir", str(data_dir), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke
