"""Use cases shared by the window, the CLI and the tests. One module per area:

- importing: files and folders into the store
- stats: counts for `annotator stats` and the status bar

Each function takes an open store (`annotator.store.Store`) and returns plain data.
"""
