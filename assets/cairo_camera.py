"""The camera the scene worker renders with: Manim's Cairo camera, minus work that draws nothing.

Everything above the lowest moving mobject is redrawn on every frame, most of
it unchanged (labels, data points, axes over a shading that moves). Manim
rebuilds each one's Cairo path from its points in a Python loop every time,
and fills paths whose fill is fully transparent. This camera keeps each
mobject's last path and reuses it while the points are byte-for-byte the
same, and skips invisible fills. The pixels are the same; a test checks it.

Manim is imported inside ``camera_class`` so that importing this module stays cheap.
"""
from __future__ import annotations

import functools
import weakref


@functools.cache
def camera_class():
    from manim import Camera

    class PathCachingCamera(Camera):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._paths = weakref.WeakKeyDictionary()  # vmobject → (its points' bytes, Cairo path)

        def set_cairo_context_path(self, ctx, vmobject):
            points = self.transform_points_pre_display(vmobject, vmobject.points)
            if len(points) == 0:
                return super().set_cairo_context_path(ctx, vmobject)
            key = points.tobytes()
            cached = self._paths.get(vmobject)
            if cached is not None and cached[0] == key:
                ctx.new_path()
                ctx.append_path(cached[1])
                return self
            super().set_cairo_context_path(ctx, vmobject)
            self._paths[vmobject] = (key, ctx.copy_path())
            return self

        def apply_fill(self, ctx, vmobject):
            if not self.get_fill_rgbas(vmobject)[:, 3].any():
                return self
            return super().apply_fill(ctx, vmobject)

    return PathCachingCamera
