"""The AWS event-stream decoder (`framing/eventstream.py`), checked against frames built
independently here (a tiny encoder written from the AWS docs, not the module's) and, where
botocore is installed, against botocore's own decoder on the same bytes; and the typed
errors: a flipped bit gives a CRC error naming the frame's byte offset."""

from __future__ import annotations

import struct
import uuid
import zlib
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.errors import FramingError, InvalidUTF8Error, LimitExceededError
from conformance.framing.eventstream import EventStreamDecoder, EventStreamMessage, encode_message
from conformance.limits import Limits
from conformance.suite.strategies import byte_by_byte, chunkings, two_chunk_splits

# -- an independent encoder: every header type, laid out per the AWS docs ----------------------


def header(name: str, kind: int, value: bytes) -> bytes:
    raw = name.encode()
    return bytes([len(raw)]) + raw + bytes([kind]) + value


def frame(headers: bytes, payload: bytes) -> bytes:
    total = 4 + 4 + 4 + len(headers) + len(payload) + 4
    prelude = total.to_bytes(4, "big") + len(headers).to_bytes(4, "big")
    prelude += zlib.crc32(prelude).to_bytes(4, "big")
    message = prelude + headers + payload
    return message + zlib.crc32(message).to_bytes(4, "big")


def string(name: str, value: str) -> bytes:
    raw = value.encode()
    return header(name, 7, len(raw).to_bytes(2, "big") + raw)


def event(kind: str, payload: bytes) -> bytes:
    headers = (
        string(":event-type", kind)
        + string(":content-type", "application/json")
        + string(":message-type", "event")
    )
    return frame(headers, payload)


BODY = (
    event("messageStart", b'{"role":"assistant"}')
    + event("contentBlockDelta", '{"contentBlockIndex":0,"delta":{"text":"Grüße 🌍"}}'.encode())
    + event("messageStop", b'{"stopReason":"end_turn"}')
)


def decode(chunks: list[bytes], limits: Limits | None = None) -> tuple[list[EventStreamMessage], int]:
    decoder = EventStreamDecoder(limits) if limits else EventStreamDecoder()
    out = []
    for chunk in chunks:
        out += decoder.feed(chunk)
    out += decoder.close()
    return out, decoder.leftover_bytes


def summary(messages: list[EventStreamMessage]) -> list[tuple[object, bytes, int]]:
    return [(m.headers.get(":event-type"), m.payload, m.offset) for m in messages]


# -- decoding ---------------------------------------------------------------------------------


def test_frames_built_from_the_spec_decode_to_their_headers_and_payloads() -> None:
    messages, leftover = decode([BODY])
    assert [m.headers[":event-type"] for m in messages] == [
        "messageStart",
        "contentBlockDelta",
        "messageStop",
    ]
    assert messages[1].payload.decode() == '{"contentBlockIndex":0,"delta":{"text":"Grüße 🌍"}}'
    assert all(m.headers[":message-type"] == "event" and m.message_type == "event" for m in messages)
    assert [m.index for m in messages] == [0, 1, 2]
    assert leftover == 0


def test_each_message_offset_is_where_its_prelude_starts() -> None:
    first = len(event("messageStart", b'{"role":"assistant"}'))
    messages, _ = decode([BODY])
    assert [m.offset for m in messages][:2] == [0, first]
    assert all(BODY[m.offset : m.offset + 4] == m.total_length.to_bytes(4, "big") for m in messages)


def test_byte_by_byte_and_every_two_chunk_split_give_the_same_messages() -> None:
    whole = summary(decode([BODY])[0])
    assert summary(decode(byte_by_byte(BODY))[0]) == whole
    for chunks in two_chunk_splits(BODY):
        assert summary(decode(chunks)[0]) == whole, f"split at {len(chunks[0])}"


@given(chunkings(BODY))
def test_any_chunking_gives_the_same_messages(chunks: list[bytes]) -> None:
    assert summary(decode(chunks)[0]) == summary(decode([BODY])[0])


