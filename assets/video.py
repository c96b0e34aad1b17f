"""Every output of a scene from one render: the drawn frames, fanned out to the encoders.

Manim draws each frame once; ``Fanout`` hands it to every output, each on a
thread of its own (PyAV's encoders release the GIL while they work), so an
extra format costs its encoding only, not another render:

- MP4 (H.264) and WebM (VP9), from one conversion of each frame to YUV:
  BT.709, limited range, with the primaries, transfer, matrix and range
  tagged, so a browser shows the theme's colours (an untagged HD stream is
  shown as BT.709 while Manim's converter writes BT.601); a keyframe (an
  IDR frame in H.264) at the start of every section, so a player can seek
  to a section and a clip can be cut there without re-encoding; the MP4's
  index first (faststart), so a page starts playing it before it has all
  arrived.
- GIF: a 256-colour palette built from the frames themselves (FFmpeg's
  palettegen and paletteuse), each distinct frame once, shown for as long as
  it is held, with delays rounded on the running total so the frame rate
  stays exact (GIF delays are whole hundredths of a second), at most 50 fps.
- PNG sequence: each distinct frame encoded once, its bytes repeated for
  every frame it is held. The Beamer deck's JPEGs: each changed frame once,
  with a timeline for LaTeX's animate package that holds it and pauses at
  the end of each section.

PyAV is imported inside the functions so that importing this module stays cheap.
"""
from __future__ import annotations

import math
import queue
import threading
from fractions import Fraction
from pathlib import Path

BT709 = 1  # ITU-T H.273 code points for BT.709 primaries, transfer and matrix
LIMITED = 1  # H.273 / FFmpeg: limited ("TV", "MPEG") range, 16-235 for luma
# The Beamer deck's frames follow --quality: the render's own size up to DECK_MAX_HEIGHT rows,
# at a DECK_STEP-th of its frame rate (--deck-fps sets the rate). Only frames that change are
# written: a held frame is one image shown longer, so a pause costs nothing. Every image is a
# whole JPEG in the PDF: at 720p about 70 kB, so the rate is what sets the PDF's size (README).
DECK_MAX_HEIGHT = 720  # pixels: sharp when projected; 1080 rows are 2.25x the pixels
DECK_STEP = 4  # low 3.75 fps, medium 7.5 fps, high 15 fps
# 4:2:0 chroma, as in the MP4: at 720p 0.68x the bytes of 4:4:4 at quality 92, 43 dB PSNR
DECK_JPEG = {"quality": 85, "subsampling": 2}
DECK_TIMELINE = "timeline.txt"  # animate's timeline, in the deck's folder
DECK_SECTION_TIMELINE = "timeline-{:02d}.txt"  # one section's images alone, numbered from 0
# the palette from every pixel of the first frame and the pixels each later frame changes: a
# third of the cost of counting every pixel of every frame, and the moving marks weigh more
GIF_PALETTE = "max_colors=256:stats_mode=diff"
GIF_DITHER = "dither=none:diff_mode=rectangle"  # flat graphics: nearest colours, no dither noise
# GIF delays are whole hundredths of a second, and browsers show one of 0 or 1 as 10: above 50 fps
# the GIF keeps every k-th frame (a 60 fps render's GIF plays at 30 fps)
GIF_MAX_FPS = 50
QUEUE_FRAMES = 8  # frames an output may lag behind the drawing (about 30 MB at 720p)


