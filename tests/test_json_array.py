"""`framing/json_array.py`: a JSON array written incrementally, split into its elements
sans-IO. Any split gives the same elements; brackets, quotes and escapes inside strings are
text; bad framing and oversize elements are typed errors at their byte."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.errors import FramingError, InvalidUTF8Error, LimitExceededError
from conformance.framing.json_array import JSONArrayDecoder, JSONArrayElement
from conformance.limits import Limits
from conformance.suite.strategies import chunkings

BODY = '[{"a": "x]}\\"{["}\r\n,\r\n{"b": [1, {"c": "é"}]}\r\n]'.encode()


def decode(
    chunks: list[bytes], limits: Limits | None = None
) -> tuple[list[JSONArrayElement], JSONArrayDecoder]:
    decoder = JSONArrayDecoder(limits) if limits is not None else JSONArrayDecoder()
    out = [element for chunk in chunks for element in decoder.feed(chunk)]
    out += decoder.close()
    return out, decoder


def test_elements_are_the_objects_between_the_brackets_with_their_offsets() -> None:
    elements, decoder = decode([BODY])
    assert [json.loads(e.text) for e in elements] == [{"a": 'x]}"{['}, {"b": [1, {"c": "é"}]}]
    assert [(e.index, e.offset) for e in elements] == [(0, 1), (1, BODY.index(b'{"b"'))]
    assert (decoder.array_closed, decoder.leftover_bytes) == (True, 0)


@given(data=st.data())
def test_any_split_gives_the_same_elements(data: st.DataObject) -> None:
    assert decode(data.draw(chunkings(BODY)))[0] == decode([BODY])[0]


def test_byte_by_byte_even_inside_an_escape_and_a_character() -> None:
    assert decode([BODY[i : i + 1] for i in range(len(BODY))])[0] == decode([BODY])[0]


def test_an_empty_array_has_no_elements_and_is_closed() -> None:
    elements, decoder = decode([b" [ ] "])
    assert (elements, decoder.array_closed) == ([], True)


def test_a_body_cut_inside_an_element_leaves_its_bytes_over() -> None:
    cut = BODY[: BODY.index(b'{"b"') + 5]
    elements, decoder = decode([cut])
    assert len(elements) == 1
    assert (decoder.array_closed, decoder.leftover_bytes) == (False, 5)


@pytest.mark.parametrize(
    ("body", "offset", "what"),
    [
        (b'{"a": 1}', 0, "the array's opening ["),
        (b"[1, 2]", 1, "an object, an array or ]"),
        (b"[{}{}]", 3, ", or ]"),
        (b"[{},]", 4, "an object or an array after ,"),
        (b"[{}] x", 5, "nothing after the array's closing ]"),
    ],
)
def test_what_is_not_an_array_of_objects_is_a_framing_error_at_its_byte(
    body: bytes, offset: int, what: str
) -> None:
    with pytest.raises(FramingError, match=re.escape(f"expected {what}")) as info:
        decode([body])
    assert info.value.offset == offset


def test_an_element_over_the_event_limit_is_a_limit_error_not_a_growing_buffer() -> None:
    body = b'[{"a": "' + b"x" * 100 + b'"}]'
    with pytest.raises(LimitExceededError) as info:
        decode([body[i : i + 10] for i in range(0, len(body), 10)], Limits(max_event_bytes=64))
    assert (info.value.limit, info.value.offset) == ("max_event_bytes", 1)


def test_invalid_utf8_in_an_element_is_located_at_its_byte() -> None:
    body = b'[{"a": "\xc3\x28"}]'
    with pytest.raises(InvalidUTF8Error) as info:
        decode([body])
    assert info.value.offset == body.index(b"\xc3")


def test_feed_after_close_is_a_programming_error() -> None:
    decoder = JSONArrayDecoder()
    decoder.close()
    with pytest.raises(RuntimeError):
        decoder.feed(b"[")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(elements=st.lists(st.dictionaries(st.text(), JSON_VALUES, max_size=3), max_size=4), data=st.data())
def test_the_elements_are_what_json_loads_reads_in_the_whole_array(
    elements: list[dict[str, object]], data: st.DataObject
) -> None:
    body = json.dumps(elements, ensure_ascii=False, indent=data.draw(st.sampled_from([None, 2]))).encode()
    got, decoder = decode(data.draw(chunkings(body)))
    assert [json.loads(e.text) for e in got] == elements
    assert decoder.array_closed


def test_an_error_after_an_element_comes_after_that_element_at_any_split() -> None:
    """Found by the fuzzer: bytes after the closing `]` were reported before the element ahead
    of them when the body came whole, after it when split, so the outcome depended on the split."""
    from conformance.api import parse
    from conformance.errors import LimitExceededError

    body = b"[" + b"[" * 299 + b"]" * 300 + b"\r\n]"  # an element too deep, then junk after the array
    for chunks in ([body], [body[:-2], body[-2:]], [body[:1], body[1:]]):
        with pytest.raises(LimitExceededError):
            parse("gemini-array", chunks, strict=False)
