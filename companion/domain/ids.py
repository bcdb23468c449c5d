"""Stable string ids: they survive export/import between homes, unlike TinyDB's ints."""

import secrets


def new_id() -> str:
    # 48 random bits: short enough to type, far beyond one family's collision risk.
    return secrets.token_hex(6)
