"""The session brief as a PDF, with DejaVu Sans bundled so any language a family writes prints."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, datetime, time
from importlib.resources import as_file, files

from companion.domain.brief import Brief
from companion.reports import words


def render_pdf(brief: Brief) -> bytes:
    # fpdf2 and fontTools take a moment to load: only making a PDF pays for them.
    from companion.reports.pdf_document import BriefDocument
    from companion.reports.pdf_sections import write_brief

    fonts = files("companion.reports") / "fonts"
    span = words.span(brief.since, brief.until)
    with ExitStack() as stack:
        # fpdf2 reads the fonts lazily, so they must stay on disk until the output is made.
        regular = stack.enter_context(as_file(fonts / "DejaVuSans.ttf"))
        bold = stack.enter_context(as_file(fonts / "DejaVuSans-Bold.ttf"))
        doc = BriefDocument(regular, bold, f"{brief.title} · {span}")
        doc.set_title(brief.title)
        doc.set_subject(f"Session brief, {span}")
        doc.set_lang("en")
        doc.set_creator("companion")
        # The day it was made, not the second: two renders of one brief are byte-identical.
        doc.set_creation_date(datetime.combine(brief.made_on, time(), tzinfo=UTC))
        write_brief(doc, brief)
        return bytes(doc.output())
