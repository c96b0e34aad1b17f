"""The lecture's asset catalogue and the machinery that renders it into files.

``catalogue`` finds the declared figures and scenes, ``params`` validates what
users set, ``options`` holds the render choices every asset shares,
``output`` writes files atomically, ``figure_render`` and ``scene_render``
turn an asset into files.
"""
