"""CLI subcommands, one module per area; see annotator/cli.py."""
