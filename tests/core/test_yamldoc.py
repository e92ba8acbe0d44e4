"""Hostile YAML is refused fast, with a position and a clear message; plain YAML reads as data."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from backroutine.core.yamldoc import (
    MAX_DEPTH,
    MAX_NODES,
    DocumentError,
    Mapping,
    Node,
    Scalar,
    Sequence,
    decode,
    merged_pairs,
    parse_document,
)

# Refusing hostile input must not itself be the attack: each refusal below is
# measured and must take a small fraction of a second.
FAST = 0.5


def read(data: str | bytes) -> Node:
    """What the app does with a file's bytes: decode, then parse."""
    return parse_document(decode(data.encode() if isinstance(data, str) else data))


def refused(data: str | bytes) -> tuple[DocumentError, float]:
    """The DocumentError reading data raises, and how long it took to raise it."""
    start = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        read(data)
    return caught.value, time.perf_counter() - start


def where(error: DocumentError) -> tuple[int, int]:
    return error.line, error.column


def pairs(node: Node) -> dict[str, Node]:
    assert isinstance(node, Mapping)
    return {key.text: value for key, value in merged_pairs(node) if isinstance(key, Scalar)}


def value_of(node: Node) -> object:
    assert isinstance(node, Scalar)
    return node.value


# -- alias expansion ------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_billion_laughs_is_refused_at_the_alias_that_crosses_the_bound():
    error, seconds = refused(BILLION_LAUGHS)
    # Each *d on line 5 is charged every value it expands to; the sixth *d
    # (line 5, column 28) crosses the bound, long before the billions are built.
    assert where(error) == (5, 28)
    assert error.message == (
        f"with its aliases expanded, the document holds more than {MAX_NODES:,} values; "
        "a routine never needs that many (aliases that multiply are refused)"
    )
    assert seconds < FAST


def test_aliases_that_stay_small_are_expanded():
    doc = read("base: &base [10s, 3]\nfirst: *base\nsecond: *base\n")
    first, second = pairs(doc)["first"], pairs(doc)["second"]
    assert isinstance(first, Sequence) and isinstance(second, Sequence)
    assert [value_of(item) for item in first.items] == ["10s", 3]
    assert [value_of(item) for item in second.items] == ["10s", 3]


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("&a [*a]", (1, 5)),
        ("steps: &a\n  - exercise: Bridge\n  - *a\n", (3, 5)),
        ("step: &a\n  exercise: Bridge\n  again: *a\n", (3, 10)),
    ],
)
def test_an_alias_inside_its_own_anchor_is_refused(text, position):
    error, seconds = refused(text)
    assert where(error) == position
    assert error.message == "the alias *a refers to a value that contains it"
    assert seconds < FAST


def test_an_alias_without_an_anchor_is_refused():
    error, _ = refused("name: Bridge\nhold: *missing\n")
    assert where(error) == (2, 7)
    assert error.message == "the alias *missing has no anchor &missing"


def test_too_many_plain_values_are_refused_even_without_aliases():
    error, seconds = refused("[" + ", ".join(["1"] * (MAX_NODES + 10)) + "]")
    assert error.line == 1
    assert error.message.startswith(f"the document holds more than {MAX_NODES:,} values")
    # This refusal has to read the 50,000 values first, so it gets the full second.
    assert seconds < 1.0


# -- nesting --------------------------------------------------------------------

DEPTH_MESSAGE = f"values are nested more than {MAX_DEPTH} levels deep; a routine needs only a few"


@pytest.mark.parametrize("text", ["[" * 200_000, "[" * 200_000 + "]" * 200_000, "{a: " * 100_000])
def test_deep_flow_nesting_is_refused_quickly_at_a_place_in_the_line(text):
    # Where exactly depends on the YAML library: libyaml 0.2.5 with PyYAML 6.0.4
    # refuses flow nesting itself at level 1000, before our own limit is reached.
    error, seconds = refused(text)
    assert error.line == 1
    assert MAX_DEPTH < error.column <= 4 * 1000 + 1
    assert "nest" in error.message
    assert seconds < FAST


def test_deep_block_nesting_is_refused_where_it_gets_too_deep():
    # 700 levels: as deep as indentation gets while the file stays under 1 MiB.
    text = "".join("  " * level + "k:\n" for level in range(700))
    assert len(text) < 1024 * 1024
    error, seconds = refused(text)
    # The 33rd open mapping is the value of the key on line 33.
    assert where(error) == (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1)
    assert error.message == DEPTH_MESSAGE
    assert seconds < FAST


def test_nesting_up_to_the_limit_is_read():
    doc = read("[" * MAX_DEPTH + "deep" + "]" * MAX_DEPTH)
    for _ in range(MAX_DEPTH - 1):
        assert isinstance(doc, Sequence)
        (doc,) = doc.items
    assert isinstance(doc, Sequence)
    assert [value_of(item) for item in doc.items] == ["deep"]


