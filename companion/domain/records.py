"""Checking the shape of stored records, so a hand-edited file with wrong types is caught
before anything is written over it."""

from collections.abc import Mapping
from typing import Any

# A field's allowed types; a tuple of element types marks a list of them.
FieldSpec = type | tuple[type, ...]


def record_problem(
    record: Any, required: Mapping[str, FieldSpec], optional: Mapping[str, FieldSpec] | None = None
) -> str | None:
    """Return what is wrong with one record in plain words, or None when it is fine."""
    if not isinstance(record, dict):
        return f"a record is {type(record).__name__}, not an object"
    for name, spec in required.items():
        if name not in record:
            return f'a record has no "{name}"'
        problem = _field_problem(name, record[name], spec)
        if problem:
            return problem
    for name, spec in (optional or {}).items():
        if name in record:
            problem = _field_problem(name, record[name], spec)
            if problem:
                return problem
    return None


def _field_problem(name: str, value: Any, spec: FieldSpec) -> str | None:
    if isinstance(spec, tuple):
        if not isinstance(value, list) or not all(isinstance(v, spec) for v in value):
            return f'"{name}" should be a list of {_type_names(spec)}'
        return None
    # bool is a subclass of int: keep them apart so "true" is not taken for a count.
    if not isinstance(value, spec) or (spec is not bool and isinstance(value, bool)):
        return f'"{name}" should be {_type_names((spec,))}, not {type(value).__name__}'
    return None


def _type_names(types: tuple[type, ...]) -> str:
    names = {str: "text", int: "a number", bool: "true/false", dict: "an object", list: "a list"}
    return " or ".join(names.get(t, t.__name__) for t in types)
