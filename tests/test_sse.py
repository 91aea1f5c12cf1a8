"""The SSE decoder against the WHATWG "Interpreting an event stream" rules, one rule a test,
plus the examples of the spec text, each checked under every split."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.errors import InvalidUTF8Error, LimitExceededError
from conformance.framing.sse import ServerSentEvent, SSEDecoder, _Mode
from conformance.framing.sse_fast import _NAME_CACHE_SIZE, EventReader
from conformance.limits import Limits
from conformance.suite.strategies import byte_by_byte, chunkings, two_chunk_splits


def decode(
    chunks: list[bytes], decoder_class: type[SSEDecoder] = SSEDecoder, **kwargs: object
) -> tuple[list[ServerSentEvent], SSEDecoder]:
    decoder = decoder_class(**kwargs)  # type: ignore[arg-type]
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events.extend(decoder.feed(chunk))
    events.extend(decoder.close())
    return events, decoder


def datas(body: bytes) -> list[str]:
    return [e.data for e in decode([body])[0]]


def same_under_every_split(body: bytes) -> list[ServerSentEvent]:
    whole, _ = decode([body])
    assert decode(byte_by_byte(body))[0] == whole
    for split in two_chunk_splits(body):
        assert decode(split)[0] == whole, split
    return whole


# -- the spec's own examples (html.spec.whatwg.org, "Server-sent events", 9.2.6) -----------


def test_spec_example_stock_ticker_joins_data_lines_with_lf() -> None:
    events = same_under_every_split(b"data: YHOO\ndata: +2\ndata: 10\n\n")
    assert [(e.event, e.data) for e in events] == [("message", "YHOO\n+2\n10")]


def test_spec_example_ids_comments_and_space_stripping() -> None:
    body = b": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"
    events = same_under_every_split(body)
    assert [(e.data, e.id) for e in events] == [
        ("first event", "1"),
        ("second event", ""),
        (" third event", ""),
    ]


def test_spec_example_empty_data_lines_and_undispatched_tail() -> None:
    events, decoder = decode([b"data\n\ndata\ndata\n\ndata:"])
    assert [e.data for e in events] == ["", "\n"]
    assert decoder.leftover_bytes == len(b"data:")


def test_spec_example_space_after_colon_is_optional() -> None:
    assert datas(b"data:test\n\ndata: test\n\n") == ["test", "test"]


# -- line endings ----------------------------------------------------------------------------


@pytest.mark.parametrize("eol", [b"\r\n", b"\n", b"\r"], ids=["crlf", "lf", "cr"])
def test_every_line_ending_ends_a_line(eol: bytes) -> None:
    body = b"event: a" + eol + b"data: x" + eol + eol + b"data: y" + eol + eol
    events = same_under_every_split(body)
    assert [(e.event, e.data) for e in events] == [("a", "x"), ("message", "y")]


def test_cr_at_chunk_end_then_lf_is_one_line() -> None:
    events, _ = decode([b"data: a\r", b"\n\r", b"\ndata: b\r\n\r\n"])
    assert [e.data for e in events] == ["a", "b"]


def test_cr_then_cr_is_a_blank_line() -> None:
    assert datas(b"data: a\r\rdata: b\r\r") == ["a", "b"]


def test_lf_after_a_cr_that_ended_a_chunk_is_not_a_second_blank_line() -> None:
    # "data: a\r" + "\n" + "data: b\n\n": had the LF been a line of its own, it would have
    # dispatched "a" early, before "b" joined it; the spec makes CRLF one line end.
    events, _ = decode([b"data: a\r", b"\ndata: b\n\n"])
    assert [e.data for e in events] == ["a\nb"]


def test_mixed_line_endings_in_one_stream() -> None:
    assert datas(b"data: a\r\ndata: b\rdata: c\n\r\n") == ["a\nb\nc"]


# -- fields ---------------------------------------------------------------------------------


def test_leading_bom_is_dropped_once() -> None:
    events = same_under_every_split(b"\xef\xbb\xbfdata: x\n\n\xef\xbb\xbfdata: y\n\n")
    # The second BOM is not at the start: it makes an unknown field name, ignored.
    assert [e.data for e in events] == ["x"]


def test_bom_split_across_chunks_is_still_dropped() -> None:
    events, _ = decode([b"\xef", b"\xbb", b"\xbfdata: x\n\n"])
    assert [e.data for e in events] == ["x"]


def test_comment_lines_are_ignored_even_inside_an_event() -> None:
    assert datas(b"data: a\n: keep-alive\ndata: b\n\n: OPENROUTER PROCESSING\n\n") == ["a\nb"]


def test_field_without_colon_has_empty_value() -> None:
    events, _ = decode([b"event\ndata\n\n"])
    assert [(e.event, e.data) for e in events] == [("message", "")]


def test_only_one_space_after_the_colon_is_removed() -> None:
    assert datas(b"data:   three\n\n") == ["  three"]


def test_colon_inside_the_value_is_kept() -> None:
    assert datas(b'data: {"a": "b:c"}\n\n') == ['{"a": "b:c"}']


def test_event_type_defaults_to_message_and_resets_after_dispatch() -> None:
    events, _ = decode([b"event: ping\ndata: 1\n\ndata: 2\n\n"])
    assert [e.event for e in events] == ["ping", "message"]


def test_event_without_data_is_not_dispatched_and_its_type_is_forgotten() -> None:
    events, _ = decode([b"event: lonely\n\ndata: x\n\n"])
    assert [(e.event, e.data) for e in events] == [("message", "x")]


def test_unknown_fields_are_ignored() -> None:
    assert datas(b"foo: bar\ndata: x\nDATA: y\n\n") == ["x"]


def test_id_persists_across_events_until_changed() -> None:
    events, decoder = decode([b"id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\n"])
    assert [e.id for e in events] == ["7", "7", "8"]
    assert decoder.last_event_id == "8"


def test_id_containing_nul_is_ignored() -> None:
    events, _ = decode([b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n"])
    assert [e.id for e in events] == ["1", "1"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [(b"retry: 3000", 3000), (b"retry: 30s", None), (b"retry: -1", None), (b"retry: \xd9\xa3", None)],
    ids=["digits", "suffix", "sign", "arabic-indic-digit"],
)
def test_retry_takes_ascii_digits_only(line: bytes, expected: int | None) -> None:
    events, decoder = decode([line + b"\ndata: x\n\n"])
    assert decoder.retry == expected
    assert events[0].retry == expected


# -- UTF-8 -----------------------------------------------------------------------------------


def test_utf8_character_split_across_chunks_comes_out_whole() -> None:
    body = "data: h\u00e9llo \U0001f600 \u4e16\u754c\n\n".encode()
    events = same_under_every_split(body)
    assert events[0].data == "h\u00e9llo \U0001f600 \u4e16\u754c"


def test_line_separator_characters_do_not_end_lines() -> None:
    # U+2028 / U+2029 / U+0085 end lines for str.splitlines(), never for SSE.
    text = "a\u2028b\u2029c\x85d"
    assert datas(f"data: {text}\n\n".encode()) == [text]


def test_invalid_utf8_is_a_typed_error_with_the_byte_offset() -> None:
    body = b"data: ok\n\ndata: bad \xff here\n\n"
    with pytest.raises(InvalidUTF8Error) as info:
        decode([body])
    assert info.value.offset == body.index(b"\xff")
    assert info.value.event_index == 1


def test_invalid_utf8_in_a_field_is_quoted_with_eight_bytes_either_side() -> None:
    body = b"id: 0123456789\xffabcdefghijk\n\n"
    with pytest.raises(InvalidUTF8Error) as info:
        decode([body])
    assert str(info.value) == (
        "invalid UTF-8 in an SSE field: b'23456789\\xffabcdefgh' [event #0, byte offset 14]"
    )


def test_invalid_utf8_can_be_replaced_as_a_browser_does() -> None:
    events, _ = decode([b"data: bad \xff\n\n"], errors="replace")
    assert events[0].data == "bad \ufffd"


def test_stream_ending_inside_a_multibyte_character_leaves_bytes_over() -> None:
    events, decoder = decode([b"data: ok\n\ndata: caf\xc3"])
    assert [e.data for e in events] == ["ok"]
    assert decoder.leftover_bytes == len(b"data: caf\xc3")


# -- end of stream and offsets ---------------------------------------------------------------


def test_event_without_its_blank_line_is_not_dispatched_but_counted() -> None:
    events, decoder = decode([b"data: a\n\ndata: b\n"])
    assert [e.data for e in events] == ["a"]
    assert decoder.leftover_bytes == len(b"data: b\n")


def test_clean_end_leaves_nothing_over() -> None:
    _, decoder = decode([b"data: a\n\n: trailing comment\n"])
    assert decoder.leftover_bytes == 0


def test_event_offsets_and_indexes_point_into_the_body() -> None:
    body = b": hi\n\nevent: x\ndata: 1\n\r\ndata: 2\n\n"
    events = same_under_every_split(body)
    assert [(e.index, e.offset) for e in events] == [(0, body.index(b"event")), (1, body.index(b"data: 2"))]


def test_offsets_count_the_bom() -> None:
    events, _ = decode([b"\xef\xbb\xbfdata: a\n\n"])
    assert events[0].offset == 3


# -- limits ----------------------------------------------------------------------------------


def test_line_over_the_limit_raises_instead_of_buffering() -> None:
    decoder = SSEDecoder(Limits(max_line_bytes=100))
    decoder.feed(b"data: " + b"x" * 90)
    with pytest.raises(LimitExceededError) as info:
        decoder.feed(b"x" * 20)
    assert info.value.limit == "max_line_bytes"
    assert info.value.offset == 0


def test_complete_line_over_the_limit_in_one_chunk_raises() -> None:
    with pytest.raises(LimitExceededError):
        decode([b"data: " + b"x" * 200 + b"\n\n"], limits=Limits(max_line_bytes=100))


def test_event_over_the_limit_raises() -> None:
    body = b"".join(b"data: " + b"x" * 50 + b"\n" for _ in range(10)) + b"\n"
    with pytest.raises(LimitExceededError) as info:
        decode([body], limits=Limits(max_event_bytes=200))
    assert info.value.limit == "max_event_bytes"


def test_a_limit_error_names_an_event_type_that_is_not_utf8_with_replacement_characters() -> None:
    # The type is decoded only at dispatch, so a broken one must not turn the limit error into
    # a decoding crash: the error names it as a browser would show it.
    body = b"event: \xffdelta\n" + b"".join(b"data: " + b"x" * 50 + b"\n" for _ in range(10)) + b"\n"
    with pytest.raises(LimitExceededError) as info:
        decode([body], limits=Limits(max_event_bytes=200))
    assert (info.value.limit, info.value.event_type) == ("max_event_bytes", "\ufffddelta")


def test_event_count_limit() -> None:
    with pytest.raises(LimitExceededError) as info:
        decode([b"data: x\n\n" * 6], limits=Limits(max_events=5))
    assert info.value.limit == "max_events"


def test_many_small_chunks_without_a_newline_still_hit_the_line_limit() -> None:
    decoder = SSEDecoder(Limits(max_line_bytes=1000))
    with pytest.raises(LimitExceededError):
        for _ in range(2000):
            decoder.feed(b"x")


# -- properties ------------------------------------------------------------------------------

_lines = st.lists(
    st.one_of(
        st.builds(lambda t: b"data: " + t.encode(), st.text(max_size=12)),
        st.builds(lambda t: b"data:" + t.encode(), st.text(max_size=6)),
        st.builds(lambda t: b"event: " + t.encode(), st.text(alphabet="abc_.", max_size=6)),
        st.builds(lambda t: b"id: " + t.encode(), st.text(alphabet="0123", max_size=3)),
        st.just(b": comment"),
        st.just(b""),
        st.just(b"retry: 10"),
    ),
    max_size=20,
)


@st.composite
def sse_bodies(draw: st.DrawFn) -> bytes:
    lines = draw(_lines)
    eols = draw(st.lists(st.sampled_from([b"\n", b"\r\n", b"\r"]), min_size=len(lines), max_size=len(lines)))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + b"".join(line + eol for line, eol in zip(lines, eols, strict=False))


@given(st.data())
def test_any_split_gives_the_same_events(data: st.DataObject) -> None:
    body = data.draw(sse_bodies())
    chunks = data.draw(chunkings(body))
    assert b"".join(chunks) == body
    whole, d1 = decode([body])
    split, d2 = decode(chunks)
    assert split == whole
    assert (d1.leftover_bytes, d1.last_event_id, d1.retry) == (d2.leftover_bytes, d2.last_event_id, d2.retry)


@given(st.binary(max_size=300), st.data())
def test_random_bytes_give_events_or_a_typed_error(body: bytes, data: st.DataObject) -> None:
    chunks = data.draw(chunkings(body))
    try:
        whole = decode([body])[0]
    except InvalidUTF8Error:
        with pytest.raises(InvalidUTF8Error):
            decode(chunks)
        return
    assert decode(chunks)[0] == whole


# -- the event reader against the spec reader ------------------------------------------------
#
# The first chunk of a body is read line by line (the BOM check); later chunks go to the event
# reader (framing/sse_fast.py), which cuts whole regions (runs of one event type, one event, or
# any canonical events) and hands everything else to the spec reader. `SpecReader` is the
# decoder with the event reader off: every line is read by the spec. They must agree on
# everything: events, offsets, leftovers, errors.


class SpecReader(SSEDecoder):
    _with_event_reader = False


_NAMES = ["content_block_delta", "ping", "a", "message_delta", "日本"]
_VALUES = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n"), max_size=40)


@st.composite
def _vendor_event(draw: st.DrawFn, previous: bytes) -> bytes:
    """Mostly the event just sent again with a new value (a run), sometimes another type, and
    now and then one off the event reader's shapes."""
    value = draw(_VALUES).encode()
    kind = draw(st.sampled_from(["same"] * 6 + ["named", "data", "odd"]))
    if kind == "same":
        head = previous  # b"": a run of `data:` lines alone
    elif kind == "named":
        head = b"event: " + draw(st.sampled_from(_NAMES)).encode() + b"\n"
    elif kind == "data":
        head = b""
    else:
        head = previous or b"event: a\n"  # odd events of the run's own type land inside it
        odd = [
            b"event:x\ndata: " + value + b"\n\n",  # no space after the colon
            b"event: \ndata: " + value + b"\n\n",  # empty type: "message"
            b"data:" + value + b"\n\n",  # `data:` without its space
            head + b"data: 1\ndata: " + value + b"\n\n",  # two data lines
            head + b"data: " + value + b"\nretry: 5\n\n",  # a field after the data
            head + b"\n",  # no data: not dispatched
            head + b"data: " + value + b"\n\n\n",  # an extra blank line
            head + b"data: " + value + b"\xff\n\n",  # not UTF-8
            head + b"data:" + value + b"\n\n",
            b": comment\n\n",
            b"id: 7\ndata: " + value + b"\n\n",
            b"data: " + value + b"\xc3\n\n",  # a character cut short
            b"event: e" + str(draw(st.integers(0, 99))).encode() + b"\ndata: x\n\n",  # many types
            b"event: a\r\ndata: " + value + b"\r\n\r\n",  # CRLF
            b"data: \n\n",
        ]
        return draw(st.sampled_from(odd))
    return head + b"data: " + value + b"\n\n"


