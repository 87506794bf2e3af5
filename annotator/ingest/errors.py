from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be imported. `str()` is the one-line message shown to the user."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # noqa: ANN204 - rebuilt from its fields when sent back from a parser process
        return (IngestError, (self.path, self.message, self.line))
