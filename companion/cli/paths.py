"""Where the family's data lives."""

import os
from pathlib import Path

APP_NAME = "companion"
HOME_VARIABLE = "COMPANION_HOME"


def data_folder(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then $COMPANION_HOME, then the platform's user data folder."""
    chosen = explicit or os.environ.get(HOME_VARIABLE)
    if chosen:
        return Path(chosen).expanduser().resolve()
    import platformdirs  # only when needed: most runs name the folder

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def demo_folder(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The demo family never shares a folder with the real one."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    import platformdirs

    return platformdirs.user_data_path(f"{APP_NAME}-demo", appauthor=False)