# -- tags -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object/apply:os.system ['echo hi']", "!!python/object/apply:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/object:collections.OrderedDict {}", "!!python/object:collections.OrderedDict"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!foo bar", "!foo"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!<tag:example.com,2024:thing> x", "tag:example.com,2024:thing"),
    ],
)
def test_tags_that_are_not_plain_data_are_refused_at_the_tag(value, shown):
    error, seconds = refused(f"name: Bridge\nhold: {value}\n")
    assert where(error) == (2, 7)
    assert error.message == (
        f"the tag {shown} is not allowed: a routine holds plain text, numbers and lists; "
        "remove the tag"
    )
    assert seconds < FAST


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("!!str 10", "10"),
        ("!!int '10'", 10),
        ("!!float 2", 2.0),
        ("!!bool yes", True),
        ("!!null ''", None),
        ("! 10", 10),
    ],
)
def test_plain_data_tags_are_read(value, expected):
    assert value_of(pairs(read(f"reps: {value}\n"))["reps"]) == expected


def test_a_data_tag_on_a_value_it_does_not_fit_is_refused():
    error, _ = refused("reps: !!int ten\n")
    assert where(error) == (1, 7)
    assert error.message == "'ten' is not a valid int"


def test_no_object_is_ever_constructed(tmp_path: Path):
    # With an unsafe loader each of these would create the folder.
    target = tmp_path / "created"
    for text in (
        f"name: !!python/object/apply:os.mkdir [{str(target)!r}]\n",
        f"!!python/object/apply:os.mkdir [{str(target)!r}]\n",
        f"name: [!!python/object/apply:os.mkdir [{str(target)!r}]]\n",
        f"- &x !!python/object/apply:os.mkdir [{str(target)!r}]\n- *x\n",
    ):
        error, _ = refused(text)
        assert "is not allowed" in error.message
    assert not target.exists()
    error, _ = refused("run: !!python/name:os.system\n")
    assert where(error) == (1, 6)


# -- documents ------------------------------------------------------------------

SECOND_DOCUMENT = (
    "a second YAML document starts here; a routine file holds one document "
    "(remove the '---' line and what follows, or put it in its own file)"
)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("name: One\n---\nname: Two\n", (2, 1)),
        ("---\nname: One\n...\n---\nname: Two\n", (4, 1)),
        ("name: One\n---\n", (2, 1)),
    ],
)
def test_a_second_document_is_refused_where_it_starts(text, position):
    error, _ = refused(text)
    assert where(error) == position
    assert error.message == SECOND_DOCUMENT


def test_one_document_may_start_with_three_dashes():
    assert value_of(pairs(read("---\nname: One\n...\n"))["name"]) == "One"


