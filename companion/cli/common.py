"""What every command shares: the services for this run, and printing JSON."""

from __future__ import annotations

from typing import Any

import click
import msgspec

from companion.services import Services


def services_of(ctx: click.Context) -> Services:
    services = ctx.find_root().obj
    assert isinstance(services, Services)
    return services


def print_json(document: Any) -> None:
    """Records (msgspec Structs) print as they are stored, with their stored field names."""
    click.echo(msgspec.json.format(msgspec.json.encode(document), indent=2).decode())


class LazyGroup(click.Group):
    """A group whose bigger subcommands are imported only when they run (Click's documented
    pattern): `companion log add` need not load the routines or the library commands."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}  # command name -> "module.path:attribute"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            import importlib

            module_name, attribute = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)
