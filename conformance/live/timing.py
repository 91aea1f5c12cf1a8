"""Chunk timing of a recorded stream: validation, plausible timings, and the numbers users ask for.

Strategy: pure functions over a `Cassette` (no clock, no sleep, no socket). A timed cassette
carries, in its `conformance` metadata, `chunks` (the byte length of each recorded chunk) and
`chunk_times_ms` (when each chunk arrived, in ms from the request). `timed_chunks()` validates
both and gives `(at_ms, offset, bytes)` triples, which the replay server paces and the
statistics read; a cassette without timings gets `plausible_timings()` (deterministic per
cassette), so every cassette can be replayed at a pace.

`event_ends()` is where each framing event of a body ends (the byte after its dispatching blank
line): chunks are cut there, the replay server counts events sent with it, and resume points
are found with it. `event_profiles()` decodes a body one event at a time and says what each
event added (output characters, reported output tokens), for statistics and token spend.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from conformance.adapters import make_adapter
from conformance.errors import CassetteError, StreamError
from conformance.events import (
    Event,
    ReasoningDelta,
    RefusalDelta,
    TextDelta,
    ToolCallArguments,
    ToolCallDelta,
    ToolCallStart,
    UsageUpdate,
)
from conformance.formats.cassettes import Cassette
from conformance.framing.sse import ServerSentEvent, SSEDecoder

TTFT_MS = (200.0, 600.0)
"""Range of the first chunk's arrival in plausible timings (a few hundred ms, as vendors answer)."""
GAP_MS = (10.0, 80.0)
"""Range of the gaps between later chunks in plausible timings."""
CHARS_PER_TOKEN = 4.0
"""The usual rule of thumb for English text with BPE tokenizers; only used for labelled estimates."""

_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)")
_CONTENT = (TextDelta, ReasoningDelta, RefusalDelta, ToolCallStart, ToolCallDelta, ToolCallArguments)


@dataclass(frozen=True, slots=True)
class TimedChunk:
    """One chunk of a body as it arrived: `at_ms` after the request, starting at `offset`."""

    at_ms: float
    offset: int
    data: bytes


# -- event boundaries -------------------------------------------------------------------------


def is_event_stream(content_type: str | None, body: bytes) -> bool:
    """Whether a body is SSE: by its content type, or (none given) by its first field name."""
    if content_type:
        return "event-stream" in content_type.lower()
    head = body.lstrip(b"\xef\xbb\xbf")[:64]
    return head.startswith((b"event:", b"data:", b"id:", b":", b"retry:"))


def sse_events(body: bytes) -> list[tuple[ServerSentEvent, int]]:
    """Every SSE event of `body` with the byte offset just after its dispatching blank line."""
    decoder = SSEDecoder(errors="replace")
    out: list[tuple[ServerSentEvent, int]] = []
    for match in _LINE.finditer(body):  # whole lines, line ending included: CRLF is never split
        try:
            events = decoder.feed(match.group())
        except StreamError:
            break  # a line over the limit: what follows is no event we can count
        out.extend((event, match.end()) for event in events)
    return out


def event_ends(body: bytes, content_type: str | None = "text/event-stream") -> list[int]:
    """Byte offset just after each framing event of `body`, in order.

    SSE: after the blank line that dispatches the event (comments and events with no data
    are not events). AWS event-stream: after each frame (its length prefix). Other bodies
    are cut per non-blank line (NDJSON, JSON lines). Bytes after the last end belong to no
    whole event.
    """
    if not body:
        return []
    if content_type and "amazon.eventstream" in content_type.lower():
        return _frame_ends(body)
    if is_event_stream(content_type, body):
        return [end for _, end in sse_events(body)]
    ends = [m.end() for m in _LINE.finditer(body) if m.group().strip()]
    last = ends[-1] if ends else 0
    if body[last:].strip():  # a last line without its line ending is still a whole line
        ends.append(len(body))
    return ends


def _frame_ends(body: bytes) -> list[int]:
    ends: list[int] = []
    pos = 0
    while pos + 4 <= len(body):
        size = int.from_bytes(body[pos : pos + 4], "big")  # the prelude's total length
        if size < 16 or pos + size > len(body):
            break
        pos += size
        ends.append(pos)
    return ends


# -- validation and timed chunks --------------------------------------------------------------


