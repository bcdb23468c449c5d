"""Words the interfaces share, kept in one place so they stay kind and consistent."""

NOT_A_THERAPIST = (
    "companion supports your work with a therapist; it does not replace professional advice."
)
SAVED_REFLECTION = "Saved. Thank you for noticing."
NO_REFLECTIONS = "No reflections match that yet."
UNEXPECTED = (
    "companion ran into something unexpected ({detail}); your saved entries are safe. "
    "Please try again, and if it happens again run `companion doctor`."
)
