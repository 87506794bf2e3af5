"""Bundled data, installed as the package `annotator.resources`: read it with
`annotator.paths.resource(...)` (importlib.resources), never by a path relative to the source."""
