"""Damaged files, a full disk, a folder that cannot be written: one sentence, exit 1, and
nothing written over. The command line runs as a person runs it, in its own process."""

from __future__ import annotations

import errno
import json
import os
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from companion.cli import run
from companion.domain.errors import CompanionError
from companion.domain.reflection import Reflection
from companion.services import Services
from companion.store import files
from tests.conftest import Clock
from tests.store.helpers import (
    data_bytes,
    folder_bytes,
    one_sentence,
    run_companion,
    temp_files,
    use_clock,
)

TODAY = date.today()  # the command line in its own process runs on the real clock
YEAR_FILE = f"reflections/{TODAY.year}.json"


def two_earlier_days() -> tuple[date, date]:
    """Two days other than today, in today's year (so their entries share today's file)."""
    if (TODAY - timedelta(days=2)).year == TODAY.year:
        return TODAY - timedelta(days=2), TODAY - timedelta(days=1)
    return TODAY + timedelta(days=1), TODAY + timedelta(days=2)


def family_with_history(data_dir: Path, *, with_backup: bool) -> None:
    """A family with three reflections in this year's file.

    with_backup: the entries are written over two days, so the second day's backup holds a
    good copy of both files; otherwise all on one day, and the only backup (taken by the
    day's second change) holds just the family."""
    first, second = two_earlier_days()
    clock = Clock(datetime.combine(first, datetime.min.time()) + timedelta(hours=19))
    services = Services(data_dir, clock=clock)
    services.add_caregiver("Sam")
    services.add_child("Mia", "2019-05-02")
    services.add_reflection("Pillow fort after school")
    services.add_reflection("Bedtime went smoothly", tags=("bedtime",))
    if with_backup:
        clock.now += second - first
    services.add_reflection("A hard morning", for_therapist=True)


