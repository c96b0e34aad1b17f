"""Simulation core: problems, optimizers and level sets as pure numpy.

Nothing here imports a renderer; every function is a pure function of its
arguments (and seed), so a figure and a scene of the same concept show the
same numbers.
"""