@st.composite
def vendor_bodies(draw: st.DrawFn) -> bytes:
    events: list[bytes] = []
    head = b"event: content_block_delta\n"
    for _ in range(draw(st.integers(0, 60))):
        event = draw(_vendor_event(head))
        events.append(event)
        at = event.find(b"data: ")
        if at >= 0 and event.startswith((b"event: ", b"data: ")) and b"\r" not in event:
            head = event[:at]  # the run goes on with this type
    tail = draw(st.sampled_from([b"", b"event: a\ndata: cut sh", b"data: x\n"]))
    return b"".join(events) + tail


def outcome(chunks: list[bytes], limits: Limits, decoder_class: type[SSEDecoder] = SSEDecoder) -> object:
    try:
        events, decoder = decode(chunks, decoder_class, limits=limits)
    except (InvalidUTF8Error, LimitExceededError) as exc:
        return type(exc), exc.offset, exc.event_index, getattr(exc, "limit", None)
    return events, decoder.leftover_bytes, decoder.last_event_id, decoder.retry


_SMALL = Limits(max_line_bytes=48, max_event_bytes=64, max_events=20)


@given(vendor_bodies(), st.sampled_from([Limits(), _SMALL]), st.data())
def test_event_reader_agrees_with_spec_reader(body: bytes, limits: Limits, data: st.DataObject) -> None:
    spec = outcome([b"\n" + body], limits, SpecReader)
    assert outcome([b"\n", body], limits) == spec
    chunks = data.draw(chunkings(body))
    assert outcome([b"\n", *chunks], limits) == spec
    assert outcome(chunks, limits) == outcome(chunks, limits, SpecReader)


