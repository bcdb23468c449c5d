"""`companion brief` on a known family: what it says, in every format, and with initials."""

from __future__ import annotations

import io
import re
import stat
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from companion.domain.reflection import ReflectionDraft
from companion.services import Services
from tests.conftest import CliRunner, Clock

NAMES = ("Sam", "Jordan", "Mia", "Leo", "Zoe")
# Mia's sister, named as a relative; written here as text pasted from another machine
# (the accent a separate mark) and elsewhere plain or in capitals.
SISTER = unicodedata.normalize("NFD", "Zoë")
DEN = f"{SISTER} and Mia\u2019s dad built a den; ZOE kept the door."
FLAGGED = "Mia hid under the table when Jordan came home late; Sam sat beside her."
QUESTION = "Is it all right that Leo asks for the same song every night?"


@pytest.fixture
def known(family_services: Services, clock: Clock) -> Services:
    """Two weeks with a bedtime routine, three reflections and an appointment."""
    services = family_services
    clock.now = datetime(2026, 11, 1, 9, 0)
    services.briefs.add_appointment("2026-11-09", "with our therapist")
    services.routines.add("Bedtime", at="19:30", steps=("Story:10", "Song:5"))
    clock.now = datetime(2026, 11, 23, 19, 30)
    for day, status in ((9, "done"), (10, "done"), (11, "skipped"), (13, "partly")):
        services.routines.check_off("Bedtime", day=date(2026, 11, day), status=status, by="Sam")
    services.save_reflection(
        ReflectionDraft(
            text=FLAGGED,
            children=("Mia",),
            by="Jordan",
            for_therapist=True,
            before="overwhelmed",
            after="calm",
            engagement=2,
            feeling="stretched",
            day=date(2026, 11, 10),
        )
    )
    services.save_reflection(
        ReflectionDraft(text="A quiet bath.", children=("Leo",), questions=QUESTION, by="Sam")
    )
    services.save_reflection(ReflectionDraft(text="Before the span.", day=date(2026, 11, 2)))
    services.add_relative("Zoë")
    services.save_reflection(
        ReflectionDraft(text=DEN, children=("Mia",), for_therapist=True, day=date(2026, 11, 12))
    )
    return services


def test_the_default_brief_runs_since_the_last_appointment(cli: CliRunner, known: Services) -> None:
    code, out, err = cli("brief")
    assert (code, err) == (0, "")
    assert out.startswith("# Session brief for Mia and Leo\n")
    assert "9 November to 23 November 2026" in out
    assert FLAGGED in out and QUESTION in out
    assert "Before the span." not in out
    assert "Self-reported by the family" in out
    assert "Bedtime happened 3 of 14 evenings." in out


def test_a_file_is_written_for_its_owner_only(
    cli: CliRunner, known: Services, tmp_path: Path
) -> None:
    target = tmp_path / "brief.html"
    code, out, err = cli("brief", "--format", "html", "-o", str(target))
    assert (code, err) == (0, "")
    assert out == f"Saved the brief for 9 November to 23 November 2026 to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("form", ["md", "html", "pdf"])
def test_redacted_briefs_hold_no_name_of_the_family(
    cli: CliRunner, known: Services, tmp_path: Path, form: str
) -> None:
    target = tmp_path / f"brief.{form}"
    assert cli("brief", "--format", form, "--redact", "-o", str(target))[0] == 0
    content = target.read_bytes()
    text = pdf_text(content) if form == "pdf" else content.decode()
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    for name in NAMES:
        assert not re.search(rf"\b{name}\b", plain, re.IGNORECASE), f"{name} in the {form}"
    assert "M." in text and "J." in text and "L." in text
    assert "Z. and M.\u2019s dad built a den; Z. kept the door." in " ".join(text.split())
    words_of_flagged = "hid under the table when J. came home late; S. sat beside her."
    assert words_of_flagged in " ".join(text.split())
    assert "replaced by initials" in text


def test_the_same_brief_unredacted_names_everyone(
    cli: CliRunner, known: Services, tmp_path: Path
) -> None:
    target = tmp_path / "brief.pdf"
    assert cli("brief", "--format", "pdf", "-o", str(target))[0] == 0
    content = target.read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(pdf_text(content).split())
    for name in NAMES[:-1]:
        assert name in text
    assert FLAGGED in text


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--since", "2026-11-20", "--until", "2026-11-10"), "swap the dates"),
        (("--until", "in 3 days"), "up to today"),
        (("--since", "last spring"), '"last spring" is not a --since date I can read'),
    ],
)
def test_a_span_that_cannot_be_is_one_sentence(
    cli: CliRunner, known: Services, args: tuple[str, ...], says: str
) -> None:
    code, out, err = cli("brief", *args)
    assert (code, out) == (1, "")
    assert says in err and err.count("\n") == 1


def test_a_place_that_cannot_be_written_is_one_sentence(
    cli: CliRunner, known: Services, tmp_path: Path
) -> None:
    not_a_folder = (
        tmp_path / "notes.txt"
    )  # a file where a folder should be (root can write anywhere)
    not_a_folder.write_text("kept", encoding="utf-8")
    code, _, err = cli("brief", "-o", str(not_a_folder / "brief.md"))
    assert code == 1
    assert err.startswith(f"I could not write the brief in {not_a_folder}")
    assert err.count("\n") == 1
    assert not_a_folder.read_text(encoding="utf-8") == "kept"


def test_a_folder_gets_a_brief_with_a_name_of_its_own(
    cli: CliRunner, known: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "for-the-therapist"
    folder.mkdir()
    code, out, err = cli("brief", "--format", "html", "-o", str(folder))
    assert (code, err) == (0, "")
    [written] = folder.iterdir()
    assert written.name == "session-brief-2026-11-09-to-2026-11-23.html"
    assert out == f"Saved the brief for 9 November to 23 November 2026 to {written}.\n"