def truncated(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def garbage(_: bytes) -> bytes:
    return random.Random(7).randbytes(300)


def edited(field: str, value: object) -> Callable[[bytes], bytes]:
    def edit(raw: bytes) -> bytes:
        document = json.loads(raw)
        first = next(iter(document["tables"]["reflections"].values()))
        first[field] = value
        return json.dumps(document, indent=2).encode()

    return edit


def family_as_a_list(raw: bytes) -> bytes:
    document = json.loads(raw)
    people = [*document["tables"]["caregivers"].values(), *document["tables"]["children"].values()]
    return json.dumps(people).encode()


DAMAGE = [
    pytest.param(YEAR_FILE, truncated, "it is not complete, readable JSON", id="truncated"),
    pytest.param(YEAR_FILE, garbage, "it is not complete, readable JSON", id="random-bytes"),
    pytest.param(
        YEAR_FILE,
        edited("text", 42),
        'in reflections, "text" should be text, not a whole number',
        id="text-is-a-number",
    ),
    pytest.param(
        YEAR_FILE,
        edited("day", "not a date"),
        'in reflections, "day" should be a date like 2026-03-14',
        id="day-is-not-a-date",
    ),
    pytest.param(
        YEAR_FILE,
        edited("engagement", 9),
        'in reflections, "engagement" should be at most 5',
        id="engagement-out-of-range",
    ),
    pytest.param(
        YEAR_FILE,
        edited("feeling", "grumpy"),
        "in reflections, \"feeling\" cannot be 'grumpy'",
        id="feeling-not-a-known-word",
    ),
    pytest.param(
        YEAR_FILE,
        edited("therapist", "yes"),
        'in reflections, "therapist" should be true or false, not text',
        id="flag-is-text",
    ),
    pytest.param(
        "family.json", family_as_a_list, "it is not a companion family file", id="family-is-a-list"
    ),
]


@pytest.mark.parametrize("with_backup", [True, False], ids=["backup", "no-backup"])
@pytest.mark.parametrize(("damaged_file", "damage", "reason"), DAMAGE)
def test_a_damaged_file_stops_reads_and_writes_with_one_sentence(
    data_dir: Path,
    damaged_file: str,
    damage: Callable[[bytes], bytes],
    reason: str,
    with_backup: bool,
) -> None:
    family_with_history(data_dir, with_backup=with_backup)
    path = data_dir / damaged_file
    path.write_bytes(damage(path.read_bytes()))
    data_before = data_bytes(data_dir)
    backups_before = {k: v for k, v in folder_bytes(data_dir).items() if k.startswith("backups/")}

    for command in (("log", "add", "Snack and a story"), ("log", "list")):
        result = run_companion(data_dir, *command)
        assert result.returncode == 1, command
        assert result.stdout == ""
        assert one_sentence(result.stderr), result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert result.stderr.startswith(f"The data file {path} cannot be used ({reason}")
        assert "nothing was changed" in result.stderr
        if with_backup or damaged_file == "family.json":
            # family.json has a good copy either way: the day's second change backed it up.
            good = two_earlier_days()[1 if with_backup else 0]
            assert f"`companion restore {good.isoformat()}` brings back" in result.stderr
        else:
            assert "there is no good backup of it yet" in result.stderr

        # The damaged file and every other data file are as they were; no backup was lost.
        assert data_bytes(data_dir) == data_before
        after = folder_bytes(data_dir)
        assert {k: after.get(k) for k in backups_before} == backups_before
        assert temp_files(data_dir) == []


def test_a_record_that_would_not_read_back_is_never_written(data_dir: Path, clock: Clock) -> None:
    # The services check what people type; this is the store's own last line, for a bug.
    services = Services(data_dir, clock=clock)
    services.add_caregiver("Sam")
    services.add_reflection("Before the trouble")  # today's backup is taken here
    before = folder_bytes(data_dir)
    spoiled = Reflection("Never saved", clock.now.date(), clock.now, engagement=9)

    with pytest.raises(CompanionError) as refused:
        services.reflections.add(spoiled)

    assert refused.value.message == (
        f"That change cannot be saved in {clock.now.year}.json (in reflections, "
        '"engagement" should be at most 5); nothing was changed.'
    )
    assert folder_bytes(data_dir) == before
    assert [r.text for r in services.find_reflections()] == ["Before the trouble"]


def test_the_restore_the_message_names_brings_the_entries_back(data_dir: Path) -> None:
    family_with_history(data_dir, with_backup=True)
    path = data_dir / YEAR_FILE
    damaged = truncated(path.read_bytes())
    path.write_bytes(damaged)
    advice = run_companion(data_dir, "log", "list").stderr
    backup_name = advice.split("`companion restore ")[1].split("`")[0]

    restored = run_companion(data_dir, "restore", backup_name)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restored the files from the backup {backup_name}.\n")

    listed = run_companion(data_dir, "log", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    texts = [r["text"] for r in json.loads(listed.stdout)["reflections"]]
    # The backup was taken before the second day's first change: the first day's entries.
    assert texts == ["Pillow fort after school", "Bedtime went smoothly"]
    # The damaged file is not thrown away: the safety backup keeps it.
    safety = restored.stdout.split("kept in the backup ")[1].rstrip(".\n")
    assert (data_dir / "backups" / safety / YEAR_FILE).read_bytes() == damaged


# -- a full disk, a read-only folder ------------------------------------------------------


def failing_saves(monkeypatch: pytest.MonkeyPatch, code: int, *, on: str) -> None:
    """Make saving fail like the disk would: on opening the temp file, or on writing to it."""
    real_open, real_write, real_close = os.open, os.write, os.close
    temp_descriptors: set[int] = set()

    def fake_open(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        is_temp = os.fspath(path).endswith(files.TEMP_SUFFIX)
        if is_temp and on == "open":
            raise OSError(code, os.strerror(code), os.fspath(path))
        descriptor = real_open(path, flags, *args, **kwargs)
        if is_temp:
            temp_descriptors.add(descriptor)
        return descriptor

    def fake_write(descriptor: int, data: bytes | memoryview) -> int:
        if descriptor in temp_descriptors:
            raise OSError(code, os.strerror(code))
        return real_write(descriptor, data)

    def fake_close(descriptor: int) -> None:
        temp_descriptors.discard(descriptor)
        real_close(descriptor)

    monkeypatch.setattr("companion.store.files.os.open", fake_open)
    monkeypatch.setattr("companion.store.files.os.write", fake_write)
    monkeypatch.setattr("companion.store.files.os.close", fake_close)


FAILURES = [
    pytest.param(
        errno.ENOSPC, "write", "The disk is full, so nothing was saved to ", id="disk-full"
    ),
    pytest.param(errno.EDQUOT, "write", "The disk is full, so nothing was saved to ", id="quota"),
    pytest.param(errno.EROFS, "open", "I am not allowed to write in ", id="read-only"),
    pytest.param(errno.EACCES, "open", "I am not allowed to write in ", id="no-permission"),
]


@pytest.mark.parametrize(("code", "on", "message_start"), FAILURES)
def test_a_save_the_disk_refuses_changes_nothing(
    data_dir: Path,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    on: str,
    message_start: str,
) -> None:
    use_clock(monkeypatch, clock)
    services = Services(data_dir, clock=clock)
    services.add_caregiver("Sam")
    services.add_child("Mia", "2019-05-02")  # today's backup is taken here
    services.add_reflection("Before the trouble")
    before = folder_bytes(data_dir)

    with pytest.MonkeyPatch.context() as broken_disk:
        failing_saves(broken_disk, code, on=on)
        result = run(["--data-dir", str(data_dir), "log", "add", "x"])
    out, err = capsys.readouterr()
    assert (result, out) == (1, "")
    assert one_sentence(err), err
    assert err.startswith(message_start)
    if on == "open":
        assert err.startswith(f"I am not allowed to write in {data_dir / 'reflections'}, ")
    else:
        assert (
            f"{clock.now.year}.json; free some space and try again (your earlier entries are safe)"
            in err
        )
    assert folder_bytes(data_dir) == before
    assert temp_files(data_dir) == []

    # Once there is room again, the next save works and the earlier entry is still there.
    assert run(["--data-dir", str(data_dir), "log", "add", "After the trouble"]) == 0
    capsys.readouterr()
    texts = [r.text for r in Services(data_dir).find_reflections()]
    assert texts == ["Before the trouble", "After the trouble"]


def test_a_full_disk_during_the_days_backup_changes_nothing(
    data_dir: Path,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_clock(monkeypatch, clock)
    yesterday = Clock(clock.now - timedelta(days=1))
    services = Services(data_dir, clock=yesterday)
    services.add_caregiver("Sam")
    services.add_child("Mia", "2019-05-02")
    services.add_reflection("Before the trouble")
    data_before = data_bytes(data_dir)

    with pytest.MonkeyPatch.context() as full_disk:
        failing_saves(full_disk, errno.ENOSPC, on="write")
        result = run(["--data-dir", str(data_dir), "log", "add", "x"])
    out, err = capsys.readouterr()
    assert (result, out) == (1, "")
    assert one_sentence(err), err
    assert err.startswith("The disk is full, so nothing was saved")
    assert data_bytes(data_dir) == data_before
    assert temp_files(data_dir) == []
    assert not (data_dir / "backups" / clock.now.date().isoformat()).exists()

    assert run(["--data-dir", str(data_dir), "log", "add", "After the trouble"]) == 0
    capsys.readouterr()
    today_backup = data_dir / "backups" / clock.now.date().isoformat()
    assert data_bytes(today_backup) == data_before
    assert list((data_dir / "backups").glob(".*")) == []


def test_a_damaged_file_for_weeks_never_pushes_the_good_backups_out(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every day for three weeks someone tries: the app opening (migrate_all), a reflection,
    # a new caregiver in the (still good) family file. No day's backup may hold the damage
    # and crowd the good copies out.
    clock = Clock(datetime(2026, 3, 1, 19, 0))
    use_clock(monkeypatch, clock)
    services = Services(data_dir, clock=clock)
    services.add_caregiver("Sam")
    services.add_child("Mia", "2019-05-02")
    services.add_reflection("Pillow fort after school")
    clock.now += timedelta(days=1)
    services.add_reflection("Bedtime went smoothly")
    year_file = data_dir / "reflections" / "2026.json"
    year_file.write_bytes(truncated(year_file.read_bytes()))
    good_backups = [b.name for b in services.store.backups.all()]
    assert good_backups == ["2026-03-02", "2026-03-01"]

    for n in range(21):
        clock.now += timedelta(days=1)
        with pytest.raises(CompanionError):
            Services(data_dir, clock=clock).store.migrate_all()
        assert run(["--data-dir", str(data_dir), "log", "add", f"Try {n}"]) == 1
        assert run(["--data-dir", str(data_dir), "family", "add-caregiver", f"Helper {n}"]) == 0
    capsys.readouterr()

    assert [b.name for b in services.store.backups.all()] == good_backups
    code = run(["--data-dir", str(data_dir), "log", "list"])
    _, err = capsys.readouterr()
    assert code == 1
    assert "`companion restore 2026-03-02` brings back the copy from that backup" in err


def test_a_read_only_disk_is_one_sentence_even_for_the_lock(
    data_dir: Path,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_clock(monkeypatch, clock)
    Services(data_dir, clock=clock).add_caregiver("Sam")
    before = folder_bytes(data_dir)
    (data_dir / ".lock").unlink()  # as on a disk that was mounted read-only since
    real_open = os.open

    def read_only_open(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only_open)
    code = run(["--data-dir", str(data_dir), "family", "add-caregiver", "Alex"])
    out, err = capsys.readouterr()

    assert (code, out) == (1, "")
    assert one_sentence(err), err
    assert err.startswith(f"I am not allowed to write in {data_dir}, so nothing was saved; ")
    assert folder_bytes(data_dir) == before
