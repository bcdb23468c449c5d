"""The safety lines a connection activity never crosses, as a check on a card's words.

These practices belong to coercive "holding therapy", which has harmed children. A shipped card
never trips this check; a family's own card that does is shown with a plain warning and is
never suggested. The patterns look for the practice, not for single words, so "stop when your
child pulls away" or "never pin the blanket" pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from companion.domain.activity import Activity

_SOMEONE = r"(?:him|her|them|your child|the child|my child|[a-z]+)"
_FOOD = r"(?:snacks?|food|meals?|dinner|supper|lunch|breakfast|dessert|pudding|treats?|drinks?)"
_LONG = r"(?:\d{2,}|ten|fifteen|twenty|thirty|forty|an|half an)\s*(?:minutes?|mins?|hours?)"

_CONCERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "holding or restraining a child",
        (
            r"\brestrain\w*",
            rf"\b(?:hold|holds|holding|held|pin|pins|pinning|pinned)\s+{_SOMEONE}\s+down\b",
            r"\b(?:hold|holds|holding|held|squeez\w+|wrap\w*|pin\w*)\b[^.;]{0,50}"
            r"\b(?:until|till|til)\b[^.;]{0,30}\b(?:calm\w*|settles?|stops?|quiet\w*|gives? up|"
            r"surrenders?|relax\w*)",
            r"\b(?:won't|will not|do not|don't) let (?:go|them go|him go|her go)\b[^.;]{0,30}"
            r"\b(?:until|till)\b",
        ),
    ),
    (
        "making a child look you in the eye",
        (
            r"\b(?:make|makes|making|force\w*|insist\w*|require\w*|demand\w*)\b[^.;]{0,30}"
            r"\b(?:eye contact|look\w* (?:at )?(?:you|me|us) in the eyes?)",
            r"\b(?:must|has to|have to|needs? to)\s+(?:keep|hold|make|maintain)\s+eye contact",
            r"\bforced eye contact\b",
        ),
    ),
    (
        "making food or meals depend on behaviour",
        (
            rf"\b(?:no|without|withhold\w*|skip\w*|take away|lose\w*)\b[^.;]{{0,25}}\b{_FOOD}\b"
            r"[^.;]{0,40}\b(?:unless|until|if (?:he|she|they|your child) (?:doesn't|does not|"
            r"won't|will not))",
            rf"\b(?:earn|earns|earned|earning)\b[^.;]{{0,25}}\b{_FOOD}\b",
            rf"\b{_FOOD}\s+only\s+(?:if|when|after)\b",
        ),
    ),
    (
        "sending a child away alone",
        (
            r"\btime[- ]?outs?\b",
            r"\bisolat\w+",
            rf"\b(?:send|sends|sent|lock|locks|locked|shut|shuts)\s+{_SOMEONE}\b[^.;]{{0,25}}"
            r"\b(?:away|alone|out|to (?:his|her|their|your) room|in (?:his|her|their) room)\b",
        ),
    ),
    (
        "making a child sit still for a long time",
        (
            rf"\b(?:sit|sits|sitting|stay|stays|kneel\w*|stand|stands)\b[^.;]{{0,25}}"
            rf"\b(?:still|quiet\w*|silent\w*|without moving)\b[^.;]{{0,25}}\b(?:for\s+)?{_LONG}",
            r"\b(?:make|makes|making|force\w*|must)\b[^.;]{0,20}\bsit\b[^.;]{0,15}"
            r"\b(?:still|quiet\w*)\b[^.;]{0,15}\buntil\b",
        ),
    ),
)


@cache  # compiled on first use: most runs never check a family's own card
def _compiled() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    return tuple(
        (concern, tuple(re.compile(p, re.IGNORECASE) for p in patterns))
        for concern, patterns in _CONCERNS
    )


@dataclass(frozen=True)
class SafetyConcern:
    concern: str
    field: str
    words: str

    def problem(self) -> str:
        """For `file: field: problem` lines."""
        return (
            f'seems to describe {self.concern} ("{self.words}"); a connection game is an '
            "invitation a child may always decline, so this card will never be suggested"
        )

    def sentence(self) -> str:
        """For showing beside the card."""
        return f"This card {self.problem()}."


def text_concerns(field: str, text: str) -> list[SafetyConcern]:
    found: list[SafetyConcern] = []
    for concern, patterns in _compiled():
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                found.append(SafetyConcern(concern, field, match.group(0).strip()))
                break
    return found


def card_concerns(card: Activity) -> list[SafetyConcern]:
    """What in this card crosses a safety line, field by field; empty when nothing does."""
    fields: list[tuple[str, str]] = [
        ("title", card.title),
        *((f"steps {n}", step) for n, step in enumerate(card.steps, start=1)),
        ("easier", card.easier),
        ("harder", card.harder),
        ("no_touch", card.no_touch or ""),
        ("notice", card.notice),
        ("why", card.why),
    ]
    found: list[SafetyConcern] = []
    for field, text in fields:
        for concern in text_concerns(field, text):
            if all(concern.concern != seen.concern for seen in found):
                found.append(concern)
    return found
