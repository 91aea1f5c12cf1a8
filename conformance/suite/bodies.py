"""Bodies derived from a cassette's own: without keep-alives (the *canonical* body every check
compares from), with keep-alives, cut short, with other line endings.

Each derived body is kept only where the kit's reference parser (`conformance.parse`) agrees
it reads as the check expects (the same Message, or an incomplete one), so a derived body
never makes a bad case; for a vendor the kit does not know, only changes the SSE spec calls
neutral (comments, line endings) are made.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from conformance.api import parse as reference_parse
from conformance.api import vendors as known_vendors
from conformance.errors import StreamError
from conformance.formats.cassettes import Cassette
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


PINGS: Mapping[str, tuple[bytes, ...]] = {
    # https://docs.anthropic.com/en/api/messages-streaming#ping-events
    "anthropic": (b"event: ping",),
}
"""Lines that make an SSE event a keep-alive of its vendor (besides comment-only blocks)."""


def _is_keepalive_block(lines: list[bytes], vendor: str) -> bool:
    content = [line.rstrip(b"\r\n") for line in lines if line.strip(b"\r\n")]
    if not content:
        return False
    if all(line.startswith(b":") for line in content):
        return True
    return any(line.strip() in PINGS.get(vendor, ()) for line in content)


def _lines(body: bytes) -> list[bytes]:
    return body.splitlines(keepends=True)  # bytes.splitlines splits at CRLF, LF and CR only


def _strip_keepalives(vendor: str, body: bytes) -> bytes:
    blocks: list[list[bytes]] = [[]]
    for line in _lines(body):
        blocks[-1].append(line)
        if not line.strip(b"\r\n"):  # an empty line ends an SSE event
            blocks.append([])
    return b"".join(b"".join(block) for block in blocks if not _is_keepalive_block(block, vendor))


def _to_lf(body: bytes) -> bytes:
    return b"".join(
        line.rstrip(b"\r\n") + b"\n" if line.endswith((b"\r", b"\n")) else line for line in _lines(body)
    )


@dataclass(frozen=True)
class Forms:
    """A body's canonical form (keep-alives left out, LF line ends, where the kit's parser agrees
    that changes nothing), and the recorded body perturbed in one way only: with its own
    keep-alives (`keepalives`), and with its own line endings (`line_endings`)."""

    canonical: bytes
    keepalives: bytes
    line_endings: bytes


def _agrees(vendor: str, body: bytes, other: bytes) -> bool:
    try:
        return reference_parse(vendor, [body]) == reference_parse(vendor, [other])
    except StreamError:
        return False


@functools.lru_cache(maxsize=512)
def _forms(vendor: str, body: bytes, sse: bool) -> Forms:
    if not sse or vendor not in known_vendors():
        return Forms(body, body, body)
    stripped = _strip_keepalives(vendor, body)
    if stripped != body and not _agrees(vendor, stripped, body):
        stripped = body
    lf = _to_lf(stripped)
    if lf != stripped and not _agrees(vendor, lf, body):
        lf = stripped
    if lf == stripped:  # line endings left as recorded
        return Forms(stripped, body, stripped)
    with_keepalives = _to_lf(body) if stripped != body else lf
    if with_keepalives != lf and not _agrees(vendor, with_keepalives, body):
        with_keepalives = lf
    return Forms(lf, with_keepalives, stripped)


def body_forms(cassette: Cassette) -> Forms:
    """The cassette's body in canonical form and in its two recorded perturbations (see `Forms`)."""
    return _forms(cassette.vendor, cassette.body, _is_sse(cassette))


def canonical_body(cassette: Cassette) -> bytes:
    """The body every check starts from: the recorded one without its keep-alives (SSE comment
    blocks, vendor pings) and with LF line ends, where the kit's parser agrees that changes
    nothing; else the body as recorded.

    Keep-alives belong to the `keepalive` check alone, and line endings to `line_endings`: a
    parser that mishandles them then fails that check, not every check of every cassette
    whose vendor sends pings or CRLF.
    """
    return body_forms(cassette).canonical


