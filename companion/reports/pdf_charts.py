"""Paint a `charts.Chart` on a PDF page with fpdf2's own lines, boxes and text.

The shapes are the ones the SVG draws, so both formats show the same picture; text stays real
text, so it can be selected, searched and read aloud.
"""

from __future__ import annotations

from companion.reports.charts import HATCH_INK, Box, Chart, Line, Text, hatch_lines
from companion.reports.pdf_document import FONT, BriefDocument

_PT_PER_MM = 72 / 25.4


def chart_height(chart: Chart, width: float) -> float:
    return chart.height * width / chart.width


def draw_chart(doc: BriefDocument, chart: Chart, x: float, y: float, width: float) -> None:
    scale = width / chart.width  # mm per chart pixel
    doc.set_line_width(0.2)
    for mark in chart.marks:
        if isinstance(mark, Box):
            _box(doc, mark, x, y, scale)
        elif isinstance(mark, Line):
            doc.set_draw_color(mark.stroke)
            doc.line(
                x + mark.x1 * scale, y + mark.y1 * scale, x + mark.x2 * scale, y + mark.y2 * scale
            )
        else:
            _text(doc, mark, x, y, scale)
    doc.set_line_width(0.2)


def _box(doc: BriefDocument, box: Box, x: float, y: float, scale: float) -> None:
    left, top, w, h = x + box.x * scale, y + box.y * scale, box.w * scale, box.h * scale
    doc.set_fill_color(box.fill)
    doc.set_draw_color(HATCH_INK)
    doc.set_line_width(0.12)
    doc.rect(left, top, w, h, style="DF")
    if box.hatch:
        for line_y in hatch_lines(box.y, box.h):
            doc.line(left, y + line_y * scale, left + w, y + line_y * scale)
    if box.hatch == "grid":
        for line_x in hatch_lines(box.x, box.w):
            doc.line(x + line_x * scale, top, x + line_x * scale, top + h)
    doc.set_line_width(0.2)


def _text(doc: BriefDocument, text: Text, x: float, y: float, scale: float) -> None:
    doc.set_font(FONT, "B" if text.bold else "", text.size * scale * _PT_PER_MM)
    doc.set_text_color(text.fill)
    words = doc.printable(text.text)
    left = x + text.x * scale
    width = doc.get_string_width(words)
    if text.anchor == "middle":
        left -= width / 2
    elif text.anchor == "end":
        left -= width
    doc.text(left, y + text.y * scale, words)
