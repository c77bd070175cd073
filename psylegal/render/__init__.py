"""Renderers: the same answers as terminal text or as JSON."""
