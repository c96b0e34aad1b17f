"""A scene's MP4 cut into one clip per section, for the decks that stop at every section.

The render puts an IDR frame at the start of every section (``assets.video``), so each
section's packets decode on their own: a clip is those packets, copied into a file of its own
without re-encoding (the pictures are the MP4's, bit for bit). A player that reaches a clip's
end holds its last frame, which is the section's last frame: the browser and PowerPoint decks
play one clip per slide and so stop where the scene's story pauses. Beside each clip its first
frame as a PNG, the poster a deck shows before the clip starts.

PyAV is imported inside the function so that importing this module stays cheap.
"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path


def names(number: int) -> tuple[str, str]:
    """The clip and poster file names of section ``number`` (1-based) in a ``-sections`` folder."""
    return f"{number:02d}.mp4", f"{number:02d}.png"


def cut(movie: Path, sections: list[dict], folder: Path) -> None:
    """Write ``folder/NN.mp4`` and ``folder/NN.png`` for each of ``sections`` (the sidecar's
    timed sections: ``first_frame`` and ``last_frame`` tile the movie) from the H.264 ``movie``.

    Raises ValueError if a section does not start on an IDR frame (then its clip could not be
    decoded alone) or if the packets do not match the sections' frames.
    """
    import av

    folder.mkdir()
    with av.open(str(movie)) as source:  # open while its packets are copied: they point into it
        stream = source.streams.video[0]
        frame_ticks = 1 / (stream.time_base * Fraction(stream.average_rate))  # ticks per frame
        packets = [p for p in source.demux(stream) if p.size]  # the flush packet has no data
        for number, section in enumerate(sections, 1):
            first, last = section["first_frame"], section["last_frame"]
            own = [p for p in packets if first <= round(p.pts / frame_ticks) <= last]
            if len(own) != last - first + 1:
                raise ValueError(f"section {number}: {len(own)} packets for frames {first}-{last}")
            start = min(own, key=lambda p: p.pts)
            if not (start.is_keyframe and _idr(bytes(start))):
                raise ValueError(f"section {number} does not start on an IDR frame "
                                 f"(frame {first})")
            clip, poster = names(number)
            _write(stream, own, start.pts, folder / clip)
            _first_frame(folder / clip, folder / poster)


def _idr(data: bytes) -> bool:
    """Whether an H.264 packet (MP4's length-prefixed NAL units) holds an IDR slice (type 5)."""
    at = 0
    while at + 4 < len(data):
        size = int.from_bytes(data[at:at + 4], "big")
        if data[at + 4] & 0x1F == 5:
            return True
        at += 4 + size
    return False


def _write(stream, packets, offset: int, path: Path) -> None:
    """The packets, shifted to start at time 0, into an MP4 like the source's: index first,
    no creation date (same packets, same bytes)."""
    import av

    with av.open(str(path), "w", format="mp4",
                 options={"fflags": "+bitexact", "movflags": "+faststart"}) as target:
        copy = target.add_stream_from_template(stream)
        for packet in packets:
            packet.pts -= offset
            packet.dts -= offset
            packet.stream = copy
            target.mux(packet)


def _first_frame(clip: Path, poster: Path) -> None:
    import av

    with av.open(str(clip)) as source:
        frame = next(source.decode(video=0))
        # read as the browser reads the tagged stream, so the clip does not jump from its poster
        frame.reformat(format="rgb24", src_colorspace="ITU709", src_color_range="MPEG",
                       dst_color_range="JPEG").to_image().save(poster)
