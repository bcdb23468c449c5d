"""What msgspec says is wrong with a record, in a few plain words for the sentence that names
the file: "in reflections, "engagement" should be at most 5".

msgspec says it as "Expected `int` <= 5 - at `$.tables.reflections[...].engagement`": what
was wanted, then where. The table and the field are taken from where; the rest is reworded.
A message not known here (a record's own check, like "a moved day needs its new time") is
already in plain words and is kept as it is.
"""

from __future__ import annotations

import re

import msgspec

_WHERE = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_STEP = re.compile(r"\[[^\]]*\]|\.")  # "[...]", "[3]" and "." part a path

_TYPES = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "empty",
}
_EXAMPLES = {
    "date": "a date like 2026-03-14",
    "datetime": "a date and time like 2026-03-14T19:30:00",
    "time": "a time like 19:30:00",
}
_BOUNDS = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}


def explain(error: msgspec.ValidationError) -> str:
    message = str(error)
    where = _WHERE.search(message)
    path = where.group("path") if where else ""
    wanted = message[: where.start()] if where else message
    steps = [step for step in _STEP.split(path) if step]
    if steps[:1] == ["tables"]:
        steps = steps[1:]
    if not steps:
        return _reworded(wanted, '"tables"')
    if "[" not in path:  # the table itself, not one of its records
        return _reworded(wanted, f'the "{steps[0]}" table')
    subject = f'"{steps[-1]}"' if len(steps) > 1 else "a record"
    return f"in {steps[0]}, {_reworded(wanted, subject)}"


def _reworded(wanted: str, subject: str) -> str:
    if found := re.fullmatch(r"Expected `(\w+)`, got `(\w+)`", wanted):
        expected, got = (_TYPES.get(name, name) for name in found.groups())
        return f"{subject} should be {expected}, not {got}"
    if found := re.fullmatch(r"Expected `\w+` (>=|<=|>|<) (\S+)", wanted):
        return f"{subject} should be {_BOUNDS[found[1]]} {found[2]}"
    if found := re.fullmatch(r"Expected `\w+` of length (>=|<=) (\d+)", wanted):
        entries = "entry" if found[2] == "1" else "entries"
        return f"{subject} should have {_BOUNDS[found[1]]} {found[2]} {entries}"
    if wanted.startswith("Expected `str` matching regex"):
        return f"{subject} should have words in it"
    if found := re.fullmatch(r"Invalid enum value (.+)", wanted):
        return f"{subject} cannot be {found[1]}"
    if found := re.fullmatch(r"Invalid RFC3339 encoded (date|datetime|time)", wanted):
        return f"{subject} should be {_EXAMPLES[found[1]]}"
    if found := re.fullmatch(r"Object missing required field `(\w+)`", wanted):
        return f'{subject} has no "{found[1]}"'
    if found := re.fullmatch(r"Object contains unknown field `(\w+)`", wanted):
        return f'{subject} has a field companion does not know, "{found[1]}"'
    return wanted if subject == "a record" else f"{subject}: {wanted}"
