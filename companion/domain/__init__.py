"""Pure rules and types. Imports nothing from textual, tinydb or apscheduler."""
