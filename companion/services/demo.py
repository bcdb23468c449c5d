"""A believable demo family with six months of history, for trying companion out.

Everything is made up and written by us; it is generated the same way on every machine
(a fixed seed), relative to today.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

import msgspec

from companion.domain.appointment import Appointment
from companion.domain.family import Caregiver, Child, Dimension, Relative, TouchComfort
from companion.domain.reflection import Reflection
from companion.domain.routine import Checkoff, Routine
from companion.services import Services

DAYS_OF_HISTORY = 183

# (what happened, tags, the connection games it names: the picker reads them as played)
_MOMENTS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "We played funny face copy for five minutes; {child} led and giggled when I got it wrong.",
        ("play", "delight"),
        ("funny-face-copy",),
    ),
    (
        "Bedtime went smoothly. {child} asked for the same story twice and I said yes.",
        ("bedtime",),
        (),
    ),
    (
        "Hard morning: {child} would not put shoes on and I raised my voice. We hugged it out "
        "in the car and I said sorry.",
        ("morning", "repair"),
        (),
    ),
    (
        "{child} came to me after falling at the park instead of hiding it. "
        "A small safe-haven moment.",
        ("safe-haven",),
        (),
    ),
    (
        "Lotion on hands before bed. {child} held out the other hand for more.",
        ("nurture", "bedtime"),
        ("lotion-hands",),
    ),
    (
        "Balloon keep-up in the hallway: we got to 23. {child} wanted to try again tomorrow.",
        ("challenge", "play"),
        ("balloon-keep-up",),
    ),
    (
        "After school was rough; {child} slammed the door. I sat nearby and waited. "
        "Twenty minutes later we had a snack together.",
        ("after-school", "regulation"),
        (),
    ),
    (
        "{child} noticed I was tired and brought me a blanket. I wonder if they worry about me.",
        ("connection",),
        (),
    ),
    (
        "The new morning chart helped: {child} ticked every step and looked proud.",
        ("morning", "routine"),
        (),
    ),
    (
        "{child} did not want to play today. We just sat and drew side by side, which was nice.",
        ("play",),
        (),
    ),
    (
        "Grandma Ruth picked {child} up; they asked three times when I would be home.",
        ("separation",),
        (),
    ),
    (
        "Cotton-ball race on the table. {child} laughed so much they had to lie down.",
        ("challenge", "delight"),
        ("cotton-ball-blow",),
    ),
]
_OWN_STATE = [
    "I noticed I get tense when the evening runs late.",
    "I was calmer than last week.",
    "When I'm upset, I usually go quiet; today I named it instead.",
    "I worry that I am too strict in the mornings.",
    "",
    "",
]
# A hard moment and how we found each other again, for the moments tagged "repair".
_RUPTURES = [
    ("I raised my voice about the shoes.", "We hugged in the car and I said sorry first."),
    (
        "{child} slammed the door and shouted that I never listen.",
        "I waited nearby; later we had a snack and I said I had been listening now.",
    ),
]
_QUESTIONS = [
    "How do we handle the shoe battle without it becoming a power struggle?",
    "Is it normal that bedtime is harder after contact visits?",
    "Should we keep the same game every day or vary it?",
]


# name, start, days, steps, children, who is reminded
ROUTINES: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Morning",
        "07:15",
        "every day",
        ("Wake up slowly:5", "Get dressed:10", "Breakfast together:15", "Shoes on:5"),
        ("Mia", "Leo"),
        ("Sam",),
    ),
    ("After school", "15:30", "weekdays", ("Snack and a hug:10", "Play outside:20"), (), ()),
    ("Homework", "16:30", "weekdays", ("Table ready:2", "Homework with help:25"), ("Mia",), ()),
    ("Bath", "18:45", "every day", ("Run the bath:5", "Bath play:15", "Pyjamas:5"), ("Leo",), ()),
    (
        "Bedtime",
        "19:30",
        "every day",
        ("Brush teeth:3", "Story:10", "Song and a cuddle:5"),
        ("Mia", "Leo"),
        ("Sam", "Jordan"),
    ),
)
NOTES = ("", "", "", "", "Calm tonight.", "Tired and a bit wobbly.", "Lots of giggles.")
BLANK_DAYS = 0.1  # a day nobody checked off: shown blank, never red


def seed_if_empty(services: Services) -> bool:
    """Write the demo family unless the folder already has one. True when it wrote."""
    if services.family().caregivers:
        return False
    seed(services, services.today())
    return True


def seed(
    services: Services,
    today: date,
    *,
    days: int = DAYS_OF_HISTORY,
    per_day: tuple[int, ...] = (0, 1, 1, 2, 2, 3),
) -> None:
    # Fixed ids: today's pick breaks ties by the child's id, so every demo family (and every
    # picture of one) offers the same games on the same day.
    sam, jordan = Caregiver(id="demo-sam", name="Sam"), Caregiver(id="demo-jordan", name="Jordan")
    mia = Child(
        id="demo-mia",
        name="Mia",
        born=date(today.year - 8, 3, 14),
        touch=TouchComfort.LIGHT_ONLY,
        avoid=("surprises", "tickling"),
        focus=(Dimension.NURTURE,),
        developmental_note="Often plays like a younger child when tired.",
    )
    leo = Child(
        id="demo-leo", name="Leo", born=date(today.year - 5, 9, 2), focus=(Dimension.STRUCTURE,)
    )
    for caregiver in (sam, jordan):
        services.family_repo.add_caregiver(caregiver)
    for child in (mia, leo):
        services.family_repo.add_child(child)
    services.family_repo.add_relative(Relative(name="Ruth"))  # Grandma, named in reflections
    services.reflections.add_many(
        history(today, (sam, jordan), (mia, leo), random.Random(2026), days=days, per_day=per_day)
    )
    seed_routines(services, today, days)
    seed_appointments(services, today, days)


APPOINTMENT_EVERY = timedelta(weeks=3)


def seed_appointments(services: Services, today: date, days: int) -> None:
    """An appointment every three weeks, the next one tomorrow: so the demo offers to
    prepare the brief, and the brief runs from three weeks ago."""
    day = today + timedelta(days=1)
    while day > today - timedelta(days=days):
        note = "with our therapist" if day > today else ""
        services.briefs.repo.save(Appointment(day=day, note=note))
        day -= APPOINTMENT_EVERY


def seed_routines(services: Services, today: date, days: int) -> int:
    """The five routines, made as a caregiver makes them, and checked off on most days they
    ran (some days stay blank, as in any family). Returns how many check-offs."""
    first = today - timedelta(days=days)
    made: list[Routine] = []
    for name, at, on, steps, children, remind in ROUTINES:
        routine = services.routines.add(
            name, at=at, steps=steps, days=on, children=children, remind=remind
        )
        # As if added when the history starts, so nothing before it looks due.
        added = datetime.combine(first, time())
        made.append(services.routines.save(msgspec.structs.replace(routine, added=added)))
    caregivers = [c.id for c in services.family().caregivers]
    rng = random.Random(5)
    checkoffs: list[Checkoff] = []
    for days_ago in range(days, 0, -1):
        day = today - timedelta(days=days_ago)
        for routine in made:
            if not routine.runs_on(day) or rng.random() < BLANK_DAYS:
                continue
            finished = datetime.combine(day, routine.start) + timedelta(
                minutes=routine.total_minutes + rng.randint(0, 20)
            )
            checkoffs.append(
                Checkoff(
                    routine_id=routine.id,
                    day=day,
                    status=rng.choice(("done", "done", "done", "partly", "skipped")),
                    written_at=finished,
                    by=rng.choice(caregivers),
                    note=rng.choice(NOTES),
                )
            )
    services.routines.checkoffs.add_many(checkoffs)
    return len(checkoffs)


def history(
    today: date,
    caregivers: tuple[Caregiver, ...],
    children: tuple[Child, ...],
    rng: random.Random,
    *,
    days: int = DAYS_OF_HISTORY,
    per_day: tuple[int, ...] = (0, 1, 1, 2, 2, 3),
) -> list[Reflection]:
    """Reflections for the `days` before today; each day writes a number drawn from `per_day`.
    The benchmarks use it too, for a ten-year family."""
    made: list[Reflection] = []
    # The full form's numbers come from a second generator, so the first one draws the same
    # moments as before.
    numbers = random.Random(7)
    for days_ago in range(days, 0, -1):
        day = today - timedelta(days=days_ago)
        for _ in range(rng.choice(per_day)):
            child = rng.choice(children)
            text, tags, played = rng.choice(_MOMENTS)
            own = rng.choice(_OWN_STATE)
            for_therapist = rng.random() < 0.08
            question = rng.choice(_QUESTIONS) if for_therapist else ""
            written = datetime.combine(
                day, time(rng.choice((7, 8, 16, 19, 20, 21)), rng.randrange(60))
            )
            rupture, repair = (
                numbers.choice(_RUPTURES) if "repair" in tags or "regulation" in tags else ("", "")
            )
            made.append(
                Reflection(
                    text=text.format(child=child.name),
                    day=day,
                    written_at=written,
                    children=(child.id,),
                    by=rng.choice(caregivers).id,
                    tags=tags,
                    for_therapist=for_therapist,
                    activities=played,
                    enjoyed=played,
                    noticed_self=own,
                    questions=question,
                    rupture=rupture.format(child=child.name),
                    repair=repair,
                    **_numbers(numbers, days_ago),
                )
            )
    return made


def _numbers(rng: random.Random, days_ago: int) -> dict[str, Any]:
    """Engagement, the child before and after, and the caregiver's own state, on most
    reflections; the last two weeks are harder, so the demo brief has a gentle line."""
    if rng.random() < 0.3:
        return {}
    tired = days_ago <= 14
    return {
        "engagement": rng.choice((2, 3, 3, 4, 4, 5)),
        "before": rng.choice(("calm", "wobbly", "wobbly", "overwhelmed")),
        "after": rng.choice(("calm", "calm", "calm", "wobbly")),
        "feeling": rng.choice(
            ("stretched", "empty", "stretched", "calm") if tired else ("calm", "calm", "stretched")
        ),
    }
