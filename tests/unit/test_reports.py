"""The session brief in Markdown, HTML and PDF: every section, every word the family wrote."""

from __future__ import annotations

import html
import io
import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from random import Random

import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from companion.domain.brief import (
    BLANK,
    NOT_PLANNED,
    OUTSIDE,
    SELF_REPORTED,
    Asked,
    Brief,
    CaregiverTrend,
    CaregiverWeek,
    CellMark,
    ChildActivities,
    ChildTrend,
    ChildWeek,
    DimensionTally,
    Entry,
    GridRow,
    GridWeek,
    PracticeLine,
    Question,
    RoutineSummary,
)
from companion.domain.messages import NOT_A_THERAPIST
from companion.reports import words
from companion.reports.charts import SOFT_INK, Text, engagement_chart, text_width
from companion.reports.html import render_html
from companion.reports.markdown import render_markdown
from companion.reports.pdf import render_pdf
from companion.reports.svg import caregiver_charts, child_charts

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
SINCE = date(2026, 9, 2)  # a Wednesday: the first week starts outside the span
SHORT_UNTIL = date(2026, 9, 18)  # a Friday: so does the last week end
LONG_UNTIL = date(2026, 11, 23)  # about three months

UNICODE = "Zoë — “quoted” ✓ 😊"
HTML_LOOKALIKE = "I wanted to say <b>stop</b> & walk away, but I stayed."
MULTILINE = "She pulled her hand away, then came back.\n# not a heading\n| not | a table |"
QUESTION_ONE = "How do we handle bedtime when Leo says 'you are not my real mum'?"
QUESTION_TWO = "Is it all right to skip the hello song when Mia is already wobbly?\n> she said no"


def named(text: str, mia: str, leo: str) -> str:
    """The sample's words with the children's names as the brief gives them (maybe initials)."""
    return text.replace("Mia", mia).replace("Leo", leo)


AFTER_SCHOOL_WEEK_TWO: tuple[CellMark, ...] = (
    "done",
    "done",
    BLANK,
    "partly done",
    "not today",
    NOT_PLANNED,
    NOT_PLANNED,
)
SECTIONS = (
    words.QUESTIONS,
    words.FLAGGED,
    words.GAMES,
    words.ROUTINES,
    words.CHILDREN,
    words.PRACTICE,
    words.CAREGIVERS,
)