@pytest.mark.parametrize("data", [b"", b"\n\n", b"   \n", b"# only a comment\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(data):
    error, _ = refused(data)
    assert where(error) == (1, 1)
    assert error.message == "the file holds no routine (it is empty, or only comments)"


# -- binary data and encodings ---------------------------------------------------

NOT_UTF8 = "binary data or text that is not UTF-8; save the file as UTF-8 text"
NUL = "binary data (a NUL byte); a routine is a text file"


@pytest.mark.parametrize(
    ("data", "position", "message"),
    [
        (b"name: Bridge\nhold: 1\x000s\n", (2, 8), NUL),
        (b"\x00", (1, 1), NUL),
        (b"name: Caf\xe9\n", (1, 10), NOT_UTF8),  # Latin-1, not UTF-8
        (b"name: Bridge\nsteps: \xff\xfe\n", (2, 8), NOT_UTF8),
        (b"name: Caf\xc3\n", (1, 10), NOT_UTF8),  # a cut-off two-byte character
        (b"name: \xc3\xa9t\xc3\xa9\n\xff", (2, 1), NOT_UTF8),  # columns count characters
        (b"\x89PNG\r\n\x1a\n\x00\x00", (1, 1), NOT_UTF8),
    ],
)
def test_binary_data_is_refused_where_it_starts(data, position, message):
    error, seconds = refused(data)
    assert where(error) == position
    assert error.message == message
    assert seconds < FAST


def test_a_utf8_byte_order_mark_is_accepted_and_does_not_shift_columns():
    doc = read(b"\xef\xbb\xbfname: Bridge\nhold: 10s\n")
    assert value_of(pairs(doc)["name"]) == "Bridge"
    assert [(k.line, k.column) for k, _ in merged_pairs(doc)] == [(1, 1), (2, 1)]


def test_a_nul_after_a_byte_order_mark_is_placed_correctly():
    error, _ = refused(b"\xef\xbb\xbfname: a\x00\n")
    assert where(error) == (1, 8)


@pytest.mark.parametrize(
    ("data", "position"),
    [
        (b"\xef\xbb\xbfname: Caf\xe9\n", (1, 10)),
        (b"\xef\xbb\xbfname: Bridge\nsteps: caf\xc3\n", (2, 11)),
    ],
)
def test_text_that_is_not_utf8_after_a_byte_order_mark_is_placed_correctly(data, position):
    error, _ = refused(data)
    assert where(error) == position


def test_text_beyond_ascii_is_read():
    assert value_of(pairs(read("name: Étirement du dos — 背中\n"))["name"]) == (
        "Étirement du dos — 背中"
    )


def test_a_file_over_one_mebibyte_is_refused_before_parsing():
    error, seconds = refused(b"name: " + b"x" * (1024 * 1024))
    assert where(error) == (1, 1)
    assert error.message == "the file is 1,048,582 bytes; a routine file may be at most 1 MiB"
    assert seconds < FAST


# -- merge keys -----------------------------------------------------------------


def test_a_merge_key_brings_in_the_base_and_own_keys_win():
    doc = read(
        "base: &base\n  hold: 10s\n  reps: 3\nstep:\n  <<: *base\n  exercise: Bridge\n  reps: 5\n"
    )
    step = pairs(doc)["step"]
    assert {key: value_of(value) for key, value in pairs(step).items()} == {
        "exercise": "Bridge",
        "reps": 5,
        "hold": "10s",
    }


def test_merged_keys_keep_the_position_of_the_base():
    doc = read("base: &base {hold: 10s}\nstep:\n  <<: *base\n  exercise: Bridge\n")
    hold = pairs(pairs(doc)["step"])["hold"]
    assert (hold.line, hold.column) == (1, 20)


def test_a_list_of_merges_takes_each_key_from_the_first_that_has_it():
    doc = read(
        "a: &a {hold: 10s, reps: 3}\n"
        "b: &b {reps: 8, sides: both}\n"
        "step:\n"
        "  <<: [*a, *b]\n"
        "  exercise: Bridge\n"
    )
    step = pairs(doc)["step"]
    assert {key: value_of(value) for key, value in pairs(step).items()} == {
        "exercise": "Bridge",
        "hold": "10s",
        "reps": 3,
        "sides": "both",
    }


def test_a_merge_of_something_that_is_not_a_mapping_is_refused():
    doc = read("step:\n  <<: [10s]\n  exercise: Bridge\n")
    step = pairs(doc)["step"]
    assert isinstance(step, Mapping)
    with pytest.raises(DocumentError) as caught:
        merged_pairs(step)
    assert where(caught.value) == (2, 8)
    assert caught.value.message == "a merge key (<<) takes a mapping or a list of them"


# -- positions and values -------------------------------------------------------


def test_positions_are_the_one_based_line_and_column_of_each_node():
    doc = read("name: Low back\nsteps:\n  - exercise: Bridge\n    hold: 10s\n  - rest: 30s\n")
    assert isinstance(doc, Mapping)
    assert (doc.line, doc.column) == (1, 1)
    found = [(k.text, k.line, k.column, v.line, v.column) for k, v in doc.pairs]
    assert found == [("name", 1, 1, 1, 7), ("steps", 2, 1, 3, 3)]
    steps = pairs(doc)["steps"]
    assert isinstance(steps, Sequence)
    first, second = steps.items
    assert (first.line, first.column, second.line, second.column) == (3, 5, 5, 5)
    assert isinstance(first, Mapping)
    assert [(k.text, k.line, k.column, v.line, v.column) for k, v in first.pairs] == [
        ("exercise", 3, 5, 3, 15),
        ("hold", 4, 5, 4, 11),
    ]


def test_an_unclosed_bracket_points_where_it_opens():
    error, _ = refused("name: Bridge\nsteps: [10s\nhold: 5\n")
    assert (error.line, error.column) == (2, 8)
    assert error.message.startswith("not valid YAML: ")


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        ("10", 10, "10"),
        ("2.5", 2.5, "2.5"),
        ("10s", "10s", "10s"),
        ("'10'", "10", "10"),
        ("yes", True, "yes"),
        ("~", None, "~"),
        ("2024-01-31", "2024-01-31", "2024-01-31"),  # dates stay text
        ("1:30", 90, "1:30"),  # YAML 1.1 reads M:SS as seconds
    ],
)
def test_scalars_keep_their_value_and_the_text_as_written(text, value, raw):
    node = pairs(read(f"x: {text}\n"))["x"]
    assert isinstance(node, Scalar)
    assert (node.value, node.text) == (value, raw)
