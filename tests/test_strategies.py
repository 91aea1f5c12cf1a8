"""`chunkings(body)`: every draw is the body cut into non-empty chunks; it reaches the cuts
stream parsers get wrong (inside a UTF-8 character, between CR and LF, after a backslash or a
colon, between the two line ends of a blank line) and 1-byte chunks; and a failure shrinks to
as few cuts as show it."""

from __future__ import annotations

from hypothesis import find, given, settings
from hypothesis import strategies as st

from conformance.suite.strategies import (
    byte_by_byte,
    chunkings,
    interesting_offsets,
    split_at,
    two_chunk_splits,
)

BODY = 'event: a\r\ndata: {"t":"\\"é"}\r\n\r\n'.encode()
FIND = settings(database=None, derandomize=True, max_examples=2_000)


def test_interesting_offsets_are_the_places_parsers_break() -> None:
    body = 'a:\r\n"\\n"é\n\n'.encode()
    # after the colon (2); CR|LF (3); after the backslash (6); inside é (9); LF|LF (11)
    assert interesting_offsets(body) == [2, 3, 6, 9, 11]


def _interesting_offsets_byte_by_byte(body: bytes) -> list[int]:
    """The rule of `interesting_offsets` read one byte at a time (the module uses a regex)."""
    out = []
    for i in range(1, len(body)):
        byte, before = body[i], body[i - 1]
        if (
            0x80 <= byte < 0xC0  # inside a UTF-8 sequence
            or (before == 0x0D and byte == 0x0A)  # between CR and LF
            or before in (0x5C, 0x3A)  # after a backslash or a colon
            or (before == 0x0A and byte in (0x0A, 0x0D))  # between the line ends of a blank line
        ):
            out.append(i)
    return out


@given(
    st.lists(st.sampled_from([b"\r", b"\n", b"\\", b":", b"a", "é".encode(), b"\x80", b"\xff"])).map(b"".join)
)
def test_interesting_offsets_agree_with_a_byte_by_byte_reading(body: bytes) -> None:
    assert interesting_offsets(body) == _interesting_offsets_byte_by_byte(body)


@given(st.binary(max_size=300), st.data())
def test_every_chunking_is_the_body_in_non_empty_chunks(body: bytes, data: st.DataObject) -> None:
    chunks = data.draw(chunkings(body))
    assert b"".join(chunks) == body
    assert all(chunks)


def test_a_cut_inside_a_utf8_character_is_found_and_shrinks_to_that_one_cut() -> None:
    inside = BODY.index("é".encode()) + 1
    found = find(chunkings(BODY), lambda chunks: inside in _cuts(chunks), settings=FIND)
    assert _cuts(found) == [inside]


def test_a_cut_between_cr_and_lf_is_found_and_shrinks_to_that_one_cut() -> None:
    between = BODY.index(b"\r\n") + 1
    found = find(chunkings(BODY), lambda chunks: between in _cuts(chunks), settings=FIND)
    assert _cuts(found) == [between]


def test_one_byte_chunks_are_reached() -> None:
    found = find(chunkings(BODY), lambda chunks: len(chunks) == len(BODY), settings=FIND)
    assert found == byte_by_byte(BODY)


def test_bodies_too_short_to_cut_are_one_chunk_or_none() -> None:
    assert find(chunkings(b"x"), lambda chunks: True) == [b"x"]
    assert find(chunkings(b""), lambda chunks: True) == []


def test_split_at_ignores_order_duplicates_and_offsets_outside_the_body() -> None:
    assert split_at(b"abcdef", [4, 2, 2, 0, 6, 99]) == [b"ab", b"cd", b"ef"]


def test_two_chunk_splits_are_every_single_cut() -> None:
    assert list(two_chunk_splits(b"abc")) == [[b"a", b"bc"], [b"ab", b"c"]]


def _cuts(chunks: list[bytes]) -> list[int]:
    offsets, at = [], 0
    for chunk in chunks[:-1]:
        at += len(chunk)
        offsets.append(at)
    return offsets
