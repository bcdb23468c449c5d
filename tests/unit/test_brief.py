"""The session brief's numbers and words, from a small family made by hand.

The span runs from Wednesday 4 March 2026 to Tuesday 24 March 2026: four weeks touch it
(Mondays 2, 9, 16 and 23 March), and nothing at all happens in the week of the 9th.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest

from companion.domain.activity import parse_card
from companion.domain.brief import OUTSIDE, Brief, ChildWeek
from companion.domain.brief_builder import build_brief
from companion.domain.errors import CompanionError
from companion.domain.family import Caregiver, Child, Dimension, Family
from companion.domain.library import CardMarks, LibraryCard
from companion.domain.reflection import Reflection
from companion.domain.routine import Checkoff, DayChange, Routine, Step
from companion.reports import words

SINCE, UNTIL, MADE_ON = date(2026, 3, 4), date(2026, 3, 24), date(2026, 3, 25)
MIA = Child("Mia", date(2018, 3, 14), id="mia", focus=(Dimension.NURTURE,))
LEO = Child("Leo", date(2021, 9, 2), id="leo")
SAM, ALEX = Caregiver("Sam", id="sam"), Caregiver("Alex", id="alex")
FAMILY = Family(caregivers=(SAM, ALEX), children=(MIA, LEO))


def activity(card_id: str, title: str, *dimensions: str) -> Any:
    return parse_card(
        {
            "id": card_id,
            "title": title,
            "kind": "game",
            "dimensions": list(dimensions),
            "ages": [2, 12],
            "minutes": 5,
            "energy": "calm",
            "places": ["anywhere"],
            "touch": "none",
            "steps": ["Sit together and begin."],
            "notice": "How your child joins in.",
            "easier": "Shorter.",
            "harder": "Longer.",
            "why": "It is time together.",
            "helps": ["attunement"],
        }
    )


CARDS = (
    LibraryCard.checked(
        activity("lotion-hands", "Lotion hands", "nurture"),
        marks=CardMarks(from_therapist=True),
    ),
    LibraryCard.checked(activity("balloon-up", "Balloon keep-up", "challenge", "engagement")),
    LibraryCard.checked(activity("clap-copy", "Clap and copy", "structure")),
)

MORNING = Routine("Morning", time(7, 30), (Step("Dress"),), paused=True, id="morning")
SWIM = Routine("Swim", time(10, 0), (Step("Swim"),), paused=True, id="swim")
AFTER_SCHOOL = Routine(
    "After school", time(15, 30), (Step("Snack"),), days=frozenset(range(5)), id="after"
)
BEDTIME = Routine("Bedtime", time(19, 30), (Step("Story"),), id="bed")
ROUTINES = (BEDTIME, AFTER_SCHOOL, MORNING, SWIM)


def checkoff(routine: Routine, day: int, status: Any) -> Checkoff:
    return Checkoff(routine.id, date(2026, 3, day), status, datetime(2026, 3, day, 21))


CHECKOFFS = (
    checkoff(BEDTIME, 3, "done"),  # the day before the span
    checkoff(MORNING, 10, "done"),  # on a paused routine
    checkoff(BEDTIME, 16, "done"),
    # Tuesday the 17th: nothing noted
    checkoff(BEDTIME, 18, "skipped"),
    checkoff(BEDTIME, 19, "done"),
    checkoff(BEDTIME, 20, "partly"),
    checkoff(BEDTIME, 21, "done"),
    checkoff(BEDTIME, 22, "done"),
    checkoff(BEDTIME, 24, "done"),
    checkoff(AFTER_SCHOOL, 16, "done"),
    checkoff(AFTER_SCHOOL, 17, "partly"),
)
CHANGES = (DayChange(AFTER_SCHOOL.id, date(2026, 3, 18), "skip"),)


def reflection(day: int, text: str, **fields: Any) -> Reflection:
    return Reflection(text, date(2026, 3, day), datetime(2026, 3, day, 20), **fields)


REFLECTIONS = (
    reflection(25, "After the span.", by="sam", children=("mia",), activities=("lotion-hands",)),
    reflection(
        3,
        "The day before the span.",
        by="sam",
        children=("mia",),
        activities=("lotion-hands",),
        for_therapist=True,
        questions="Too early to count?",
        feeling="empty",
    ),
    reflection(
        4,
        "Mia giggled when the lotion went cold.",
        by="sam",
        children=("mia",),
        activities=("lotion-hands", "balloon-up"),
        engagement=4,
        before="wobbly",
        after="calm",
        feeling="stretched",
        for_therapist=True,
        noticed_self="I was tired and still enjoyed it.",
        questions=(
            "Is it all right to skip lotion when she pulls away?\n\n"
            "  How long should a game last?  "
        ),
        tags=("lotion",),
    ),
    reflection(
        5,
        "Leo copied every clap.",
        by="alex",
        children=("leo",),
        activities=("clap-copy",),
        engagement=2,
        before="overwhelmed",
        after="wobbly",
        feeling="calm",
    ),
    reflection(6, "Balloon in the hall.", activities=("balloon-up",), feeling="calm"),
    reflection(
        16,
        "Quiet lotion before bed.",
        by="sam",
        children=("mia",),
        activities=("lotion-hands",),
        engagement=5,
        before="calm",
        after="calm",
        feeling="empty",
    ),
    reflection(
        17,
        "The balloon popped.",
        by="sam",
        children=("mia", "leo"),
        activities=("balloon-up", "gone-card"),
        engagement=3,
        feeling="stretched",
        routine="bed",
        for_therapist=True,
        rupture="Leo cried and hid under the table.",
        repair="We sat near him and he came back for a hug.",
    ),
    reflection(
        20,
        "Hard pick-up from school.",
        by="alex",
        children=("leo",),
        routine="after",
        before="wobbly",
        feeling="stretched",
        for_therapist=True,
    ),
    reflection(
        23,
        "Lotion again.",
        by="sam",
        children=("mia",),
        activities=("lotion-hands",),
        engagement=4,
        feeling="stretched",
    ),
    reflection(
        24,
        "Clapping game.",
        by="alex",
        children=("leo",),
        activities=("clap-copy",),
        # Sam asked the first on the 4th; the second is said another way, so it is its own.
        questions="How long should a  game last?\nhow long should a GAME last?",
    ),
    reflection(
        24,
        "A calm evening.",
        by="alex",
        feeling="calm",
        questions="Should Leo have a no-touch version?",
    ),
)


def make_brief(**overrides: Any) -> Brief:
    given: dict[str, Any] = {
        "family": FAMILY,
        "reflections": REFLECTIONS,
        "cards": CARDS,
        "routines": ROUTINES,
        "checkoffs": CHECKOFFS,
        "changes": CHANGES,
        "since": SINCE,
        "until": UNTIL,
        "made_on": MADE_ON,
        "last_appointment": date(2026, 3, 3),
    }
    return build_brief(**(given | overrides))


BRIEF = make_brief()


def test_the_title_names_the_children_and_the_span_is_kept() -> None:
    assert BRIEF.title == "Session brief for Mia and Leo"
    assert (BRIEF.since, BRIEF.until, BRIEF.made_on) == (SINCE, UNTIL, MADE_ON)
    assert BRIEF.children == ("Mia", "Leo")
    assert BRIEF.caregivers == ("Sam", "Alex")
    assert BRIEF.last_appointment == date(2026, 3, 3)
    assert BRIEF.next_appointment is None
    assert not BRIEF.redacted


def test_titles_for_one_three_and_no_children() -> None:
    ava = Child("Ava", date(2019, 1, 1), id="ava")
    three = Family(children=(MIA, LEO, ava))
    assert make_brief(family=Family(children=(MIA,))).title == "Session brief for Mia"
    assert make_brief(family=three).title == "Session brief for Mia, Leo and Ava"
    assert make_brief(family=Family()).title == "Session brief"


def test_only_reflections_inside_the_span_count() -> None:
    assert BRIEF.reflections == 9  # the 3rd and the 25th are outside
    assert all("Too early" not in q.text for q in BRIEF.questions)
    assert all(SINCE <= entry.day <= UNTIL for entry in BRIEF.flagged)


def test_games_are_counted_per_dimension_with_the_focus_marked() -> None:
    mia, leo = BRIEF.activities
    assert mia.child == "Mia" and mia.focus == ("nurture",)
    # The balloon of the 6th named no child, so it counts for both children.
    assert [(t.dimension, t.played, t.in_focus) for t in mia.dimensions] == [
        ("structure", 0, False),
        ("engagement", 3, False),
        ("nurture", 3, True),
        ("challenge", 3, False),
    ]
    assert mia.games == (("Balloon keep-up", 3), ("Lotion hands", 3), ("gone-card", 1))
    assert mia.times_played == 7
    assert mia.sentence == (
        "Mia played 7 connection games: Engagement 3, Nurture 3 (our focus), Challenge 3."
    )
    assert leo.games == (("Balloon keep-up", 2), ("Clap and copy", 2), ("gone-card", 1))
    assert leo.sentence == (
        "Leo played 5 connection games: Structure 2, Engagement 2, Challenge 2."
    )


def test_no_games_is_said_without_blame() -> None:
    quiet = make_brief(reflections=())
    assert quiet.activities[0].sentence == "No connection games were noted for Mia in these weeks."
    assert quiet.activities[0].games == ()
    assert quiet.activities[0].times_played == 0


def test_every_week_touching_the_span_has_a_grid_in_start_time_order() -> None:
    assert [week.monday for week in BRIEF.weeks] == [
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
        date(2026, 3, 23),
    ]
    # Paused Swim had no check-offs, so it is left out; paused Morning had one.
    assert [row.routine for row in BRIEF.weeks[0].rows] == ["Morning", "After school", "Bedtime"]


def test_the_grid_shows_words_blanks_and_days_not_planned() -> None:
    morning, after_school, bedtime = BRIEF.weeks[2].rows
    assert bedtime.cells == ("done", "", "not today", "done", "partly done", "done", "done")
    # Wednesday's after school was called off for the day; weekends are not planned.
    assert after_school.cells == ("done", "partly done", "-", "", "", "-", "-")
    assert morning.cells == ("-",) * 7
    assert BRIEF.weeks[1].rows[0].cells == ("-", "done", "-", "-", "-", "-", "-")


def test_days_outside_the_span_are_marked_so() -> None:
    first, last = BRIEF.weeks[0], BRIEF.weeks[-1]
    bedtime_first = first.rows[2].cells
    assert bedtime_first == (OUTSIDE, OUTSIDE, "", "", "", "", "")  # the 3rd was done, but before
    assert last.rows[2].cells == ("", "done", *(OUTSIDE,) * 5)


def test_the_day_the_brief_is_made_counts_once_checked_off() -> None:
    made_on_the_last_day = make_brief(made_on=UNTIL)
    _, after_school, bedtime = made_on_the_last_day.routines
    assert (bedtime.happened, bedtime.planned) == (6, 21)  # the 24th was checked off
    assert (after_school.happened, after_school.planned) == (2, 13)  # the 24th is still open


def test_routine_summaries_count_planned_days_in_the_span() -> None:
    morning, after_school, bedtime = BRIEF.routines
    # Every evening from the 4th to the 24th.
    assert (bedtime.happened, bedtime.planned) == (6, 21)
    assert bedtime.sentence == "Bedtime happened 6 of 21 evenings."
    # Weekdays without the day called off; the 24th is over (the brief was made on the 25th),
    # so it counts though nothing was noted.
    assert (after_school.happened, after_school.planned) == (2, 14)
    assert after_school.sentence == "After school happened 2 of 14 afternoons."
    assert (morning.happened, morning.planned) == (0, 0)
    assert morning.sentence == (
        "Morning was not planned in these weeks; it happened on 1 day all the same."
    )


def test_a_routine_never_planned_in_the_span() -> None:
    weekend = Routine("Park", time(10, 0), (Step("Walk"),), days=frozenset({5, 6}), id="park")
    brief = make_brief(routines=(weekend,), since=date(2026, 3, 9), until=date(2026, 3, 13))
    assert brief.routines[0].sentence == "Park was not planned in these weeks."
    assert brief.routines[0].planned == 0


def test_trends_per_child_with_every_week_even_empty_ones() -> None:
    mia, leo = BRIEF.trends
    assert [(m.day.day, m.engagement, m.before, m.after) for m in mia.moments] == [
        (4, 4, "wobbly", "calm"),
        (16, 5, "calm", "calm"),
        (17, 3, None, None),
        (23, 4, None, None),
    ]
    assert mia.weeks[1] == ChildWeek(date(2026, 3, 9), None, (0, 0, 0), (0, 0, 0))
    assert mia.weeks[2] == ChildWeek(date(2026, 3, 16), 4.0, (1, 0, 0), (1, 0, 0))
    assert mia.sentences == (
        "Engagement averaged 4.0 of 5 over 4 reflections.",
        "Before: calm 1, wobbly 1, overwhelmed 0. After: calm 2, wobbly 0, overwhelmed 0.",
    )
    assert len(leo.weeks) == 4
    assert leo.sentences == (
        "Engagement averaged 2.5 of 5 over 2 reflections.",
        "Before: calm 0, wobbly 1, overwhelmed 1. After: calm 0, wobbly 1, overwhelmed 0.",
    )


def test_no_engagement_noted_is_said_plainly() -> None:
    quiet = make_brief(reflections=())
    assert quiet.trends[0].sentences == ("No engagement was noted in these weeks.",)
    assert quiet.trends[0].moments == ()
    assert len(quiet.trends[0].weeks) == 4


def test_practice_sets_the_therapists_games_and_the_focus_beside_what_was_done() -> None:
    lotion, nurture = BRIEF.practice
    assert (lotion.title, lotion.asked, lotion.done) == (
        "Lotion hands",
        "a game from our therapist",
        3,
    )
    assert lotion.sentence == "Lotion hands (from our therapist): played 3 times."
    assert (nurture.title, nurture.asked, nurture.done) == ("Nurture games for Mia", "our focus", 3)
    assert nurture.sentence == "Nurture games for Mia (our focus): played 3 times."


def test_no_plan_means_no_practice_lines() -> None:
    plain_cards = tuple(LibraryCard.checked(c.activity) for c in CARDS)
    no_focus = Family(caregivers=(SAM,), children=(LEO,))
    assert make_brief(cards=plain_cards, family=no_focus).practice == ()


def test_flagged_reflections_keep_every_written_part_verbatim_oldest_first() -> None:
    first, second, third = BRIEF.flagged
    assert (first.day, first.by, first.children) == (date(2026, 3, 4), "Sam", ("Mia",))
    assert first.about == "Lotion hands, Balloon keep-up"
    assert first.parts == (
        ("What happened", "Mia giggled when the lotion went cold."),
        ("What I noticed in myself", "I was tired and still enjoyed it."),
    )
    assert first.tags == ("lotion",)
    # Its two questions are listed once, with the others; the entry says where.
    assert first.questions == 2
    assert words.entry_about(first) == (
        "With Mia. About: Lotion hands, Balloon keep-up. Tags: lotion. "
        'Its 2 questions are listed above, under "Questions for our therapist".'
    )
    assert second.about == "Balloon keep-up, gone-card, Bedtime"
    assert second.children == ("Mia", "Leo")
    assert ("A hard moment (rupture)", "Leo cried and hid under the table.") in second.parts
    assert ("How we reconnected (repair)", "We sat near him and he came back for a hug.") in (
        second.parts
    )
    assert (third.by, third.about) == ("Alex", "After school")


def test_questions_are_every_line_verbatim_flagged_or_not_each_once() -> None:
    asked = [(q.text, [(a.day.day, a.by) for a in q.asked]) for q in BRIEF.questions]
    assert asked == [
        ("Is it all right to skip lotion when she pulls away?", [(4, "Sam")]),
        # Asked again in the same words (another spacing): one question, asked twice.
        ("How long should a game last?", [(4, "Sam"), (24, "Alex")]),
        # The same worry in other capitals stays as it was written.
        ("how long should a GAME last?", [(24, "Alex")]),
        ("Should Leo have a no-touch version?", [(24, "Alex")]),
    ]
    headings = [words.question_heading(question) for question in BRIEF.questions]
    assert headings == [
        "Wed 4 March, Sam",
        "Asked twice: Wed 4 March, Sam; Tue 24 March, Alex",
        "Tue 24 March, Alex",
        "Tue 24 March, Alex",
    ]


def test_a_caregiver_low_for_two_weeks_gets_a_gentle_line_and_the_other_does_not() -> None:
    sam, alex, someone = BRIEF.caregivers_state
    assert sam.caregiver == "Sam"
    assert sam.latest == "stretched"
    assert sam.gentle_line == (
        "Sam has often felt stretched or running on empty in the last two weeks. "
        "That is a lot to carry; it is worth telling our therapist, and rest is allowed."
    )
    assert [week.feelings for week in sam.weeks] == [(0, 1, 0), (0, 0, 0), (0, 1, 1), (0, 1, 0)]
    # Alex: one stretched day of three in the last two weeks.
    assert alex.caregiver == "Alex" and alex.latest == "calm"
    assert alex.gentle_line is None
    # The balloon of the 6th said no one's name.
    assert someone.caregiver == "A caregiver"
    assert [week.feelings for week in someone.weeks] == [(1, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0)]
    assert someone.gentle_line is None


def test_caregivers_without_a_feeling_are_left_out() -> None:
    assert make_brief(reflections=()).caregivers_state == ()


def test_records_may_come_as_one_shot_iterators() -> None:
    once = make_brief(
        reflections=iter(REFLECTIONS),
        cards=iter(CARDS),
        routines=iter(ROUTINES),
        checkoffs=iter(CHECKOFFS),
        changes=iter(CHANGES),
    )
    assert once == BRIEF


def test_a_span_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(CompanionError, match="swap them"):
        make_brief(since=UNTIL, until=SINCE)
