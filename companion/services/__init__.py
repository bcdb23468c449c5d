"""What the interfaces call: the TUI, the CLI, the reminder process and the tests all go
through `Services`, which hands out the routines, cards, picks and briefs services."""

from companion.services.facade import Clock, HomeSummary, Services

__all__ = ["Clock", "HomeSummary", "Services"]
