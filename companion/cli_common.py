"""What every command shares: the services for this run, and printing JSON."""

from __future__ import annotations

from typing import Any

import click
import orjson

from companion.services import Services


def services_of(ctx: click.Context) -> Services:
    services = ctx.find_root().obj
    assert isinstance(services, Services)
    return services


def print_json(document: Any) -> None:
    click.echo(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode())
