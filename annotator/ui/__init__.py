"""Qt (PySide6) user interface. The only package that imports Qt; talks to services, never SQL."""
