"""`TextBuffer`, the assembler's text: always exactly the pieces joined, and compact."""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance
from conformance.assembler import Assembler
from conformance.events import StreamEnd, StreamStart, TextDelta
from conformance.text_buffer import BLOCK, TextBuffer

# Every code point, lone surrogates included (which `st.characters()` leaves out by default),
# and pieces that mix widths: ASCII, Latin-1, BMP, astral, surrogate halves of one emoji.
_chars = st.characters(exclude_categories=())
_pieces = st.lists(
    st.one_of(
        st.text(_chars, max_size=6),
        st.text(max_size=6),
        st.sampled_from(["", "abc", "é", "日本", "😀", "\ud83d", "\ude00", "\ud800", "a\udfffb"]),
    ),
    max_size=60,
)


@given(_pieces, st.integers(min_value=1, max_value=8), st.sets(st.integers(0, 60)))
def test_value_is_the_pieces_joined_at_any_block_size(pieces: list[str], block: int, looks: set[int]) -> None:
    buffer = TextBuffer(block)
    for i, piece in enumerate(pieces):
        if i in looks:  # a snapshot in the middle changes nothing
            assert buffer.value() == "".join(pieces[:i])
        buffer.append(piece)
    assert buffer.value() == "".join(pieces)
    assert buffer.value() == "".join(pieces)


def test_halves_of_a_surrogate_pair_stay_two_code_points_across_blocks() -> None:
    pieces = ["x"] * (BLOCK - 1) + ["\ud83d", "\ude00"] + ["y"] * BLOCK
    buffer = TextBuffer()
    for piece in pieces:
        buffer.append(piece)
    text = buffer.value()
    assert text == "".join(pieces)
    assert text[BLOCK - 1 : BLOCK + 1] == "\ud83d\ude00"  # not joined into "😀"
    assert len(text) == 2 * BLOCK + 1


def test_a_lone_surrogate_escape_in_a_text_delta_survives_a_long_stream() -> None:
    deltas = [f"piece {i} " for i in range(3 * BLOCK)]
    deltas[BLOCK + 5] = "a\ud800b"  # what json.loads makes of "a\\ud800b"
    body = [
        b'data: {"id":"c","object":"chat.completion.chunk","model":"m",'
        b'"choices":[{"index":0,"delta":{"content":"a\\ud800b"},"finish_reason":null}]}\n\n'
        if i == BLOCK + 5
        else b'data: {"id":"c","object":"chat.completion.chunk","model":"m",'
        b'"choices":[{"index":0,"delta":{"content":"' + text.encode() + b'"},"finish_reason":null}]}\n\n'
        for i, text in enumerate(deltas)
    ]
    body.append(
        b'data: {"id":"c","object":"chat.completion.chunk","model":"m",'
        b'"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'
    )
    message = conformance.parse("openai-chat", body)
    assert message.text == "".join(deltas)
    assert "a\ud800b" in message.text


def test_the_assembler_joins_text_across_blocks_and_snapshots() -> None:
    assembler = Assembler("test")
    assembler.add(StreamStart("test"))
    pieces = [("café " if i % 7 == 0 else "😀" if i % 11 == 0 else f"w{i} ") for i in range(2 * BLOCK + 3)]
    for i, piece in enumerate(pieces):
        assembler.add(TextDelta(piece))
        if i % 500 == 0:
            assert assembler.snapshot().text == "".join(pieces[: i + 1])
    assembler.add(StreamEnd(complete=True))
    assert assembler.message().text == "".join(pieces)


def test_ascii_text_with_an_emoji_is_held_near_its_own_size() -> None:
    """Not ~80 bytes a piece (a list of pieces) nor 4 bytes a character (one widened block)."""
    count, size = 20 * BLOCK, 30
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        buffer = TextBuffer()
        for i in range(count):
            buffer.append("😀" if i == count // 2 else f"{i:>{size}}")
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 1.5 * count * size
    assert len(buffer.value()) == (count - 1) * size + 1


def test_block_must_be_positive() -> None:
    with pytest.raises(ValueError, match="block"):
        TextBuffer(0)
