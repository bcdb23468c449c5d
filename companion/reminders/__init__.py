"""Reminders for the family's routines, with APScheduler: in the app and in `companion remind`.

TinyDB is the truth: the jobs are built from the routines at start and again whenever the
routines change; each occurrence is announced once, by whichever process records it first.
Nothing here is imported by the other commands, so they never load APScheduler.
"""
