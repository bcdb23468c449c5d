"""The session brief: the span (since the last appointment, until today, by default), names
replaced by initials if asked, a preview, and saving as Markdown, HTML or PDF.

The brief is built and rendered in a thread (it reads every reflection and check-off of the
span); the screen only shows what the last build found."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Button, Footer, Header, Input, Label, Static
from textual.worker import Worker, get_current_worker

from companion.domain.appointment import DEFAULT_SPAN_DAYS, Appointment
from companion.services.briefs import BRIEF_FORMATS, BriefFormat, default_file_name
from companion.tui.base import CompanionNode
from companion.tui.forms import FormScreen
from companion.tui.screens.appointments import short_day
from companion.tui.widgets.marked_checkbox import MarkedCheckbox
from companion.tui.widgets.rendered_lines import RenderedLines, render_markdown_lines

if TYPE_CHECKING:
    from companion.services import Services

FORM_NAMES: dict[BriefFormat, str] = {"md": "Markdown", "html": "HTML", "pdf": "PDF"}
WHERE_FILES_GO = "Saving asks where (Documents first); only you can read the file."


@dataclass(frozen=True)
class Built:
    """One build of the preview: this Markdown, rendered this wide, with its span in words."""

    markdown: str
    lines: list[Strip]
    width: int
    span_line: str
    asked_as: int  # which build request it answers: an older one is never shown


def span_words(since: date, until: date, appointments: list[Appointment], today: date) -> str:
    """ "Since the appointment on Mon 2 Nov, until today." and its kin."""
    end = "until today" if until == today else f"until {short_day(until, today)}"
    if any(a.day == since for a in appointments):
        return f"Since the appointment on {short_day(since, today)}, {end}."
    if (
        not appointments
        and until == today
        and since == today - timedelta(days=DEFAULT_SPAN_DAYS - 1)
    ):
        return "The last four weeks, until today (no appointment noted yet: a adds one)."
    return f"From {short_day(since, today)}, {end}."


def offered_folder() -> Path:
    """Where saving looks first: the Documents folder if there is one, else home."""
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def as_typed(path: Path) -> str:
    """A path as a person would type it: ~ for the home folder."""
    home = Path.home()
    try:
        return str(Path("~") / path.relative_to(home))
    except ValueError:
        return str(path)


def read_span(services: Services, since_text: str, until_text: str) -> tuple[date, date]:
    """The span typed on the screen, checked (in a thread: it reads the appointments).
    An empty box stands for the default."""
    since = services.parse_day(since_text, "start date").isoformat() if since_text.strip() else None
    until = services.parse_day(until_text, "end date").isoformat() if until_text.strip() else None
    return services.briefs.span(since, until)


class BriefScreen(Screen[None], CompanionNode):
    CSS_PATH = "brief.tcss"
    TITLE = "Session brief"
    SUB_TITLE = "to bring to our therapist"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "appointments", "Appointments", id="brief-appointments",
                tooltip="The appointments: add one, delete one (the brief starts at the last)"),
        Binding("i", "toggle_initials", "Initials", id="brief-initials",
                tooltip="Replace names with initials (children, caregivers and relatives: "
                        "`companion family add-relative NAME`), or show them again"),
        Binding("m", "save('md')", "Save .md", id="brief-save-md",
                tooltip="Save the brief as Markdown (plain text)"),
        Binding("h", "save('html')", "Save HTML", id="brief-save-html",
                tooltip="Save the brief as a printable web page"),
        Binding("p", "save('pdf')", "Save PDF", id="brief-save-pdf",
                tooltip="Save the brief as a PDF"),
        Binding("escape", "back", "Back", id="brief-back"),
    ]  # fmt: skip

    class SpanReady(Message):
        def __init__(self, since: date, until: date, folder: Path) -> None:
            super().__init__()
            self.since = since
            self.until = until
            self.folder = folder

    class Ready(Message):
        def __init__(self, built: Built) -> None:
            super().__init__()
            self.built = built

    class SaveAsked(Message):
        def __init__(self, form: BriefFormat, since: date, until: date, redact: bool) -> None:
            super().__init__()
            self.form = form
            self.since = since
            self.until = until
            self.redact = redact

    def __init__(self, show_appointments: bool = False) -> None:
        super().__init__()
        self.show_appointments = show_appointments
        self.defaults: tuple[str, str] | None = None  # the default span, as the boxes show it
        self.folder: Path | None = None  # where saving looks first
        self.shown: Built | None = None  # the brief last shown, to render again to fit
        self._asked: tuple[str, str, bool] | None = None  # what the last build was asked for
        self._requests = 0  # build requests so far

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="brief-body"):
            with Horizontal(id="brief-span"):
                yield Label("From")
                yield Input(id="since", compact=True, placeholder="2026-11-02")
                yield Label("until", id="until-label")
                yield Input(id="until", compact=True, placeholder="today")
                yield MarkedCheckbox("Replace names with initials", id="initials", compact=True)
            yield Static("Finding the span since the last appointment…", id="brief-span-line")
            yield Static("", id="brief-error", classes="error-line")
            yield RenderedLines(id="brief-preview", classes="panel")
            yield Static(WHERE_FILES_GO, id="brief-where", classes="hint")
            with Horizontal(id="brief-buttons"):
                for form, name in FORM_NAMES.items():
                    key = {"md": "m", "html": "h", "pdf": "p"}[form]
                    yield Button(f"Save as {name} ({key})", id=f"save-{form}", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.preview.border_title = "Preview"
        self.preview.say("Putting the brief together…")
        self.query_one("#brief-error").display = False
        self.preview.focus()
        if self.show_appointments:  # from Home with no appointment yet: add one first
            self.show_appointments = False
            self.action_appointments()

    def on_screen_resume(self) -> None:
        # First shown, and back from the appointments: the default span may have moved.
        self._load_span()

    # -- the span and the preview -----------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="brief-span")
    def _load_span(self) -> None:
        since, until = self.companion.services.briefs.span()
        self.post_message(self.SpanReady(since, until, offered_folder()))

    @on(SpanReady)
    def _span_ready(self, event: SpanReady) -> None:
        self.folder = self.folder or event.folder
        since_box = self.query_one("#since", Input)
        until_box = self.query_one("#until", Input)
        typed = (since_box.value, until_box.value)
        new = (event.since.isoformat(), event.until.isoformat())
        if self.defaults is None or typed == self.defaults:  # not changed by hand: follow
            since_box.value, until_box.value = new
        changed = self.defaults != new
        self.defaults = new
        self.rebuild(force=changed)  # an appointment added or deleted: the words may change

    def inputs(self) -> tuple[str, str, bool]:
        return (
            self.query_one("#since", Input).value,
            self.query_one("#until", Input).value,
            self.query_one("#initials", MarkedCheckbox).value,
        )

    def rebuild(self, force: bool = False) -> None:
        asked = self.inputs()
        if asked == self._asked and not force:
            return
        self._asked = asked
        self._requests += 1
        self._build(asked, self.preview.text_width, self._requests)

    @on(Input.Submitted, "#since, #until")
    @on(Input.Blurred, "#since, #until")
    @on(MarkedCheckbox.Changed, "#initials")
    def _span_or_initials_changed(self) -> None:
        if self.defaults is not None:  # not before the boxes have their first dates
            self.rebuild()

    @property
    def preview(self) -> RenderedLines:
        return self.query_one("#brief-preview", RenderedLines)

    @work(thread=True, exclusive=True, exit_on_error=False, group="brief-build")
    def _build(self, asked: tuple[str, str, bool], width: int, request: int) -> None:
        services = self.companion.services
        since_text, until_text, redact = asked
        since, until = read_span(services, since_text, until_text)
        briefs = services.briefs
        markdown = briefs.render(briefs.build(since, until, redact=redact), "md").decode()
        line = span_words(since, until, briefs.appointments(), services.today())
        lines = render_markdown_lines(markdown, width)
        if not get_current_worker().is_cancelled:  # a newer build was asked for
            self.post_message(self.Ready(Built(markdown, lines, width, line, request)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="brief-fit")
    def _render_again(self, built: Built, width: int) -> None:
        lines = render_markdown_lines(built.markdown, width)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Ready(replace(built, lines=lines, width=width)))

    @on(Ready)
    def _ready(self, event: Ready) -> None:
        built = event.built
        if built.asked_as != self._requests:
            return  # asked for again since (other dates, initials): never show the older one
        self.shown = built
        self.query_one("#brief-span-line", Static).update(Text(built.span_line))
        self.say("")
        self.preview.show(built.markdown, built.lines)
        self._fit(self.preview.text_width)  # the room may have changed while it was built

    @on(RenderedLines.Resized)
    def _resized(self, event: RenderedLines.Resized) -> None:
        self._fit(event.width)

    def _fit(self, width: int) -> None:
        """Wider or narrower: the same brief, its lines rendered again to fit."""
        if self.shown is not None and self.shown.width != width:
            self._render_again(self.shown, width)

    def say(self, words: str) -> None:
        """One sentence above the preview when something went wrong; nothing when all is well."""
        error = self.query_one("#brief-error", Static)
        error.update(Text(words))
        error.display = bool(words)

    def show_worker_error(self, text: str) -> bool:
        self.say(text)
        if not self.preview.source:  # nothing built yet: the waiting words would stay forever
            self.preview.say("Nothing to show until that is put right.")
        return True

    # -- keys -------------------------------------------------------------------------------

    def action_appointments(self) -> None:
        from companion.tui.screens.appointments import AppointmentsScreen

        self.app.push_screen(AppointmentsScreen())

    def action_toggle_initials(self) -> None:
        self.query_one("#initials", MarkedCheckbox).toggle()

    @on(Button.Pressed, "#brief-buttons Button")
    def _save_pressed(self, event: Button.Pressed) -> None:
        self.action_save((event.button.id or "").removeprefix("save-"))

    def action_save(self, form: str) -> None:
        chosen = next((f for f in BRIEF_FORMATS if f == form), None)
        if chosen is None:
            return
        since_text, until_text, redact = self.inputs()
        self._check_span(chosen, since_text, until_text, redact)

    @work(thread=True, exclusive=True, exit_on_error=False, group="brief-save")
    def _check_span(
        self, form: BriefFormat, since_text: str, until_text: str, redact: bool
    ) -> None:
        since, until = read_span(self.companion.services, since_text, until_text)
        if not get_current_worker().is_cancelled:  # asked again meanwhile: one dialog only
            self.post_message(self.SaveAsked(form, since, until, redact))

    @on(SaveAsked)
    def _ask_where(self, event: SaveAsked) -> None:
        self.say("")
        folder = self.folder or Path.home()
        suggested = folder / default_file_name(event.since, event.until, event.form)
        screen = SaveBriefScreen(event.form, event.since, event.until, event.redact, suggested)
        self.app.push_screen(screen, self._saved)

    def _saved(self, path: Path | None) -> None:
        if path is None:
            return
        self.folder = path.parent  # the next one is offered beside it
        self.query_one("#brief-where", Static).update(
            Text(f"Saved to {path}; readable only by you.")
        )
        self.notify(f"Saved the brief to {path}.", timeout=8, markup=False)

    def action_back(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class _Writing:
    """What the save worker did: wrote the file, or found one already there to ask about."""

    path: Path
    written: bool


class SaveBriefScreen(FormScreen[Path]):
    """Where to save the brief: a file name, prefilled; errors (an unwritable folder, a full
    disk) said in place, with what was typed kept. A file already there is replaced only
    after asking."""

    CSS_PATH = "brief.tcss"

    def __init__(
        self, form: BriefFormat, since: date, until: date, redact: bool, suggested: Path
    ) -> None:
        super().__init__()
        self.form = form
        self.since = since
        self.until = until
        self.redact = redact
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="save-brief", classes="brief-form"):
            yield Static(f"Save the brief as {FORM_NAMES[self.form]}", classes="form-title")
            yield Label("Where (a file name, or a folder)", classes="field-label")
            yield Input(as_typed(self.suggested), id="save-path")
            yield Static(
                "Only you will be able to read the file. Enter saves; escape goes back.",
                classes="hint",
            )
            yield from self.buttons()

    def on_mount(self) -> None:
        box = self.query_one("#save-path", Input)
        box.focus()
        box.cursor_position = len(box.value)

    @on(Input.Submitted, "#save-path")
    def _submitted(self) -> None:
        self.action_save()

    def start_save(self) -> Worker[_Writing] | None:
        typed = self.query_one("#save-path", Input).value.strip()
        if not typed:
            self.say("Where shall I save it? Write a file name, like ~/brief.pdf.")
            return None
        return self._write(typed, replace=False)

    def busy(self, busy: bool) -> None:
        super().busy(busy)
        self.save_button.label = "Saving…" if busy else "Save"

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _write(self, typed: str, replace: bool) -> _Writing:
        path = Path(typed).expanduser()
        if path.is_dir():  # a folder: the usual name inside it
            path = path / default_file_name(self.since, self.until, self.form)
        if path.exists() and not replace:
            return _Writing(path, written=False)
        briefs = self.companion.services.briefs
        brief = briefs.build(self.since, self.until, redact=self.redact)
        return _Writing(briefs.write(briefs.render(brief, self.form), path), written=True)

    def saved(self, writing: _Writing) -> None:
        if writing.written:
            self.dismiss(writing.path)
        else:
            self._ask_replace(writing.path)

    def _ask_replace(self, path: Path) -> None:
        from companion.tui.screens.choice import AskScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self.when_done(self._write(str(path), replace=True), self.saved)
            else:
                self.busy(False)
                self.say("Kept the file that was there; choose another name.")

        # Only the file's name: the whole path is in the box behind it.
        question = f"{path.name} is already there. Replace it?"
        self.app.push_screen(AskScreen(question, "Replace it", "Keep it"), answered)
