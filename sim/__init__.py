"""Simulation core: the lecture's mathematics as pure numpy/scipy.

Nothing here imports a renderer; every function is a pure function of its
arguments (and seed), so a figure and a scene of the same concept show the
same numbers. The core modules, by what they hold:

problems      analytic surfaces (quadratic, saddles, Rosenbrock, Himmelblau, double well)
regression    linear and logistic regression on synthetic data, per-example losses
multiclass    softmax, cross-entropy, Gaussian classes with a shared covariance
registry      every problem by name, built from KEY=VALUE strings
optimizers    GD, noisy GD, SGD, mini-batch SGD; single runs and seed ensembles
schedules     step-size and batch-size schedules
batching      permutations per epoch cut into mini-batches
references    closed-form GD, gradient flow (matrix exponential and ODE)
levels        level lines, points on a level set, the level-set tracer
directional   directional derivatives over unit directions
convexity     chords for the convexity definition, 1-D example curves
chain_rule    the lecture's chain-rule example, chain rule and brute force
networks      a dense layer and a two-sigmoid bump
geometry      lines clipped to the plot, covariance ellipses
brain_vs_gpt4 the lecture's brain-vs-GPT-4 numbers
export        ``cli.py path``: validated settings → CSV or JSON
facts         ``cli.py verify``: every fact of ERRATA.md, measured
errors        SimError, the one exception for invalid parameters

The other modules gather, from these, what one slide or scene draws.
"""
