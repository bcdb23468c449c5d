"""Every reflection read once, and found again as someone types: the words of each folded
once for searching, so a keystroke over ten years of writing stays quick."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import msgspec

from companion.domain.reflection import Reflection, ReflectionQuery, newest_first, searchable

EVERYTHING = ReflectionQuery()


@dataclass(frozen=True)
class ReflectionIndex:
    """Every reflection, newest first, each beside its words folded once for searching."""

    entries: tuple[tuple[Reflection, str], ...]

    @classmethod
    def of(cls, reflections: Iterable[Reflection]) -> ReflectionIndex:
        return cls(tuple((r, searchable(r)) for r in newest_first(list(reflections))))

    @property
    def reflections(self) -> list[Reflection]:
        return [reflection for reflection, _ in self.entries]

    def __len__(self) -> int:
        return len(self.entries)

    def matching(self, query: ReflectionQuery) -> list[Reflection]:
        """What `query.matches`, newest first. The words are looked for in the folded text
        made once (`searchable`, as `matches` would fold it again for each reflection), one
        word at a time over what is left: a keystroke stays well under the eye's notice."""
        if not query.words:
            return [reflection for reflection, _ in self.entries if query.matches(reflection)]
        rest = msgspec.structs.replace(query, words=())
        entries = self.entries
        if rest != EVERYTHING:
            entries = tuple(e for e in entries if rest.matches(e[0]))
        for word in query.words:
            entries = tuple(e for e in entries if word in e[1])
        return [reflection for reflection, _ in entries]

    def without(self, reflection_id: str) -> ReflectionIndex:
        return ReflectionIndex(tuple(e for e in self.entries if e[0].id != reflection_id))

    def with_(self, reflection: Reflection) -> ReflectionIndex:
        entries = [*self.without(reflection.id).entries, (reflection, searchable(reflection))]
        entries.sort(key=lambda e: (e[0].day, e[0].written_at), reverse=True)  # newest first
        return ReflectionIndex(tuple(entries))

    def tags(self) -> list[str]:
        """Every tag used, most used first (then alphabetically)."""
        counts: dict[str, int] = {}
        for reflection, _ in self.entries:
            for tag in reflection.tags:
                counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts, key=lambda tag: (-counts[tag], tag))


IndexChange = Callable[[ReflectionIndex], ReflectionIndex]
