"""Exports, one module per format. Pure Python, no Qt."""
