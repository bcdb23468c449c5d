"""A long Markdown document shown as lines rendered ahead of time, in a thread.

Textual's Markdown widget builds a widget for every block on the event loop: a three-month
brief took over a second and a half to show, with the app frozen meanwhile. Here Rich renders
the lines in a worker (`render_markdown_lines` is pure: a Console of its own, nothing shared),
and the widget only hands out the lines in sight, so showing and scrolling cost nothing."""

from __future__ import annotations

import io

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.theme import Theme
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

# Quiet headings and tables that read on the light and the dark look alike: no fixed colours.
QUIET_MARKDOWN = Theme(
    {
        "markdown.h1": Style(bold=True),
        "markdown.h2": Style(bold=True, underline=True),
        "markdown.h3": Style(bold=True),
        "markdown.h4": Style(italic=True),
        "markdown.block_quote": Style(italic=True),
        "markdown.code": Style(bold=True),
        "markdown.list": Style(),
        "markdown.item.number": Style(),
        "markdown.table.border": Style(dim=True),
        "markdown.table.header": Style(bold=True),
        "markdown.link": Style(underline=True),
    }
)


def render_markdown_lines(source: str, width: int) -> list[Strip]:
    """The document as lines `width` cells wide. The text is never read as Rich markup."""
    from rich.markdown import Markdown  # loads markdown-it: only when a document is shown

    console = Console(
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        theme=QUIET_MARKDOWN,
        legacy_windows=False,
    )
    lines = console.render_lines(
        Markdown(source, hyperlinks=False), console.options.update_width(width)
    )
    return [Strip(line, Segment.get_line_length(line)) for line in lines]


class RenderedLines(ScrollView, can_focus=True):
    """Scrolls through lines rendered elsewhere; `source` keeps the text they came from."""

    # The gutter is kept whether a scrollbar shows or not, so the width to render for
    # does not change once a long document arrives.
    DEFAULT_CSS = """
    RenderedLines {
        height: 1fr;
        scrollbar-gutter: stable;
    }
    """

    class Resized(Message):
        """The room for the lines changed: render them again `width` cells wide."""

        def __init__(self, width: int) -> None:
            super().__init__()
            self.width = width

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source = ""
        self.lines: list[Strip] = []

    def show(self, source: str, lines: list[Strip]) -> None:
        """Show new lines, keeping the place being read where the document still reaches."""
        self.source, self.lines = source, lines
        widest = max((line.cell_length for line in lines), default=0)
        self.virtual_size = Size(widest, len(lines))
        self.refresh()

    def say(self, words: str) -> None:
        """A line of words in place of a document: waiting, or why there is none."""
        self.show("", [Strip([Segment(words, Style(italic=True))])])

    @property
    def text_width(self) -> int:
        """How wide the lines should be rendered to fit without scrolling sideways."""
        return max(self.scrollable_content_region.width, 20)

    def on_resize(self) -> None:
        self.post_message(self.Resized(self.text_width))

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        line = self.lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)
        return line.apply_style(self.rich_style)
