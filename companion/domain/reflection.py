"""Reflections: what happened, in the caregiver's words, and finding them again."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

import msgspec

from companion.domain.errors import CompanionError
from companion.domain.ids import new_id
from companion.domain.states import (
    CHILD_STATES,
    ENGAGEMENT_RANGE,
    FEELINGS,
    ChildState,
    Engagement,
    Feeling,
)

MAX_TEXT = 20_000

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


class Reflection(msgspec.Struct, frozen=True, omit_defaults=True):
    """What happened, in the caregiver's words: as it is used and as it is stored (a quick
    reflection keeps only what was given, so a year of them stays small)."""

    text: str
    day: date
    written_at: datetime
    children: tuple[str, ...] = ()
    by: str | None = None
    tags: tuple[str, ...] = ()
    for_therapist: bool = msgspec.field(default=False, name="therapist")
    id: str = msgspec.field(default_factory=new_id)
    activities: tuple[str, ...] = ()  # the cards played (the picker reads them)
    enjoyed: tuple[str, ...] = ()  # those of them the child enjoyed
    routine: str | None = None  # a routine's id, when the reflection is about one
    engagement: Engagement | None = None  # see states.ENGAGEMENT_WORDS
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
    def last_written(self) -> datetime:
        """When these words were last saved: of two copies, the later one is kept."""
        return self.edited_at or self.written_at

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


_Word = TypeVar("_Word", bound=str)


def _one_of(value: str, allowed: tuple[_Word, ...], what: str) -> _Word:
    for word in allowed:
        if value == word:
            return word
    raise ValueError(f'"{what}" should be one of {", ".join(allowed)}, not {value!r}')


def clean_tags(tags: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tags are single lowercase words; "#bedtime" and "Bedtime" are the same tag."""
    cleaned: list[str] = []
    for tag in tags:
        for word in tag.replace(",", " ").split():
            word = word.lstrip("#").casefold()
            if word and word not in cleaned:
                cleaned.append(word)
    return tuple(cleaned)


class ReflectionQuery(msgspec.Struct, frozen=True):
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


class ReflectionDraft(msgspec.Struct, frozen=True):
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
