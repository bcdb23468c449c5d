"""The few words for how someone is: the child before and after, the caregiver today.

Kept small and shared, so a reflection, today's pick and the brief all speak alike."""

from typing import Annotated, Literal

import msgspec

# The caregiver's own state: what "How are you today?" asks, and what a reflection records.
Feeling = Literal["calm", "stretched", "empty"]
FEELINGS: tuple[Feeling, ...] = ("calm", "stretched", "empty")
FEELING_WORDS: dict[Feeling, str] = {
    "calm": "calm",
    "stretched": "stretched",
    "empty": "running on empty",
}

# The child's regulation, before and after a game or a routine.
ChildState = Literal["calm", "wobbly", "overwhelmed"]
CHILD_STATES: tuple[ChildState, ...] = ("calm", "wobbly", "overwhelmed")

ENGAGEMENT_RANGE = range(1, 6)  # 1 (hardly joined in) to 5 (fully with us)
Engagement = Annotated[int, msgspec.Meta(ge=ENGAGEMENT_RANGE.start, le=ENGAGEMENT_RANGE.stop - 1)]
ENGAGEMENT_WORDS = {
    1: "hardly joined in",
    2: "joined in a little",
    3: "joined in",
    4: "joined in warmly",
    5: "fully with us",
}
