"""Small pieces the forms are built from: a labelled field, a choice, and a choice whose
options arrive after the form has opened."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Select

from companion.domain.family import Family
from companion.tui.widgets.marked_checkbox import MarkedCheckbox


def labelled(label: str, widget: Widget, *, id: str | None = None, classes: str = "") -> Vertical:
    """A field in a row of a form: its label above it."""
    return Vertical(Label(label), widget, classes=f"field {classes}".strip(), id=id)


def choice(
    name: str, options: Sequence[tuple[str | Text, Any]], value: object, prompt: str
) -> Select[Any]:
    """A compact Select with nothing chosen when value is None."""
    chosen = Select.NULL if value is None else value
    return Select(options, prompt=prompt, value=chosen, id=name, compact=True)


def child_boxes(family: Family, ticked: Sequence[str]) -> ComposeResult:
    """ "About" and a box for each child (by name, in `.child`), when there is a choice."""
    if len(family.children) < 2:
        return
    with Horizontal(id="children"):
        yield Label("About")
        for child in family.children:
            yield MarkedCheckbox(
                Text(child.name),
                child.name in ticked,
                compact=True,
                name=child.name,
                classes="child",
            )


def offer(select: Select[str], labels: Mapping[str, str]) -> None:
    """Offer these (value: label, in this order) and keep what was chosen: a value no longer
    offered stays as it was, shown as itself, for the service to say if it is unknown."""
    chosen = select.value
    if isinstance(chosen, str) and chosen not in labels:
        labels = {**labels, chosen: chosen}
    with select.prevent(Select.Changed):  # the same choice, only more to choose from
        select.set_options([(Text(label), value) for value, label in labels.items()])
        if isinstance(chosen, str):
            select.value = chosen
