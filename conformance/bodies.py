"""Bodies derived from a cassette's own: with keep-alives, cut short, with other line endings.

Each derived body is kept only where the kit's reference parser (`conformance.parse`) agrees
it reads as the check expects (the same Message, or an incomplete one), so a derived body
never makes a bad case; for a vendor the kit does not know, only changes the SSE spec calls
neutral (comments, line endings) are made.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

from conformance.api import parse as reference_parse
from conformance.api import vendors as known_vendors
from conformance.cassettes import Cassette
from conformance.errors import StreamError
from conformance.framing.sse import SSEDecoder

KEEPALIVES: Mapping[str, tuple[bytes, ...]] = {
    # https://html.spec.whatwg.org/multipage/server-sent-events.html (a line starting with ":" is a comment)
    "*": (b": keep-alive",),
    # https://docs.anthropic.com/en/api/messages-streaming#ping-events
    "anthropic": (b": keep-alive", b'event: ping\ndata: {"type": "ping"}'),
}
"""Keep-alives the `keepalive` check inserts between events, per vendor ("*": any SSE vendor)."""


def sse_event_offsets(body: bytes) -> list[int]:
    """Byte offsets where the body's SSE events start; [] if it is not SSE (or not valid)."""
    decoder = SSEDecoder()
    try:
        events = decoder.feed(body)
        decoder.close()
    except StreamError:
        return []
    return [event.offset for event in events]


def _line_end(body: bytes, start: int) -> bytes:
    for i in range(start, len(body)):
        if body[i] == 0x0D:
            return b"\r\n" if body[i + 1 : i + 2] == b"\n" else b"\r"
        if body[i] == 0x0A:
            return b"\n"
    return b"\n"


def _is_sse(cassette: Cassette) -> bool:
    types = [v for k, vs in cassette.response_headers.items() if k.lower() == "content-type" for v in vs]
    if types:
        return any("text/event-stream" in t for t in types)
    return bool(sse_event_offsets(cassette.body))


def _reference_agrees(cassette: Cassette, body: bytes) -> bool:
    """Whether the kit's own parser gives the same Message for `body` as for the cassette's body."""
    if cassette.vendor not in known_vendors():
        return True  # SSE comments are neutral by the spec; nothing to verify them against
    try:
        return reference_parse(cassette.vendor, [body]) == reference_parse(cassette.vendor, [cassette.body])
    except StreamError:
        return False


def keepalive_bodies(cassette: Cassette) -> list[tuple[str, bytes]]:
    """The body with keep-alives before every event, one body per kind of keep-alive.

    Each derived body is kept only if the kit's reference parser agrees it changes nothing.
    """
    body = cassette.body
    offsets = sse_event_offsets(body) if _is_sse(cassette) else []
    out = []
    if "keepalive" in cassette.features:
        out.append(("the body as recorded", body))
    if offsets:
        eol = _line_end(body, offsets[0])
        for keepalive in KEEPALIVES.get(cassette.vendor, KEEPALIVES["*"]):
            block = keepalive.replace(b"\n", eol) + eol + eol
            edges = [0, *offsets, len(body)]
            parts = [body[a:b] for a, b in pairwise(edges)]
            derived = parts[0] + b"".join(block + part for part in parts[1:])
            if _reference_agrees(cassette, derived):
                label = keepalive.split(b"\n")[0].decode("ascii", "replace")
                out.append((f"{label!r} before each of its {len(offsets)} events", derived))
    return out


def truncated_bodies(cassette: Cassette) -> list[tuple[str, bytes]]:
    """Bodies that must read as incomplete: the cassette's own if it is truncated, and cuts of a
    complete body (before its last event, inside it, without its last blank line).

    Cuts are derived only for vendors the kit knows, and kept only where the kit's reference
    parser calls the cut body incomplete, so a trailing keep-alive never yields a bad case.
    """
    out = []
    if "truncated" in cassette.features:
        out.append(("as recorded", cassette.body))  # reads "the body as recorded"
    expected = cassette.expected
    if expected is None or not expected.complete or cassette.vendor not in known_vendors():
        return out
    body = cassette.body
    offsets = sse_event_offsets(body)
    cuts: dict[int, str] = {}
    if offsets:
        last = offsets[-1]
        cuts[last] = "before its last event"
        cuts[last + (len(body) - last) // 2] = "inside its last event"
    for ending, drop in ((b"\r\n\r\n", 2), (b"\n\n", 1), (b"\r\r", 1)):
        if body.endswith(ending):
            cuts.setdefault(len(body) - drop, "without its last blank line")
            break
    cuts.setdefault(len(body) // 2, "in the middle")
    for cut, where in sorted(cuts.items()):
        if 0 < cut < len(body):
            try:
                complete = reference_parse(cassette.vendor, [body[:cut]]).complete
            except StreamError:
                complete = False
            if not complete:
                out.append((f"cut at byte {cut} of {len(body)} ({where})", body[:cut]))
    return out


LINE_ENDINGS: Mapping[str, bytes] = {
    # https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
    # ("Lines must be separated by either a CRLF pair, a single LF, or a single CR")
    "CRLF": b"\r\n",
    "lone-CR": b"\r",
}
"""The line endings the `line_endings` check turns an LF body's line endings into."""


def line_ending_bodies(cassette: Cassette) -> list[tuple[str, bytes]]:
    """An SSE body with LF line endings, with every LF turned into CRLF, and into a lone CR.

    Only for bodies without any CR (so the variants are exact); each kept only if the
    kit's reference parser gives the same Message for it.
    """
    body = cassette.body
    if b"\r" in body or b"\n" not in body or not _is_sse(cassette):
        return []
    out = []
    for name, eol in LINE_ENDINGS.items():
        derived = body.replace(b"\n", eol)
        if _reference_agrees(cassette, derived):
            out.append((f"{name} line endings", derived))
    return out
