"""The command line: `main` is the installed `companion` command, `run(argv) -> int` is what
it and the tests call. Each command group lives in its own module and is imported only when
it runs, so a quick `companion log add` loads little."""

from companion.cli.root import main, run

__all__ = ["main", "run"]