def test_every_header_value_type_is_decoded() -> None:
    the_uuid = uuid.UUID("12345678-1234-5678-1234-567812345678")
    headers = (
        header("t", 0, b"")
        + header("f", 1, b"")
        + header("b", 2, struct.pack(">b", -3))
        + header("s", 3, struct.pack(">h", -300))
        + header("i", 4, struct.pack(">i", 70_000))
        + header("l", 5, struct.pack(">q", 2**40))
        + header("a", 6, (3).to_bytes(2, "big") + b"\x00\xff\x10")
        + string("str", "ünï")
        + header("ts", 8, struct.pack(">q", 1_700_000_000_123))
        + header("u", 9, the_uuid.bytes)
    )
    [message], _ = decode([frame(headers, b"")])
    assert dict(message.headers) == {
        "t": True,
        "f": False,
        "b": -3,
        "s": -300,
        "i": 70_000,
        "l": 2**40,
        "a": b"\x00\xff\x10",
        "str": "ünï",
        "ts": datetime.fromtimestamp(1_700_000_000.123, tz=UTC),
        "u": the_uuid,
    }


def test_a_frame_with_no_headers_and_no_payload_is_sixteen_bytes() -> None:
    [message], leftover = decode([frame(b"", b"")])
    assert (dict(message.headers), message.payload, message.total_length, leftover) == ({}, b"", 16, 0)


def test_an_exception_frame_reports_its_message_type() -> None:
    headers = string(":exception-type", "throttlingException") + string(":message-type", "exception")
    [message], _ = decode([frame(headers, b'{"message":"slow down"}')])
    assert message.message_type == "exception"
    assert message.headers[":exception-type"] == "throttlingException"


def test_a_body_cut_mid_frame_leaves_its_bytes_over_and_keeps_the_whole_frames() -> None:
    for cut in (1, 11, 12, 40, len(event("messageStop", b"{}")) - 1):
        tail = event("messageStop", b'{"stopReason":"end_turn"}')[:cut]
        messages, leftover = decode([BODY + tail])
        assert len(messages) == 3
        assert leftover == cut


def test_empty_body_is_no_messages_and_nothing_left_over() -> None:
    assert decode([]) == ([], 0)


def test_feed_after_close_is_a_programming_error() -> None:
    decoder = EventStreamDecoder()
    decoder.close()
    with pytest.raises(RuntimeError):
        decoder.feed(b"x")


# -- the module's encoder, as the builders use it -------------------------------------------


def test_the_module_encoder_writes_the_same_bytes_as_the_spec_encoder() -> None:
    headers = {":event-type": "messageStop", ":content-type": "application/json", ":message-type": "event"}
    assert encode_message(headers, b'{"stopReason":"end_turn"}') == event(
        "messageStop", b'{"stopReason":"end_turn"}'
    )


# -- typed errors -----------------------------------------------------------------------------


def flip(body: bytes, position: int) -> bytes:
    return body[:position] + bytes([body[position] ^ 0x01]) + body[position + 1 :]


def test_a_flipped_bit_in_a_payload_is_a_message_crc_error_naming_the_frames_offset() -> None:
    second = len(event("messageStart", b'{"role":"assistant"}'))
    bad = flip(BODY, second + 80)  # inside the second frame's payload
    with pytest.raises(FramingError) as info:
        decode([bad])
    assert "message CRC mismatch" in str(info.value)
    assert info.value.offset == second
    assert info.value.event_index == 1
    assert f"byte offset {second}" in str(info.value)


def test_a_flipped_bit_in_the_prelude_is_a_prelude_crc_error_before_the_frame_is_read() -> None:
    bad = flip(BODY, 5)  # the first frame's headers length
    decoder = EventStreamDecoder()
    with pytest.raises(FramingError) as info:
        decoder.feed(bad[:12])  # the prelude alone is enough to know
    assert "prelude CRC mismatch" in str(info.value)
    assert info.value.offset == 0


def test_a_flipped_bit_anywhere_is_a_framing_error_never_another_exception() -> None:
    for position in range(0, len(BODY), 7):
        with pytest.raises(FramingError):
            decode([flip(BODY, position)])