def mondays(since: date, until: date) -> list[date]:
    first = since - timedelta(days=since.weekday())
    return [first + timedelta(weeks=i) for i in range((until - first).days // 7 + 1)]


def grid(since: date, until: date, rng: Random) -> tuple[GridWeek, ...]:
    weeks = []
    routines = {"Morning": range(7), "After school": range(5), "Bedtime": range(7)}
    for index, monday in enumerate(mondays(since, until)):
        rows = []
        for routine, planned in routines.items():
            cells: list[CellMark] = []
            for offset in range(7):
                day = monday + timedelta(days=offset)
                if not since <= day <= until:
                    cells.append(OUTSIDE)
                elif offset not in planned:
                    cells.append(NOT_PLANNED)
                else:
                    cells.append(rng.choice(["done"] * 6 + ["partly done", "not today", BLANK]))
            if index == 1 and routine == "After school":
                cells = list(AFTER_SCHOOL_WEEK_TWO)
            rows.append(GridRow(routine, tuple(cells)))
        weeks.append(GridWeek(monday, tuple(rows)))
    return tuple(weeks)


def child_trend(child: str, weeks: list[date], rng: Random) -> ChildTrend:
    data = []
    for index, monday in enumerate(weeks):
        if index == 2:  # a quiet week: nothing noted at all
            data.append(ChildWeek(monday, None, (0, 0, 0), (0, 0, 0)))
            continue
        before = (rng.randint(0, 3), rng.randint(0, 3), rng.randint(0, 1))
        after = (sum(before) - 1, 1, 0) if sum(before) > 1 else (sum(before), 0, 0)
        data.append(ChildWeek(monday, round(rng.uniform(2.2, 4.8), 1), before, after))
    sentences = (
        f"Engagement averaged 3.6 of 5 over {len(weeks) * 3} reflections.",
        f"{child} was calm after a game more often than before it.",
    )
    return ChildTrend(child, (), tuple(data), sentences)


def caregiver_trend(name: str, weeks: list[date], rng: Random, low: bool) -> CaregiverTrend:
    data = tuple(
        CaregiverWeek(m, (rng.randint(0, 3), rng.randint(0, 3), rng.randint(1, 3) if low else 0))
        for m in weeks
    )
    gentle = f"{name} has been running on empty for a while; rest is part of this work too."
    return CaregiverTrend(name, data, "empty" if low else "calm", gentle if low else None)


def activities(child: str, focus: tuple[str, ...], counts: tuple[int, ...]) -> ChildActivities:
    tallies = tuple(
        DimensionTally(dim, n, dim in focus)
        for dim, n in zip(words.DIMENSIONS, counts, strict=True)
    )
    games = (("Lotion hands", 5), ("Balloon keep-up", 4), ("Hello song", 3), ("Cotton ball", 2))
    return ChildActivities(
        child, focus, tallies, games, sum(counts), f"{child} played {sum(counts)} connection games."
    )


def sample_brief(until: date = SHORT_UNTIL, *, redacted: bool = False) -> Brief:
    rng = Random(7)
    mia, leo, sam, alex = ("M.", "L.", "S.", "A.") if redacted else ("Mia", "Leo", "Sam", "Alex")
    weeks = mondays(SINCE, until)
    flagged = (
        Entry(
            SINCE + timedelta(days=5),
            sam,
            (mia,),
            "Lotion hands",
            (
                ("What happened", named(MULTILINE, mia, leo)),
                ("What I noticed in myself", HTML_LOOKALIKE),
                ("Rupture and repair", UNICODE),
            ),
            ("rupture and repair", "touch"),
            questions=1,
        ),
        Entry(
            SINCE + timedelta(days=9),
            "",
            (leo,),
            "Bedtime",
            (("What happened", f"{leo} asked for the hello song three times, then slept."),),
            (),
        ),
    )
    return Brief(
        title=f"Session brief for {mia} and {leo}",
        since=SINCE,
        until=until,
        made_on=until + timedelta(days=1),
        children=(mia, leo),
        caregivers=(sam, alex),
        reflections=len(weeks) * 5,
        last_appointment=SINCE - timedelta(days=1),
        next_appointment=until + timedelta(days=2),
        activities=(
            activities(mia, ("nurture",), (3, 4, 6, 1)),
            activities(leo, ("structure", "engagement"), (5, 4, 2, 3)),
        ),
        routines=(
            RoutineSummary("Morning", 12, 15, "Morning happened 12 of 15 mornings."),
            RoutineSummary("After school", 8, 11, "After school happened 8 of 11 afternoons."),
            RoutineSummary("Bedtime", 14, 15, "Bedtime happened 14 of 15 evenings."),
        ),
        weeks=grid(SINCE, until, rng),
        trends=(child_trend(mia, weeks, rng), child_trend(leo, weeks, rng)),
        practice=(
            PracticeLine("Lotion hands", "a game from our therapist", 5, "Lotion hands: 5 times."),
            PracticeLine("Nurture games", "our focus", 6, "Nurture games (our focus): 6 times."),
        ),
        flagged=flagged,
        questions=(
            Question(named(QUESTION_ONE, mia, leo), (Asked(SINCE + timedelta(days=3), sam),)),
            Question(
                named(QUESTION_TWO, mia, leo),
                (Asked(SINCE + timedelta(days=5), sam), Asked(SINCE + timedelta(days=11), alex)),
            ),
        ),
        caregivers_state=(
            caregiver_trend(sam, weeks, rng, low=False),
            caregiver_trend(alex, weeks, rng, low=True),
        ),
        redacted=redacted,
    )


# -- helpers --------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def html_text(document: str) -> str:
    """The HTML's words as a reader sees them: tags dropped, entities turned back."""
    return html.unescape(re.sub(r"<[^>]+>", "", document))


def in_order(text: str, parts: tuple[str, ...]) -> bool:
    places = [text.find(part) for part in parts]
    return -1 not in places and places == sorted(places)


FAMILY_WORDS = (UNICODE, HTML_LOOKALIKE, MULTILINE, QUESTION_ONE, QUESTION_TWO)


@pytest.fixture(scope="module")
def brief() -> Brief:
    return sample_brief()


@pytest.fixture(scope="module")
def markdown(brief: Brief) -> str:
    return render_markdown(brief)


@pytest.fixture(scope="module")
def document(brief: Brief) -> str:
    return render_html(brief)


@pytest.fixture(scope="module")
def pdf(brief: Brief) -> bytes:
    return render_pdf(brief)


# -- every format: sections, notes, words ---------------------------------------------------


def test_markdown_has_every_section_in_the_order_a_therapist_reads(markdown: str) -> None:
    assert markdown.startswith("# Session brief for Mia and Leo\n")
    assert "2 September to 18 September 2026" in markdown
    assert in_order(markdown, tuple(f"\n## {heading}\n" for heading in SECTIONS))
    assert in_order(markdown, ("Made on 19 September 2026", SELF_REPORTED, NOT_A_THERAPIST))


def test_html_has_every_section_in_the_same_order(document: str) -> None:
    assert in_order(document, tuple(f"<h2>{html.escape(h)}</h2>" for h in SECTIONS))
    text = html_text(document)
    assert in_order(text, ("Session brief for Mia and Leo", SELF_REPORTED, NOT_A_THERAPIST))


def test_pdf_has_every_section_in_the_same_order(pdf: bytes) -> None:
    text = pdf_text(pdf)
    title = "Session brief for Mia and Leo"
    assert in_order(text, (title, "2 September to 18 September 2026", *SECTIONS))
    flat = " ".join(text.split())  # the PDF wraps long lines where it likes
    assert SELF_REPORTED in flat and NOT_A_THERAPIST in flat


def test_a_question_asked_twice_is_written_once_with_both_days_in_every_format(
    markdown: str, document: str, pdf: bytes
) -> None:
    asked = "Asked twice: Mon 7 September, Sam; Sun 13 September, Alex"
    pointer = 'Its question is listed above, under "Questions for our therapist".'
    first_line = QUESTION_TWO.splitlines()[0]
    pdf_words = " ".join(pdf_text(pdf).split())
    for text in (markdown, html_text(document), pdf_words):
        assert text.count(asked) == 1
        assert text.count(first_line) == 1  # not again under the flagged reflection
        assert text.count(pointer) == 1


@pytest.mark.parametrize("asked", range(4, 22))
def test_a_pdf_heading_is_never_left_alone_at_the_foot_of_a_page(brief: Brief, asked: int) -> None:
    # More questions push "Flagged for discussion" down the page, to its foot at some count.
    question = Question(QUESTION_ONE + " " + QUESTION_ONE, (Asked(SINCE, "Sam"),))
    reader = PdfReader(io.BytesIO(render_pdf(replace(brief, questions=(question,) * asked))))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    (page,) = [page for page in pages if words.FLAGGED in page]
    assert "Mon 7 September · Sam" in page.split(words.FLAGGED, 1)[1]  # its first reflection


def test_the_practice_section_is_left_out_when_there_is_no_plan(brief: Brief) -> None:
    without = replace(brief, practice=())
    assert words.PRACTICE not in render_markdown(without)
    assert html.escape(words.PRACTICE) not in render_html(without)
    assert words.PRACTICE not in pdf_text(render_pdf(without))


def rendered(markdown: str) -> str:
    """The Markdown as a CommonMark renderer (with tables) turns it into HTML."""
    document: str = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    return document


def test_the_family_words_survive_verbatim_in_markdown(markdown: str) -> None:
    shown = html_text(rendered(markdown))
    for text in FAMILY_WORDS:
        for line in text.splitlines():
            assert line in shown, line


def test_a_line_that_looks_like_markdown_stays_inside_its_quote(markdown: str) -> None:
    document = rendered(markdown)
    assert "<h1>not a heading</h1>" not in document
    assert "<td>not</td>" not in document
    assert "<b>stop</b>" not in document  # shown, not obeyed
    quotes = html_text("".join(re.findall(r"<blockquote>.*?</blockquote>", document, re.S)))
    assert "# not a heading" in quotes and "| not | a table |" in quotes


# Words that a Markdown renderer (CommonMark or pandoc) would otherwise obey or drop.
LOOKS_LIKE_MARKDOWN = [
    "I said <sigh> and walked on.",
    "We will *never* do that _again_, **ever**.",
    '<img src="x" onerror="alert(1)"> <script>alert(1)</script>',
    "[click me](https://example.com) and ![a picture](pic.png)",
    "Use `code` and ~~strike~~ and ~sub~ and ^sup^ and $x$ please.",
    "Tom &amp; Jerry &#60;3 & friends",
    "1. not a list",
    "- not a bullet",
    "+ nor this",
    "=====",
    "    not code, only indented",
    "back\\slash \\* kept",
]


@pytest.mark.parametrize("words_written", LOOKS_LIKE_MARKDOWN)
def test_words_that_look_like_markdown_are_shown_as_written(
    brief: Brief, words_written: str
) -> None:
    asked = Question(words_written, (Asked(SINCE, "Sam <3"),))
    named = replace(brief, questions=(asked,), children=("Mia *star*", "Leo"))
    document = rendered(render_markdown(named))
    for tag in ("<code>", "<a ", "<img", "<script", "<del>", "<ol>", "<sub>", "<sup>"):
        assert tag not in document, (tag, words_written)
    quotes = re.findall(r"<blockquote>\n(.*?)</blockquote>", document, re.S)
    said = next(q for q in quotes if html_text(q).strip() == words_written.strip())
    assert re.sub(r"</?p>", "", said).count("<") == 0  # no markup came from the words
    shown = html_text(document)
    assert words_written.strip() in shown
    assert "Mia *star*" in shown and "Sam <3" in shown


def test_the_family_words_survive_verbatim_in_html(document: str) -> None:
    assert "<b>stop</b>" not in document  # escaped, so shown rather than obeyed
    assert "&lt;b&gt;stop&lt;/b&gt;" in document
    for text in FAMILY_WORDS:
        assert f"<blockquote>{html.escape(text)}</blockquote>" in document
        assert text in html.unescape(document)


def test_the_family_words_survive_verbatim_in_the_pdf(pdf: bytes) -> None:
    # DejaVu Sans draws every character of the sample, the emoji included: all come back.
    text = pdf_text(pdf)
    for words_written in FAMILY_WORDS:
        for line in words_written.splitlines():
            assert line in text, line


def test_a_character_the_pdf_font_lacks_is_named_not_dropped(brief: Brief) -> None:
    asked = Question("Grandma wrote 家 on the card", (Asked(SINCE, "Sam"),))
    text = pdf_text(render_pdf(replace(brief, questions=(asked,))))
    assert "Grandma wrote [cjk unified ideograph-5bb6] on the card" in text
    assert "the HTML and Markdown briefs keep them as written" in " ".join(text.split())
    assert "家" in render_markdown(replace(brief, questions=(asked,)))


def test_the_week_grid_shows_marks_and_leaves_blank_days_blank(markdown: str) -> None:
    assert f"| After school | ✓ | ✓ |   | ~ | {words.DASH} | · | · |" in markdown
    assert "### Week of 7 September" in markdown
    assert "| Routine | Mon 7 | Tue 8 | Wed 9 | Thu 10 | Fri 11 | Sat 12 | Sun 13 |" in markdown
    assert words.LEGEND_LINE in markdown
    assert "/ outside this brief's days" in words.LEGEND_LINE
    # The first week starts on a Wednesday: its Monday and Tuesday are marked, not left blank.
    assert "| After school | / | / |" in markdown
    assert "The brief starts on Wed 2 September." in markdown
    assert "The brief ends on Fri 18 September." in markdown


def test_the_html_grid_is_a_table_of_marks_with_a_legend_in_words(document: str) -> None:
    row = re.search(
        r"<tr><th scope=\"row\">After school</th>(.*?)</tr>",
        document[document.index("Week of 7 September") :],
    )
    assert row is not None
    cells = re.findall(r"<td class=\"\w+\">(.*?)</td>", row.group(1))
    assert cells == ["✓", "✓", "", "~", words.DASH, "·", "·"]
    for _, word in words.LEGEND:
        assert html.escape(word) in document
    first_week = document[document.index("Week of 31 August") :]
    assert '<td class="outside">/</td>' in first_week  # marked, and greyed as well


def test_no_format_speaks_of_failure_or_misses(markdown: str, document: str, pdf: bytes) -> None:
    for text in (markdown, html_text(document), pdf_text(pdf)):
        lowered = text.lower()
        assert "missed" not in lowered and "failed" not in lowered


def test_a_redacted_brief_says_so_and_names_no_one() -> None:
    redacted = sample_brief(redacted=True)
    data = render_pdf(redacted)
    outputs = (render_markdown(redacted), html_text(render_html(redacted)), pdf_text(data))
    for text in outputs:
        assert words.REDACTED in text
        assert "M.." not in text and "S.." not in text  # initials keep their one full stop
        for name in ("Mia", "Leo", "Sam", "Alex"):
            assert name not in text
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert metadata is not None and metadata.title == "Session brief for M. and L."
    assert "Mia" not in str(dict(metadata))


def test_a_brief_that_is_not_redacted_does_not_claim_to_be(
    markdown: str, document: str, pdf: bytes
) -> None:
    for text in (markdown, document, pdf_text(pdf)):
        assert words.REDACTED not in text


def test_an_empty_span_renders_gently_in_every_format(brief: Brief) -> None:
    empty = replace(
        brief,
        activities=(),
        routines=(),
        weeks=(),
        trends=(),
        practice=(),
        flagged=(),
        questions=(),
        caregivers_state=(),
        reflections=0,
    )
    markdown = render_markdown(empty)
    for line in (words.NO_QUESTIONS, words.NO_FLAGGED, words.NO_GAMES, words.NO_ROUTINES):
        assert line in markdown
        assert html.escape(line) in render_html(empty)
        assert line in pdf_text(render_pdf(empty))


# -- HTML and SVG ---------------------------------------------------------------------------


def test_the_html_file_is_self_contained(document: str) -> None:
    assert document.startswith("<!doctype html>")
    assert re.findall(r"\b(?:src|href)\s*=", document) == []  # nothing to fetch at all
    assert "<script" not in document.lower()
    assert "<link" not in document.lower() and "@import" not in document
    assert "url(" not in document
    assert "<svg" in document and "@page" in document and "break-inside: avoid" in document


def test_the_html_names_no_red_anywhere(document: str) -> None:
    for hex_colour in re.findall(r"#([0-9a-fA-F]{6})\b", document):
        red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
        assert not (red > 150 and red - max(green, blue) > 60), hex_colour
    assert not re.search(r"(?:color|fill|background|stroke)\W+(?:red|crimson|tomato)\b", document)


def test_every_chart_is_well_formed_svg_with_a_title(brief: Brief, document: str) -> None:
    svgs = [chart for _, pair in child_charts(brief) for chart in pair]
    svgs += caregiver_charts(brief)
    assert len(svgs) == 6
    for chart in svgs:
        root = ET.fromstring(chart)
        title = root.find(f"{SVG}title")
        assert title is not None and title.text
        assert chart in document


def test_chart_words_are_escaped(brief: Brief) -> None:
    odd = 'Mia <&> "Zoë"'
    trend = replace(brief.trends[0], child=odd)
    for chart in child_charts(replace(brief, trends=(trend,)))[0][1]:
        root = ET.fromstring(chart)
        title = root.find(f"{SVG}title")
        assert title is not None and title.text is not None
        assert title.text.startswith(f"{odd}: ")


def test_the_charts_label_states_in_words_not_colour_alone(brief: Brief) -> None:
    _, (_, states) = child_charts(brief)[0]
    texts = [node.text for node in ET.fromstring(states).iter(f"{SVG}text")]
    for word in (*words.CHILD_STATE_WORDS, "before", "after", "31 Aug"):
        assert word in texts
    hatched = ET.fromstring(states).findall(f"{SVG}g")
    assert hatched  # wobbly and overwhelmed carry a pattern as well as a colour


# -- PDF ------------------------------------------------------------------------------------


def test_the_same_brief_makes_the_same_pdf(brief: Brief, pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    assert render_pdf(brief) == pdf


def test_the_pdf_says_what_it_is_and_names_no_author(pdf: bytes) -> None:
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None
    assert metadata.title == "Session brief for Mia and Leo"
    assert metadata.author is None


def test_three_months_fit_on_a_few_pages() -> None:
    pages = PdfReader(io.BytesIO(render_pdf(sample_brief(LONG_UNTIL)))).pages
    assert len(pages) <= 3


def test_markdown_and_html_do_not_load_the_pdf_library() -> None:
    probe = (
        "import sys\n"
        "from companion.reports.markdown import render_markdown\n"
        "from companion.reports.html import render_html\n"
        "import companion.reports.pdf\n"
        "loaded = sorted({'fpdf', 'fontTools'} & set(sys.modules))\n"
        "from tests.unit.test_reports import sample_brief\n"  # pypdf brings fontTools
        "render_markdown(sample_brief()); render_html(sample_brief())\n"
        "print(loaded, 'fpdf' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split() == ["[]", "False"]


def test_the_wheel_ships_the_fonts_their_licence_and_the_style(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"):
        assert f"companion/reports/fonts/{name}" in names
    assert "companion/reports/brief.css" in names


def test_a_year_of_weeks_keeps_the_chart_labels_apart() -> None:
    mondays = [date(2025, 11, 24) + timedelta(weeks=n) for n in range(53)]
    weeks = tuple(ChildWeek(monday, 3.5, (1, 0, 0), (1, 0, 0)) for monday in mondays)
    chart = engagement_chart(ChildTrend("Mia", (), weeks, ()))
    texts = [mark for mark in chart.marks if isinstance(mark, Text)]
    axis = sorted(
        (t for t in texts if t.fill == SOFT_INK and t.anchor == "middle"), key=lambda t: t.x
    )
    assert 5 < len(axis) < 53  # a label every few weeks, not one a week
    for left, right in itertools.pairwise(axis):
        room = right.x - left.x
        assert room > (text_width(left.text, 8) + text_width(right.text, 8)) / 2
    # Bars a few points wide carry no number above them: the description says each week.
    assert not any(t.text == "3.5" for t in texts)
    assert "week of 24 Nov: 3.5" in chart.description


def test_a_week_with_nothing_noted_is_blank_for_caregivers_as_for_children(brief: Brief) -> None:
    sam = brief.caregivers_state[0]
    quiet = replace(sam.weeks[0], feelings=(0, 0, 0))
    quiet_brief = replace(brief, caregivers_state=(replace(sam, weeks=(quiet, *sam.weeks[1:])),))
    label = words.week_label(quiet.monday)
    caregivers = render_markdown(quiet_brief).split(f"## {words.CAREGIVERS}")[1]
    assert f"| {label} |   |   |   |" in caregivers
    assert f"| {label} | 0 | 0 | 0 |" not in caregivers
