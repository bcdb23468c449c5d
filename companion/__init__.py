"""companion: a calm family session companion for attachment-focused therapy."""

__version__ = "0.1.0"
