"""Sniffing: what a body is when it may not be the event stream it was meant to be.

A server that fails answers with a JSON error document (HTTP 4xx/5xx) instead of a stream; a
proxy answers with an HTML page; a body whose `Content-Encoding` nobody decoded is gzip. A
framed adapter looks at the first bytes through these functions (its `_sniff` hook) so
that such a body is reported for what it is, rather than as a stream that never ended.
"""

from __future__ import annotations

import json
import re

from conformance.errors import FramingError
from conformance.events import ErrorReported

ERROR_DOCUMENT_BYTES = 64 * 1024
"""The largest JSON error document recognized in place of a stream."""

SNIFF_BYTES = 1024
"""How much of the body's start strict mode looks at to tell an event stream from other bodies."""

# What a body is when it is not an event stream, by its first bytes (RFC 1952 gzip magic,
# RFC 1950 zlib header with the usual compression levels), for the error message.
_COMPRESSED = (
    (re.compile(rb"\x1f\x8b"), "gzip-compressed (a `Content-Encoding: gzip` not decoded)"),
    (re.compile(rb"\x78[\x01\x5e\x9c\xda]"), "zlib-compressed (a `Content-Encoding: deflate` not decoded)"),
)
_SSE_LINE = re.compile(rb":|(?:data|event|id|retry)(?::|$)")
_SSE_FIELDS = (b"data:", b"event:", b"id:", b"retry:")
_LINE_END = re.compile(rb"[\r\n]")
_BOM = b"\xef\xbb\xbf"


def error_document(body: bytes) -> ErrorReported | None:
    """The error of a JSON error document, as vendors send with an HTTP error status.

    Anthropic: `{"type": "error", "error": {"type", "message"}}`; OpenAI:
    `{"error": {"message", "type", "code"}}`; Google: `{"error": {"code", "message", "status"}}`.
    """
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if isinstance(document, list) and len(document) == 1:
        document = document[0]  # Google wraps errors of its JSON-array streams in a list
    if isinstance(document, dict) and document.get("object") == "error" and "error" not in document:
        document = {"error": document}  # Mistral, vLLM < 0.10: `{"object": "error", "message", "type", ...}`
    if isinstance(document, dict) and isinstance(document.get("error"), str):
        document = {
            "error": {"message": document["error"], "code": document.get("code")}
        }  # xAI: `{"code", "error"}`
    if not isinstance(document, dict) or not isinstance(document.get("error"), dict):
        return None
    error = document["error"]
    kind = error.get("type") or error.get("status") or error.get("code") or "error"
    return ErrorReported(str(kind), str(error.get("message", "")))


def opening(head: bytes, *, final: bool, cap: int) -> str | None:
    """How the body opens: "sse", "json" (maybe an error document), or None while undecided.

    Decided by the first line, once it is whole, `cap` bytes are in, or the body ended (so the
    same whatever the chunking); anything else raises a `FramingError` saying what it looks like.
    """
    if _BOM.startswith(head[:3]) and len(head) < 3 and not final:
        return None
    body = (head[3:] if head.startswith(_BOM) else head).lstrip(b"\r\n")
    start = len(head) - len(body)
    for magic, what in _COMPRESSED:
        if magic.match(body):
            raise FramingError(f"the body is {what}, not an event stream", event_index=0, offset=start)
    end = _LINE_END.search(body)
    if end is None and not final and len(head) < cap:
        return None
    line = body[: end.start()] if end is not None else body
    if _SSE_LINE.match(line) or (end is None and any(f.startswith(line) for f in _SSE_FIELDS)):
        return "sse"  # (a first line cut short inside a field name: a truncated stream)
    if line.lstrip(b" \t")[:1] in (b"{", b"["):
        return "json"
    if line.lstrip(b" \t")[:1] == b"<":
        what = "an HTML or XML page (a proxy's or gateway's error page?)"
    elif any(byte < 0x20 and byte != 0x09 for byte in line) or not _is_utf8(line, complete=end is not None):
        what = "binary data (compressed, or another protocol?)"
    else:
        what = "text whose first line is not an SSE field or comment"
    raise FramingError(
        f"the body is {what}, not an event stream: it starts with {line[:80]!r}", event_index=0, offset=start
    )


def _is_utf8(data: bytes, *, complete: bool) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return not complete and exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
    return True
