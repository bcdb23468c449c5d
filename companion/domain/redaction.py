"""Names replaced by initials, for a brief that leaves the house.

`redact` walks every field of a finished Brief, whatever its shape, so a field added later
cannot slip through. Matching is by whole word and ignores case: "Mia", "MIA" and "Mia's"
are caught, "Miami" is not. A name of two words is caught whole ("Mary Jane" -> "M. J.")
and each of its words alone too, since family members are mostly called by first name.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any

from companion.domain.brief import Brief
from companion.domain.family import Family


def initials(name: str) -> str:
    """ "Mary Jane" -> "M. J."; "Anne-Marie" -> "A.-M."."""
    return " ".join(
        "-".join(f"{part[0].upper()}." for part in word.split("-") if part) for word in name.split()
    )


class Redactor:
    """Replaces the given names by initials in any text, with one compiled pattern."""

    def __init__(self, names: Iterable[str]) -> None:
        people = _distinct(names)
        self.tokens = _unique_tokens(people)
        # Whole names first, then their single words; a word that is someone's whole name
        # stays theirs.
        said: dict[str, tuple[str, str]] = {}  # folded words -> (as written, initials)
        for person in people:
            said.setdefault(person.casefold(), (person, self.tokens[person]))
        for person in people:
            for word in person.split():
                said.setdefault(word.casefold(), (word, self.tokens[person]))
        # Longest first, so "Mary Jane" is tried before "Mary" at the same place.
        spoken = [said[key] for key in sorted(said, key=lambda key: (-len(key), key))]
        self._replacement = {f"n{n}": token for n, (_, token) in enumerate(spoken)}
        alternatives = "|".join(f"(?P<n{n}>{_words(words)})" for n, (words, _) in enumerate(spoken))
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if spoken else None
        )

    def text(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(self._initials, text)

    def _initials(self, match: re.Match[str]) -> str:
        return self._replacement[match.lastgroup or ""]


def family_names(family: Family, extra_names: Iterable[str] = ()) -> list[str]:
    """Children first, then caregivers, then anyone else: the order that numbers clashes."""
    return [
        *(child.name for child in family.children),
        *(caregiver.name for caregiver in family.caregivers),
        *extra_names,
    ]


def redact(brief: Brief, family: Family, extra_names: Iterable[str] = ()) -> Brief:
    """The same brief with every family name (and each extra name) as initials."""
    redactor = Redactor(family_names(family, extra_names))
    redacted: Brief = _walk(brief, redactor)
    return dataclasses.replace(redacted, redacted=True)


def _walk(value: Any, redactor: Redactor) -> Any:
    if isinstance(value, str):
        return redactor.text(value)
    if isinstance(value, tuple | list):
        return type(value)(_walk(item, redactor) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: _walk(getattr(value, field.name), redactor)
            for field in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value  # dates, numbers, None: nothing to read


def _distinct(names: Iterable[str]) -> list[str]:
    """Names tidied (single spaces) and each kept once, whatever its case."""
    seen: dict[str, str] = {}
    for name in names:
        tidy = " ".join(name.split())
        if tidy:
            seen.setdefault(tidy.casefold(), tidy)
    return list(seen.values())


def _unique_tokens(people: list[str]) -> dict[str, str]:
    """Initials for each person; a clash gets a number: "M.", "M.2", "M.3"."""
    tokens: dict[str, str] = {}
    used: dict[str, int] = {}
    for person in people:
        plain = initials(person)
        used[plain] = used.get(plain, 0) + 1
        tokens[person] = plain if used[plain] == 1 else f"{plain}{used[plain]}"
    return tokens


def _words(name: str) -> str:
    """The pattern for a name; its words may be parted by any run of spaces or a line break."""
    return r"\s+".join(re.escape(word) for word in name.split())