@given(vendor_bodies(), st.sampled_from([Limits(), _SMALL]), st.integers(0, 3))
def test_event_reader_cuts_a_region_as_the_spec_reader_reads_it_or_declines(
    body: bytes, limits: Limits, index: int
) -> None:
    # The two readers side by side on one region of whole events, from a clean state.
    region = body[: body.rfind(b"\n\n") + 2]
    reader = EventReader(limits, ServerSentEvent)
    read = reader.read_crlf if b"\r" in region else reader.read  # (read: LF line ends only)
    cut = read(bytearray(region), 5, index, "7", 30)
    spec = SpecReader(limits)
    spec._dispatched, spec._last_event_id, spec.retry = index, "7", 30
    try:
        events = spec.feed(b"\n" + region)
        spec.close()
    except (InvalidUTF8Error, LimitExceededError):
        assert cut is None  # errors are the spec reader's to find
        return
    if cut is not None:
        assert cut == [event._replace(offset=event.offset + 4) for event in events]


def test_event_reader_takes_runs_with_other_events_among_them() -> None:
    run = b"".join(b"event: content_block_delta\ndata: %d\n\n" % i for i in range(40))
    body = run + b"event: ping\ndata: {}\n\n" + run + b"data: bare\n\n" + run
    events, _ = decode([b"\n", body])
    assert events == decode([b"\n" + body], SpecReader)[0]
    assert [e.event for e in events].count("ping") == 1
    assert events[40].offset == 1 + len(run)