def validate_timings(cassette: Cassette) -> None:
    """Raise `CassetteError` unless `chunks` and `chunk_times_ms` (if present) describe the body.

    The lengths must be positive integers adding up to the body's length, the times finite,
    non-negative and non-decreasing, one per chunk. Times without `chunks` are allowed for a
    body recorded as one chunk.
    """
    meta = cassette.metadata
    lengths, times = meta.get("chunks"), meta.get("chunk_times_ms")
    where = cassette.path or cassette.id
    if lengths is not None:
        if not isinstance(lengths, list) or not lengths:
            raise CassetteError(f"{where}: metadata 'chunks' must be a non-empty list of byte lengths")
        for i, n in enumerate(lengths):
            if not isinstance(n, int) or isinstance(n, bool) or n <= 0:
                raise CassetteError(f"{where}: chunks[{i}] is {n!r}, not a positive byte length")
        if sum(lengths) != len(cassette.body):
            raise CassetteError(
                f"{where}: chunks add up to {sum(lengths)} bytes but the body has {len(cassette.body)}"
            )
    if times is None:
        return
    if not isinstance(times, list):
        raise CassetteError(f"{where}: metadata 'chunk_times_ms' must be a list of milliseconds")
    count = len(lengths) if lengths is not None else 1
    if len(times) != count:
        raise CassetteError(f"{where}: {len(times)} chunk_times_ms for {count} chunks")
    previous = 0.0
    for i, t in enumerate(times):
        if not isinstance(t, (int, float)) or isinstance(t, bool) or not math.isfinite(t) or t < 0:
            raise CassetteError(f"{where}: chunk_times_ms[{i}] is {t!r}, not a time in ms from the request")
        if t < previous:
            raise CassetteError(
                f"{where}: chunk_times_ms[{i}] = {t} comes before chunk_times_ms[{i - 1}] = {previous}"
            )
        previous = float(t)


def has_timings(cassette: Cassette) -> bool:
    return cassette.metadata.get("chunk_times_ms") is not None


def timed_chunks(cassette: Cassette, *, synthesize: bool = True) -> list[TimedChunk]:
    """The body as timed chunks: the recorded ones, else plausible ones (or, if not
    `synthesize`, the whole body at 0 ms)."""
    validate_timings(cassette)
    meta = cassette.metadata
    if has_timings(cassette):
        lengths = list(meta.get("chunks") or [len(cassette.body)])
        times = [float(t) for t in meta["chunk_times_ms"]]
    elif synthesize:
        lengths, int_times = plausible_timings(cassette)
        times = [float(t) for t in int_times]
    else:
        lengths, times = [len(cassette.body)], [0.0]
    out, pos = [], 0
    for n, t in zip(lengths, times, strict=True):
        out.append(TimedChunk(t, pos, cassette.body[pos : pos + n]))
        pos += n
    return [c for c in out if c.data]


def content_type(cassette: Cassette) -> str | None:
    for name, values in cassette.response_headers.items():
        if name.lower() == "content-type" and values:
            return values[0]
    return None


def plausible_timings(
    cassette: Cassette,
    *,
    ttft_ms: tuple[float, float] = TTFT_MS,
    gap_ms: tuple[float, float] = GAP_MS,
) -> tuple[list[int], list[int]]:
    """Deterministic `(chunks, chunk_times_ms)` for a cassette recorded without timings.

    Chunks are cut at event boundaries (mostly one event per chunk, sometimes two or three,
    as vendors flush); the first arrives after `ttft_ms`, the others after `gap_ms` each.
    The random source is seeded with the cassette id, so a cassette always gets the same.
    """
    body = cassette.body
    if not body:
        return [], []
    rng = random.Random(zlib.crc32(cassette.id.encode("utf-8")))
    ends = event_ends(body, content_type(cassette))
    if not ends or ends[-1] != len(body):
        ends.append(len(body))  # trailing bytes (a cut event, a final comment) ride last
    lengths: list[int] = []
    times: list[int] = []
    start, i, at = 0, 0, rng.uniform(*ttft_ms)
    while i < len(ends):
        take = 1 if rng.random() < 0.75 else rng.randint(2, 3)
        i = min(i + take, len(ends))
        lengths.append(ends[i - 1] - start)
        times.append(round(at))
        start = ends[i - 1]
        at += rng.uniform(*gap_ms)
    return lengths, times


# -- what each event adds ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventProfile:
    """One framing event: where it ends, when it arrived, what it added to the message."""

    index: int
    end: int
    """Byte offset just after the event."""
    at_ms: float
    """Arrival time of the chunk holding the event's last byte."""
    output_chars: int
    """Characters of text, reasoning, refusal and tool arguments the event added."""
    output_tokens: int | None
    """`usage.output_tokens` as reported so far, if this event reported usage."""


def event_profiles(cassette: Cassette, chunks: Sequence[TimedChunk] | None = None) -> list[EventProfile]:
    """Every event of the cassette's body with its arrival time and what it added.

    Decoding is lenient (unknown event types are skipped, as the SDKs skip them); a body
    the adapter rejects part-way yields the events before the fault.
    """
    chunks = list(chunks) if chunks is not None else timed_chunks(cassette)
    body = cassette.body
    ends = event_ends(body, content_type(cassette))
    adapter = make_adapter(cassette.vendor, strict=False)
    usage: dict[str, int] | None = None
    out: list[EventProfile] = []
    start, c = 0, 0
    for index, end in enumerate(ends):
        while c < len(chunks) - 1 and chunks[c].offset + len(chunks[c].data) < end:
            c += 1
        try:
            events = adapter.feed(body[start:end])
        except StreamError:
            break
        reported = False
        chars = 0
        for event in events:
            chars += _output_chars(event)
            if isinstance(event, UsageUpdate):
                usage = dict(event.usage) if event.replace or usage is None else {**usage, **event.usage}
                reported = "output_tokens" in event.usage
        tokens = usage.get("output_tokens") if (reported and usage is not None) else None
        out.append(EventProfile(index, end, chunks[c].at_ms if chunks else 0.0, chars, tokens))
        start = end
    return out