class Output:
    """One file (or folder) written from the frames, on a thread of its own.

    Subclasses implement ``take`` (one distinct frame, RGBA ``uint8`` of shape
    (height, width, 4), shown ``repeat`` times from frame ``index``) and ``finish``.
    """

    def __init__(self, path: Path, width: int, height: int, fps: int):
        self.path, self.width, self.height, self.fps = Path(path), width, height, fps
        self.error: BaseException | None = None
        self._closed = False
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUE_FRAMES)
        # a daemon: a render that dies never waits on an output's thread to exit
        self._thread = threading.Thread(target=self._run, name=f"output-{self.path.name}",
                                        daemon=True)
        self._thread.start()

    def put(self, pixels, index: int, repeat: int, keyframe: bool) -> None:
        self._queue.put((pixels, index, repeat, keyframe))

    @property
    def failed(self) -> bool:
        """Something went wrong on this output's thread (``close`` raises it)."""
        return self.error is not None

    def close(self) -> None:
        """Finish the file and wait for it; the first call re-raises what went wrong on the
        thread, later calls do nothing."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        self._thread.join()
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self.error is None:
                try:
                    self.take(*item)
                except BaseException as error:  # reported by close(), on the drawing thread
                    self.error = error
        if self.error is None:
            try:
                self.finish()
            except BaseException as error:
                self.error = error

    def take(self, pixels, index: int, repeat: int, keyframe: bool) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError


def _tag(target) -> None:
    """BT.709 primaries, transfer and matrix, limited range, on a codec context or a frame."""
    target.color_primaries = target.color_trc = target.colorspace = BT709
    target.color_range = LIMITED


class Movie(Output):
    """One MP4 (H.264) or WebM (VP9) stream at a constant rate, from the YUV frames ``Movies``
    converts (``take`` gets a ``VideoFrame`` of its own, not RGBA pixels)."""

    CODECS = {"mp4": "libx264", "webm": "libvpx-vp9"}

    def __init__(self, path, width, height, fps, fmt: str, encoder_options: dict):
        import av

        # bitexact: no creation date or random ids in the container, so that the same frames
        # give the same bytes
        options = {"fflags": "+bitexact", **({"movflags": "+faststart"} if fmt == "mp4" else {})}
        self._container = av.open(str(path), "w", format=fmt, options=options)
        self._stream = self._container.add_stream(self.CODECS[fmt], rate=fps,
                                                  options=dict(encoder_options))
        self._stream.width, self._stream.height = width, height
        self._stream.pix_fmt = "yuv420p"
        _tag(self._stream.codec_context)
        super().__init__(path, width, height, fps)

    def take(self, frame, index, repeat, keyframe):
        import av

        for k in range(repeat):  # the picture never changes, only its time stamp
            frame.pts = index + k
            frame.pict_type = av.video.frame.PictureType.I if keyframe and k == 0 else \
                av.video.frame.PictureType.NONE
            for packet in self._stream.encode(frame):
                self._container.mux(packet)

    def finish(self):
        for packet in self._stream.encode():
            self._container.mux(packet)
        self._container.close()


class Movies(Output):
    """MP4 and/or WebM (``paths``: format → file): each frame converted to YUV once, on this
    thread, and encoded into each format on a thread of its own (a copy of the YUV planes is
    a tenth of the conversion's cost)."""

    def __init__(self, paths: dict[str, Path], width, height, fps, encoder_options: dict):
        import av

        self.movies = [Movie(path, width, height, fps, fmt, encoder_options[fmt])
                       for fmt, path in paths.items()]
        self._time_base = Fraction(1, fps)
        self._reformatter = av.video.reformatter.VideoReformatter()
        super().__init__(next(iter(paths.values())), width, height, fps)

    def take(self, pixels, index, repeat, keyframe):
        import av
        from av.video.reformatter import Colorspace, ColorRange

        frame = self._reformatter.reformat(  # one converter: a third faster than one a frame
            av.VideoFrame.from_numpy_buffer(pixels, format="rgba"), format="yuv420p",
            dst_colorspace=Colorspace.ITU709, dst_color_range=ColorRange.MPEG)
        for k, movie in enumerate(self.movies):
            own = frame if k == 0 else av.VideoFrame.from_ndarray(frame.to_ndarray(),
                                                                  format="yuv420p")
            _tag(own)
            own.time_base = self._time_base
            movie.put(own, index, repeat, keyframe)

    def finish(self):
        pass

    @property
    def failed(self) -> bool:
        return self.error is not None or any(movie.failed for movie in self.movies)

    def close(self) -> None:
        """Finish converting, then every stream; re-raises the first error met."""
        close_all([super(), *self.movies])


class Gif(Output):
    """A GIF with a palette made from its own frames.

    Each distinct frame goes into FFmpeg's palettegen as it comes (a histogram),
    and waits in a scratch file (LZ4-compressed: lecture frames are
    mostly flat colour; six times faster than zlib at about the same size)
    beside the GIF until the palette is known; then
    paletteuse maps it to the palette. The scratch file is removed when done.
    The ``Fanout`` finishes the GIF after the other outputs: FFmpeg's filters
    running beside the H.264 encoder made the MP4's bytes differ from run to run.
    """

    def __init__(self, path, width, height, fps):
        self.step = math.ceil(fps / GIF_MAX_FPS)  # the GIF shows every step-th frame
        self._scratch = Path(str(path) + ".frames")
        self._store = open(self._scratch, "wb")
        self._held: list[tuple[int, int, int]] = []  # (first frame index, byte offset, length)
        self._end = 0  # frames so far
        self._palettegen = None  # (graph, source, sink), made on the output's thread
        super().__init__(path, width, height, fps)

    def take(self, pixels, index, repeat, keyframe):
        import lz4.frame

        self._end = index + repeat
        index = -(-index // self.step) * self.step  # the first frame the GIF shows of these
        if index >= self._end:
            return
        if self._palettegen is None:
            self._palettegen = self._graph("palettegen", GIF_PALETTE)
        _, source, sink = self._palettegen
        source.push(self._frame(pixels, index))
        for _ in _drain(sink):  # nothing comes out before the end; pulling makes the filter
            pass  # count the frame now and let it go, instead of queueing every frame
        data = lz4.frame.compress(pixels)
        self._held.append((index, self._store.tell(), len(data)))
        self._store.write(data)

    def _frame(self, pixels, index: int):
        """RGBA pixels as an ``av.VideoFrame`` timed in hundredths of a second."""
        import av

        frame = av.VideoFrame.from_numpy_buffer(pixels, format="rgba")
        frame.pts, frame.time_base = self.centiseconds(index), Fraction(1, 100)
        return frame

    def _frames(self):
        """The distinct frames again, from the scratch file."""
        import lz4.frame
        import numpy as np

        with open(self._scratch, "rb") as store:
            for index, offset, length in self._held:
                store.seek(offset)
                rgba = np.frombuffer(lz4.frame.decompress(store.read(length)), np.uint8)
                yield self._frame(rgba.reshape(self.height, self.width, 4), index)

    def centiseconds(self, index: int) -> int:
        """When frame ``index`` starts, in whole hundredths of a second: rounding the running
        time (not each delay) keeps the GIF's rate exact over its length."""
        return round(index * 100 / self.fps)

    def finish(self):
        import av

        self._store.close()
        try:
            if not self._held:  # the render stopped before its first frame
                return
            _, source, sink = self._palettegen
            source.push(None)
            (palette,) = list(_drain(sink))
            # the muxer times each frame until the next; the last one until the end
            final = self.centiseconds(self._end) - self.centiseconds(self._held[-1][0])
            mapped: queue.Queue = queue.Queue(maxsize=QUEUE_FRAMES)
            mapper = threading.Thread(target=self._map, args=(palette, mapped), daemon=True)
            mapper.start()  # the palette mapping on one core, the GIF encoder on the other
            with av.open(str(self.path), "w", format="gif",
                         options={"final_delay": str(final)}) as container:
                stream = container.add_stream("gif", rate=self.fps)
                stream.width, stream.height, stream.pix_fmt = self.width, self.height, "pal8"
                stream.codec_context.time_base = Fraction(1, 100)
                while not isinstance(frame := mapped.get(), BaseException):
                    for packet in stream.encode(frame):
                        container.mux(packet)
                if not isinstance(frame, StopIteration):
                    raise frame
        finally:
            self._scratch.unlink(missing_ok=True)

    def _map(self, palette, mapped: queue.Queue) -> None:
        """Every distinct frame mapped to ``palette`` (FFmpeg's paletteuse), into ``mapped``, then
        None for the encoder's flush and StopIteration (or the error met)."""
        try:
            graph, source, pal, sink = self._graph("paletteuse", GIF_DITHER, palette)
            pal.push(palette)
            pal.push(None)
            for frame in self._frames():
                source.push(frame)
                for out in _drain(sink):
                    mapped.put(out)
            source.push(None)
            for out in [*_drain(sink), None]:
                mapped.put(out)
            mapped.put(StopIteration())
        except BaseException as error:
            mapped.put(error)

    def _graph(self, name: str, args: str, *extra):
        """A filter graph: the frames (and a buffer shaped like each frame in ``extra``) into
        filter ``name``, into a sink. Returns (graph, *buffers, sink); the caller holds the graph
        while it uses the nodes."""
        import av

        graph = av.filter.Graph()
        buffers = [graph.add_buffer(width=self.width, height=self.height, format="rgba",
                                    time_base=Fraction(1, 100)),
                   *(graph.add_buffer(template=frame) for frame in extra)]
        node = graph.add(name, args)
        for k, buffer in enumerate(buffers):
            buffer.link_to(node, 0, k)
        sink = graph.add("buffersink")
        node.link_to(sink)
        graph.configure()
        return (graph, *buffers, sink)


def _drain(sink):
    """Every frame a filter graph's sink has ready now (none while it waits for more input)."""
    import av

    while True:
        try:
            yield sink.pull()
        except (av.error.BlockingIOError, av.error.EOFError):
            return


class Stills(Output):
    """A folder of numbered images: PNGs at full size, one per frame (``--format
    png-sequence``), or the deck's JPEGs (``deck=True``) with their timeline.

    The deck keeps a frame when a section starts there or when it falls on its grid of
    ``step`` frames, and writes it only if it differs from the one shown before; the timeline
    (``DECK_TIMELINE``, animate's format ``[*]:rate:image``) shows each image for as long as
    the video does and pauses on the last image of every section but the last. Each section's
    images also get a timeline of their own (``DECK_SECTION_TIMELINE``), for an animation that
    plays that section alone (its images numbered from 0, as animate counts a file range).
    """

    def __init__(self, path, width, height, fps, deck: bool, deck_fps: float | None = None):
        self.deck = deck
        self.step = 1
        if deck:  # --deck-fps, else a DECK_STEP-th of the render's rate
            self.step = max(1, math.ceil(fps / deck_fps)) if deck_fps else DECK_STEP
        scale = DECK_MAX_HEIGHT / height if deck and height > DECK_MAX_HEIGHT else 1
        self.size = (width, height) if scale == 1 else (int(round(width * scale / 2)) * 2,
                                                        DECK_MAX_HEIGHT)
        self.written = 0
        self.starts: list[int] = []  # the video frame each deck image starts at
        self.cuts: list[int] = []  # the deck images that start a section
        self._last = None  # the pixels of the deck's last image
        self._end = 0  # video frames so far
        Path(path).mkdir(parents=True)
        super().__init__(path, width, height, fps)

    @property
    def rate(self) -> float:
        """Frames per second of the deck's grid (of the sequence: the video's)."""
        return self.fps / self.step

    def take(self, pixels, index, repeat, keyframe):
        self._end = index + repeat
        if self.deck:
            self._take_deck(pixels, index, repeat, keyframe)
            return
        data = self._encode(pixels, "PNG")
        for i in range(index, index + repeat):
            (self.path / f"{i:04d}.png").write_bytes(data)
            self.written += 1

    def _take_deck(self, pixels, index, repeat, keyframe):
        import numpy as np

        start = index if keyframe else -(-index // self.step) * self.step
        if start >= index + repeat:  # between two grid frames, and no section starts here
            return
        if not keyframe and self._last is not None and np.array_equal(pixels, self._last):
            return  # unchanged: the image shown holds longer
        data = self._encode(pixels, "JPEG")
        if keyframe:
            self.cuts.append(self.written)
        (self.path / f"{self.written:04d}.jpg").write_bytes(data)
        self.starts.append(start)
        self.written += 1
        self._last = pixels

    def _encode(self, pixels, fmt: str) -> bytes:
        import io

        from PIL import Image

        image = Image.fromarray(pixels)
        if fmt == "JPEG":
            image = image.convert("RGB")
        if image.size != self.size:
            image = image.resize(self.size, Image.Resampling.BOX)
        buffer = io.BytesIO()
        image.save(buffer, fmt, **(DECK_JPEG if fmt == "JPEG" else {}))
        return buffer.getvalue()

    def timeline(self) -> list[tuple[bool, float]]:
        """(pause after it, frames per second) of each deck image: shown 1/rate seconds."""
        ends = [*self.starts[1:], self._end]
        pauses = {k - 1 for k in self.cuts if k > 0}
        return [(k in pauses, self.fps / (end - start))
                for k, (start, end) in enumerate(zip(self.starts, ends))]

    def section_images(self) -> list[tuple[int, int]]:
        """(first, last) deck image of each section, in order: a keyframe is always written,
        so every section has images of its own."""
        firsts = sorted({0, *self.cuts}) if self.written else []
        return list(zip(firsts, [k - 1 for k in [*firsts[1:], self.written]]))

    def record(self) -> dict:
        """What the sidecar keeps of the deck's frames (assets.deck reads it): images, grid
        rate, pixel size, the timeline's file name, and each section's first and last image
        and timeline."""
        sections = [{"first": first, "last": last, "timeline": DECK_SECTION_TIMELINE.format(n)}
                    for n, (first, last) in enumerate(self.section_images(), 1)]
        return {"frames": self.written, "fps": self.rate, "width": self.size[0],
                "height": self.size[1], "timeline": DECK_TIMELINE, "sections": sections}

    def finish(self):
        if not self.deck:
            return
        # rates to 1/65536 fps, the precision of a TeX dimension animate reads
        timeline = self.timeline()
        lines = [f"{'*' if pause else ''}:{rate:.5f}:{k}"
                 for k, (pause, rate) in enumerate(timeline)]
        (self.path / DECK_TIMELINE).write_text("\n".join(lines) + "\n")
        for section in self.record()["sections"]:
            first, last = section["first"], section["last"]
            lines = [f":{timeline[k][1]:.5f}:{k - first}" for k in range(first, last + 1)]
            (self.path / section["timeline"]).write_text("\n".join(lines) + "\n")


class Fanout:
    """The frames of one render, handed to every output in order; counts them."""

    def __init__(self, outputs: list[Output]):
        self.outputs = outputs
        self.frames = 0

    def write(self, pixels, repeat: int, keyframe: bool) -> None:
        """Frame ``pixels`` (RGBA ``uint8``, not changed afterwards) shown ``repeat`` times."""
        for output in self.outputs:
            if output.failed:  # stop drawing frames nobody can write: a full disk, say
                self.close()  # raises the error
            output.put(pixels, self.frames, repeat, keyframe)
        self.frames += repeat

    def close(self) -> None:
        """Finish every output, the GIF last, then raise the first error any of them met."""
        close_all(sorted(self.outputs, key=lambda o: isinstance(o, Gif)))


def close_all(outputs) -> None:
    """Close each of ``outputs`` in order, all of them even after one fails; then raise the
    first error met."""
    errors = []
    for output in outputs:
        try:
            output.close()
        except BaseException as error:
            errors.append(error)
    if errors:
        raise errors[0]