def keepalive_bodies(cassette: Cassette) -> list[tuple[str, bytes]]:
    """The body with its recorded keep-alives, and the canonical body with keep-alives before
    every event, one body per kind of keep-alive (line endings as in the canonical body).

    Each derived body is kept only if the kit's reference parser agrees it changes nothing.
    """
    forms = body_forms(cassette)
    body = forms.canonical
    offsets = sse_event_offsets(body) if _is_sse(cassette) else []
    out = []
    if forms.keepalives != body:
        out.append(("the body with its recorded keep-alives", forms.keepalives))
    if offsets:
        eol = _line_end(body, offsets[0])
        for keepalive in KEEPALIVES.get(cassette.vendor, KEEPALIVES["*"]):
            block = keepalive.replace(b"\n", eol) + eol + eol
            edges = [0, *offsets, len(body)]
            parts = [body[a:b] for a, b in pairwise(edges)]
            derived = parts[0] + b"".join(block + part for part in parts[1:])
            if _reference_agrees(cassette, derived):
                label = keepalive.split(b"\n")[0].decode("ascii", "replace")
                out.append((f"the body with {label!r} before each of its {len(offsets)} events", derived))
    return out


def _stopped(cassette: Cassette) -> bool:
    """Whether the vendor's stop reason is in the cassette's own body (when unsure: yes, so that
    no `truncated_mid` case is made of it)."""
    if cassette.vendor in known_vendors():
        try:
            return reference_parse(cassette.vendor, [cassette.body]).stop_reason is not None
        except StreamError:
            pass
    expected = cassette.expected
    return expected is None or expected.stop_reason is not None


@dataclass(frozen=True)
class Cut:
    """A body cut short: what it is called in a failure, its bytes, and whether the kit's parser
    still finds the vendor's stop reason in it (cut after it, just before the terminator)."""

    label: str
    body: bytes
    stopped: bool


def _cut_bodies(cassette: Cassette) -> list[Cut]:
    """The cassette's own body if it is truncated, and cuts of a complete body (before its last
    event, inside it, without its last blank line, in the middle).

    Cuts are derived only for vendors the kit knows, and kept only where the kit's reference
    parser calls the cut body incomplete, so a trailing keep-alive never yields a bad case.
    """
    out = []
    expected = cassette.expected
    if "truncated" in cassette.features:
        out.append(Cut("the body as recorded (it is cut short)", cassette.body, _stopped(cassette)))
    if expected is None or not expected.complete or cassette.vendor not in known_vendors():
        return out
    body = canonical_body(cassette)
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
                message = reference_parse(cassette.vendor, [body[:cut]])
                complete, stopped = message.complete, message.stop_reason is not None
            except StreamError:
                complete, stopped = False, False
            if not complete:
                out.append(Cut(f"the body cut at byte {cut} of {len(body)} ({where})", body[:cut], stopped))
    return out


def truncated_bodies(cassette: Cassette) -> list[tuple[str, bytes]]:
    """Bodies that must read as incomplete (`truncated_end`): every cut of `_cut_bodies`,
    including those cut just before the terminator, after the stop reason arrived."""
    return [(cut.label, cut.body) for cut in _cut_bodies(cassette)]


def mid_stream_bodies(cassette: Cassette) -> list[tuple[str, bytes]]:
    """Bodies cut before the vendor's stop reason (`truncated_mid`): they must not read as a
    normal stop, which is where real libraries invent `finish_reason: stop`."""
    return [(cut.label, cut.body) for cut in _cut_bodies(cassette) if not cut.stopped]


LINE_ENDINGS: Mapping[str, bytes] = {
    # https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
    # ("Lines must be separated by either a CRLF pair, a single LF, or a single CR")
    "CRLF": b"\r\n",
    "lone-CR": b"\r",
}
"""The line endings the `line_endings` check turns an LF body's line endings into."""


def line_ending_bodies(cassette: Cassette) -> list[tuple[str, bytes]]:
    """The body with its recorded line endings where they are not LF, and an SSE body with LF
    line endings with every LF turned into CRLF, and into a lone CR.

    Conversions only of bodies without any CR (so the variants are exact); each body kept only
    if the kit's reference parser gives the same Message for it.
    """
    forms = body_forms(cassette)
    body = forms.canonical
    out = []
    if forms.line_endings != body:
        ending = _line_end(forms.line_endings, 0)
        name = next((n for n, eol in LINE_ENDINGS.items() if eol == ending), "mixed")
        out.append((f"the body with its recorded {name} line endings", forms.line_endings))
    if b"\r" in body or b"\n" not in body or not _is_sse(cassette):
        return out
    for name, eol in LINE_ENDINGS.items():
        derived = body.replace(b"\n", eol)
        if derived != forms.line_endings and _reference_agrees(cassette, derived):
            out.append((f"the body with {name} line endings", derived))
    return out
