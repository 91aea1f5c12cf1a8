"""A cassette prepared for serving (`Program`): the routes it answers, its timed chunks, where
each event ends, the resume points a reconnecting client may name, and the headers to send.

Sans-IO: built once per `play()`, read by the ASGI app (`replay.app`) on every request.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import h11

from conformance.errors import CassetteError
from conformance.formats.cassettes import Cassette
from conformance.live.timing import (
    TimedChunk,
    content_type,
    event_ends,
    is_event_stream,
    sse_events,
    timed_chunks,
)

# Where each vendor's streaming endpoint lives (a request path may add a prefix, as a gateway does).
# Sources: https://docs.anthropic.com/en/api/messages ;
# https://platform.openai.com/docs/api-reference/chat/create ;
# https://platform.openai.com/docs/api-reference/responses/create ;
# https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
VENDOR_PATHS: dict[str, tuple[str, ...]] = {
    "anthropic": (r"/v1/messages",),
    "openai-chat": (r"(?:/v1)?/chat/completions",),
    "openai-responses": (r"(?:/v1)?/responses",),
    "gemini": (r"/v1(?:alpha|beta)?/models/[^/]+:streamGenerateContent",),
}

# GET endpoints that resume a stream. Sources: openai-python `resources/responses/responses.py`
# (`retrieve(..., stream=True, starting_after=N)` -> GET /responses/{id}); python-genai
# `_gaos/interactions.py` (GET /{api_version}/interactions/{id}?stream=true&last_event_id=...).
RESUME_PATHS: tuple[str, ...] = (
    r"(?:/v1)?/responses/[^/]+",
    r"/v1(?:alpha|beta)?/interactions/[^/]+",
)

# Not replayed: framing of the recorded hop (we stream chunked ourselves) and encodings the
# cassette's body no longer has (vcrpy stores bodies decoded).
SKIPPED_HEADERS = frozenset(
    {"content-length", "transfer-encoding", "connection", "keep-alive", "content-encoding"}
)


@dataclass(frozen=True)
class Program:
    """A cassette prepared for serving: its timed chunks, event ends and resume keys."""

    cassette: Cassette
    speed: float | None
    drop_after_events: int | None
    chunks: tuple[TimedChunk, ...]
    ends: tuple[int, ...]
    event_ids: tuple[str, ...]
    """The SSE last-event-ID buffer at each event (what `Last-Event-ID` names)."""
    payloads: tuple[Any, ...]
    """Each event's JSON payload, or None (for `sequence_number` / `event_id` resume points)."""
    paths: tuple[re.Pattern[str], ...]
    path: str
    """The cassette's own request path."""
    close_connection: bool = False
    """Answer with `Connection: close`, so a client that closes its response keeps no socket
    (the lifecycle check then counts only what a client still holds, not a pool's idle one)."""

    @classmethod
    def build(
        cls,
        cassette: Cassette,
        *,
        speed: float | None,
        drop_after_events: int | None,
        extra_paths: Sequence[str] = (),
        close_connection: bool = False,
    ) -> Program:
        if speed is not None and math.isinf(speed) and speed > 0:
            speed = None
        if speed is not None and not speed > 0:
            raise ValueError(f"speed must be a positive number (or None: as fast as possible), not {speed!r}")
        chunks = tuple(timed_chunks(cassette))
        kind = content_type(cassette)
        ends = tuple(event_ends(cassette.body, kind))
        ids: tuple[str, ...] = ()
        payloads: tuple[Any, ...] = ()
        if is_event_stream(kind, cassette.body):
            decoded = sse_events(cassette.body)
            ids = tuple(event.id for event, _ in decoded)
            payloads = tuple(_json_or_none(event.data) for event, _ in decoded)
        path = urlsplit(cassette.uri).path or "/"
        patterns = [re.escape(path), *VENDOR_PATHS.get(cassette.vendor, ()), *extra_paths]
        _check_sendable(cassette)
        return cls(
            cassette=cassette,
            speed=speed,
            drop_after_events=drop_after_events,
            chunks=chunks,
            ends=ends,
            event_ids=ids,
            payloads=payloads,
            paths=tuple(re.compile(rf"(?:/.*)?{p}") for p in patterns),
            path=path,
            close_connection=close_connection,
        )

    def answers(self, method: str, path: str) -> bool:
        if any(p.fullmatch(path) for p in self.paths):
            return True
        return method == "GET" and any(re.fullmatch(rf"(?:/.*)?{p}", path) for p in RESUME_PATHS)

    def resume_point(self, headers: dict[str, str], query: dict[str, str]) -> tuple[int, str | None]:
        """Index of the first event to serve, and the resume point as named; ValueError if unknown."""
        if "last-event-id" in headers:
            wanted = headers["last-event-id"]
            found = [i for i, e in enumerate(self.event_ids) if e == wanted]
            if not found:
                raise ValueError(f"Last-Event-ID {wanted!r} names no event of {self.cassette.id}")
            return found[-1] + 1, f"Last-Event-ID: {wanted}"
        if "starting_after" in query:
            raw = query["starting_after"]
            try:
                after = int(raw)
            except ValueError:
                raise ValueError(f"starting_after={raw!r} is not a sequence number") from None
            numbers = [_field(p, "sequence_number") for p in self.payloads]
            if not any(isinstance(n, int) for n in numbers):
                raise ValueError(f"{self.cassette.id} has no events with a sequence_number")
            first = next((i for i, n in enumerate(numbers) if isinstance(n, int) and n > after), len(numbers))
            return first, f"starting_after={after}"
        if "last_event_id" in query:
            wanted = query["last_event_id"]
            found = [
                i
                for i, (p, sse_id) in enumerate(zip(self.payloads, self.event_ids, strict=True))
                if _field(p, "event_id") == wanted or sse_id == wanted
            ]
            if not found:
                raise ValueError(f"last_event_id={wanted!r} names no event of {self.cassette.id}")
            return found[-1] + 1, f"last_event_id={wanted}"
        return 0, None

    def pieces(self, first_event: int, drop: bool) -> tuple[list[TimedChunk], bool]:
        """The chunks to send from `first_event` on, cut at the drop point if `drop`.

        Times are rebased so that a resumed stream starts at once. Returns the pieces and
        whether the connection is to be dropped after them.
        """
        start = self.ends[first_event - 1] if 0 < first_event <= len(self.ends) else 0
        stop = len(self.cassette.body)
        dropping = False
        if drop and self.drop_after_events is not None:
            last = first_event + self.drop_after_events  # events served before the drop
            if last < len(self.ends):
                stop = self.ends[last - 1] if last > 0 else start
                dropping = True
        out: list[TimedChunk] = []
        for chunk in self.chunks:
            a, b = max(chunk.offset, start), min(chunk.offset + len(chunk.data), stop)
            if a < b:
                out.append(TimedChunk(chunk.at_ms, a, chunk.data[a - chunk.offset : b - chunk.offset]))
        if first_event and out:
            base = out[0].at_ms
            out = [TimedChunk(c.at_ms - base, c.offset, c.data) for c in out]
        return out, dropping

    def headers(self) -> list[tuple[bytes, bytes]]:
        closing = [(b"connection", b"close")] if self.close_connection else []
        return [*response_headers(self.cassette), *closing]


