"""Manim scenes, one module per topic; each scene class declares its catalogue entry as ``ASSET``."""
