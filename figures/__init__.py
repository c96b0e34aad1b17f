"""Slide figures, one module per figure.

Each module declares ``ASSET = FigureAsset(...)`` and two functions:
``compute(params, seed)`` gathers the sim arrays the figure shows, and
``draw(figure, data, theme)`` draws them onto a matplotlib Figure.
"""
