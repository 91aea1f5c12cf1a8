"""Resource limits: how much of a stream the kit buffers before it calls the stream hostile.

Every buffer in the sans-IO core is bounded by one of these numbers, so that a broken
stream (a proxy that drops newlines, a body of garbage) ends in `LimitExceededError`
rather than in memory growing without bound. The defaults are generous for real vendor
traffic: the largest line in the real recordings we studied is a ~40 KB thinking
signature; tool arguments of a few hundred KB are rare.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from itertools import accumulate

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

# A JSON string from its opening quote to its closing one, or to the end of the text if it
# never closes. The quantifiers are possessive (`*+`: they never give back what they took)
# and nothing after them can fail, so the engine never backtracks and never starts over
# inside a string: linear in the text, whatever it holds. (A pattern that insists on the
# closing quote fails on an unclosed string of escaped quotes at every one of its quotes,
# scanning to the end from each: quadratic, hours for 4 MiB.)
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
# How each byte of the bracket residue moves the depth: `[`/`{` +1, `]`/`}` -1.
_DEPTH_STEP = [0] * 256
_DEPTH_STEP[ord("[")] = _DEPTH_STEP[ord("{")] = 1
_DEPTH_STEP[ord("]")] = _DEPTH_STEP[ord("}")] = -1


def check_json(text: str, limits: Limits, *, integers: bool = True) -> None:
    """Raise `LimitExceededError` if the JSON `text` nests deeper than `limits.max_json_depth`
    or (with `integers`) holds an integer longer than Python converts.

    Checked on the text, before parsing, because `json.loads` recurses (a RecursionError
    near depth 1000, after the work is done) and deep values break everything that walks
    them later; integers for JSON text the kit keeps rather than parses at once (streamed
    tool arguments), so that the error comes with the event that completed it.

    Cheap for the usual payload: with no more opening brackets than the limit it cannot be
    too deep, and text no longer than the digit limit cannot hold a long integer, which
    `len` and two `str.count` calls tell. Otherwise one linear pass removes the strings
    (brackets and digits inside them do not count), and both checks read what is left, at C
    speed: the depth is the running sum of the brackets, the integers one search.
    """
    depth_limit = limits.max_json_depth
    deep = len(text) > depth_limit and text.count("[") + text.count("{") > depth_limit
    digit_limit = sys.get_int_max_str_digits() if integers else 0
    long = bool(digit_limit) and len(text) > digit_limit and _has_digit_run(text, digit_limit + 1)
    if not (deep or long):
        return
    if deep:
        brackets = _brackets_outside_strings(text)
        if brackets is None:
            brackets = _NOT_BRACKET.sub("", _STRING.sub('"', text)).encode("ascii")
        if max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > depth_limit:
            raise LimitExceededError(f"JSON nested deeper than {depth_limit} levels", limit="max_json_depth")
    if long:
        bare = _STRING.sub('"', text)  # a quote, not nothing, so that no two numbers join
        match = _long_integer(digit_limit).search(bare)
        if match is not None:
            raise integer_too_long(len(match.group()))


def check_json_depth(text: str | bytes, limits: Limits) -> None:
    """`check_json` for depth alone: for text `json.loads` parses at once, which reports a
    long integer itself. Called for every event, so its fast path is repeated here. UTF-8
    bytes are read as Latin-1 (one character a byte): every byte of a multi-byte character
    is over 0x7F, so brackets, quotes and backslashes are where they are in the text."""
    limit = limits.max_json_depth
    if isinstance(text, bytes):
        if len(text) > limit and text.count(b"[") + text.count(b"{") > limit:
            check_json(text.decode("latin-1"), limits, integers=False)
    elif len(text) > limit and text.count("[") + text.count("{") > limit:
        check_json(text, limits, integers=False)


_SPLIT_AT_MOST = 1 * MiB
"""The longest text `_brackets_outside_strings` splits (its pieces cost ~17x a short piece's
characters in memory; longer text takes the regular expressions)."""
_ESCAPED_QUOTE = "\x01"
_NOT_BRACKET_BYTES = bytes(byte for byte in range(256) if byte not in b"[]{}")


def _brackets_outside_strings(text: str) -> bytes | None:
    """The brackets of `text` outside its strings, as `_STRING` and `_NOT_BRACKET` leave them,
    or None where this shortcut cannot tell (the caller then takes the regular expressions).

    The regular expressions cost ~0.8 µs for every string of the text (~1.7 ms for 50 KB of
    tool arguments); this is a few C loops over the whole text: escaped backslashes removed,
    escaped quotes marked, the text split at the quotes that are left (every other piece is a
    string's contents), the bracket bytes kept. A marked quote outside every string (a
    backslash before a quote outside strings, invalid JSON, which the expressions read as a
    plain backslash opening a string) or a mark already in the text gives None.
    """
    if len(text) > _SPLIT_AT_MOST or _ESCAPED_QUOTE in text:
        return None
    if "\\" in text:
        text = text.replace("\\\\", "")  # an escaped backslash escapes nothing after it
    if '\\"' in text:
        text = text.replace('\\"', _ESCAPED_QUOTE)
    outside = "".join(text.split('"')[::2])  # an unclosed string hides the rest, as `"?` does
    if _ESCAPED_QUOTE in outside:
        return None
    return outside.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKET_BYTES)


# Every digit byte to "0", every other byte to a space: a run of n digits becomes "0" * n.
_DIGIT_MARKS = bytes(b"0"[0] if 0x30 <= byte <= 0x39 else b" "[0] for byte in range(256))


def _has_digit_run(text: str, n: int) -> bool:
    """Whether `text` holds `n` digits in a row, anywhere (strings too): no such run, no
    integer over the digit limit, and the strings need not be removed to tell.

    Three C loops (UTF-8 encoding, `bytes.translate`, `bytes.find` of a long needle, which
    CPython runs in linear time): ~0.1 ms for 50 KB of tool arguments, where the search for a
    long integer on the text without its strings costs ~3 ms. Every byte of a multi-byte
    character (or of a lone surrogate) is over 0x7F, so never a digit.
    """
    return text.encode("utf-8", "surrogatepass").translate(_DIGIT_MARKS).find(b"0" * n) >= 0


@functools.lru_cache(maxsize=4)
def _long_integer(digits: int) -> re.Pattern[str]:
    """An integer literal of more than `digits` digits: a whole run of digits that is not a
    fraction or an exponent (nothing of `.eE+` or `e-` before it, no `.eE` after it).

    The lookbehinds let a run be tried only from its first digit and `[0-9]*+` never gives
    back, so the search is linear.
    """
    return re.compile(rf"(?<![0-9.eE+])(?<![eE]-)[0-9]{{{digits + 1}}}[0-9]*+(?![.eE])")


def integer_too_long(digits: int | None = None) -> LimitExceededError:
    """The error for a JSON integer over Python's `int_max_str_digits`."""
    size = f"of {digits} digits " if digits is not None else ""
    return LimitExceededError(
        f"a JSON integer {size}over Python's limit of {sys.get_int_max_str_digits()} digits "
        "(sys.set_int_max_str_digits)",
        limit=INT_DIGITS_LIMIT,
    )
