"""The NDJSON line splitter (`framing/ndjson.py`): lines at LF in any split, CRLF tolerated,
blank lines skipped, UTF-8 decoded per whole line, offsets, an unterminated last line handed
over as such, and the typed errors for bad UTF-8 and over-long lines."""

from __future__ import annotations

import pytest
from hypothesis import given

from conformance.errors import InvalidUTF8Error, LimitExceededError
from conformance.framing.ndjson import NDJSONDecoder, NDJSONLine
from conformance.limits import Limits
from conformance.suite.strategies import byte_by_byte, chunkings, two_chunk_splits

BODY = '{"a":1}\n{"text":"Grüße 🌍"}\n\n{"done":true}\n'.encode()


def decode(chunks: list[bytes], limits: Limits | None = None) -> tuple[list[NDJSONLine], int]:
    decoder = NDJSONDecoder(limits) if limits else NDJSONDecoder()
    out = []
    for chunk in chunks:
        out += decoder.feed(chunk)
    out += decoder.close()
    return out, decoder.leftover_bytes


def test_lines_are_split_at_lf_and_blank_lines_are_skipped() -> None:
    lines, leftover = decode([BODY])
    assert [line.text for line in lines] == ['{"a":1}', '{"text":"Grüße 🌍"}', '{"done":true}']
    assert [line.index for line in lines] == [0, 1, 2]
    assert all(line.terminated for line in lines)
    assert leftover == 0


def test_each_line_offset_is_its_first_byte_in_the_body() -> None:
    lines, _ = decode([BODY])
    for line in lines:
        assert BODY[line.offset :].startswith(line.text.encode())


def test_byte_by_byte_and_every_two_chunk_split_give_the_same_lines() -> None:
    whole = decode([BODY])
    assert decode(byte_by_byte(BODY)) == whole
    for chunks in two_chunk_splits(BODY):
        assert decode(chunks) == whole, f"split at {len(chunks[0])}"


@given(chunkings(BODY))
def test_any_chunking_gives_the_same_lines(chunks: list[bytes]) -> None:
    assert decode(chunks) == decode([BODY])


def test_crlf_line_ends_give_the_same_texts_as_lf() -> None:
    crlf = BODY.replace(b"\n", b"\r\n")
    assert [line.text for line in decode([crlf])[0]] == [line.text for line in decode([BODY])[0]]
    assert [line.text for line in decode(byte_by_byte(crlf))[0]] == [line.text for line in decode([BODY])[0]]


def test_a_whitespace_only_line_is_skipped() -> None:
    assert [line.text for line in decode([b'  \t\n{"x":1}\n'])[0]] == ['{"x":1}']


def test_an_unterminated_last_line_is_handed_over_marked_and_counted() -> None:
    lines, leftover = decode([b'{"a":1}\n{"b":', b"2}"])
    assert lines[-1] == NDJSONLine('{"b":2}', offset=8, index=1, terminated=False)
    assert leftover == 7


def test_a_blank_unterminated_tail_is_nothing() -> None:
    assert decode([b'{"a":1}\n  '])[1] == 0


def test_a_character_split_across_chunks_is_decoded_whole() -> None:
    body = '{"t":"é"}\n'.encode()
    cut = body.index("é".encode()) + 1
    assert decode([body[:cut], body[cut:]])[0][0].text == '{"t":"é"}'


def test_invalid_utf8_is_a_typed_error_at_the_bad_byte() -> None:
    body = b'{"a":1}\n{"t":"\xff"}\n'
    with pytest.raises(InvalidUTF8Error) as info:
        decode([body])
    assert info.value.offset == body.index(b"\xff")
    assert info.value.event_index == 1


def test_a_line_over_the_limit_is_refused_before_it_ends() -> None:
    decoder = NDJSONDecoder(Limits(max_line_bytes=16))
    decoder.feed(b'{"ok":1}\n')
    with pytest.raises(LimitExceededError) as info:
        for _ in range(10):
            decoder.feed(b"x" * 4)  # no newline ever comes
    assert info.value.limit == "max_line_bytes"
    assert info.value.offset == 9


def test_a_good_line_comes_out_before_an_over_long_tail_in_the_same_chunk() -> None:
    # Found by tests/test_fuzz.py: the over-long tail was raised before the line ahead of it,
    # so an error in that line (seen by the adapter) depended on where the body was split.
    decoder = NDJSONDecoder(Limits(max_line_bytes=16))
    (line,) = decoder.feed(b'{"ok":1}\n' + b"9" * 40)
    assert line.text == '{"ok":1}'
    with pytest.raises(LimitExceededError) as info:
        decoder.feed(b"\n")
    assert (info.value.limit, info.value.event_index, info.value.offset) == ("max_line_bytes", 1, 9)


def test_a_long_line_within_one_chunk_is_refused_too() -> None:
    with pytest.raises(LimitExceededError):
        decode([b"x" * 40 + b"\n"], Limits(max_line_bytes=16))


def test_too_many_lines_is_a_limit_error() -> None:
    with pytest.raises(LimitExceededError) as info:
        decode([BODY], Limits(max_events=2))
    assert info.value.limit == "max_events"


def test_feed_after_close_is_a_programming_error() -> None:
    decoder = NDJSONDecoder()
    decoder.close()
    with pytest.raises(RuntimeError):
        decoder.feed(b"{}\n")
