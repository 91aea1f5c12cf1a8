"""Resource limits: how much of a stream the kit buffers before it calls the stream hostile.

Every buffer in the sans-IO core is bounded by one of these numbers, so that a broken
stream (a proxy that drops newlines, a body of garbage) ends in `LimitExceededError`
rather than in memory growing without bound. The defaults are generous for real vendor
traffic: the largest line in the real recordings we studied is a ~40 KB thinking
signature; tool arguments of a few hundred KB are rare.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size limits for decoding one stream. All sizes are in bytes."""

    max_line_bytes: int = 4 * MiB
    """One framing line (SSE field line, NDJSON line) before its line ending."""
    max_event_bytes: int = 8 * MiB
    """One framing event: the joined `data:` lines of an SSE event, an event-stream frame."""
    max_events: int = 1_000_000
    """Framing events in one stream."""
    max_tool_arguments_bytes: int = 8 * MiB
    """The JSON text of one tool call's arguments, summed over its fragments."""
    max_json_depth: int = 256
    """Nesting depth of any JSON value in an event or in tool arguments."""


DEFAULT_LIMITS = Limits()
