"""Stable string ids: they survive export/import between homes, unlike TinyDB's ints."""

import os


def new_id() -> str:
    # 48 random bits: short enough to type, far beyond one family's collision risk.
    # os.urandom rather than `secrets`, which would add hashlib to every command's start-up.
    return os.urandom(6).hex()