def response_headers(cassette: Cassette) -> list[tuple[bytes, bytes]]:
    """The recorded response headers to send (hop-by-hop ones skipped; a content type added
    if none was recorded). Values outside Latin-1 become `?`; names must be Latin-1
    (`_check_sendable` has made sure when a cassette is played)."""
    out: list[tuple[bytes, bytes]] = []
    seen_type = False
    for name, values in cassette.response_headers.items():
        lower = name.lower()
        if lower in SKIPPED_HEADERS:
            continue
        seen_type = seen_type or lower == "content-type"
        out.extend((lower.encode("latin-1"), v.encode("latin-1", "replace")) for v in values)
    if not seen_type:
        out.append((b"content-type", b"text/event-stream"))
    return out


def _check_sendable(cassette: Cassette) -> None:
    """Raise `CassetteError` if the cassette's status or response headers cannot go out over
    HTTP/1.1, judged by h11, which sends them: refused when the cassette is played, rather
    than failing every request with a traceback in the server thread."""
    where = cassette.path or cassette.id
    for name in cassette.response_headers:
        try:
            name.encode("latin-1")
        except UnicodeEncodeError:
            raise CassetteError(
                f"{where}: cannot serve response header {name!r}: not a valid HTTP header name"
            ) from None
    headers = response_headers(cassette)
    try:
        h11.Response(status_code=cassette.status, headers=headers, reason=b"")
    except h11.LocalProtocolError as exc:
        raise CassetteError(f"{where}: cannot serve the recorded response over HTTP/1.1: {exc}") from None


def _json_or_none(data: str) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return None


def _field(payload: Any, key: str) -> Any:
    return payload.get(key) if isinstance(payload, dict) else None
