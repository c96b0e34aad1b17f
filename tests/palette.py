"""Colour measurements the visual-language tests hold ``theme.py`` to.

WCAG 2.2 relative luminance and contrast ratio (SC 1.4.3 and 1.4.11), and colour
difference under simulated colour-vision deficiency: Machado, Oliveira and
Fernandes (2009) at severity 1 (dichromacy) in linear sRGB, then CIEDE2000 in
CIELAB (D65), both from colour-science.
"""
from __future__ import annotations

import dataclasses
import warnings
from functools import lru_cache

import colour
import numpy as np

import theme as theme_module

# CIEDE2000 between any two colours one asset shows together, under normal vision and each
# simulation. 2.3 is a just-noticeable difference; 10 keeps two thin lines apart on a projector.
MIN_DELTA_E = 10.0
VISIONS = {"normal": None, "deuteranopia": "Deuteranomaly", "protanopia": "Protanomaly",
           "tritanopia": "Tritanomaly"}


def _linear(hex_colour: str) -> np.ndarray:
    return colour.cctf_decoding(np.array(theme_module.rgb(hex_colour)), function="sRGB")


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours, 1 to 21."""
    weights = np.array([0.2126, 0.7152, 0.0722])
    light, dark = sorted((float(_linear(a) @ weights), float(_linear(b) @ weights)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@lru_cache(maxsize=None)
def _lab(hex_colour: str, vision: str) -> tuple[float, float, float]:
    linear = _linear(hex_colour)
    if VISIONS[vision]:
        with warnings.catch_warnings():  # its tritanomaly is an approximation, which it says
            warnings.simplefilter("ignore", colour.utilities.ColourUsageWarning)
            matrix = colour.matrix_cvd_Machado2009(VISIONS[vision], 1.0)
        linear = np.clip(matrix @ linear, 0.0, 1.0)
    xyz = colour.RGB_to_XYZ(linear, colour.RGB_COLOURSPACES["sRGB"], apply_cctf_decoding=False)
    return tuple(colour.XYZ_to_Lab(xyz))


def delta_e(a: str, b: str, vision: str = "normal") -> float:
    """CIEDE2000 between two colours as seen with ``vision`` (a key of ``VISIONS``)."""
    return float(colour.delta_E(np.array(_lab(a, vision)), np.array(_lab(b, vision)),
                                method="CIE 2000"))


def recording(theme: theme_module.Theme, used: set[str]) -> theme_module.Theme:
    """A copy of ``theme`` that adds to ``used`` the name of every meaning read from it."""
    meanings = set(theme_module.MEANINGS)

    class Recording(type(theme)):
        def __getattribute__(self, name):
            if name in meanings:
                used.add(name)
            return object.__getattribute__(self, name)

    return Recording(**{f.name: getattr(theme, f.name) for f in dataclasses.fields(theme)})