def test_the_spec_reader_hands_the_stream_back_at_the_last_blank_line() -> None:
    # The first chunk goes to the spec reader (the BOM check). It used to read every whole
    # line, so a chunk ending inside an event kept the stream on the spec reader until some
    # chunk happened to end between two events: 27 chunks of 4 KiB in the bench.
    decoder = SSEDecoder()
    first = decoder.feed(b"event: a\ndata: 1\n\nevent: a\ndata: 2")
    assert decoder._mode is _Mode.EVENTS  # the event reader has the stream
    rest = decoder.feed(b"2\n\nevent: a\ndata: 3\n\n") + decoder.close()
    assert [(e.data, e.offset, e.index) for e in first + rest] == [("1", 0, 0), ("22", 18, 1), ("3", 37, 2)]


def test_crlf_events_are_dispatched_by_the_feed_that_ends_them() -> None:
    # Gemini ends every line with CRLF; the event reader takes such chunks, and must see their
    # `\r\n\r\n` as a blank line, not hold the event back until a later feed.
    decoder = SSEDecoder()
    assert [e.data for e in decoder.feed(b"data: 1\r\n\r\n")] == ["1"]
    assert [e.data for e in decoder.feed(b"data: 2\r\n\r\ndata: 3\r\n\r\n")] == ["2", "3"]
    assert [e.data for e in decoder.feed(b"data: 4\n\ndata: 5\r\n\r\n")] == ["4", "5"]


