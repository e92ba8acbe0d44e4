"""Pictures a routine names: where the text leads, and whether the app will show the file."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .files import open_regular
from .i18n import _, format_number
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
        # Translators: "image" is a key of the routine format; keep it in English. {reason}
        # says what the name holds that no file name can.
        message = _("image {name} cannot be a file name: {reason}")
        message = message.format(name=repr(shown), reason=unusable)
        return FoundPicture(None, message, True, "image-bad-name")
    if os.path.isabs(text) or text.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", text):
        return FoundPicture(
            None,
            # Translators: "image" is a key of the routine format; keep it in English.
            _("image must be a path relative to the routine's folder, such as images/bridge.svg"),
            True,
            "image-not-relative",
        )
    parts = re.split(r"[/\\]", text)
    if ".." in parts:
        return FoundPicture(
            None,
            # Translators: "image" is a key of the routine format; keep it in English.
            _(
                "image {name} points outside the routine's folder; "
                "keep pictures in the same folder or below it"
            ).format(name=repr(shown)),
            True,
            "image-outside-folder",
        )
    try:
        real = folder.joinpath(*parts).resolve()
        if not real.is_relative_to(folder.resolve()):
            return FoundPicture(
                None,
                # Translators: "image" is a key of the routine format; keep it in English.
                _(
                    "image {name} is a link to a file outside the routine's folder; "
                    "copy the picture into the folder instead"
                ).format(name=repr(shown)),
                True,
                "image-outside-folder",
            )
    except (OSError, RuntimeError, ValueError):
        # Translators: "image" is a key of the routine format; keep it in English.
        message = _("image {name} cannot be resolved (a link loop?)").format(name=repr(shown))
        return FoundPicture(None, message, True, "image-outside-folder")
    try:
        exists = real.exists()
    except (OSError, ValueError):  # a name too long for the file system, say
        exists = False
    if not exists:
        return FoundPicture(
            None,
            # Translators: "image" is a key of the routine format; keep it in English.
            _("image {name} was not found; the exercise will show no picture").format(
                name=repr(shown)
            ),
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


def _not_a_picture(name: str) -> str:
    return _(
        "{name} is not a picture the app can show; use an SVG, PNG, JPEG, GIF or WebP file"
    ).format(name=repr(name))


def image_problem(path: Path) -> str | None:
    """Why the app will not show this picture, or None if it will.

    The player uses the same check, so a picture that only earns a warning
    here is never drawn.
    """
    name = path.name
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return _not_a_picture(name)
    try:  # a folder, a pipe or a device is named as such
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_IMAGE_BYTES:
                return _("{name} is {size} MiB; a picture may be at most 5 MiB").format(
                    name=repr(name), size=format_number(size / 2**20, 1)
                )
            svg = path.suffix.lower() == ".svg"
            data = handle.read(MAX_IMAGE_BYTES + 1 if svg else 64)
    except OSError as exc:
        return _("{name} cannot be read: {reason}").format(
            name=repr(name), reason=exc.strerror or exc
        )
    return picture_problem(name, path.suffix, data)


def picture_problem(name: str, suffix: str, data: bytes) -> str | None:
    """Why these bytes, read from a picture file called name, are not shown (as
    image_problem; for an SVG, data must be the whole file)."""
    if len(data) > MAX_IMAGE_BYTES:
        return _("{name} is over 5 MiB; a picture may be at most 5 MiB").format(name=repr(name))
    if suffix.lower() == ".svg":
        if b"<svg" not in data[:4096]:
            return _not_a_picture(name)
        if _SVG_OUTSIDE.search(data):
            return _(
                "{name} refers to other files or addresses, which the app never loads; "
                "make the picture self-contained"
            ).format(name=repr(name))
        return None
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return None
    if data.startswith(_MAGIC):
        return None
    return _not_a_picture(name)
