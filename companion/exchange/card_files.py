"""Activity cards as TOML files: the shipped library, checking files, export and import.

A card file holds one card (the format in `activities/README.md`). Checking reports every
problem as `file: field: what is wrong`, so a writer can fix a card in one go.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.domain.activity import Activity, card_problems, parse_card
from companion.domain.errors import CompanionError
from companion.domain.safety import card_concerns

SUFFIX = ".toml"


def shipped_folder() -> Path:
    """Where the shipped cards are: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).parents[1]  # companion/, with the cards beside its modules
    installed = package / "activities"
    return installed if installed.is_dir() else package.parent / "activities"


def card_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(f"*{SUFFIX}") if not p.name.startswith("."))


def fingerprint(folder: Path) -> str:
    """A cheap token that changes when any card file does (names, sizes, times): checked on
    every start, so a new version of the package brings its changed cards in."""
    parts = []
    for path in card_paths(folder):
        info = path.stat()
        parts.append(f"{path.relative_to(folder)}:{info.st_size}:{info.st_mtime_ns}")
    return f"{zlib.crc32(chr(0).join(parts).encode()):08x}-{len(parts)}"


@dataclass(frozen=True)
class CheckedFile:
    path: Path
    card: Activity | None
    problems: tuple[str, ...]  # each "file: field: what is wrong"


def check_file(path: Path) -> CheckedFile:
    """Read one card file and say everything that is wrong with it."""
    import tomllib  # only reading card files needs it

    def problem(field: str, what: str) -> CheckedFile:
        return CheckedFile(path, None, (f"{path}: {field}: {what}",))

    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return problem("file", "there is no such file")
    except IsADirectoryError:
        return problem("file", "this is a folder; give card files, or a folder to look inside")
    except UnicodeDecodeError:
        return problem("file", "this is not a text file")
    except OSError as error:
        return problem("file", f"it cannot be read ({error.strerror})")
    except tomllib.TOMLDecodeError as error:
        return problem("file", f"this is not readable TOML ({error})")
    problems = [f"{path}: {field}: {what}" for field, what in card_problems(document)]
    if problems:
        return CheckedFile(path, None, tuple(problems))
    card = parse_card(document)
    if path.stem != card.id:
        problems.append(f'{path}: id: the file should be named "{card.id}{SUFFIX}" after its id')
    problems.extend(f"{path}: {c.field}: {c.problem()}" for c in card_concerns(card))
    return CheckedFile(path, card if not problems else None, tuple(problems))


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders searched for card files."""
    for path in paths:
        if path.is_dir():
            found = card_paths(path)
            if not found:
                yield path  # reported as "no cards here" by the caller
            yield from found
        else:
            yield path


def check_paths(paths: Iterable[Path]) -> list[CheckedFile]:
    checked: list[CheckedFile] = []
    for path in expand(paths):
        if path.is_dir():
            checked.append(CheckedFile(path, None, (f"{path}: file: no {SUFFIX} cards here",)))
        else:
            checked.append(check_file(path))
    return checked


def load_shipped(folder: Path) -> list[Activity]:
    """The shipped cards; a broken one is a packaging mistake, named in one sentence."""
    cards = []
    for checked in check_paths([folder]):
        if checked.card is None:
            raise CompanionError(
                f"A card that came with companion is damaged ({checked.problems[0]}); "
                "please reinstall companion."
            )
        cards.append(checked.card)
    return cards


def card_toml(card: Activity) -> str:
    """One card in the shipped format, fields in the documented order."""
    import msgspec
    import tomli_w

    record: dict[str, Any] = msgspec.to_builtins(card)
    return tomli_w.dumps(record, multiline_strings=False, indent=2)


def export_cards(cards: Iterable[Activity], folder: Path) -> list[Path]:
    """Write each card as <id>.toml in the folder; an existing file is replaced whole."""
    from companion.store.files import atomic_write, ensure_private_folder

    ensure_private_folder(folder)
    written = []
    for card in cards:
        target = folder / f"{card.id}{SUFFIX}"
        atomic_write(target, card_toml(card).encode("utf-8"))
        written.append(target)
    return written