def test_crlf_text_stays_with_the_event_reader_and_a_lone_cr_goes_to_the_spec_reader() -> None:
    decoder = SSEDecoder()
    events = decoder.feed(b"\n") + decoder.feed(b"data: a\r\n\r\ndata: b\r")
    assert decoder._mode is _Mode.EVENTS_CRLF  # the CR may open a CRLF: wait for the next chunk
    events += decoder.feed(b"\n\r\n")
    assert decoder._mode is _Mode.EVENTS_CRLF
    events += decoder.feed(b"data: c\rdata: d\r\r")  # lone CRs: the spec reader reads them
    assert decoder._mode is _Mode.AFTER_CR  # its last CR may be followed by an LF
    events += decoder.feed(b"\ndata: e\n\n") + decoder.close()
    body = b"\ndata: a\r\n\r\ndata: b\r\n\r\ndata: c\rdata: d\r\r\ndata: e\n\n"
    offsets = [body.index(b"data: " + name) for name in (b"a", b"b", b"c", b"e")]
    assert [(e.data, e.offset) for e in events] == list(zip(["a", "b", "c\nd", "e"], offsets, strict=True))


def test_the_spec_reader_alone_never_hands_the_stream_over() -> None:
    # Else the differential tests above would compare the event reader with itself.
    decoder = SpecReader()
    events = decoder.feed(b"\n") + decoder.feed(b"event: a\ndata: 1\n\n") + decoder.feed(b"data: 2\r\n\r\n")
    assert decoder._mode is _Mode.LINES
    assert [e.data for e in events + decoder.close()] == ["1", "2"]