def test_a_frame_over_the_event_limit_is_refused_from_its_prelude() -> None:
    big = event("contentBlockDelta", b"x" * 1000)
    with pytest.raises(LimitExceededError) as info:
        EventStreamDecoder(Limits(max_event_bytes=500)).feed(big[:12])
    assert info.value.limit == "max_event_bytes"


def test_a_total_length_below_sixteen_is_a_framing_error() -> None:
    prelude = (8).to_bytes(4, "big") + (0).to_bytes(4, "big")
    prelude += zlib.crc32(prelude).to_bytes(4, "big")
    with pytest.raises(FramingError, match="inconsistent"):
        decode([prelude + b"\x00" * 4])


def test_a_header_running_past_its_block_is_a_framing_error_naming_the_header_offset() -> None:
    headers = bytes([20]) + b"short"  # a name length of 20 with only 5 bytes of block
    with pytest.raises(FramingError) as info:
        decode([frame(headers, b"")])
    assert "header" in str(info.value)
    assert info.value.offset == 12


def test_an_unknown_header_value_type_is_a_framing_error() -> None:
    with pytest.raises(FramingError, match="unknown header value type 42"):
        decode([frame(header("x", 42, b""), b"")])


def test_a_string_header_that_is_not_utf8_is_an_invalid_utf8_error() -> None:
    with pytest.raises(InvalidUTF8Error):
        decode([frame(header("x", 7, (2).to_bytes(2, "big") + b"\xff\xfe"), b"")])


def test_too_many_messages_is_a_limit_error() -> None:
    with pytest.raises(LimitExceededError) as info:
        decode([BODY], Limits(max_events=2))
    assert info.value.limit == "max_events"


# -- botocore as a second, independent decoder ----------------------------------------------


@given(st.lists(st.binary(max_size=300), min_size=1, max_size=6), st.data())
def test_botocore_decodes_the_same_messages_from_the_same_bytes(
    payloads: list[bytes], data: st.DataObject
) -> None:
    eventstream = pytest.importorskip("botocore.eventstream")
    body = b"".join(event(f"e{i}", p) for i, p in enumerate(payloads))
    chunks = data.draw(chunkings(body))
    ours = [(dict(m.headers), m.payload) for m in decode(chunks)[0]]
    buffer = eventstream.EventStreamBuffer()
    theirs = []
    for chunk in chunks:
        buffer.add_data(chunk)
        theirs += [(dict(m.headers), m.payload) for m in buffer]
    assert ours == theirs


def test_botocore_also_rejects_the_flipped_bit_we_reject() -> None:
    eventstream = pytest.importorskip("botocore.eventstream")
    buffer = eventstream.EventStreamBuffer()
    buffer.add_data(flip(BODY, 100))
    with pytest.raises(eventstream.ChecksumMismatch):
        list(buffer)


def test_a_timestamp_header_past_the_years_a_datetime_holds_is_a_framing_error_at_its_value() -> None:
    # Issue 16: 2**62 ms, with valid CRCs, raised a bare ValueError ("year ... is out of range").
    with pytest.raises(FramingError) as info:
        decode([frame(header("ts", 8, struct.pack(">q", 2**62)), b"")])
    assert "timestamp" in str(info.value) and "years 1-9999" in str(info.value)
    assert info.value.offset == 12 + 1 + len("ts") + 1  # prelude, name length, name, type byte


_MILLIS_PER_DAY = 86_400_000
_FIRST = -62_135_596_800_000  # 0001-01-01T00:00:00Z, in ms since 1970
_LAST = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z


@given(
    st.one_of(
        st.integers(-(2**63), 2**63 - 1),
        st.integers(_FIRST - _MILLIS_PER_DAY, _FIRST + _MILLIS_PER_DAY),
        st.integers(_LAST - _MILLIS_PER_DAY, _LAST + _MILLIS_PER_DAY),
    )
)
def test_any_timestamp_header_is_its_exact_instant_or_a_framing_error(millis: int) -> None:
    try:
        [message], _ = decode([frame(header("ts", 8, struct.pack(">q", millis)), b"")])
    except FramingError:
        assert not _FIRST <= millis <= _LAST
        return
    value = message.headers["ts"]
    assert isinstance(value, datetime)
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    assert (value - epoch) // timedelta(milliseconds=1) == millis
