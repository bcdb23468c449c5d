"""Reflections: what happened, in the caregiver's words, and finding them again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from companion.domain.errors import CompanionError
from companion.domain.ids import new_id
from companion.domain.records import FieldSpec
from companion.domain.states import (
    CHILD_STATES,
    ENGAGEMENT_RANGE,
    FEELINGS,
    ChildState,
    Feeling,
)

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
# The rest belong to the full form; a quick reflection has none of them.
OPTIONAL_FIELDS: dict[str, FieldSpec] = {
    "by": str,
    "activities": (str,),
    "enjoyed": (str,),
    "routine": str,
    "engagement": int,
    "before": str,
    "after": str,
    "feeling": str,
    "noticed_child": str,
    "noticed_self": str,
    "rupture": str,
    "repair": str,
    "questions": str,
    "edited_at": str,
}
# The written parts of a full reflection, in the order the form and the brief show them.
QUESTIONS_LABEL = "Questions for our therapist"
WRITTEN_PARTS: tuple[tuple[str, str], ...] = (
    ("text", "What happened"),
    ("noticed_child", "What I noticed in my child"),
    ("noticed_self", "What I noticed in myself"),
    ("rupture", "A hard moment (rupture)"),
    ("repair", "How we reconnected (repair)"),
    ("questions", QUESTIONS_LABEL),
)
# Gentle ways to begin, offered by the full form.
PROMPTS: tuple[str, ...] = (
    "I wonder if...",
    "When my child got upset, I...",
    "I noticed my child...",
    "When I'm upset, I usually...",
    "I worry that...",
    "Something that went well was...",
)


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
    routine: str | None = None  # a routine's id, when the reflection is about one
    engagement: int | None = None  # 1-5, see states.ENGAGEMENT_WORDS
    before: ChildState | None = None
    after: ChildState | None = None
    feeling: Feeling | None = None  # the caregiver's own state
    noticed_child: str = ""
    noticed_self: str = ""
    rupture: str = ""
    repair: str = ""
    questions: str = ""  # one question a line, kept verbatim for the brief
    edited_at: datetime | None = None  # the last edit; written_at never changes

    @property
    def flagged(self) -> bool:
        """ "Discuss with our therapist"."""
        return self.for_therapist

    def written_parts(self) -> list[tuple[str, str]]:
        """(label, words) for every written part that has words, in the form's order."""
        return [
            (label, getattr(self, name)) for name, label in WRITTEN_PARTS if getattr(self, name)
        ]

    def question_lines(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

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
        for name in ("routine", "engagement", "before", "after", "feeling"):
            if getattr(self, name) is not None:
                record[name] = getattr(self, name)
        for name in ("noticed_child", "noticed_self", "rupture", "repair", "questions"):
            if getattr(self, name):
                record[name] = getattr(self, name)
        if self.edited_at is not None:
            record["edited_at"] = self.edited_at.isoformat(timespec="seconds")
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
            routine=record.get("routine"),
            engagement=_engagement(record.get("engagement")),
            before=_one_of(record.get("before"), CHILD_STATES, "before"),
            after=_one_of(record.get("after"), CHILD_STATES, "after"),
            feeling=_one_of(record.get("feeling"), FEELINGS, "feeling"),
            noticed_child=record.get("noticed_child", ""),
            noticed_self=record.get("noticed_self", ""),
            rupture=record.get("rupture", ""),
            repair=record.get("repair", ""),
            questions=record.get("questions", ""),
            edited_at=_moment(record.get("edited_at")),
        )


_Word = TypeVar("_Word", bound=str)


def _one_of(value: Any, allowed: tuple[_Word, ...], what: str) -> _Word | None:
    if value is None:
        return None
    for word in allowed:
        if value == word:
            return word
    raise ValueError(f'"{what}" should be one of {", ".join(allowed)}, not {value!r}')


def _engagement(value: Any) -> int | None:
    if value is not None and value not in ENGAGEMENT_RANGE:
        raise ValueError(f'"engagement" should be 1 to 5, not {value!r}')
    return value if value is None else int(value)


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


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
    by: str | None = None  # a caregiver's id

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
        by: str | None = None,
    ) -> ReflectionQuery:
        tags = clean_tags([tag]) if tag else ()
        return cls(
            since=since,
            until=until,
            words=tuple(search.casefold().split()) if search else (),
            tag=tags[0] if tags else None,
            child_id=child_id,
            for_therapist_only=for_therapist_only,
            by=by,
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
        if self.by and reflection.by != self.by:
            return False
        if self.words:
            haystack = searchable(reflection)
            return all(word in haystack for word in self.words)
        return True


def searchable(reflection: Reflection) -> str:
    """Every written word of a reflection and its tags, folded for searching."""
    parts = [words for _, words in reflection.written_parts()]
    return " ".join((*parts, *reflection.tags)).casefold()


def newest_first(reflections: list[Reflection]) -> list[Reflection]:
    return sorted(reflections, key=lambda r: (r.day, r.written_at), reverse=True)


@dataclass(frozen=True)
class ReflectionDraft:
    """What a form or a command hands over: people and routines by name, nothing checked
    yet. `Services.save_reflection` checks it and turns it into a Reflection."""

    text: str = ""  # what happened (a quick reflection is only this)
    children: tuple[str, ...] = ()  # names
    by: str | None = None  # a caregiver's name
    tags: tuple[str, ...] = ()
    for_therapist: bool = False
    activities: tuple[str, ...] = ()  # card ids
    enjoyed: tuple[str, ...] = ()  # card ids the child enjoyed
    routine: str | None = None  # a routine's name
    engagement: int | None = None
    before: str | None = None
    after: str | None = None
    feeling: str | None = None
    noticed_child: str = ""
    noticed_self: str = ""
    rupture: str = ""
    repair: str = ""
    questions: str = ""
    day: date | None = None  # None: today

    def written(self) -> dict[str, str]:
        """The written parts, trimmed and checked for length; at least one must have words."""
        parts = {name: getattr(self, name).strip() for name, _ in WRITTEN_PARTS}
        for name, label in WRITTEN_PARTS:
            if len(parts[name]) > MAX_TEXT:
                raise CompanionError(
                    f'"{label}" is longer than {MAX_TEXT:,} characters; please shorten it.'
                )
        if not any(parts.values()):
            raise CompanionError("The reflection is empty; write a few words about how it went.")
        return parts


def child_state(value: str | None, what: str) -> ChildState | None:
    return _checked_word(value, CHILD_STATES, what)


def caregiver_feeling(value: str | None) -> Feeling | None:
    return _checked_word(value, FEELINGS, "how you were")


def engagement(value: int | None) -> int | None:
    if value is not None and value not in ENGAGEMENT_RANGE:
        raise CompanionError(f"Engagement is 1 to 5, not {value}; choose one of 1 2 3 4 5.")
    return value


def _checked_word(value: str | None, allowed: tuple[_Word, ...], what: str) -> _Word | None:
    if value is None or not value.strip():
        return None
    try:
        return _one_of(value.strip().casefold(), allowed, what)
    except ValueError:
        raise CompanionError(
            f'"{value}" is not a word I know for {what}; choose one of: {", ".join(allowed)}.'
        ) from None