def test_the_same_event_amid_runs_of_different_types_gets_each_runs_offsets() -> None:
    # Events amid runs are remembered by their text and the size of the run's events' lead.
    ping = b"event: ping\ndata: {}\n\n"
    run_a = b"".join(b"event: a\ndata: %d\n\n" % i for i in range(20))
    run_b = b"".join(b"event: bbbbbbbb\ndata: %d\n\n" % i for i in range(20))
    body = run_a + ping + run_a + run_b + ping + run_b + run_a + ping + run_a
    for size in (300, 600, 4096):
        chunks = [b"\n", *(body[i : i + size] for i in range(0, len(body), size))]
        assert decode(chunks)[0] == decode([b"\n" + body], SpecReader)[0]


def test_more_event_types_in_one_region_than_the_cache_holds() -> None:
    # The cache of `event:` lines is emptied before lines are looked up, never between a
    # lookup and the use of what it found.
    body = b"".join(b"event: e%d\ndata: x\n\n" % i for i in range(200))
    events, _ = decode([b"\n", body])
    assert [e.event for e in events] == [f"e{i}" for i in range(200)]
    events, _ = decode([b"\n", body, body])
    assert len(events) == 400
    body = b"".join(b"event: e%d\ndata: x\n\n" % i for i in range(3000))  # more than it ever holds
    assert decode([b"\n", body])[0] == decode([b"\n" + body], SpecReader)[0]


@pytest.mark.parametrize(
    "odd",
    [
        b"event: a\ndata: 2\nretry: 5\n\n",  # a field after the data line
        b"event: a\ndata: 2\ndata: 3\n\n",  # two data lines
        b"event: a\n\n",  # no data line: not dispatched
        b"event: a\ndata: 2\n\n\n",  # an extra blank line
        b"event: a\ndata:2\n\n",  # `data:` without its space
        b"event: a\ndata: \xff\n\n",  # not UTF-8
    ],
)
@pytest.mark.parametrize("after", [b"", b"event: ping\ndata: P\n\n", b"data: bare\n\n"])
def test_odd_events_in_a_run_are_read_as_the_spec_reader_reads_them(odd: bytes, after: bytes) -> None:
    run = b"".join(b"event: a\ndata: %d\n\n" % i for i in range(20))
    for body in (run + odd + after + run, odd + after + run, run + odd + after):
        assert outcome([b"\n", body], Limits()) == outcome([b"\n" + body], Limits(), SpecReader)


@pytest.mark.parametrize("every", [1, 2, 10])
def test_runs_broken_by_other_events_often(every: int) -> None:
    types = [b"ping" if i % every == 0 else b"a" for i in range(300)]
    body = b"".join(b"event: %s\ndata: %d\n\n" % (t, i) for i, t in enumerate(types))
    events, _ = decode([b"\n", body])
    assert events == decode([b"\n" + body], SpecReader)[0]
    assert [e.event.encode() for e in events] == types


def test_the_event_type_cache_stays_bounded_over_a_long_stream_of_new_types() -> None:
    # Memory, not speed: a server that names every event anew must not grow the cache of
    # `event:` lines, nor the sizes kept beside it, without bound (one feed = one region).
    decoder = SSEDecoder()
    events = decoder.feed(b"\n")
    for i in range(1000):
        events += decoder.feed(b"event: e%d\ndata: x\n\n" % i)
    assert [e.event for e in events] == [f"e{i}" for i in range(1000)]
    names = decoder._reader._names
    assert 0 < len(names) <= _NAME_CACHE_SIZE
    assert names.sizes.keys() == names.keys()  # a size for every cached line, and no other


