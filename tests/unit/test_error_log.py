"""An error nobody foresaw: the family reads one sentence, and the traceback is kept in the data
folder (for this user only) for a bug report; --debug prints it too."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from companion.services import Services
from companion.store import error_log
from tests.conftest import CliRunner


@pytest.fixture
def broken_brief(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the printer caught fire")

    monkeypatch.setattr("companion.services.briefs.BriefService.build", boom)


def test_an_unexpected_error_is_one_sentence_and_its_traceback_is_kept(
    cli: CliRunner, family_services: Services, data_dir: Path, broken_brief: None
) -> None:
    code, out, err = cli("brief")
    log = data_dir / error_log.ERROR_LOG
    assert code == 1 and out == ""
    assert err == (
        "companion ran into something unexpected (RuntimeError: the printer caught fire); your "
        "saved entries are safe: please try again, and if it happens again run `companion "
        f"doctor` (the details are in {log}, for a bug report).\n"
    )
    kept = log.read_text()
    assert kept.startswith("--- ") and "· companion " in kept.splitlines()[0]
    assert "Traceback (most recent call last)" in kept
    assert kept.rstrip().endswith("RuntimeError: the printer caught fire")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    # A second error is added below the first.
    cli("brief")
    assert log.read_text().count("RuntimeError: the printer caught fire") == 2


@pytest.mark.parametrize("how", ["--debug", "COMPANION_DEBUG"])
def test_debug_prints_the_traceback_as_well(
    cli: CliRunner,
    family_services: Services,
    broken_brief: None,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    if how == "COMPANION_DEBUG":
        monkeypatch.setenv("COMPANION_DEBUG", "1")
        code, _, err = cli("brief")
    else:
        code, _, err = cli("--debug", "brief")
    assert code == 1
    assert "Traceback (most recent call last)" in err
    assert err.rstrip().endswith("for a bug report).")


def test_without_debug_no_traceback_reaches_the_family(
    cli: CliRunner, family_services: Services, broken_brief: None
) -> None:
    _, _, err = cli("brief")
    assert "Traceback" not in err and len(err.splitlines()) == 1


def test_a_log_that_cannot_be_written_still_leaves_one_sentence(
    cli: CliRunner, family_services: Services, data_dir: Path, broken_brief: None
) -> None:
    (data_dir / error_log.ERROR_LOG).mkdir()  # in the way: the log cannot be written
    code, _, err = cli("brief")
    assert code == 1
    assert err.endswith("run `companion doctor`.\n")


def test_the_log_keeps_its_newest_entries_when_it_grows(tmp_path: Path) -> None:
    long_words = "x" * 500
    for number in range(1000):  # half a megabyte written in all
        error_log.keep(ValueError(f"problem {number} {long_words}"), tmp_path)
    kept = (tmp_path / error_log.ERROR_LOG).read_text()
    assert len(kept.encode()) <= error_log.MAX_BYTES + 1000
    assert kept.startswith("--- ")
    assert "ValueError: problem 999 " in kept and "ValueError: problem 0 " not in kept
