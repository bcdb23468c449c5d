"""The HTML brief in a real browser: headless Chromium paints it and prints it to PDF."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from companion.reports.html import render_html
from companion.reports.words import CAREGIVERS, QUESTIONS, ROUTINES
from tests.unit.test_reports import LONG_UNTIL, sample_brief

BROWSER = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
QUIET = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "brief.html"
    path.write_text(render_html(sample_brief(LONG_UNTIL)), encoding="utf-8")
    return path


def chromium(tmp_path: Path, page: Path, *args: str) -> None:
    if BROWSER is None:
        pytest.skip("no Chromium or Chrome on this machine")
    profile = tmp_path / "profile"
    command = [BROWSER, *QUIET, f"--user-data-dir={profile}", *args, page.as_uri()]
    subprocess.run(command, capture_output=True, timeout=120, check=False)


def png_rows(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the (still filtered) scanlines of a non-interlaced PNG."""
    assert data.startswith(PNG_MAGIC)
    at, idat, width, height, channels = len(PNG_MAGIC), b"", 0, 0, 0
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour] * depth // 8
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + width * channels
    return width, height, [raw[i * stride + 1 : (i + 1) * stride] for i in range(height)]


def test_chromium_paints_the_brief_on_a_page(tmp_path: Path, page: Path) -> None:
    shot = tmp_path / "brief.png"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1240,1754")
    assert shot.exists(), "Chromium made no screenshot"
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC)
    width, height, rows = png_rows(data)
    assert (width, height) == (1240, 1754)
    # A blank page filters to rows of one or two byte values; text and charts do not.
    busy = sum(1 for row in rows if len(set(row)) >= 3)
    assert busy > 300, f"only {busy} rows with anything drawn on them"
    assert len(data) > 40_000


def test_chromium_prints_the_brief_with_its_words(tmp_path: Path, page: Path) -> None:
    printed = tmp_path / "brief.pdf"
    chromium(tmp_path, page, f"--print-to-pdf={printed}", "--no-pdf-header-footer")
    assert printed.exists(), "Chromium printed nothing"
    reader = PdfReader(io.BytesIO(printed.read_bytes()))
    assert len(reader.pages) >= 1
    first = reader.pages[0].extract_text()
    assert "Session brief for Mia and Leo" in first
    assert QUESTIONS in first
    everything = "\n".join(p.extract_text() for p in reader.pages)
    assert ROUTINES in everything and CAREGIVERS in everything