def test_the_cache_of_events_amid_runs_stays_bounded_when_each_is_new() -> None:
    # A `ping` amid a run is cut once and remembered by its text; a server whose pings all
    # differ (a counter in each) must not grow that memory without bound.
    run = b"".join(b"event: a\ndata: %d\n\n" % i for i in range(20))
    decoder = SSEDecoder()
    events = decoder.feed(b"\n")
    for i in range(500):
        events += decoder.feed(run + b'event: ping\ndata: {"n": %d}\n\n' % i + run)
    assert [e.data for e in events if e.event == "ping"] == [f'{{"n": {i}}}' for i in range(500)]
    assert 0 < len(decoder._reader._others) <= _NAME_CACHE_SIZE


_RUN = b"".join(b'event: content_block_delta\ndata: {"i": %d}\n\n' % i for i in range(20))
_PING = b"event: ping\ndata: {}\n\n"


@pytest.mark.parametrize(
    ("region", "limits"),
    [
        (b"event: content_block_delta\ndata: {}\n\n", Limits()),  # one event (a small chunk)
        (b"data: {}\n\n", Limits()),  # one `data:` line alone
        (_RUN, Limits()),  # a run of one type: split at its lead
        (_RUN.replace(b'"i"', "\u65e5\u672c".encode()), Limits()),  # a run, not ASCII: split as bytes
        (_RUN + _PING + _RUN, Limits()),  # an event amid a run, cut apart
        (_RUN + _PING + b"event: message_delta\ndata: {}\n\n" + _RUN, Limits()),  # two amid a run: by line
        (b"data:{}\n\n" * 50, Limits()),  # no run (no `data: ` lead): line by line
        (b"event: a\ndata:{}\n\n" * 50, Limits()),
        (b"data: 1\r\n\r\ndata: 2\r\n\r\n", Limits()),  # CRLF, several events
        (b"event: a\r\ndata: 1\r\n\r\nevent: a\r\ndata: 2\r\n\r\n", Limits()),
        (b"data: 12345\n\n" * 10, _SMALL),  # more than the limits in all, each event within them
    ],
)
def test_the_event_reader_takes_every_shape_it_is_for(region: bytes, limits: Limits) -> None:
    # Declining is never wrong (the spec reader reads the region, to the same events), so the
    # differential tests cannot see a fast path that stopped taking its shapes: this test does.
    reader = EventReader(limits, ServerSentEvent)
    read = reader.read_crlf if b"\r" in region else reader.read
    cut = read(bytearray(region), 5, 0, "", None)
    spec = SpecReader(limits)
    events = spec.feed(b"\n" + region) + spec.close()
    assert cut == [event._replace(offset=event.offset + 4) for event in events]


def test_a_chunk_of_lines_with_no_blank_line_is_read_at_once_so_its_limit_holds() -> None:
    # Chunks after the first go to the event reader, which waits for a blank line; past a
    # few KiB without one the spec reader must read the lines, or the buffer grows unbounded.
    decoder = SSEDecoder(limits=_SMALL)
    decoder.feed(b"\n")
    with pytest.raises(LimitExceededError) as info:
        for _ in range(100):
            decoder.feed(b"data: 12345\n" * 10)  # 120 bytes a chunk, never a blank line
    assert info.value.limit == "max_event_bytes"


def test_a_first_chunk_with_no_blank_line_leaves_the_stream_to_the_event_reader() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"event: a\ndata: 1") == []  # nothing is read: the event may go on
    assert decoder._mode is _Mode.EVENTS
    events = decoder.feed(b"2\n\n") + decoder.close()
    assert [(e.event, e.data, e.offset) for e in events] == [("a", "12", 0)]


def test_every_event_gets_the_same_size_budget() -> None:
    limits = Limits(max_event_bytes=64)
    largest = max(n for n in range(80) if _accepted(b"data: " + b"x" * n + b"\n\n", limits))
    event = b"data: " + b"x" * largest + b"\n\n"
    assert _accepted(b"data: first\n\n" + event, limits)  # the second event as the first
    assert not _accepted(b"data: first\n\n" + event.replace(b"x", b"xx", 1), limits)


def _accepted(body: bytes, limits: Limits) -> bool:
    try:
        decode([body], limits=limits)
    except LimitExceededError:
        return False
    return True
