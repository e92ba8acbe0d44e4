"""Exercise pictures are drawn from bytes read once and bounded: a pipe, a device, a
folder or a huge file in a picture's place gives no picture, at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from backroutine.ui.pictures import picture

from ..special import make_special

FIXTURES = Path(__file__).parents[1] / "fixtures" / "importers"


@pytest.mark.parametrize("kind", ["pipe", "zero", "urandom", "folder", "huge", "not-a-picture"])
def test_what_is_not_a_picture_file_draws_nothing_and_returns_at_once(qapp, tmp_path, kind):
    path = tmp_path / f"{kind}.png"
    if kind == "not-a-picture":
        path.write_bytes(b"GIF89a but not really\x00")
    else:  # a pipe would make Qt's own reader wait forever
        make_special(path, kind, head=(FIXTURES / "workrave" / "side-bend.png").read_bytes())
    assert picture(path, 120, 90).isNull()


def test_a_picture_file_is_drawn_fitted_and_svg_stays_sharp(qapp, tmp_path):
    png = tmp_path / "bend.png"
    png.write_bytes((FIXTURES / "workrave" / "side-bend.png").read_bytes())
    drawn = picture(png, 120, 90)
    assert not drawn.isNull() and drawn.width() <= 120 and drawn.height() <= 90
    svg = tmp_path / "dot.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<circle cx="5" cy="5" r="4"/></svg>'
    )
    drawn = picture(svg, 200, 200)
    assert (drawn.width(), drawn.height()) == (200, 200)
