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

_CHILD = r"(?:him|her|them|your child|the child|my child)"
_HE = r"(?:he|she|they|your child|the child)"
_HIS = r"(?:his|her|their|your child's|the child's)"
_FOOD = r"(?:snacks?|food|meals?|dinner|supper|lunch|breakfast|dessert|pudding|treats?|drinks?)"
_MEAL = r"(?:supper|dinner|lunch|breakfast|dessert|pudding|food|meals?)"
_LONG = r"(?:\d{2,}|ten|fifteen|twenty|thirty|forty|an|half an)\s*(?:minutes?|mins?|hours?)"
_HOLD = r"(?:hold|holds|holding|held|squeez\w*|grip\w*|clasp\w*|cuddl\w*|wrap\w*|hug\w*)"
_STRUGGLE = r"(?:struggl\w*|fights?|fighting|resist\w*|thrash\w*|rages?|raging|kick\w*)"

# Each pattern needs the child as the one held, sent or made to sit, so "hold hands until
# the song ends" or "sit quietly together for fifteen minutes of reading" pass.
_CONCERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "holding or restraining a child",
        (
            r"\brestrain\w*",
            rf"\b(?:hold|holds|holding|held|pin|pins|pinning|pinned|keep|keeps)\s+{_CHILD}\s+down\b",
            rf"\b{_HOLD}\s+(?:\w+\s+){{0,2}}?{_CHILD}\b[^.;]{{0,40}}\b(?:until|till|til)\b",
            rf"\b{_HOLD}\b[^.;]{{0,40}}\b(?:while|as|when|even if|even when)\s+{_HE}\s+{_STRUGGLE}",
            rf"\b(?:won't|will not|do not|don't|never)\s+let\s+(?:go|{_CHILD}\s+go)\b"
            r"[^.;]{0,40}\b(?:until|till|even if|even when|however|no matter)\b",
            rf"\bso(?: that)?\s+{_HE}\s+(?:can't|cannot|can not|is unable to)\s+"
            r"(?:leave|get away|move|escape|get up|pull away|wriggle free)\b",
            rf"\b(?:lie|lies|lay|lying|sit|sits|sitting)\s+on\s+(?:top of\s+)?{_CHILD}\b",
        ),
    ),
    (
        "making a child look you in the eye",
        (
            r"\b(?:make|makes|making|force\w*|insist\w*|require\w*|demand\w*)\b[^.;]{0,30}"
            r"\b(?:eye contact|look\w* (?:at )?(?:you|me|us) in the eyes?)",
            r"\b(?:must|has to|have to|needs? to)\s+(?:keep|hold|make|maintain)\s+eye contact",
            r"\bkeep\w*\s+eye contact\b[^.;]{0,20}\b(?:whole|entire|all the time|no matter)",
            r"\b(?:don't|do not|never)\s+let\s+\w+(?:\s+\w+)?\s+look away\b",
            r"\bforced eye contact\b",
            rf"\b(?:hold|holds|holding|cup\w*)\s+{_HIS}\s+(?:face|chin|head)\b",
            rf"\bturn\w*\s+{_HIS}\s+(?:face|chin|head)\s+(?:to|toward|towards)\s+(?:you|me)\b",
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
            rf"\bwithout\s+(?:any\s+|his\s+|her\s+|their\s+)?{_MEAL}\b",
            rf"\b{_FOOD}\s+(?:only\s+)?(?:comes?|is served|happens)\s+(?:only\s+)?"
            rf"(?:after|once|when)\s+{_HE}\b",
        ),
    ),
    (
        "sending a child away alone",
        (
            r"\btime[- ]?outs?\b(?!\s+together)",
            r"\bisolat\w+",
            rf"\b(?:send|sends|sent|leave|leaves|left|put|puts|lock|locks|locked|shut|shuts)\s+"
            rf"{_CHILD}\b[^.;]{{0,25}}\b(?:away|alone|out|in (?:his|her|their|a) room|to (?:his|"
            r"her|their|your|a) room)\b",
        ),
    ),
    (
        "making a child sit still for a long time",
        (
            rf"\b(?:make|makes|making|have|has|tell|tells|force\w*|get|gets)\s+{_CHILD}\s+"
            rf"(?:to\s+)?(?:sit|stay|stand|kneel)\b[^.;]{{0,40}}\b{_LONG}",
            rf"\bsit\w*\s+{_CHILD}\s+(?:down\s+)?(?:on|in)\b[^.;]{{0,40}}\b{_LONG}",
            r"\b(?:sit|sits|sitting|stay|stays|kneel\w*|stand|stands)\s+(?:completely\s+)?"
            r"(?:still|silent\w*|without moving|without talking)\b"
            rf"[^.;]{{0,25}}\b(?:for\s+)?{_LONG}",
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
        ("safety", card.safety or ""),
        *(("materials", material) for material in card.materials),
    ]
    found: list[SafetyConcern] = []
    for field, text in fields:
        for concern in text_concerns(field, text):
            if all(concern.concern != seen.concern for seen in found):
                found.append(concern)
    return found
