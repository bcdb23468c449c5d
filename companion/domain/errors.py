"""The one exception type every layer raises for a person to read.

Its message is a whole sentence that says what is wrong and what to do next; the
interfaces print it as it is (the CLI on stderr with exit code 1, the TUI as a toast).
"""


class CompanionError(Exception):
    """Something the person can understand and act on."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else "Something went wrong."
