"""Whatever is typed into a date or number field, the answer is a date, a number, or one clear
sentence: never a traceback, never the "something unexpected" line, and nothing saved changes."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.cli import run
from companion.domain.dates import parse_date
from companion.domain.errors import CompanionError
from companion.domain.numbers import whole_number
from companion.domain.routine import parse_days, parse_step, parse_time
from companion.services import Services
from companion.tui.card_form import CardForm

TODAY = date(2026, 11, 23)

_numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
_units = st.sampled_from(["day", "days", "week", "weeks", "months"])
# Arbitrary text, and text shaped like what people type, so the edges are reached often.
typed = st.one_of(
    st.text(max_size=40),
    _numbers,
    st.builds("{} {} ago".format, _numbers, _units),
    st.builds("in {} {}".format, _numbers, _units),
    st.builds(
        "{}-{:02}-{:02}".format,
        st.integers(-100, 100_000),
        st.integers(0, 13),
        st.integers(0, 32),
    ),
    st.builds("{}:{}".format, _numbers, _numbers),
    st.builds("Brush teeth:{}".format, st.one_of(_numbers, st.text(max_size=5))),
    st.sampled_from(["²", "٣ days ago", "1e9", "0", "-1", "", " ", "9" * 5000, "in 9 days ago"]),
)


@given(typed)
def test_every_date_parser_gives_a_date_or_one_sentence(text: str) -> None:
    for parse in (
        lambda: parse_date(text, today=TODAY),
        lambda: parse_time(text),
        lambda: parse_days(text),
        lambda: parse_step(text),
    ):
        try:
            parse()
        except CompanionError as error:
            assert error.message.endswith("."), error.message
            assert "\n" not in error.message


@given(typed)
def test_a_whole_number_is_plain_digits_or_none(text: str) -> None:
    number = whole_number(text)
    if number is not None:
        assert str(number) == text.strip().lstrip("0").rjust(1, "0")


@given(typed, typed, typed)
def test_the_card_form_says_what_is_wrong_with_any_number(
    youngest: str, oldest: str, minutes: str
) -> None:
    form = CardForm(title="Pillow fort", youngest=youngest, oldest=oldest, minutes=minutes)
    problems = form.problems()
    if not problems:
        assert form.activity().minutes == int(minutes)


# -- the command line ----------------------------------------------------------------------------

# (the command, "{}" where the typed value goes); "--option=value" so text starting "-" is a value.
FIELDS = [
    ("log add", "We played.", "--date={}"),
    ("log add", "We played.", "--engagement={}"),
    ("log list", "--since={}"),
    ("log list", "--until={}"),
    ("brief", "--since={}"),
    ("brief", "--until={}"),
    ("appointments add", "--", "{}"),
    ("family add-child", "Zoe", "--born={}"),
    ("routines add", "Night", "--at={}", "--step=Sleep"),
    ("routines add", "Night", "--at=19:00", "--lead={}", "--step=Sleep"),
    ("routines add", "Night", "--at=19:00", "--days={}", "--step=Sleep"),
    ("routines add", "Night", "--at=19:00", "--step={}"),
    ("routines edit", "Bedtime", "--at={}"),
    ("routines edit", "Bedtime", "--lead={}"),
    ("routines done", "Bedtime", "--date={}"),
    ("routines change", "Bedtime", "--date={}", "--skip"),
    ("routines change", "Bedtime", "--date=tomorrow", "--move={}"),
    ("routines week", "--date={}"),
    ("routines ics", "-o", "{out}", "--tz={}"),
    ("today", "--minutes={}"),
    ("activities list", "--minutes={}"),
]


@pytest.fixture(scope="module")
def family_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-input") / "family"
    services = Services(folder)
    services.add_caregiver("Sam")
    services.add_child("Mia", "2018-03-14")
    services.routines.add("Bedtime", at="19:30", steps=["Bath:10", "Story:10"])
    return folder


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*.json"))
        if "backups" not in path.parts
    }


@pytest.mark.parametrize("field", FIELDS, ids=[" ".join(f) for f in FIELDS])
def test_any_value_in_a_command_line_field_is_answered_in_a_sentence(
    field: tuple[str, ...],
    family_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    command, *options = field
    out_file = tmp_path / "family.ics"
    extra = ["--replace"] if command == "routines ics" else []

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(typed)
    def answered(text: str) -> None:
        args = [o.format(text, out=out_file) for o in options]
        before = _fingerprint(family_folder)
        code = run(["--data-dir", str(family_folder), *command.split(), *args, *extra])
        said = capsys.readouterr()
        shown = said.out + said.err
        assert code in (0, 1, 2), shown
        assert "Traceback" not in shown
        assert "unexpected" not in shown, shown
        if code != 0:
            assert said.err.strip(), "a refusal says why"
            assert _fingerprint(family_folder) == before, shown

    answered()
