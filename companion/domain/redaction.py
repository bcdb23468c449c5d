"""Names replaced by initials, for a brief that leaves the house.

`redact` walks every field of a finished Brief, whatever its shape, so a field added later
cannot slip through. Text and names are compared folded: case, accents, full-width letters,
curly apostrophes and the way an accent is encoded make no difference, so "Zoe", "ZOË" and a
"Zoë" pasted from another machine are all caught. A name ends where letters end: "Mia's" and
"Mia2" are caught, "Miami" is not. A name of two words is caught whole ("Mary Jane" -> "M. J.")
and each of its words alone too (also the parts of "Anne-Marie"), since family members are
mostly called by first name.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
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
        self.tokens = tokens = _unique_tokens(people)
        # Whole names first, then runs of their words ("Mary Jane" of "Mary Jane Okafor"),
        # then single words; a word that is someone's whole name stays theirs.
        said: dict[str, str] = {}  # folded words -> the initials they become
        for person in people:
            said.setdefault(" ".join(_name_words(person)), tokens[person])
        for size in range(max((len(_name_words(p)) for p in people), default=0), 0, -1):
            for person in people:
                words = _name_words(person)
                for first in range(len(words) - size + 1):
                    said.setdefault(" ".join(words[first : first + size]), tokens[person])
        # Longest first, so "mary jane" is tried before "mary" at the same place.
        spoken = sorted(said, key=lambda words: (-len(words), words))
        self._replacement = {f"n{n}": said[words] for n, words in enumerate(spoken)}
        alternatives = "|".join(f"(?P<n{n}>{_pattern(words)})" for n, words in enumerate(spoken))
        self._pattern = (
            re.compile(rf"{_NOT_AFTER_A_LETTER}(?:{alternatives}){_NOT_BEFORE_A_LETTER}")
            if spoken
            else None
        )

    def text(self, text: str) -> str:
        if self._pattern is None:
            return text
        folded, origin = _fold(text)
        pieces: list[str] = []
        written_up_to = 0
        for match in self._pattern.finditer(folded):
            start, end = _original_span(match.start(), match.end(), origin, text)
            pieces += [text[written_up_to:start], self._replacement[match.lastgroup or ""]]
            written_up_to = end
        if not pieces:
            return text
        return "".join(pieces) + text[written_up_to:]


# A name's edges are where letters stop: digits, "_" and punctuation all end a name.
_NOT_AFTER_A_LETTER = r"(?<![^\W\d_])"
_NOT_BEFORE_A_LETTER = r"(?![^\W\d_])"
_ONE_APOSTROPHE = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc\uff07", "'"))


def _fold(text: str) -> tuple[str, list[int] | None]:
    """The text as names are matched, and the index in `text` of each folded character
    (None when they line up one to one, as in plain ASCII)."""
    if text.isascii():
        return text.lower(), None
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        part = _fold_char(char)
        folded.append(part)
        origin += [index] * len(part)
    return "".join(folded), origin


@cache
def _fold_char(char: str) -> str:
    """One character folded: casefolded, compatibility-decomposed (full-width "S" -> "s"), accents
    dropped ("ë" -> "e", a lone combining mark -> ""), one apostrophe, one dash."""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    kept = "".join(
        "-" if unicodedata.category(part) == "Pd" else part
        for part in decomposed
        if not unicodedata.combining(part)
    )
    return kept.translate(_ONE_APOSTROPHE)


def _original_span(start: int, end: int, origin: list[int] | None, text: str) -> tuple[int, int]:
    if origin is None:
        return start, end
    first, after = origin[start], origin[end - 1] + 1
    while after < len(text) and not _fold_char(text[after]):
        after += 1  # accents that belong to the name's last letter
    return first, after


def _name_words(name: str) -> list[str]:
    """A name's folded words: "Anne-Marie O'Neil" -> ["anne", "marie", "o'neil"]."""
    return [word for word in re.split(r"[\s-]+", _fold(name)[0]) if word]


def _pattern(words: str) -> str:
    """The pattern for folded words; they may be parted by spaces, a line break or a dash."""
    return r"[\s-]+".join(re.escape(word) for word in words.split())


def family_names(family: Family) -> list[str]:
    """Children first, then caregivers, then relatives: the order that numbers clashes."""
    return [
        *(child.name for child in family.children),
        *(caregiver.name for caregiver in family.caregivers),
        *(relative.name for relative in family.relatives),
    ]


def redact(brief: Brief, family: Family) -> Brief:
    """The same brief with every family name as initials."""
    redactor = Redactor(family_names(family))
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
