"""A connection game's card as words on screen, shared by the Today and Session screens."""

from __future__ import annotations

from rich.text import Text

from companion.domain.activity import Activity

# Every game is an invitation (a safety line of the product), said once on each card.
INVITATION = (
    "An invitation, never a must: if your child says stop or pulls away, stop and stay close."
)


def card_facts(activity: Activity, minutes: int | None = None) -> str:
    """One line of facts: how long (a session step may be shorter than its card), calm or
    lively, which dimensions, what to gather."""
    dimensions = ", ".join(d.value.capitalize() for d in activity.dimensions)
    things = f" · needs {', '.join(activity.materials)}" if activity.materials else ""
    length = activity.minutes if minutes is None else minutes
    return f"about {length} min · {activity.energy} · {dimensions}{things}"


def no_touch_label(child_name: str) -> str:
    return f"No-touch version for {child_name}"


def how_to_play(activity: Activity, *, no_touch: bool, child_name: str) -> Text:
    """The steps, or the no-touch version (clearly labelled) when the child needs it."""
    text = Text()
    if no_touch and activity.no_touch:
        text.append(no_touch_label(child_name), style="bold")
        text.append(f"\n{activity.no_touch}")
        return text
    text.append("Steps", style="bold")
    for number, step in enumerate(activity.steps, start=1):
        text.append(f"\n{number}. {step}")
    return text


def notice_and_variations(activity: Activity, *, no_touch: bool) -> Text:
    """What to notice (it is about the child, so it holds for either version), the easier and
    harder ways (they change the steps, so they are left out of the no-touch version) and
    the card's safety note, always."""
    text = Text()
    text.append("What to notice", style="bold")
    text.append(f"\n{activity.notice}")
    if not (no_touch and activity.no_touch):  # as how_to_play decides
        text.append("\n\nEasier: ", style="bold")
        text.append(activity.easier)
        text.append("\nHarder: ", style="bold")
        text.append(activity.harder)
    if activity.safety:
        text.append("\n\nTake care: ", style="bold")
        text.append(activity.safety)
    return text
