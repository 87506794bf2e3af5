"""Annotator: offline annotation and review of conflict news items."""

__version__ = "0.1.0"
