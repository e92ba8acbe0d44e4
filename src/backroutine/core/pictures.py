"""Pictures a routine names: where the text leads, and whether the app will show the file."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .files import open_regular
from .names import name_problem
from .problems import shorten

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")


@dataclass(frozen=True)
class FoundPicture:
    """Where a routine's image text leads: the picture to show, or why there is none.
    fatal: the text can never name a picture in the folder (an error in a routine);
    otherwise the file is only missing or unfit (a warning: no picture is shown)."""

    path: Path | None
    problem: str | None = None
    fatal: bool = False
    code: str = ""  # the problem's code (problem_codes.CODES)


def find_picture(folder: Path, text: str) -> FoundPicture:
    """The picture that text (as written in a routine, relative to folder) names.

    It must stay inside folder, links included, as a copy or an import would
    take only what is inside; its name must be one a file can have."""
    shown = shorten(text)
    unusable = name_problem(text)
    if unusable:
        return FoundPicture(
            None, f"image {shown!r} cannot be a file name: {unusable}", True, "image-bad-name"
        )
    if os.path.isabs(text) or text.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", text):
        return FoundPicture(
            None,
            "image must be a path relative to the routine's folder, such as images/bridge.svg",
            True,
            "image-not-relative",
        )
    parts = re.split(r"[/\\]", text)
    if ".." in parts:
        return FoundPicture(
            None,
            f"image {shown!r} points outside the routine's folder; "
            "keep pictures in the same folder or below it",
            True,
            "image-outside-folder",
        )
    try:
        real = folder.joinpath(*parts).resolve()
        if not real.is_relative_to(folder.resolve()):
            return FoundPicture(
                None,
                f"image {shown!r} is a link to a file outside the routine's folder; "
                "copy the picture into the folder instead",
                True,
                "image-outside-folder",
            )
    except (OSError, RuntimeError, ValueError):
        message = f"image {shown!r} cannot be resolved (a link loop?)"
        return FoundPicture(None, message, True, "image-outside-folder")
    try:
        exists = real.exists()
    except (OSError, ValueError):  # a name too long for the file system, say
        exists = False
    if not exists:
        return FoundPicture(
            None,
            f"image {shown!r} was not found; the exercise will show no picture",
            code="image-not-found",
        )
    problem = image_problem(real)
    return FoundPicture(None, problem, code="image-unusable") if problem else FoundPicture(real)


MAX_IMAGE_BYTES = 5 * 1024 * 1024
_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
)
# A reference from inside an SVG to anything but itself: another file, or the network.
_SVG_OUTSIDE = re.compile(
    rb"""(?:href\s*=\s*["']\s*(?!#|data:))|(?:url\(\s*["']?\s*(?!#|data:))""", re.I
)
_PICTURE_FORMATS = "use an SVG, PNG, JPEG, GIF or WebP file"


def image_problem(path: Path) -> str | None:
    """Why the app will not show this picture, or None if it will.

    The player uses the same check, so a picture that only earns a warning
    here is never drawn.
    """
    name = path.name
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return f"{name!r} is not a picture the app can show; {_PICTURE_FORMATS}"
    try:  # a folder, a pipe or a device is named as such
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_IMAGE_BYTES:
                return f"{name!r} is {size / 2**20:.1f} MiB; a picture may be at most 5 MiB"
            svg = path.suffix.lower() == ".svg"
            data = handle.read(MAX_IMAGE_BYTES + 1 if svg else 64)
    except OSError as exc:
        return f"{name!r} cannot be read: {exc.strerror or exc}"
    return picture_problem(name, path.suffix, data)


def picture_problem(name: str, suffix: str, data: bytes) -> str | None:
    """Why these bytes, read from a picture file called name, are not shown (as
    image_problem; for an SVG, data must be the whole file)."""
    if len(data) > MAX_IMAGE_BYTES:
        return f"{name!r} is over 5 MiB; a picture may be at most 5 MiB"
    if suffix.lower() == ".svg":
        if b"<svg" not in data[:4096]:
            return f"{name!r} is not a picture the app can show; {_PICTURE_FORMATS}"
        if _SVG_OUTSIDE.search(data):
            return (
                f"{name!r} refers to other files or addresses, which the app never loads; "
                "make the picture self-contained"
            )
        return None
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return None
    if data.startswith(_MAGIC):
        return None
    return f"{name!r} is not a picture the app can show; {_PICTURE_FORMATS}"
