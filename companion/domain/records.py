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
        value = record[name]
        if type(value) is not spec:  # the common case, a right scalar, costs no call
            problem = _field_problem(name, value, spec)
            if problem:
                return problem
    for name, spec in (optional or {}).items():
        if name in record:
            problem = _field_problem(name, record[name], spec)
            if problem:
                return problem
    return None


def _field_problem(name: str, value: Any, spec: FieldSpec) -> str | None:
    # Values come from JSON, so their types are exact: `type(x) is` is quick (files hold
    # thousands of records) and keeps bool apart from int, so "true" is not taken for a count.
    if isinstance(spec, tuple):
        if type(value) is list and all(type(v) in spec for v in value):
            return None
        return f'"{name}" should be a list of {_type_names(spec)}'
    if type(value) is spec:
        return None
    return f'"{name}" should be {_type_names((spec,))}, not {type(value).__name__}'


def _type_names(types: tuple[type, ...]) -> str:
    names = {str: "text", int: "a number", bool: "true/false", dict: "an object", list: "a list"}
    return " or ".join(names.get(t, t.__name__) for t in types)
