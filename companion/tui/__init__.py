"""The Textual app. Imported only when a command opens it."""
