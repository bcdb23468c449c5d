"""Writing (or changing) a card of our own: every problem beside its field, in plain words,
and the safety check as a warning before the card is kept."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea
from textual.worker import Worker

from companion.domain.activity import Activity, Helps, Kind, Place, Touch
from companion.domain.family import Dimension
from companion.domain.library import LibraryCard
from companion.domain.safety import card_concerns
from companion.tui.card_form import CardForm, slug
from companion.tui.forms import FormScreen
from companion.tui.widgets.field_problems import problem_line, show_field_problems
from companion.tui.widgets.marked_checkbox import MarkedCheckbox

KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
TOUCHES: tuple[str, ...] = Touch.__args__  # type: ignore[attr-defined]
PLACES: tuple[str, ...] = Place.__args__  # type: ignore[attr-defined]
HELPS: tuple[str, ...] = Helps.__args__  # type: ignore[attr-defined]
TOUCH_LABELS = {"none": "No touch", "light": "Light touch", "hands-on": "Hands-on"}

# (field, label, hint): the long texts, each in its own box.
TEXTS = (
    ("notice", "What to notice", "What to watch for in your child, and in yourself."),
    ("easier", "Easier", "A gentler or simpler way."),
    ("harder", "Harder", "A small stretch for another day."),
    ("no_touch", "No-touch version", "Needed when the card has any touch."),
    ("why", "Why it helps", "In a sentence or two."),
)

SAFETY_NOTE = (
    "You can still save it: it stays in your library, and companion will never suggest it. "
    "Press Save again to keep it as it is."
)


class CardEditorScreen(FormScreen[LibraryCard]):
    CSS_PATH = "card_editor.tcss"
    ERROR_LINE = "#card-editor-error"
    LEAVE_QUESTION = "Leave without saving? What you wrote on this card will be lost."

    def __init__(self, start: CardForm | None = None, *, replacing: str | None = None) -> None:
        super().__init__()
        self.start = start or CardForm()
        self.replacing = replacing  # the id of the own card being changed
        self._warned_for: Activity | None = None
        self._id_made_from = slug(self.start.title)  # the id follows the title until typed

    def compose(self) -> ComposeResult:
        heading = "Change our card" if self.replacing else "A card of our own"
        with Vertical(id="card-editor"):
            yield Static(heading, id="card-editor-title")
            yield Static(
                "Every game is an invitation your child may decline. "
                "ctrl+s saves; escape leaves without saving.",
                classes="hint",
            )
            yield from self._form(self.start)
            # Always in view, below the scrolling form: what is wrong, and the buttons.
            yield Static("", id="card-editor-warning")
            yield Static("", id="card-editor-error", classes="error-line")
            with Horizontal(id="card-editor-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def _form(self, start: CardForm) -> ComposeResult:
        with VerticalScroll(id="card-editor-form"):
            yield from _field("title", "Title", Input(start.title, id="title", compact=True))
            yield from _field(
                "id",
                "Id (lowercase words and hyphens; left empty, it is made from the title)",
                Input(start.id, id="id", compact=True),
            )
            yield Label("Kind, energy and touch", classes="field-label")
            with Horizontal(classes="choices"):
                yield _select("kind", [(k.capitalize(), k) for k in KINDS], start.kind)
                yield _select("energy", [("Calm", "calm"), ("Lively", "lively")], start.energy)
                yield _select(
                    "touch", list(zip(TOUCH_LABELS.values(), TOUCHES, strict=True)), start.touch
                )
            yield from _boxes("dimensions", "Dimensions", tuple(Dimension), start.dimensions)
            yield Label("Ages (youngest and oldest) and minutes", classes="field-label")
            with Horizontal(classes="numbers"):
                yield Input(
                    start.youngest, placeholder="from", id="youngest", type="integer", compact=True
                )
                yield Input(
                    start.oldest, placeholder="to", id="oldest", type="integer", compact=True
                )
                yield Input(
                    start.minutes, placeholder="minutes", id="minutes", type="integer", compact=True
                )
            yield problem_line("ages")
            yield problem_line("minutes")
            yield from _boxes("places", "Places", PLACES, start.places)
            yield from _field(
                "materials",
                "Things needed (separated by commas; empty when none)",
                Input(start.materials, id="materials", compact=True),
            )
            yield from _field(
                "steps",
                "Steps, one per line",
                TextArea(start.steps, id="steps", soft_wrap=True, classes="steps"),
            )
            for name, label, hint in TEXTS:
                area = TextArea(getattr(start, name), id=name, soft_wrap=True, placeholder=hint)
                yield from _field(name, label, area)
            yield from _boxes("helps", "It helps with", HELPS, start.helps)
            yield from _field(
                "safety",
                "Safety (only when one is needed)",
                TextArea(start.safety, id="safety", soft_wrap=True),
            )

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Input.Changed, "#title")
    def _id_follows_title(self, event: Input.Changed) -> None:
        # Only for a new card: an own card's id is how the family already knows it.
        id_input = self.query_one("#id", Input)
        if self.replacing is None and id_input.value in ("", self._id_made_from):
            self._id_made_from = slug(event.value)
            id_input.value = self._id_made_from

    def read_form(self) -> CardForm:
        def typed(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value

        def written(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", TextArea).text

        def chosen(widget_id: str) -> str:
            return str(self.query_one(f"#{widget_id}", Select).value)

        def ticked(group: str, before: tuple[str, ...]) -> tuple[str, ...]:
            # The card's own order is kept (its first dimension is its main one).
            boxes = self.query(f".{group}").results(Checkbox)
            now = [box.name or "" for box in boxes if box.value]
            return tuple([c for c in before if c in now] + [c for c in now if c not in before])

        return CardForm(
            id=typed("id"),
            title=typed("title"),
            kind=chosen("kind"),
            dimensions=ticked("dimensions", self.start.dimensions),
            youngest=typed("youngest"),
            oldest=typed("oldest"),
            minutes=typed("minutes"),
            energy=chosen("energy"),
            places=ticked("places", self.start.places),
            materials=typed("materials"),
            touch=chosen("touch"),
            steps=written("steps"),
            notice=written("notice"),
            easier=written("easier"),
            harder=written("harder"),
            no_touch=written("no_touch"),
            why=written("why"),
            helps=ticked("helps", self.start.helps),
            safety=written("safety"),
        )

    def start_save(self) -> Worker[LibraryCard] | None:
        form = self.read_form().with_id()
        self.query_one("#id", Input).value = form.id
        if not self._show_problems(form.problems()):
            return None
        activity = form.activity()
        if self._warn(activity):
            return None
        return self._save(activity)

    def _show_problems(self, problems: list[tuple[str, str]]) -> bool:
        """Each problem under its field; True when there are none."""
        summary = self.query_one("#card-editor-error", Static)
        return show_field_problems(self, problems, summary, self._field_widget)

    def _field_widget(self, name: str) -> Widget:
        """Where to type or tick to fix a field (focusing it brings it into view)."""
        if name in ("dimensions", "places", "helps"):
            return self.query(f".{name}").first()
        return self.query_one("#youngest" if name == "ages" else f"#{name}")

    def _warn(self, activity: Activity) -> bool:
        """Show the safety warning once for these words; True when it is shown now."""
        concerns = card_concerns(activity)
        warning = self.query_one("#card-editor-warning", Static)
        warning.display = bool(concerns)
        if not concerns:
            return False
        sentences = "\n".join(f"⚠ Please note: {concern.sentence()}" for concern in concerns)
        warning.update(Text(f"{sentences}\n{SAFETY_NOTE}"))
        if self._warned_for == activity:
            return False
        self._warned_for = activity
        self.save_button.label = "Save anyway"
        return True

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, activity: Activity) -> LibraryCard:
        return self.companion.services.cards.save_own(activity, replacing=self.replacing)

    def has_changes(self) -> bool:
        return self.read_form() != self.start


def _field(name: str, label: str, widget: Widget) -> ComposeResult:
    yield Label(label, classes="field-label")
    yield widget
    yield problem_line(name)


def _select(name: str, options: list[tuple[str, str]], value: str) -> Select[str]:
    return Select(options, value=value, allow_blank=False, id=name, compact=True)


def _boxes(
    name: str, label: str, choices: tuple[str, ...], ticked: tuple[str, ...]
) -> ComposeResult:
    yield Label(label, classes="field-label")
    with Grid(classes="boxes"):
        for choice in choices:
            yield MarkedCheckbox(choice, choice in ticked, name=choice, classes=name, compact=True)
    yield problem_line(name)
