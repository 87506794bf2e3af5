"""Dock panels: one per tag kind, plus verification notes."""
