"""Reflections: what happened, in the caregiver's words, and finding them again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from companion.domain.errors import CompanionError
from companion.domain.ids import new_id
from companion.domain.records import FieldSpec

MAX_TEXT = 20_000

RECORD_FIELDS: dict[str, FieldSpec] = {
    "id": str,
    "day": str,
    "written_at": str,
    "text": str,
    "children": (str,),
    "tags": (str,),
    "therapist": bool,
}
# "activities": the cards played (the picker reads them); "enjoyed": those the child enjoyed.
OPTIONAL_FIELDS: dict[str, FieldSpec] = {"by": str, "activities": (str,), "enjoyed": (str,)}


@dataclass(frozen=True)
class Reflection:
    text: str
    day: date
    written_at: datetime
    children: tuple[str, ...] = ()
    by: str | None = None
    tags: tuple[str, ...] = ()
    for_therapist: bool = False
    id: str = field(default_factory=new_id)
    activities: tuple[str, ...] = ()
    enjoyed: tuple[str, ...] = ()

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "day": self.day.isoformat(),
            "written_at": self.written_at.isoformat(timespec="seconds"),
            "text": self.text,
            "children": list(self.children),
            "tags": list(self.tags),
            "therapist": self.for_therapist,
        }
        if self.by:
            record["by"] = self.by
        if self.activities:
            record["activities"] = list(self.activities)
            record["enjoyed"] = list(self.enjoyed)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Reflection:
        return cls(
            id=record["id"],
            day=date.fromisoformat(record["day"]),
            written_at=datetime.fromisoformat(record["written_at"]),
            text=record["text"],
            children=tuple(record["children"]),
            by=record.get("by"),
            tags=tuple(record["tags"]),
            for_therapist=record["therapist"],
            activities=tuple(record.get("activities", ())),
            enjoyed=tuple(record.get("enjoyed", ())),
        )


def clean_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise CompanionError("The reflection is empty; write a few words about how it went.")
    if len(cleaned) > MAX_TEXT:
        raise CompanionError(
            f"That reflection is longer than {MAX_TEXT:,} characters; please split it in two."
        )
    return cleaned


def clean_tags(tags: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tags are single lowercase words; "#bedtime" and "Bedtime" are the same tag."""
    cleaned: list[str] = []
    for tag in tags:
        for word in tag.replace(",", " ").split():
            word = word.lstrip("#").casefold()
            if word and word not in cleaned:
                cleaned.append(word)
    return tuple(cleaned)


@dataclass(frozen=True)
class ReflectionQuery:
    """Which reflections to show. Every condition given must hold."""

    since: date | None = None
    until: date | None = None
    words: tuple[str, ...] = ()
    tag: str | None = None
    child_id: str | None = None
    for_therapist_only: bool = False

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise CompanionError(
                f"--since ({self.since}) is after --until ({self.until}); swap them and try again."
            )

    @classmethod
    def build(
        cls,
        *,
        since: date | None = None,
        until: date | None = None,
        search: str | None = None,
        tag: str | None = None,
        child_id: str | None = None,
        for_therapist_only: bool = False,
    ) -> ReflectionQuery:
        tags = clean_tags([tag]) if tag else ()
        return cls(
            since=since,
            until=until,
            words=tuple(search.casefold().split()) if search else (),
            tag=tags[0] if tags else None,
            child_id=child_id,
            for_therapist_only=for_therapist_only,
        )

    def years(self, default_first: int, default_last: int) -> range:
        """The calendar years this query can touch: the store keeps one file per year."""
        first = self.since.year if self.since else default_first
        last = self.until.year if self.until else default_last
        return range(first, last + 1)

    def matches(self, reflection: Reflection) -> bool:
        if self.since and reflection.day < self.since:
            return False
        if self.until and reflection.day > self.until:
            return False
        if self.tag and self.tag not in reflection.tags:
            return False
        if self.child_id and self.child_id not in reflection.children:
            return False
        if self.for_therapist_only and not reflection.for_therapist:
            return False
        if self.words:
            haystack = " ".join((reflection.text, *reflection.tags)).casefold()
            return all(word in haystack for word in self.words)
        return True


def newest_first(reflections: list[Reflection]) -> list[Reflection]:
    return sorted(reflections, key=lambda r: (r.day, r.written_at), reverse=True)
