"""The incremental partial-JSON parser against jiter's partial mode (the official SDKs' parser)
on every prefix, and against json.loads on the whole text."""

from __future__ import annotations

import json
import math
from itertools import pairwise
from typing import Any

import jiter
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.json.incremental import IncompleteJSON, IncrementalJSON
from conformance.suite.strategies import chunkings


def jiter_partial(text: str) -> Any:
    """What the SDKs compute after each fragment: jiter over the whole buffer so far."""
    return jiter.from_json(text.encode(), partial_mode="trailing-strings")


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types all the way down (1, 1.0 and True are not the same here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def snapshot_of(text: str) -> Any:
    parser = IncrementalJSON()
    parser.feed(text)
    return parser.snapshot()


def agrees_with_jiter(prefix: str, ours: Any) -> None:
    try:
        theirs = jiter_partial(prefix)
    except ValueError:
        assert ours is IncompleteJSON, prefix
        return
    assert same(ours, theirs), (prefix, ours, theirs)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
json_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=25,
)


@st.composite
def json_texts(draw: st.DrawFn) -> str:
    """JSON text of a random value, in the spellings encoders use (escaped or raw, spaced or tight)."""
    value = draw(json_values)
    indent = draw(st.sampled_from([None, None, 2]))
    separators = draw(st.sampled_from([(", ", ": "), (",", ":")]))
    text = json.dumps(value, ensure_ascii=draw(st.booleans()), indent=indent, separators=separators)
    return draw(st.sampled_from(["", " ", "\n"])) + text + draw(st.sampled_from(["", " ", "\r\n"]))


@given(st.data())
def test_snapshots_equal_jiter_at_every_fragment_boundary(data: st.DataObject) -> None:
    text = data.draw(json_texts())
    fragments = [chunk.decode() for chunk in data.draw(chunkings(text.encode()))] if text.isascii() else None
    if fragments is None:  # cut a non-ASCII text between characters, as deltas arrive
        cuts = data.draw(st.lists(st.integers(1, max(1, len(text) - 1)), max_size=40, unique=True))
        edges = [0, *sorted(c for c in cuts if 0 < c < len(text)), len(text)]
        fragments = [text[a:b] for a, b in pairwise(edges)]
    parser, prefix, kept = IncrementalJSON(), "", []
    for fragment in fragments:
        parser.feed(fragment)
        prefix += fragment
        try:
            ours = parser.snapshot()
        except IncompleteJSON:
            ours = IncompleteJSON
        agrees_with_jiter(prefix, ours)
        kept.append((prefix, ours))
    for earlier_prefix, earlier in kept:  # later fragments never change an earlier snapshot
        agrees_with_jiter(earlier_prefix, earlier)
    assert same(parser.snapshot(), json.loads(text))


@given(json_texts())
def test_snapshot_of_every_prefix_equals_jiter(text: str) -> None:
    parser = IncrementalJSON()
    for i, char in enumerate(text, 1):
        parser.feed(char)
        try:
            ours = parser.snapshot()
        except IncompleteJSON:
            ours = IncompleteJSON
        agrees_with_jiter(text[:i], ours)


@given(json_texts())
def test_the_whole_text_gives_json_loads_value(text: str) -> None:
    parser = IncrementalJSON()
    parser.feed(text)
    assert same(parser.value(), json.loads(text))


# -- jiter's partial rules, one a test (the table in the module docstring) --------------------


def test_unfinished_string_value_is_kept() -> None:
    assert snapshot_of('{"a": "hel') == {"a": "hel"}
    assert snapshot_of('["x", "y') == ["x", "y"]
    assert snapshot_of('"top') == "top"


def test_unfinished_key_or_key_without_value_leaves_the_member_out() -> None:
    for text in ['{"a": 1, "b', '{"a": 1, "b"', '{"a": 1, "b":', '{"a": 1, "b": ']:
        assert snapshot_of(text) == {"a": 1}, text


def test_unfinished_escape_is_left_out_of_the_string() -> None:
    assert snapshot_of('["ab\\') == ["ab"]
    assert snapshot_of('["ab\\u00') == ["ab"]
    assert snapshot_of('["ab\\ud83d') == ["ab"]  # a high surrogate waits for its pair
    assert snapshot_of('["ab\\ud83d\\ude') == ["ab"]
    assert snapshot_of('["ab\\ud83d\\ude00') == ["ab\U0001f600"]


