"""Automatic taggers: speakers, locations, casualty figures, event dates. Pure Python, no Qt."""
