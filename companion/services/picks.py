"""Today's connection game and the home session: `services.picks.today(...)`, `.session(...)`.
Both read the library and what was played lately (from reflections that name their games)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from companion.domain.errors import CompanionError
from companion.domain.family import Child, Family
from companion.domain.reflection import ReflectionQuery
from companion.services.cards import CardService
from companion.store.repositories import ReflectionRepository

if TYPE_CHECKING:
    from companion.domain.library import Played
    from companion.domain.picker import Conditions, TodaysPick
    from companion.domain.session_plan import SessionPlan

HISTORY_DAYS = 21  # the picker balances over a week and avoids repeats of the last days


class PickService:
    def __init__(
        self,
        cards: CardService,
        reflections: ReflectionRepository,
        family: Callable[[], Family],
        today: Callable[[], date],
    ) -> None:
        self.cards = cards
        self.reflections = reflections
        self.family = family
        self.today = today

    def played(self, days: int = HISTORY_DAYS) -> list[Played]:
        """What was played in the last weeks, from reflections that name their activities."""
        from companion.domain.library import played_from

        since = ReflectionQuery.build(since=self.today() - timedelta(days=days))
        return played_from(self.reflections.find(since))

    def for_today(
        self, conditions: Conditions, *, child: str | None = None, another: int = 0
    ) -> list[tuple[Child, TodaysPick]]:
        """One pick per child (or for the one named), stable for the day."""
        from companion.domain.picker import todays_pick

        children = self._children(child)
        cards, history, day = self.cards.all(), self.played(), self.today()
        return [(c, todays_pick(cards, c, day, history, conditions, another)) for c in children]

    def session(
        self, minutes: int, *, child: str | None = None, conditions: Conditions | None = None
    ) -> tuple[Child, SessionPlan]:
        from companion.domain.session_plan import plan_session

        children = self._children(child)
        if len(children) > 1:
            names = " or ".join(c.name for c in children)
            raise CompanionError(f"Who is the session with? Say it with --child ({names}).")
        chosen = children[0]
        plan = plan_session(
            self.cards.all(), chosen, self.today(), self.played(), minutes, conditions
        )
        return chosen, plan

    def _children(self, name: str | None) -> tuple[Child, ...]:
        family = self.family()
        if name:
            return (family.child_named(name),)
        if not family.children:
            raise CompanionError(
                "There is no child in the family yet; add one with "
                "`companion family add-child NAME --born DATE`."
            )
        return family.children
