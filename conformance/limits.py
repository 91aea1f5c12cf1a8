"""Resource limits: how much of a stream the kit buffers before it calls the stream hostile.

Every buffer in the sans-IO core is bounded by one of these numbers, so that a broken
stream (a proxy that drops newlines, a body of garbage) ends in `LimitExceededError`
rather than in memory growing without bound. The defaults are generous for real vendor
traffic: the largest line in the real recordings we studied is a ~40 KB thinking
signature; tool arguments of a few hundred KB are rare.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from conformance.errors import LimitExceededError

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

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"Limits.{name} must be a positive integer, not {value!r}")


DEFAULT_LIMITS = Limits()


INT_DIGITS_LIMIT = "int_max_str_digits"
"""The `limit` named when a JSON integer is longer than Python converts.

Not a `Limits` field: the bound is the interpreter's own (`sys.get_int_max_str_digits()`,
4300 digits by default; raise it with `sys.set_int_max_str_digits` or
`PYTHONINTMAXSTRDIGITS`), which `json.loads` applies with a bare `ValueError`.
"""

# A JSON string, unrolled (`"[^"\\]*(?:\\.[^"\\]*)*"`) so that matching is linear in its length.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def check_json_depth(text: str, limits: Limits) -> None:
    """Raise `LimitExceededError` if the JSON `text` nests deeper than `limits.max_json_depth`.

    Checked on the text, before parsing, because `json.loads` recurses (a RecursionError
    near depth 1000, after the work is done) and deep values break everything that walks
    them later. Cheap for the usual payload: with no more opening brackets than the limit
    it cannot be too deep, which two `str.count` calls tell; only the rest are scanned,
    strings removed first so that brackets inside them do not count.
    """
    limit = limits.max_json_depth
    if len(text) <= limit or text.count("[") + text.count("{") <= limit:
        return
    depth = 0
    for char in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        if char in "[{":
            depth += 1
            if depth > limit:
                raise LimitExceededError(f"JSON nested deeper than {limit} levels", limit="max_json_depth")
        elif depth:
            depth -= 1


# An integer literal: digits with no fraction or exponent after them, and not an exponent itself.
_LONG_INTEGER = re.compile(r"(?<![\d.eE+-])-?(\d+)(?![\d.eE])")


def check_json_integers(text: str) -> None:
    """Raise `LimitExceededError` if the JSON `text` holds an integer Python will not convert.

    For JSON text the kit keeps rather than parses at once (streamed tool arguments), so
    that the error comes with the event that completed it, not later from `json.loads`.
    """
    limit = sys.get_int_max_str_digits()
    if not limit or len(text) <= limit:
        return
    for match in _LONG_INTEGER.finditer(_STRING.sub('""', text)):
        if len(match.group(1)) > limit:
            raise integer_too_long(len(match.group(1)))


def integer_too_long(digits: int | None = None) -> LimitExceededError:
    """The error for a JSON integer over Python's `int_max_str_digits`."""
    size = f"of {digits} digits " if digits is not None else ""
    return LimitExceededError(
        f"a JSON integer {size}over Python's limit of {sys.get_int_max_str_digits()} digits "
        "(sys.set_int_max_str_digits)",
        limit=INT_DIGITS_LIMIT,
    )
