"""Importers, attacked: pictures that are links out of the folder (to /etc/shadow, or
to a real picture elsewhere), DOCTYPE and entity declarations in every encoding XML
allows, links waiting at the destination (pointing nowhere, or outside). Each is
refused or gone round; nothing is read from outside the folder, nothing is written
outside the routines folder, and nothing there is replaced."""

from __future__ import annotations

import codecs
import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from backroutine.core.importers import ImportFailed, import_file, import_path, write_imported
from backroutine.core.names import readable

FIXTURES = Path(__file__).parents[1] / "fixtures" / "importers"
TODAY = date(2026, 11, 23)
PNG = (FIXTURES / "workrave" / "side-bend.png").read_bytes()
WORKRAVE = (
    "<exercises><exercise><title>Stretch</title>"
    '<sequence duration="10"><image src="{src}"/></sequence>'
    "</exercise></exercises>"
)


def everything_under(folder: Path) -> dict[str, bytes | str]:
    """Each file and link under folder: its bytes, or where the link points."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"-> {path.readlink()}"
        elif path.is_file():
            found[key] = path.read_bytes()
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder the import must never read from nor write to, holding a picture."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "private.png").write_bytes(PNG)
    return folder


@pytest.mark.parametrize("target", ["/etc/shadow", "outside/private.png"])
def test_a_workrave_picture_that_links_out_of_the_folder_is_not_copied(tmp_path, target):
    (tmp_path / "outside").mkdir(exist_ok=True)
    (tmp_path / "outside" / "private.png").write_bytes(PNG)
    source = tmp_path / "in"
    source.mkdir()
    (source / "exercises.xml").write_text(WORKRAVE.format(src="stretch.png"))
    link_to = target if target.startswith("/") else str(tmp_path / target)
    (source / "stretch.png").symlink_to(link_to)
    routines = tmp_path / "routines"
    (item,) = import_file(source / "exercises.xml", "en", TODAY)
    write_imported([item], routines)
    assert item.images == {}
    assert "image" not in item.draft.steps[0].values
    assert any("Stretch" in n and "link to a file outside" in n for n in item.warnings)
    assert list(everything_under(routines)) == ["workrave-exercises.yaml"]


@pytest.mark.parametrize(
    ("image", "said"),
    [
        ("linked.png", "link to a file outside"),
        ("../outside/private.png", "outside the routine's folder"),
        ("/etc/shadow", "relative to the routine's folder"),
        ("walk\u0000.png", "NUL"),
        ("walk\u202egnp.png", "direction character"),
    ],
)
def test_a_safe_eyes_picture_from_outside_its_folder_is_left_out(tmp_path, outside, image, said):
    source = tmp_path / "in"
    source.mkdir()
    (source / "linked.png").symlink_to(outside / "private.png")
    settings = {"short_breaks": [{"name": "Blink", "image": image}]}
    (source / "safeeyes.json").write_text(json.dumps(settings))
    routines = tmp_path / "routines"
    (item,) = import_file(source / "safeeyes.json", today=TODAY)
    write_imported([item], routines)
    assert item.images == {} and "image" not in item.draft.steps[0].values
    assert any(said in note for note in item.warnings), item.warnings
    assert list(everything_under(routines)) == ["safe-eyes-short-breaks.yaml"]


def test_a_folder_import_passes_over_a_file_that_links_out_of_it(tmp_path, outside):
    (outside / "config.json").write_text('{"microbreakIdeas": [{"data": "Secret idea"}]}')
    source = tmp_path / "in"
    shutil.copytree(FIXTURES / "safeeyes", source)
    (source / "config.json").symlink_to(outside / "config.json")
    skipped: list[str] = []
    items = import_path(source, skipped=skipped)
    assert [item.routine_id for item in items] == [
        "safe-eyes-short-breaks",
        "safe-eyes-long-breaks",
    ]
    (reason,) = skipped
    assert "config.json" in reason and "outside the folder" in reason


DECLARED = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
    "<exercises><exercise><title>&lol2;</title>"
    '<sequence duration="10"/></exercise></exercises>\n'
)


@pytest.mark.parametrize(
    ("codec", "bom", "declared"),
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", codecs.BOM_UTF8, "UTF-8"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
        ("utf-16-le", b"", "UTF-16"),  # no byte order mark: declared only
        ("utf-16-be", b"", "UTF-16"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32"),
        ("utf-32-be", codecs.BOM_UTF32_BE, "UTF-32"),
        ("latin-1", b"", "ISO-8859-1"),
    ],
)
def test_a_doctype_is_refused_in_every_encoding(tmp_path, codec, bom, declared):
    source = tmp_path / "exercises.xml"
    source.write_bytes(bom + DECLARED.format(encoding=declared).encode(codec))
    routines = tmp_path / "routines"
    with pytest.raises(ImportFailed) as failed:
        write_imported(import_file(source, "en", TODAY), routines)
    message = str(failed.value)
    assert message.startswith(f"{source}:2:") and "declares a DOCTYPE or entities" in message
    assert not routines.exists()


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-32-be", codecs.BOM_UTF32_BE), ("utf-16-be", b"")],
)
def test_a_plain_workrave_file_in_utf16_or_32_still_imports(tmp_path, codec, bom):
    text = (FIXTURES / "workrave" / "exercises.xml").read_text()
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    source = tmp_path / "exercises.txt"  # found by its content, not its name
    source.write_bytes(bom + text.encode(codec))
    (item,) = import_file(source, "de", TODAY)
    assert item.draft.steps[0].get("exercise") == "Seitbeuge"


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b'<?xml version="1.0" encoding="x-no-such"?><exercises/>', "'x-no-such'"),
        (codecs.BOM_UTF16_LE + "<exercises>".encode("utf-16-le") + b"\x00\xd8", "utf-16"),
        (b"<exercises><exercise>", "exercises.xml:1:22: error: not well-formed"),
    ],
)
def test_xml_that_cannot_be_read_is_refused_with_its_place(tmp_path, data, said):
    source = tmp_path / "exercises.xml"
    source.write_bytes(data)
    with pytest.raises(ImportFailed, match="error") as failed:
        import_file(source, "en", TODAY)
    assert said in str(failed.value)


def test_links_waiting_at_the_destination_are_never_written_through(tmp_path, outside):
    routines = tmp_path / "routines"
    (routines / "images" / "workrave").mkdir(parents=True)
    # Named as the import would name its routine and its picture: one pointing
    # nowhere, one pointing at a file outside.
    (routines / "workrave-exercises.yaml").symlink_to(outside / "victim.yaml")
    (routines / "images" / "workrave" / "side-bend.png").symlink_to(outside / "victim.png")
    (routines / "images" / "workrave" / "shrug-up.png").symlink_to(outside / "private.png")
    before_outside = everything_under(outside)
    before = everything_under(routines)
    items = import_file(FIXTURES / "workrave" / "exercises.xml", "en", TODAY)
    (written,) = write_imported(items, routines)
    assert written.name == "workrave-exercises-2.yaml"
    assert everything_under(outside) == before_outside  # nothing made or changed there
    after = everything_under(routines)
    assert {k: after[k] for k in before} == before  # every link still there, as it was
    assert after["images/workrave/side-bend-2.png"] == PNG
    assert (
        after["images/workrave/shrug-up-2.png"]
        == (FIXTURES / "workrave" / "shrug-up.png").read_bytes()
    )
    assert "images/workrave/side-bend-2.png" in written.read_text()


@pytest.mark.parametrize("images", ["images", "images/workrave"])
def test_a_pictures_folder_that_links_outside_is_not_written_into(tmp_path, outside, images):
    routines = tmp_path / "routines"
    (routines / images).parent.mkdir(parents=True, exist_ok=True)
    (routines / images).symlink_to(outside)
    before_outside = everything_under(outside)
    items = import_file(FIXTURES / "workrave" / "exercises.xml", "en", TODAY)
    with pytest.raises(OSError, match="link to a folder outside"):
        write_imported(items, routines)
    assert everything_under(outside) == before_outside
    assert not (routines / "workrave-exercises.yaml").exists()


@pytest.mark.parametrize(
    ("written", "app"),
    [
        (b'{"microbreakIdeas": [{"data": "Look away \\ud800 now"}, {"data": "Blink"}]}', "st"),
        (b'{"short_breaks": [{"name": "Roll \\udcff eyes"}, {"name": "Blink"}]}', "se"),
    ],
)
def test_half_a_character_in_json_does_not_stop_the_import(tmp_path, written, app):
    """JSON may hold half of a UTF-16 pair; the routine made from it once held it too,
    failed the check, and nothing at all was imported."""
    source = tmp_path / ("config.json" if app == "st" else "safeeyes.json")
    source.write_bytes(written)
    routines = tmp_path / "routines"
    items = import_file(source, today=TODAY)
    (path,) = write_imported(items[:1], routines)
    text = path.read_text(encoding="utf-8")
    assert "Blink" in text
    assert "\ufffd" in text
    assert source.read_bytes() == written


@pytest.mark.parametrize(
    ("fixture", "name"),
    [
        ("stretchly/config.json", b"conf\xff\x1b[31m.json"),
        ("workrave/exercises.xml", b"ex\xfe.xml"),
    ],
)
def test_a_file_named_with_odd_bytes_imports_and_says_its_name_readably(tmp_path, fixture, name):
    """The file's name goes into the routine's description: bytes that are not UTF-8
    made a routine no YAML reader takes, and a terminal escape went in raw."""
    source = Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + name))
    shutil.copyfile(FIXTURES / fixture, source)
    routines = tmp_path / "routines"
    written = write_imported(import_file(source, "en", TODAY), routines)
    description = written[0].read_text(encoding="utf-8")
    assert readable(source.name) in " ".join(description.split())
    assert "\x1b" not in description and "\\e" not in description


@pytest.mark.parametrize("kind", ["pipe", "zero", "urandom", "folder", "huge"])
def test_an_import_file_that_is_not_a_file_is_refused_at_once(tmp_path, kind):
    from ..special import SAID, make_special

    given = make_special(tmp_path / "exercises.xml", kind, head=b"<?xml version='1.0'?>")
    with pytest.raises(ImportFailed) as refused:
        import_file(given)  # a pipe nobody writes to: an ordinary open would wait for ever
    said = str(refused.value)
    assert "exercises.xml" in said and SAID[kind].split()[-1] in said
