"""The pure core: frameworks, scoring, ranking, comparison and narrative.

Nothing here imports Django, a file format library or the terminal; inputs are
parsed value objects, outputs are frozen dataclasses.
"""
