"""An A4 PDF page with the brief's font, colours and building blocks (headings, quotes, tables).

Imported only by `companion.reports.pdf.render_pdf`, so fpdf2 loads only when a PDF is made.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos
from fpdf.fonts import TTFFont
from fpdf.util import Padding

FONT = "DejaVu"
Colour = tuple[int, int, int]
INK: Colour = (47, 59, 69)
SOFT: Colour = (91, 103, 112)
HEADING: Colour = (36, 80, 110)
RULE: Colour = (213, 219, 224)
HEAD_FILL: Colour = (238, 243, 246)
QUOTE_FILL: Colour = (244, 247, 249)
QUOTE_BAR: Colour = (168, 197, 218)
OUTSIDE_FILL: Colour = (230, 234, 237)

BODY = 10.0  # points
SMALL = 8.5
LINE = 4.8  # mm per body line
_TEXT_MARGIN, _CELL_MARGIN = 1.2, 0.5  # mm inside a text cell; inside a narrow table cell
_NONE = Padding()
_QUOTE_PADDING = Padding(top=1.3, right=2.5, bottom=1.3, left=3.5)  # mm


class BriefDocument(FPDF):
    def __init__(self, regular: Path, bold: Path, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=16)
        self.add_font(FONT, "", regular)
        self.add_font(FONT, "B", bold)
        self.c_margin = _TEXT_MARGIN
        font = self.fonts[FONT.lower()]
        assert isinstance(font, TTFFont)
        self._glyphs = frozenset(font.cmap)
        self._footer_text = self.printable(footer_text)
        self.substituted = False  # set once a character had to be named instead of drawn
        self.style(BODY)

    # -- words ------------------------------------------------------------------------------

    def printable(self, text: str) -> str:
        """The text with any character the bundled font cannot draw written as its name, so
        nothing a caregiver wrote silently disappears from the page."""
        if all(ord(ch) in self._glyphs for ch in text.replace("\n", "")):
            return text
        out = []
        for ch in text:
            if ch == "\n" or ord(ch) in self._glyphs:
                out.append(ch)
                continue
            self.substituted = True
            if unicodedata.category(ch) not in ("Mn", "Me", "Cf", "Cc"):  # invisible ones go
                out.append(f"[{unicodedata.name(ch, f'U+{ord(ch):04X}').lower()}]")
        return "".join(out)

    def style(self, size: float, *, bold: bool = False, colour: Colour = INK) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)

    def footer(self) -> None:
        self.set_y(-11)
        self.style(7.5, colour=SOFT)
        self.cell(0, 4, f"{self._footer_text} · page {self.page_no()} of {{nb}}", align="C")

    # -- blocks -----------------------------------------------------------------------------

    def room(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.will_page_break(height):
            self.add_page()

    def heading(self, text: str, *, keep: float = 12) -> None:
        """A section's heading, kept on one page with the first `keep` mm that follow it."""
        self.room(12 + keep)  # a heading never sits alone at the foot of a page
        self.ln(3)
        self.style(13, bold=True, colour=HEADING)
        self.multi_cell(0, 6.5, self.printable(text), align=Align.L, new_x=XPos.LMARGIN)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.y + 0.5, self.w - self.r_margin, self.y + 0.5)
        self.ln(2.5)
        self.style(BODY)

    def subheading(self, text: str) -> None:
        self.room(16)
        self.ln(1)
        self.style(10.5, bold=True)
        self.multi_cell(0, 5.5, self.printable(text), align=Align.L, new_x=XPos.LMARGIN)
        self.style(BODY)

    def paragraph(
        self, text: str, *, size: float = BODY, colour: Colour = INK, bold: bool = False
    ) -> None:
        self.style(size, bold=bold, colour=colour)
        text = self.printable(text)
        self.multi_cell(0, LINE * size / BODY, text, align=Align.L, new_x=XPos.LMARGIN)
        self.style(BODY)

    def bullets(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.set_x(self.l_margin + 1)
            self.cell(4, LINE, "•")
            self.multi_cell(0, LINE, self.printable(line), align=Align.L, new_x=XPos.LMARGIN)
        if lines:
            self.ln(1)

    def quote(self, text: str) -> None:
        """A family's words verbatim, on a pale ground with a bar: kept on one page when short."""
        text = self.printable(text)
        self.room(min(self.quote_height(text), 60))
        top, page = self.y, self.page
        self.set_fill_color(*QUOTE_FILL)
        self.multi_cell(
            0, LINE, text, fill=True, align=Align.L, padding=_QUOTE_PADDING, new_x=XPos.LMARGIN
        )
        if self.page == page:  # the bar only where the quote did not cross a page
            self.set_fill_color(*QUOTE_BAR)
            self.rect(self.l_margin, top, 0.9, self.y - top, style="F")
        self.ln(1.5)

    def quote_height(self, text: str) -> float:
        self.style(BODY)
        lines = self.line_count(0, LINE, text, _QUOTE_PADDING)
        return lines * LINE + _QUOTE_PADDING.top + _QUOTE_PADDING.bottom

    def line_count(self, width: float, line: float, text: str, padding: Padding = _NONE) -> int:
        """How many lines `text` wraps to in the current font, without drawing it."""
        full = width or self.w - self.r_margin - self.x  # 0 means "to the right margin"
        room = full - 2 * self.c_margin - padding.left - padding.right
        if "\n" not in text and self.get_string_width(text) <= room:
            return 1  # most table cells: no need for fpdf2's full (slow) line breaking
        lines = self.multi_cell(
            width, line, text, dry_run=True, output=MethodReturnValue.LINES, padding=padding
        )
        assert isinstance(lines, list)
        return len(lines)

    # -- tables -----------------------------------------------------------------------------

    def _row_height(self, cells: Sequence[str], widths: Sequence[float], line: float) -> float:
        counts = (self.line_count(w, line, text) for text, w in zip(cells, widths, strict=True))
        return max(counts, default=1) * line + 0.8

    def table_height(
        self, rows: Sequence[Sequence[str]], widths: Sequence[float], size: float
    ) -> float:
        self.c_margin = _CELL_MARGIN
        height = 0.0
        for index, row in enumerate(rows):
            self.style(size, bold=index == 0)
            height += self._row_height([self.printable(c) for c in row], widths, size * 0.42)
        self.c_margin = _TEXT_MARGIN
        self.style(BODY)
        return height

    def draw_table(
        self,
        x: float,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        size: float = SMALL,
        outside: Sequence[Sequence[bool]] = (),
    ) -> float:
        """Draw rows (the first is the head) at x from the current y; return the bottom y.

        The first column is left-aligned, the others centred; `outside` greys the cells of days
        outside the brief's span."""
        line = size * 0.42
        y = self.y
        self.set_draw_color(*RULE)
        self.c_margin = _CELL_MARGIN  # narrow day columns need every tenth of a millimetre
        for index, row in enumerate(rows):
            cells = [self.printable(cell) for cell in row]
            self.style(size, bold=index == 0)
            height = self._row_height(cells, widths, line)
            if y + height > self.page_break_trigger:
                self.add_page()
                y = self.y
            left = x
            for column, (text, width) in enumerate(zip(cells, widths, strict=True)):
                greyed = 0 < index <= len(outside) and outside[index - 1][column]
                fill = HEAD_FILL if index == 0 else OUTSIDE_FILL if greyed else None
                if fill:
                    self.set_fill_color(*fill)
                self.rect(left, y, width, height, style="DF" if fill else "D")
                used = self.line_count(width, line, text)
                self.set_xy(left, y + (height - used * line) / 2)
                align = Align.L if column == 0 else Align.C
                self.multi_cell(width, line, text, align=align, new_x=XPos.RIGHT, new_y=YPos.TOP)
                left += width
            y += height
        self.style(BODY)
        self.c_margin = _TEXT_MARGIN
        return y
