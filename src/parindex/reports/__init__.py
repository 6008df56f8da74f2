"""Renderers: ``render(data) -> bytes``, one module per format."""