def test_number_complete_so_far_is_kept_and_one_that_is_not_is_left_out() -> None:
    assert snapshot_of("[1, -0, 1.5, 1e5, 12") == [1, 0, 1.5, 100000.0, 12]
    for text in ["[-", "[1.", "[1e", "[1e+", "[1.5e-"]:
        assert snapshot_of(text) == [], text
    assert snapshot_of("12") == 12


def test_unfinished_literal_is_left_out() -> None:
    for text in ["[t", "[tru", "[fals", "[nul", "[Na", "[Infin", "[-Inf"]:
        assert snapshot_of(text) == [], text
    assert snapshot_of('{"a": tr') == {}


def test_unfinished_scalar_at_the_top_level_raises_as_jiter_does() -> None:
    for text in ["tru", "-", "1.", "nul"]:
        with pytest.raises(IncompleteJSON):
            snapshot_of(text)


def test_nan_and_infinities_are_read_as_json_loads_reads_them() -> None:
    value = snapshot_of("[NaN, Infinity, -Infinity]")
    assert math.isnan(value[0]) and value[1:] == [math.inf, -math.inf]


def test_a_literal_split_across_fragments_is_read_whole() -> None:
    parser = IncrementalJSON()
    for piece in ['{"a": t', "r", 'ue, "b": -Inf', "inity, ", '"c": nu', "ll}"]:
        parser.feed(piece)
    assert parser.value() == {"a": True, "b": -math.inf, "c": None}


def test_lone_surrogate_escape_is_kept_as_json_loads_keeps_it() -> None:
    text = '["\\ud83d!"]'
    assert snapshot_of(text) == json.loads(text) == ["\ud83d!"]


@pytest.mark.parametrize("pair", ["\\udc00\\udc00", "\\udbff\\udc00", "\\udc00\\ud800"])
def test_only_a_high_then_a_low_surrogate_make_a_pair(pair: str) -> None:
    # \udbff is the last high surrogate, \udc00 the first low one: read as json.loads reads them.
    text = f'["{pair}"]'
    assert snapshot_of(text) == json.loads(text)


def test_duplicate_keys_keep_the_last_value_as_json_loads_does() -> None:
    assert snapshot_of('{"a": 1, "a": "x') == {"a": "x"}
    assert snapshot_of('{"a": 1, "a": 2}') == json.loads('{"a": 1, "a": 2}')


# -- text that can never be JSON -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ('{"a" 1', 5),
        ("[1,]", 3),
        ("[01", 1),
        ('{"a": 1}}', 8),
        ("[tx", 1),
        ('"a\x01"', 2),
        ("{1", 1),
        ("[1I]", 2),
    ],
)
def test_text_that_cannot_become_json_raises_at_its_offset(text: str, offset: int) -> None:
    parser = IncrementalJSON()
    with pytest.raises(IncompleteJSON, match=f"at offset {offset}$"):
        for char in text:
            parser.feed(char)


def test_an_error_sticks_to_later_feeds_and_snapshots() -> None:
    parser = IncrementalJSON()
    with pytest.raises(IncompleteJSON):
        parser.feed("[1 2")
    with pytest.raises(IncompleteJSON):
        parser.feed("]")
    with pytest.raises(IncompleteJSON):
        parser.snapshot()


def test_nesting_deeper_than_the_limit_raises_instead_of_growing() -> None:
    parser = IncrementalJSON(max_depth=8)
    parser.feed("[" * 8)
    with pytest.raises(IncompleteJSON, match="deeper than 8"):
        parser.feed("[")


def test_value_before_the_end_raises() -> None:
    parser = IncrementalJSON()
    parser.feed('{"a": [1')
    with pytest.raises(IncompleteJSON):
        parser.value()
    assert not parser.complete


def test_snapshot_of_nothing_yet_raises_as_jiter_does() -> None:
    parser = IncrementalJSON()
    parser.feed("  ")
    with pytest.raises(IncompleteJSON):
        parser.snapshot()


def test_a_number_over_int_digit_limit_is_an_error_not_a_crash() -> None:
    parser = IncrementalJSON()
    parser.feed('{"n": ' + "1" * 5000)
    with pytest.raises(IncompleteJSON):
        parser.snapshot()
    with pytest.raises(IncompleteJSON, match="5000 characters"):
        parser.feed("}")
