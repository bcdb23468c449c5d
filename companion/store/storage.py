"""Reading and writing one data file, and the TinyDB Storage built on that.

A file of the current schema is read in one pass: msgspec decodes the envelope, checks every
record against its type and builds the domain objects. Anything else (an older schema, or a
file with a problem) takes the slow way, which migrates what can be migrated and otherwise
says exactly what is wrong. Whatever is written is checked against the same types first, so a
record that would not read back never reaches the disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import msgspec
from tinydb.storages import Storage

from companion.store.files import atomic_write
from companion.store.migrations import Tables
from companion.store.problems import explain
from companion.store.schema import FileKind

ENVELOPE_KEY = "companion"
T = TypeVar("T", bound=msgspec.Struct)
_encoder = msgspec.json.Encoder()


class UnreadableFile(Exception):
    """A data file that does not parse or does not hold what it should. Never written over."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NewerFile(UnreadableFile):
    """A file written by a newer companion than this one."""


class UnsavableRecord(Exception):
    """A change that would leave a record the file could not read back; nothing is saved."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_file(path: Path, kind: FileKind[T]) -> tuple[T, bool]:
    """One file's tables as domain objects, checked and migrated in memory, and whether it
    was migrated. A missing file is an empty one; anything else that is not a good file raises
    UnreadableFile, so no caller can write over it by accident."""
    raw = _bytes_of(path)
    if raw is None:
        return kind.tables(), False
    return decode_file(path, raw, kind)


def decode_file(path: Path, raw: bytes, kind: FileKind[T]) -> tuple[T, bool]:
    try:
        tables: T = kind.decoder.decode(raw).tables
        return tables, False
    except msgspec.DecodeError:  # an older schema, or a problem to put in words
        plain, migrated = _plain_tables(path, raw, kind)
        return _checked(path, plain, kind), migrated


def read_plain_tables(path: Path, kind: FileKind[Any]) -> tuple[Tables, bool]:
    """One file's tables as JSON has them (what TinyDB works on), checked and migrated."""
    raw = _bytes_of(path)
    if raw is None:
        return {}, False
    tables, migrated = _plain_tables(path, raw, kind)
    _checked(path, tables, kind)
    return tables, migrated


def encode_tables(path: Path, tables: Tables, kind: FileKind[Any]) -> bytes:
    """The file's bytes, once every record has been checked to read back as it should."""
    try:
        msgspec.convert(tables, kind.tables)
    except msgspec.ValidationError as error:
        raise UnsavableRecord(path, explain(error)) from None
    return _encoder.encode(
        {ENVELOPE_KEY: {"kind": kind.name, "schema": kind.schema}, "tables": tables}
    )


def save_tables(path: Path, tables: Tables, kind: FileKind[Any]) -> None:
    atomic_write(path, encode_tables(path, tables, kind))


def _bytes_of(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnreadableFile(path, f"it cannot be read ({error.strerror})") from None


def _plain_tables(path: Path, raw: bytes, kind: FileKind[Any]) -> tuple[Tables, bool]:
    """The envelope checked and the tables brought up to the current schema, not yet typed."""
    try:
        document = msgspec.json.decode(raw)
    except msgspec.DecodeError:
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
    if not isinstance(tables, dict):
        raise UnreadableFile(path, '"tables" should be an object')
    try:
        for step in range(version, kind.schema):
            tables = kind.migrations[step](tables)
    except (KeyError, TypeError, AttributeError, ValueError):
        raise UnreadableFile(path, f"it could not be brought up to schema {kind.schema}") from None
    return tables, version < kind.schema


def _checked(path: Path, tables: Tables, kind: FileKind[T]) -> T:
    try:
        return msgspec.convert(tables, kind.tables)
    except msgspec.ValidationError as error:
        raise UnreadableFile(path, explain(error)) from None


class DurableStorage(Storage):
    """TinyDB storage over one companion file, for the length of one transaction.

    The file is read and checked once, on TinyDB's first call (the transaction holds the
    lock, so it cannot change under us). TinyDB's writes change the tables in memory only;
    `save` writes the file once, atomically, when the transaction ends well, so an edit made
    of several TinyDB calls (remove, then insert) lands whole or not at all.
    """

    def __init__(self, path: Path, kind: FileKind[Any]) -> None:
        self.path = path
        self.kind = kind
        self._tables: Tables | None = None
        self.changed = False

    def read(self) -> Tables:
        if self._tables is None:
            self._tables, _ = read_plain_tables(self.path, self.kind)
        return self._tables

    def write(self, data: Tables) -> None:
        self._tables = data
        self.changed = True

    def save(self) -> None:
        """Write the file if TinyDB changed anything (an old file is written in today's schema)."""
        if self.changed and self._tables is not None:
            save_tables(self.path, self._tables, self.kind)
            self.changed = False
