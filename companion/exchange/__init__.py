"""Moving the family's things to other programs and homes: iCalendar for the routines."""
