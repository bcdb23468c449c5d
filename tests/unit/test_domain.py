"""Pure rules: reading dates, tags, and which reflections a query finds."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.dates import parse_date
from companion.domain.errors import CompanionError
from companion.domain.family import Child
from companion.domain.reflection import Reflection, ReflectionQuery, clean_tags

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-14", date(2026, 3, 14)),
        (" today ", TODAY),
        ("Yesterday", date(2026, 11, 22)),
        ("7 days ago", date(2026, 11, 16)),
        ("1 week ago", date(2026, 11, 16)),
        ("tomorrow", date(2026, 11, 24)),
    ],
)
def test_dates_people_type(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_every_iso_date_reads_back(day: date) -> None:
    assert parse_date(day.isoformat(), today=TODAY) == day


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_one_clear_sentence(text: str) -> None:
    try:
        parsed = parse_date(text, today=TODAY)
    except CompanionError as error:
        assert error.message.endswith(("please write it like 2026-03-14.", "(like 2026-03-14)."))
    else:
        assert isinstance(parsed, date)


def test_tags_are_single_lowercase_words_without_repeats() -> None:
    assert clean_tags(["#Bedtime", "calm, bedtime", "  "]) == ("bedtime", "calm")


def test_age_counts_birthdays() -> None:
    mia = Child(name="Mia", born=date(2018, 11, 24))
    assert mia.age_on(date(2026, 11, 23)) == 7
    assert mia.age_on(date(2026, 11, 24)) == 8


reflections = st.builds(
    Reflection,
    text=st.text(min_size=1, max_size=40),
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    written_at=st.just(datetime(2026, 1, 1)),
    children=st.lists(st.sampled_from(["a", "b"]), max_size=2, unique=True).map(tuple),
    tags=st.lists(st.sampled_from(["bedtime", "play"]), max_size=2, unique=True).map(tuple),
    for_therapist=st.booleans(),
)


@given(
    reflections,
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(0, 400),
)
def test_a_date_window_finds_exactly_the_days_inside_it(
    reflection: Reflection, since: date, span: int
) -> None:
    until = since + timedelta(days=span)
    query = ReflectionQuery.build(since=since, until=until)
    assert query.matches(reflection) == (since <= reflection.day <= until)
    assert reflection.day.year in query.years(2000, 2040) or not query.matches(reflection)


@given(reflections)
def test_search_finds_a_reflection_by_any_word_of_its_own(reflection: Reflection) -> None:
    for word in reflection.text.split():
        assert ReflectionQuery.build(search=word).matches(reflection)
