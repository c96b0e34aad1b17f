"""Reading video files the way their users' software does, independently of the code that wrote
them: a browser's BT.709 decode, the MP4's top-level boxes, H.264's IDR frames, GIF delays."""
from __future__ import annotations

import struct
from pathlib import Path

import av
import numpy as np
from PIL import Image

# BT.709 (ITU-R BT.709-6, table 3) limited range: Y' in 16-235, Cb/Cr in 16-240 around 128.
KR, KB = 0.2126, 0.0722


def browser_rgb(frame: av.VideoFrame) -> np.ndarray:
    """A yuv420p frame as a browser shows a BT.709 limited-range stream: (height, width, 3)
    floats in 0-255, chroma upsampled by repetition (flat areas are what is compared)."""
    y, u, v = (np.asarray(plane, dtype=float) for plane in _planes(frame))
    u = u.repeat(2, axis=0).repeat(2, axis=1)[: y.shape[0], : y.shape[1]]
    v = v.repeat(2, axis=0).repeat(2, axis=1)[: y.shape[0], : y.shape[1]]
    luma = (y - 16) / 219
    cb, cr = (u - 128) / 224, (v - 128) / 224
    r = luma + 2 * (1 - KR) * cr
    b = luma + 2 * (1 - KB) * cb
    g = (luma - KR * r - KB * b) / (1 - KR - KB)
    return np.clip(np.stack([r, g, b], axis=-1) * 255, 0, 255)


def _planes(frame: av.VideoFrame):
    assert frame.format.name == "yuv420p", frame.format.name
    for index, plane in enumerate(frame.planes):
        height = frame.height if index == 0 else (frame.height + 1) // 2
        width = plane.width
        rows = np.frombuffer(plane, np.uint8).reshape(height, plane.line_size)
        yield rows[:, :width]


def flat(image: np.ndarray, radius: int = 3) -> np.ndarray:
    """Mask of the pixels whose (2·radius+1)² neighbourhood holds one colour: away from every
    edge, where chroma subsampling and compression cannot blur two colours together."""
    same = np.ones(image.shape[:2], bool)
    padded = np.pad(image, ((radius, radius), (radius, radius), (0, 0)), mode="edge")
    height, width = image.shape[:2]
    for dy in range(2 * radius + 1):
        for dx in range(2 * radius + 1):
            same &= (padded[dy:dy + height, dx:dx + width] == image).all(axis=-1)
    return same


def top_level_boxes(path: Path) -> list[str]:
    """The MP4's top-level box types in file order (ISO/IEC 14496-12: size, type, [largesize])."""
    data, boxes, at = Path(path).read_bytes(), [], 0
    while at < len(data):
        size, kind = struct.unpack(">I4s", data[at:at + 8])
        if size == 1:
            (size,) = struct.unpack(">Q", data[at + 8:at + 16])
        elif size == 0:
            size = len(data) - at
        boxes.append(kind.decode("latin-1"))
        at += size
    return boxes


def idr_frames(path: Path) -> list[int]:
    """Indices of the H.264 frames that hold an IDR slice (NAL unit type 5), in presentation
    order: where a player can seek and a clip can be cut with nothing before it."""
    found = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        rate = stream.average_rate
        for packet in container.demux(stream):
            if packet.size and 5 in _nal_types(bytes(packet)):
                found.append(round(packet.pts * packet.time_base * rate))
    return sorted(found)


def _nal_types(data: bytes) -> set[int]:
    """NAL unit types of an MP4 sample: 4-byte big-endian lengths, each before one unit."""
    types, at = set(), 0
    while at + 4 < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        types.add(data[at + 4] & 0x1F)
        at += 4 + length
    return types


def keyframes(path: Path) -> list[int]:
    """Indices of the frames the container marks as keyframes (any codec)."""
    found = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        rate = stream.average_rate or stream.guessed_rate
        for packet in container.demux(stream):
            if packet.size and packet.is_keyframe:
                found.append(round(packet.pts * packet.time_base * rate))
    return sorted(found)


def gif_frames(path: Path) -> list[tuple[np.ndarray, int]]:
    """Each frame of a GIF as RGB and its delay in milliseconds, as the file states them."""
    frames = []
    with Image.open(path) as image:
        for index in range(image.n_frames):
            image.seek(index)
            frames.append((np.asarray(image.convert("RGB")), image.info["duration"]))
    return frames
