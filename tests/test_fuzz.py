"""Hypothesis fuzzing of every framing decoder and every adapter: hostile input (issue 8).

The property, for every target: the outcome is a `Message` (or a list of framing events) or
one of the kit's own typed errors (`ConformanceError`), never any other exception; it is the
same whatever the chunking, errors included (any split, same answer); and each example ends
within `DEADLINE` (a `Hang` past `WATCHDOG_S` if it never would). The inputs are random bytes,
"token soup" (the protocols' own tokens in random order), and the bundled cassettes mutated
at the byte level (flip, insert, delete, truncate) and at the event level (duplicate, drop,
swap, splice an event from another cassette, replace a JSON value with a hostile one: an
integer of 5,000 digits, nesting 300 deep, a lone surrogate…), each cut at random; under
the default limits and under small ones, strict and lenient.

Budget: every target runs `EXAMPLES` examples
(300 under `--hypothesis-profile conformance-ci`: ~20 s for this module and the corpus on 2 cores); the
memory targets, which trace allocations, run a twentieth of that (at least 3). The long
campaign: `pytest tests/test_fuzz.py -n 2 --hypothesis-profile conformance-fuzz` (60,000 examples per
target, about an hour on 2 cores).
Whatever a campaign finds goes into tests/corpus/manifest.yaml.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import re
import signal
import struct
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import timedelta
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conformance
from conformance.adapters import SSEAdapter, make_adapter
from conformance.adapters._framed import FramedAdapter
from conformance.errors import ConformanceError
from conformance.formats.cassettes import cassette_from_dict, cassette_to_dict
from conformance.framing.eventstream import EventStreamDecoder, encode_message
from conformance.framing.json_array import JSONArrayDecoder
from conformance.framing.ndjson import NDJSONDecoder
from conformance.framing.sse import SSEDecoder
from conformance.limits import DEFAULT_LIMITS, Limits
from conformance.suite.strategies import chunkings
from tests._bundled import bundled

_PROFILE = settings()
_BUDGETS = {"conformance-dev": 150, "conformance-ci": 300, "conformance-fuzz": 60_000}
EXAMPLES = _BUDGETS.get(settings.get_current_profile_name(), 3 * _PROFILE.max_examples)
"""Examples per target, by profile (conformance-ci: 300, conformance-dev: 150, conformance-fuzz:
60,000; another profile: three times its max_examples). Fixed per profile rather than tied to
max_examples, which the kit's profiles set for the conformance suite's chunkings (200 per cassette)."""
DEADLINE = timedelta(seconds=5)
"""Per example. Bodies are at most ~20 KB and parse in milliseconds: only a hang comes near."""
WATCHDOG_S = 60
"""An example still running after this long is stopped with `Hang` (Unix main thread only)."""

FUZZ = settings(
    _PROFILE,
    max_examples=EXAMPLES,
    deadline=DEADLINE,
    suppress_health_check=[*_PROFILE.suppress_health_check, HealthCheck.too_slow, HealthCheck.data_too_large],
)
MEMORY = settings(FUZZ, max_examples=max(3, EXAMPLES // 20), deadline=DEADLINE * 4)

PER_EVENT_BYTES = 128
"""What an adapter may keep per normalized event it gave (a tool call's index, a block's)."""

SMALL_LIMITS = Limits(
    max_line_bytes=512, max_event_bytes=1024, max_events=16, max_tool_arguments_bytes=64, max_json_depth=6
)
limits_st = st.sampled_from([DEFAULT_LIMITS, SMALL_LIMITS])


class Hang(Exception):
    """An example ran past `WATCHDOG_S`: the kit hangs (or is quadratic) on it."""


@contextlib.contextmanager
def watchdog() -> Iterator[None]:
    if not hasattr(signal, "setitimer"):
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise Hang(f"still running after {WATCHDOG_S} s")

    try:
        previous = signal.signal(signal.SIGALRM, fire)
    except ValueError:  # not the main thread: no watchdog
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, WATCHDOG_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- framings and seeds ------------------------------------------------------------------------


def framing_of(vendor: str) -> str:
    adapter = make_adapter(vendor)
    if isinstance(adapter, SSEAdapter):
        return "sse"
    if isinstance(adapter, FramedAdapter):
        decoder = adapter.make_decoder()
        if isinstance(decoder, NDJSONDecoder):
            return "ndjson"
        if isinstance(decoder, EventStreamDecoder):
            return "eventstream"
        if isinstance(decoder, JSONArrayDecoder):
            return "jsonarray"
    raise AssertionError(f"{vendor}: a framing test_fuzz.py does not know; teach it")


@cache
def seeds(framing: str) -> tuple[bytes, ...]:
    """The bundled cassette bodies of every vendor with this framing."""
    return tuple(c.body for c in bundled() if framing_of(c.vendor) == framing)


@cache
def own_seeds(vendor: str) -> tuple[bytes, ...]:
    own = tuple(c.body for c in bundled() if c.vendor == vendor)
    return own or seeds(framing_of(vendor))


_SSE_UNIT = re.compile(rb"(?s).*?(?:\r\n\r\n|\n\n|\r\r|\Z)")
_NDJSON_UNIT = re.compile(rb"[^\n]*\n|[^\n]+\Z")


def units(body: bytes, framing: str) -> list[bytes]:
    """The body cut into its events (SSE), lines (NDJSON) or frames (event-stream), ends kept."""
    if framing == "sse":
        return [u for u in _SSE_UNIT.findall(body) if u]
    if framing == "ndjson":
        return _NDJSON_UNIT.findall(body)
    if framing == "jsonarray":  # "[", then each element with the separator after it
        try:
            starts = [e.offset for e in JSONArrayDecoder().feed(body)]
        except ConformanceError:
            return [body]
        cuts = [0, *starts, len(body)]
        return [body[a:b] for a, b in itertools.pairwise(cuts) if b > a]
    out, pos = [], 0
    while pos + 4 <= len(body):
        (total,) = struct.unpack(">I", body[pos : pos + 4])
        if total < 16 or pos + total > len(body):
            break
        out.append(body[pos : pos + total])
        pos += total
    if pos < len(body):
        out.append(body[pos:])
    return out


# -- hostile JSON ------------------------------------------------------------------------------

HOSTILE_JSON = [
    "9" * 5000,  # over Python's int_max_str_digits
    "-" + "7" * 4301,
    "1e999999",
    "-0",
    "2147483648",
    "-1",
    "1.5",
    "NaN",
    "[" * 300 + "]" * 300,
    '{"a":' * 300 + "1" + "}" * 300,
    "[" * 7 + "]" * 7,  # just over SMALL_LIMITS.max_json_depth
    '"\\ud800"',
    '"\\u0000"',
    '"\u2028\u2029\ufeff"',
    '"' + "x" * 3000 + '"',
    '""',
    "null",
    "true",
    "[]",
    "{}",
    '{"":null}',
    '"[DONE]"',
    '"{\\"a\\": ["',  # JSON text in a string: tool arguments cut short
    '"' + "[" * 300 + '"',
    '"' + "[" * 300 + "]" * 300 + '"',  # JSON text in a string (tool arguments), 300 deep
    '"{\\"n\\": ' + "9" * 5000 + '}"',  # … holding an integer of 5,000 digits
    '"{\\"x\\": 0.' + "5" * 3000 + '}"',  # … and a float of 3,000 digits (fine)
    '"' + "1" * 5000 + '"',
]
_SENTINEL = "\x00hostile\x00"


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _paths(child, (*path, i))


@st.composite
def mutated_json(draw: st.DrawFn, text: str) -> str:
    """`text` (JSON) with one node replaced, removed, or its key duplicated, as JSON text."""
    value = json.loads(text)
    paths = list(_paths(value))
    path = paths[draw(st.integers(0, len(paths) - 1))]
    op = draw(st.sampled_from(["replace", "replace", "delete", "retype"]))
    if not path or op == "replace":
        raw = draw(st.sampled_from(HOSTILE_JSON))
        if not path:
            return raw
        _set(value, path, _SENTINEL)
        dumped = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return dumped.replace(json.dumps(_SENTINEL), raw, 1)
    parent = _get(value, path[:-1])
    if op == "delete":
        del parent[path[-1]]
    else:  # "retype": the same value under another JSON type
        old = parent[path[-1]]
        parent[path[-1]] = [old] if not isinstance(old, list) else {"0": old}
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


def _set(value: Any, path: tuple[Any, ...], new: Any) -> None:
    _get(value, path[:-1])[path[-1]] = new


def _json_mutation(unit: bytes, framing: str, draw: st.DrawFn) -> bytes:
    """One unit with its JSON payload mutated (unchanged if it holds none)."""
    try:
        if framing == "sse":
            match = re.search(rb"^data: ?(.*)$", unit, re.M)
            if match is None:
                return unit
            new = draw(mutated_json(match.group(1).decode())).encode()
            return unit[: match.start(1)] + new + unit[match.end(1) :]
        if framing == "ndjson":
            end = len(unit.rstrip(b"\r\n"))
            return draw(mutated_json(unit[:end].decode())).encode() + unit[end:]
        if framing == "jsonarray":
            text = unit.decode()
            start = text.find("{")
            _, end = json.JSONDecoder().raw_decode(text, start)
            return (text[:start] + draw(mutated_json(text[start:end])) + text[end:]).encode()
        (message,) = EventStreamDecoder().feed(unit)
        payload = draw(mutated_json(message.payload.decode())).encode()
        return encode_message(message.headers, payload)
    except (ValueError, ConformanceError, TypeError):  # not JSON, not a whole frame, odd headers
        return unit


# -- bodies ------------------------------------------------------------------------------------

TOKENS = {
    "sse": [
        b"data: ",
        b"data:",
        b"event: ",
        b"id: ",
        b"retry: ",
        b": keep-alive",
        b"\n",
        b"\n\n",
        b"\r\n",
        b"\r",
    ],
    "ndjson": [b"\n", b"\r\n", b'{"done":true}', b'{"error":"x"}', b'{"message":{"content":"x"}}'],
    "eventstream": [struct.pack(">III", 16, 0, 0x05C248EB), b"\x00\x00\x00", b"\xff" * 4],
    "jsonarray": [b"[", b"]", b"\r\n,\r\n", b'{"candidates": []}', b'{"error": {"code": 503}}', b" "],
}
COMMON_TOKENS = [
    b"{", b"}", b"[", b"]", b'"', b"\\", b":", b",", b'"type"', b'"index":0', b"[DONE]", b"0", b"9" * 40,
    b"\x00", b"\xc3", b"\xa9", b"\x80", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\xf0\x9f\x98", b"<html>",
    b"\x1f\x8b",
]  # fmt: skip


@st.composite
def token_soup(draw: st.DrawFn, framing: str) -> bytes:
    return b"".join(draw(st.lists(st.sampled_from(TOKENS[framing] + COMMON_TOKENS), max_size=60)))


@st.composite
def mutated_body(draw: st.DrawFn, vendor: str) -> bytes:
    """A bundled cassette of `vendor` (or of its framing), mutated one to four times."""
    framing = framing_of(vendor)
    body = draw(st.sampled_from(own_seeds(vendor)))
    for _ in range(draw(st.integers(1, 4))):
        parts = units(body, framing) or [body]
        op = draw(
            st.sampled_from(["json", "json", "duplicate", "drop", "swap", "splice", "bytes", "truncate"])
        )
        i = draw(st.integers(0, len(parts) - 1))
        if op == "json":
            parts[i] = _json_mutation(parts[i], framing, draw)
        elif op == "duplicate":
            parts.insert(i, parts[i])
        elif op == "drop" and len(parts) > 1:
            del parts[i]
        elif op == "swap":
            j = draw(st.integers(0, len(parts) - 1))
            parts[i], parts[j] = parts[j], parts[i]
        elif op == "splice":
            other = units(draw(st.sampled_from(seeds(framing))), framing)
            if other:
                parts.insert(i, draw(st.sampled_from(other)))
        body = b"".join(parts)
        if op == "bytes" and body:
            body = draw(byte_mutation(body))
        elif op == "truncate":
            body = body[: draw(st.integers(0, len(body)))]
    return body


@st.composite
def byte_mutation(draw: st.DrawFn, body: bytes) -> bytes:
    pos = draw(st.integers(0, len(body) - 1))
    kind = draw(st.sampled_from(["flip", "insert", "delete"]))
    if kind == "flip":
        return body[:pos] + bytes([body[pos] ^ (1 << draw(st.integers(0, 7)))]) + body[pos + 1 :]
    if kind == "insert":
        token = draw(st.one_of(st.sampled_from(COMMON_TOKENS), st.binary(min_size=1, max_size=8)))
        return body[:pos] + token + body[pos:]
    return body[:pos] + body[pos + draw(st.integers(1, 64)) :]


def hostile_bodies(vendor: str) -> st.SearchStrategy[bytes]:
    framing = framing_of(vendor)
    return st.one_of(mutated_body(vendor), token_soup(framing), st.binary(max_size=512))


# -- the property ------------------------------------------------------------------------------

Outcome = tuple[str, Any]


def outcome(run: Callable[[], Any]) -> Outcome:
    """("ok", result) or ("error", (class, event index, byte offset)); anything else raised fails."""
    try:
        with watchdog():
            return ("ok", run())
    except ConformanceError as exc:
        where = (type(exc).__name__, getattr(exc, "event_index", None), getattr(exc, "offset", None))
        return ("error", where)


def parse_outcome(vendor: str, chunks: list[bytes], limits: Limits, strict: bool) -> Outcome:
    def run() -> Any:
        message = conformance.parse(vendor, chunks, limits=limits, strict=strict)
        message.to_json()  # what a report does with it next: must not raise either
        return message

    return outcome(run)


VENDORS = conformance.vendors()


@pytest.mark.parametrize("vendor", VENDORS)
def test_adapter_gives_a_message_or_a_typed_error_whatever_the_split(vendor: str) -> None:
    @FUZZ
    @given(data=st.data(), limits=limits_st, strict=st.booleans())
    def check(data: st.DataObject, limits: Limits, strict: bool) -> None:
        body = data.draw(hostile_bodies(vendor), label="body")
        chunks = data.draw(chunkings(body), label="chunks")
        whole = parse_outcome(vendor, [body], limits, strict)
        split = parse_outcome(vendor, chunks, limits, strict)
        assert split == whole

    check()


def test_snapshots_never_raise_anything_but_typed_errors() -> None:
    @FUZZ
    @given(data=st.data(), limits=limits_st)
    def check(data: st.DataObject, limits: Limits) -> None:
        vendor = data.draw(st.sampled_from(VENDORS), label="vendor")
        body = data.draw(mutated_body(vendor), label="body")
        chunks = data.draw(chunkings(body), label="chunks")
        outcome(lambda: list(conformance.snapshots(vendor, chunks, limits=limits)))

    check()


# -- the framing decoders ----------------------------------------------------------------------


def decode_all(decoder: Any, chunks: list[bytes]) -> tuple[list[Any], int]:
    events = [event for chunk in chunks for event in decoder.feed(chunk)]
    events += decoder.close()
    return events, decoder.leftover_bytes


def framing_bodies(framing: str) -> st.SearchStrategy[bytes]:
    vendor = next(v for v in VENDORS if framing_of(v) == framing)
    return st.one_of(mutated_body(vendor), token_soup(framing), st.binary(max_size=512))


@pytest.mark.parametrize(
    ("framing", "make"),
    [
        ("sse", lambda limits: SSEDecoder(limits)),
        ("sse", lambda limits: SSEDecoder(limits, errors="replace")),
        ("ndjson", NDJSONDecoder),
        ("eventstream", EventStreamDecoder),
        ("jsonarray", JSONArrayDecoder),
    ],
    ids=["sse-strict", "sse-replace", "ndjson", "eventstream", "jsonarray"],
)
def test_decoder_gives_events_or_a_typed_error_whatever_the_split(
    framing: str, make: Callable[[Limits], Any]
) -> None:
    @FUZZ
    @given(data=st.data(), limits=limits_st)
    def check(data: st.DataObject, limits: Limits) -> None:
        body = data.draw(framing_bodies(framing), label="body")
        chunks = data.draw(chunkings(body), label="chunks")
        whole = outcome(lambda: decode_all(make(limits), [body]))
        assert outcome(lambda: decode_all(make(limits), chunks)) == whole

    check()


def reference_sse(body: bytes) -> tuple[list[tuple[str, str, str, int | None, int]], str]:
    """The WHATWG algorithm, spelled out (U+FFFD for bad UTF-8): events and the last event id."""
    base = 3 if body.startswith(b"\xef\xbb\xbf") else 0
    body = body[base:]
    events: list[tuple[str, str, str, int | None, int]] = []
    data: list[bytes] = []
    kind, last_id, retry, start = b"", "", None, None
    pos = 0
    for end in re.finditer(rb"\r\n|\r|\n", body):
        line, offset, pos = body[pos : end.start()], base + pos, end.end()
        if not line:
            if data:
                name = kind.decode("utf-8", "replace") or "message"
                text = b"\n".join(data).decode("utf-8", "replace")
                events.append((name, text, last_id, retry, start or 0))
            data, kind, start = [], b"", None
            continue
        if line.startswith(b":"):
            continue
        start = offset if start is None else start
        field, colon, value = line.partition(b":")
        if colon and value.startswith(b" "):
            value = value[1:]
        if field == b"data":
            data.append(value)
        elif field == b"event":
            kind = value
        elif field == b"id" and b"\0" not in value:
            last_id = value.decode("utf-8", "replace")
        elif field == b"retry" and value.isdigit():
            with contextlib.suppress(ValueError):  # over Python's int digit limit
                retry = int(value)
    return events, last_id


@FUZZ
@given(data=st.data())
def test_sse_decoder_agrees_with_the_spec_spelled_out(data: st.DataObject) -> None:
    body = data.draw(framing_bodies("sse"), label="body")
    chunks = data.draw(chunkings(body), label="chunks")
    decoder = SSEDecoder(errors="replace")
    with watchdog():
        events, _ = decode_all(decoder, chunks)
    got = [(e.event, e.data, e.id, e.retry, e.offset) for e in events]
    assert (got, decoder.last_event_id) == reference_sse(body)


# -- memory ------------------------------------------------------------------------------------


@pytest.mark.parametrize("vendor", ["anthropic", "openai-chat", "gemini", "ollama", "bedrock-converse"])
def test_memory_stays_bounded_by_the_limits_on_a_long_hostile_body(vendor: str) -> None:
    """A unit repeated to 512 KB, fed in 512-byte chunks, events read and dropped (as a streaming
    client would): the adapter holds what the limits allow plus a little per event it gave
    (the tool calls and blocks it tracks), never a buffer growing with the body."""
    framing = framing_of(vendor)
    limits = Limits(max_line_bytes=2048, max_event_bytes=4096, max_tool_arguments_bytes=4096)
    bound = 8 * (limits.max_line_bytes + limits.max_event_bytes + limits.max_tool_arguments_bytes)

    @MEMORY
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        unit = data.draw(st.one_of(token_soup(framing), mutated_body(vendor)).filter(bool), label="unit")
        block = unit * max(1, 512 // len(unit))
        chunks = (block for _ in range(max(1, 512 * 1024 // len(block))))
        events = 0

        def read() -> None:
            nonlocal events
            for _ in conformance.stream_events(vendor, chunks, limits=limits, strict=False):
                events += 1

        tracemalloc.start()
        try:
            outcome(read)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < bound + 64 * len(block) + PER_EVENT_BYTES * events, (
            f"peak {peak} bytes, {events} events"
        )

    check()


# -- cassettes ---------------------------------------------------------------------------------


def test_odd_cassette_documents_load_or_are_cassette_errors() -> None:
    odd = st.one_of(
        st.none(), st.booleans(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.just("\ud800"),
    )  # fmt: skip

    @FUZZ
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        document = copy.deepcopy(cassette_to_dict(data.draw(st.sampled_from(bundled()), label="cassette")))
        paths = [p for p in _paths(document) if p]
        path = paths[data.draw(st.integers(0, len(paths) - 1), label="path")]
        _set(document, path, data.draw(odd, label="value"))
        outcome(lambda: cassette_from_dict(document))

    check()