def _output_chars(event: Event) -> int:
    if isinstance(event, (TextDelta, ReasoningDelta, RefusalDelta)):
        return len(event.text)
    if isinstance(event, ToolCallDelta):
        return len(event.arguments)
    if isinstance(event, ToolCallArguments):
        return len(json.dumps(event.arguments, ensure_ascii=False))
    return 0


def is_content(event: Event) -> bool:
    """Whether the event carries output a user would see (a token, a tool call)."""
    return isinstance(event, _CONTENT)


def estimate_tokens(chars: int) -> int:
    """Tokens in `chars` characters of output, by `CHARS_PER_TOKEN` (an estimate)."""
    return math.ceil(chars / CHARS_PER_TOKEN) if chars > 0 else 0


@dataclass(frozen=True)
class TokenCount:
    """A number of output tokens, saying whether the vendor reported it or it is estimated."""

    tokens: int
    estimated: bool
    basis: str

    def __str__(self) -> str:
        return f"~{self.tokens}" if self.estimated else str(self.tokens)


def tokens_through(profiles: Sequence[EventProfile], count: int) -> TokenCount:
    """Output tokens generated by the first `count` events.

    Reported when the last usage report among them came after their last output (Gemini
    reports usage with every response; Anthropic and OpenAI only at the end); otherwise
    estimated: the stream's final reported output tokens pro rata by output characters, or,
    with no report at all, `CHARS_PER_TOKEN`.
    """
    head = profiles[:count]
    last_report = max((p.index for p in head if p.output_tokens is not None), default=-1)
    last_output = max((p.index for p in head if p.output_chars), default=-1)
    if last_report >= 0 and last_report >= last_output:
        return TokenCount(int(head[last_report].output_tokens or 0), False, "reported by the vendor")
    chars = sum(p.output_chars for p in head)
    total_chars = sum(p.output_chars for p in profiles)
    final = next((p.output_tokens for p in reversed(profiles) if p.output_tokens is not None), None)
    if final is not None and total_chars:
        return TokenCount(round(final * chars / total_chars), True, "final usage pro rata by characters")
    return TokenCount(estimate_tokens(chars), True, f"~{CHARS_PER_TOKEN:g} characters per token")


# -- statistics -------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The `q`-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not within 0-100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class TimingStats:
    """What a timed stream says about its vendor's pace."""

    chunks: int
    duration_ms: float
    """Arrival of the last chunk."""
    ttft_ms: float | None
    """Arrival of the first chunk that carried output (None: the stream carried none)."""
    gap_p50_ms: float | None
    gap_p95_ms: float | None
    """Gaps between consecutive chunks from the first output on (None: fewer than two chunks)."""
    output_tokens: TokenCount
    tokens_per_second: float | None
    """Output tokens over the time from the first output to the last chunk."""
    recorded: bool
    """False when the timings were synthesized (`plausible_timings`), not recorded."""


def timing_stats(cassette: Cassette) -> TimingStats:
    """Time to first token, inter-chunk gaps (p50/p95) and output tokens per second."""
    chunks = timed_chunks(cassette)
    adapter = make_adapter(cassette.vendor, strict=False)
    first_output: int | None = None
    for i, chunk in enumerate(chunks):
        try:
            events = adapter.feed(chunk.data)
        except StreamError:
            break
        if any(is_content(e) for e in events):
            first_output = i
            break
    profiles = event_profiles(cassette, chunks)
    tokens = tokens_through(profiles, len(profiles))
    duration = chunks[-1].at_ms if chunks else 0.0
    ttft = chunks[first_output].at_ms if first_output is not None else None
    from_first = chunks[first_output:] if first_output is not None else chunks
    gaps = [b.at_ms - a.at_ms for a, b in itertools.pairwise(from_first)]
    rate = None
    if ttft is not None and duration > ttft:
        rate = tokens.tokens / ((duration - ttft) / 1000)
    return TimingStats(
        chunks=len(chunks),
        duration_ms=duration,
        ttft_ms=ttft,
        gap_p50_ms=percentile(gaps, 50) if gaps else None,
        gap_p95_ms=percentile(gaps, 95) if gaps else None,
        output_tokens=tokens,
        tokens_per_second=rate,
        recorded=has_timings(cassette),
    )
