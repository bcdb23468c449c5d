"""Reading and writing one data file, and the TinyDB Storage built on that."""

from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from companion.store.files import atomic_write
from companion.store.schema import FileKind, Tables

ENVELOPE_KEY = "companion"


class UnreadableFile(Exception):
    """A data file that does not parse or does not hold what it should. Never written over."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NewerFile(UnreadableFile):
    """A file written by a newer companion than this one."""


def load_tables(path: Path, kind: FileKind) -> tuple[Tables, bool]:
    """Read, check and migrate one file. Returns its tables and whether it was migrated.

    A missing file is an empty one; anything else that is not a good file raises
    UnreadableFile, so no caller can write over it by accident.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, False
    except OSError as error:
        raise UnreadableFile(path, f"it cannot be read ({error.strerror})") from None
    return parse_tables(path, raw, kind)


def parse_tables(path: Path, raw: bytes, kind: FileKind) -> tuple[Tables, bool]:
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        reason = "it is empty" if not raw.strip() else "it is not complete, readable JSON"
        raise UnreadableFile(path, reason) from None
    header = document.get(ENVELOPE_KEY) if isinstance(document, dict) else None
    if not isinstance(header, dict) or header.get("kind") != kind.name:
        raise UnreadableFile(path, f"it is not a companion {kind.name} file")
    version = header.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UnreadableFile(path, "its schema version is missing or wrong")
    if version > kind.schema:
        raise NewerFile(path, f"it was written by a newer companion (schema {version})")
    tables = document.get("tables")
    migrated = False
    try:
        while version < kind.schema and isinstance(tables, dict):
            tables = kind.migrations[version](tables)
            version += 1
            migrated = True
    except (KeyError, TypeError, AttributeError, ValueError):
        raise UnreadableFile(path, f"it could not be brought up to schema {kind.schema}") from None
    problem = kind.problem(tables)
    if problem:
        raise UnreadableFile(path, problem)
    assert isinstance(tables, dict)
    return tables, migrated


def dump_tables(tables: Tables, kind: FileKind) -> bytes:
    envelope = {ENVELOPE_KEY: {"kind": kind.name, "schema": kind.schema}, "tables": tables}
    return orjson.dumps(envelope)


def save_tables(path: Path, tables: Tables, kind: FileKind) -> None:
    atomic_write(path, dump_tables(tables, kind))


class DurableStorage(Storage):
    """TinyDB storage over one companion file: checked on read, atomic on write.

    Open it only inside DataStore.transaction (which holds the lock), and use a new
    TinyDB instance per transaction so every read is fresh. Within that one transaction
    the file cannot change under us, so it is read and checked once, not on every call
    TinyDB makes (an insert reads twice).
    """

    def __init__(self, path: Path, kind: FileKind) -> None:
        self.path = path
        self.kind = kind
        self._tables: Tables | None = None

    def read(self) -> Tables | None:
        if self._tables is None:
            self._tables, _ = load_tables(self.path, self.kind)
        return self._tables or None

    def write(self, data: dict[str, Any]) -> None:
        self._tables = None  # if the save fails, the next read goes back to the file
        save_tables(self.path, data, self.kind)
        self._tables = data
