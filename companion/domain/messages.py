"""Words the interfaces share, kept in one place so they stay kind and consistent."""

NOT_A_THERAPIST = (
    "companion supports your work with a therapist; it does not replace professional advice."
)
SAVED_REFLECTION = "Saved. Thank you for noticing."
NO_REFLECTIONS = "No reflections match that yet."
UNEXPECTED = (
    "companion ran into something unexpected ({detail}); your saved entries are safe: "
    "please try again, and if it happens again run `companion doctor`{kept}."
)
UNEXPECTED_KEPT = " (the details are in {log}, for a bug report)"


def unexpected(error: BaseException, log: object | None) -> str:
    """The one sentence for an error nobody foresaw; `log` is where its traceback was kept."""
    kept = UNEXPECTED_KEPT.format(log=log) if log is not None else ""
    return UNEXPECTED.format(detail=f"{type(error).__name__}: {error}", kept=kept)
