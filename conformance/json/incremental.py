"""An incremental parser of JSON text that arrives in fragments, with a snapshot at any point.

Strategy: `feed(fragment)` reads the fragment once and keeps going where the last one
stopped; `snapshot()` says what the value looks like so far, exactly as jiter's partial mode
(`jiter.from_json(text, partial_mode="trailing-strings")`, what the official SDKs re-run
on the whole buffer after every fragment) would for a prefix of valid JSON. No recursion:
an explicit stack holds the open containers, each a real `list` or `dict` holding its
*completed* children. A finished value is never touched again, so snapshots share it; a
snapshot copies only the open containers on the path to the cursor (shallow, at C speed)
and the string being read. Reading is linear in the text; a snapshot costs the width of
that path, not the size of the document (see bench/ and docs/performance.md).

jiter's partial rules, kept here (probed on jiter 0.19, pinned by tests/test_incremental_json.py):

| at the end of the text           | in a container                 | at the top level |
| -------------------------------- | ------------------------------ | ---------------- |
| an unfinished string value       | kept as read so far            | kept             |
| an unfinished key, or a key      | the member is left out         | -                |
| with no value yet                |                                |                  |
| an unfinished escape (`\\u00`)   | left out of the string         | left out         |
| a number that is complete so far | kept (`1`, `-0`, `1.5`, `1e5`) | kept             |
| a number that is not (`-`, `1.`) | left out                       | IncompleteJSON   |
| an unfinished literal (`tru`)    | left out                       | IncompleteJSON   |

Where jiter and `json.loads` disagree on complete text, this parser follows `json.loads`
(the final arguments are `json.loads`'s): a lone surrogate escape is kept as `json.loads`
keeps it (jiter refuses it). Text that can never become JSON raises `IncompleteJSON` at the
offset where that became certain (jiter sometimes ignores what follows a value instead).
Snapshots share finished values with each other and with later snapshots: read them, do
not mutate them.
"""

from __future__ import annotations

import re
from typing import Any

JSONValue = Any


class IncompleteJSON(ValueError):
    """The text is not a complete JSON document (or can never become one)."""


class _Invalid(Exception):
    """Raised inside `_read` with (reason, position in the buffer); `feed` adds the offset."""


# What the parser expects next.
_VALUE = 0  # a value (top level, after `:`, after `,` in an array)
_FIRST_VALUE = 1  # just after `[`: a value or `]`
_FIRST_KEY = 2  # just after `{`: a key or `}`
_KEY = 3  # after `,` in an object: a key
_COLON = 4  # after a key
_NEXT = 5  # after a value in a container: `,` or the closing bracket
_DONE = 6  # the top-level value is complete: only whitespace may follow
_STRING = 7  # inside a string (a key if `_is_key`)

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING_RUN = re.compile(r'[^"\\\x00-\x1f]*')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
# Every prefix of a JSON number (`-`, `1.`, `1e`, `1e+`…): what may wait for more text.
_NUMBER_PREFIX = re.compile(r"-?(?:(?:0|[1-9][0-9]*)(?:\.(?:[0-9]+(?:[eE][+-]?[0-9]*)?)?|[eE][+-]?[0-9]*)?)?")
_NUMBER_CHARS = re.compile(r"[-+.0-9eE]*")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
# The literals json.loads accepts (NaN and the infinities too), by first character.
_LITERALS: dict[str, tuple[str, JSONValue]] = {
    "t": ("true", True),
    "f": ("false", False),
    "n": ("null", None),
    "N": ("NaN", float("nan")),
    "I": ("Infinity", float("inf")),
}
_MINUS_INFINITY = "-Infinity"
_MISSING: Any = object()


class IncrementalJSON:
    """Feed JSON text in fragments; ask for `snapshot()` at any point, `value()` at the end."""

    def __init__(self, *, max_depth: int = 256) -> None:
        self._max_depth = max_depth
        self._stack: list[Any] = []  # open containers (list or dict), outermost first
        self._keys: list[str | None] = []  # per open container: the key its next value goes under
        self._state = _VALUE
        self._pending = ""  # an unfinished token (number, literal, escape), read again with more text
        self._parts: list[str] = []  # the string being read, in pieces
        self._is_key = False
        self._value: JSONValue = _MISSING  # the top-level value, once complete
        self._fed = 0  # characters fed before the current fragment (for error offsets)
        self._error: IncompleteJSON | None = None

    @property
    def complete(self) -> bool:
        """The top-level value is complete (only whitespace may follow)."""
        return self._state == _DONE

    def feed(self, text: str) -> None:
        """Read the next fragment. Raises `IncompleteJSON` once the text can never be JSON."""
        if self._error is not None:
            raise self._error
        buf = self._pending + text if self._pending else text
        start = self._fed - len(self._pending)
        self._fed += len(text)
        self._pending = ""
        try:
            self._read(buf)
        except _Invalid as exc:
            reason, pos = exc.args
            self._error = IncompleteJSON(f"{reason} at offset {start + pos}")
            raise self._error from None

    def snapshot(self) -> JSONValue:
        """The value so far, as jiter's partial mode gives it; `IncompleteJSON` where jiter raises."""
        if self._error is not None:
            raise self._error
        value = self._tail()
        stack = self._stack
        if not stack:
            if self._value is not _MISSING:
                return self._value
            if value is _MISSING:
                raise IncompleteJSON("no complete value yet")
            return value
        keys = self._keys
        for depth in range(len(stack) - 1, -1, -1):
            copy = stack[depth].copy()
            if value is not _MISSING:
                if type(copy) is list:
                    copy.append(value)
                else:
                    copy[keys[depth]] = value
            value = copy
        return value

    def value(self) -> JSONValue:
        """The value of the whole text (it is over); `IncompleteJSON` if it is not a document."""
        if self._error is not None:
            raise self._error
        if self._state == _DONE:
            return self._value
        pending = self._pending
        if not self._stack and pending and _NUMBER.fullmatch(pending):  # a top-level number ends here
            return self._tail()
        raise IncompleteJSON("the JSON text is not complete")

    # -- reading --------------------------------------------------------------------------

    def _tail(self) -> JSONValue:
        """The unfinished scalar at the cursor, as a snapshot shows it (or _MISSING)."""
        state = self._state
        if state == _STRING:
            if self._is_key:
                return _MISSING
            parts = self._parts
            if len(parts) > 1:
                parts[:] = ["".join(parts)]  # join once: the next snapshot reuses it
            return parts[0] if parts else ""
        pending = self._pending
        if pending and state in (_VALUE, _FIRST_VALUE) and _NUMBER.fullmatch(pending):
            try:
                return _number(pending)
            except ValueError:  # over int()'s digit limit: jiter refuses it too
                raise IncompleteJSON(f"a number of {len(pending)} characters") from None
        return _MISSING

    def _read(self, buf: str) -> None:
        """One loop over the text, dispatching on the state (no recursion, no per-token calls)."""
        pos, end = 0, len(buf)
        state = self._state
        stack = self._stack
        while pos < end:
            if state == _STRING:
                run_end = _STRING_RUN.match(buf, pos).end()  # type: ignore[union-attr]
                if run_end > pos:
                    self._parts.append(buf[pos:run_end])
                    pos = run_end
                    if pos == end:
                        break
                char = buf[pos]
                if char == '"':
                    pos += 1
                    parts = self._parts
                    text = parts[0] if len(parts) == 1 else "".join(parts)
                    self._parts = []
                    if self._is_key:
                        self._keys[-1] = text
                        state = _COLON
                    else:
                        state = self._deliver(text)
                elif char == "\\":
                    pos = self._escape(buf, pos)
                    if pos < 0:
                        break  # an unfinished escape: kept in _pending
                else:
                    raise _Invalid("a control character in a string", pos)
                continue
            char = buf[pos]
            if char in " \t\n\r":
                pos = _WHITESPACE.match(buf, pos).end()  # type: ignore[union-attr]
                if pos == end:
                    break
                char = buf[pos]
            if state == _NEXT:
                pos += 1
                if char == ",":
                    state = _VALUE if type(stack[-1]) is list else _KEY
                elif char == ("]" if type(stack[-1]) is list else "}"):
                    state = self._close()
                else:
                    raise _Invalid(f"expected ',' or a closing bracket, got {char!r}", pos - 1)
            elif state == _COLON:
                if char != ":":
                    raise _Invalid(f"expected ':', got {char!r}", pos)
                pos += 1
                state = _VALUE
            elif state in (_KEY, _FIRST_KEY):
                pos += 1
                if char == '"':
                    state, self._is_key = _STRING, True
                elif char == "}" and state == _FIRST_KEY:
                    state = self._close()
                else:
                    raise _Invalid(f"expected a key, got {char!r}", pos - 1)
            elif state == _DONE:
                raise _Invalid(f"text after the JSON value: {char!r}", pos)
            elif char == '"':  # a value (_VALUE or _FIRST_VALUE) from here on
                pos += 1
                state, self._is_key = _STRING, False
            elif char == "{" or char == "[":
                if len(stack) >= self._max_depth:
                    raise _Invalid(f"JSON nested deeper than {self._max_depth}", pos)
                pos += 1
                if char == "{":
                    stack.append({})
                    state = _FIRST_KEY
                else:
                    stack.append([])
                    state = _FIRST_VALUE
                self._keys.append(None)
            elif char == "]" and state == _FIRST_VALUE:
                pos += 1
                state = self._close()
            elif char == "-" or "0" <= char <= "9":
                run_end = _NUMBER_CHARS.match(buf, pos).end()  # type: ignore[union-attr]
                token = buf[pos:run_end]
                if run_end == end:  # the number may go on in the next fragment
                    if not _NUMBER_PREFIX.fullmatch(token):
                        raise _Invalid(f"invalid number {token!r}", pos)
                    self._pending = token
                    break
                if token == "-" and buf[run_end] == "I":
                    pos = self._literal(buf, pos, _MINUS_INFINITY, float("-inf"))
                    if pos < 0:
                        break
                    state = self._deliver(float("-inf"))
                    continue
                if not _NUMBER.fullmatch(token):
                    raise _Invalid(f"invalid number {token!r}", pos)
                try:
                    number = _number(token)
                except ValueError:  # over int()'s digit limit (4300): json.loads refuses it too
                    raise _Invalid(f"a number of {len(token)} characters", pos) from None
                pos = run_end
                state = self._deliver(number)
            elif char in _LITERALS:
                word, literal = _LITERALS[char]
                pos = self._literal(buf, pos, word, literal)
                if pos < 0:
                    break
                state = self._deliver(literal)
            else:
                raise _Invalid(f"unexpected {char!r}", pos)
        self._state = state

    def _deliver(self, value: JSONValue) -> int:
        """A value is complete: put it in its container; return the next state."""
        stack = self._stack
        if not stack:
            self._value = value
            return _DONE
        container = stack[-1]
        if type(container) is list:
            container.append(value)
        else:
            container[self._keys[-1]] = value
        return _NEXT

    def _close(self) -> int:
        self._keys.pop()
        return self._deliver(self._stack.pop())

    def _literal(self, buf: str, pos: int, word: str, value: JSONValue) -> int:
        """The position after `word` at `pos`; -1 (and the rest kept) if the text stops inside it."""
        if buf.startswith(word, pos):
            return pos + len(word)
        rest = buf[pos:]
        if len(rest) < len(word) and word.startswith(rest):
            self._pending = rest
            return -1
        raise _Invalid(f"invalid literal {buf[pos : pos + len(word)]!r}", pos)

    def _escape(self, buf: str, pos: int) -> int:
        """Read the escape at `buf[pos] == "\\"`; return the position after it, or -1 if cut."""
        kind = buf[pos + 1 : pos + 2]
        if not kind:
            self._pending = buf[pos:]
            return -1
        if kind != "u":
            if kind not in _ESCAPES:
                raise _Invalid(f"invalid escape {buf[pos : pos + 2]!r}", pos)
            self._parts.append(_ESCAPES[kind])
            return pos + 2
        digits = buf[pos + 2 : pos + 6]
        if not _HEX4.fullmatch(digits):
            if len(digits) < 4 and all(c in "0123456789abcdefABCDEF" for c in digits):
                self._pending = buf[pos:]
                return -1
            raise _Invalid(f"invalid escape {buf[pos : pos + 6]!r}", pos)
        code = int(digits, 16)
        if 0xD800 <= code <= 0xDBFF:  # a high surrogate: a low one may follow, as a pair
            low = buf[pos + 6 : pos + 12]
            if len(low) < 6 and _may_become_low_surrogate(low):
                self._pending = buf[pos:]
                return -1
            if low[:2] == "\\u" and _HEX4.fullmatch(low[2:]) and 0xDC00 <= int(low[2:], 16) <= 0xDFFF:
                code = 0x10000 + ((code - 0xD800) << 10) + (int(low[2:], 16) - 0xDC00)
                self._parts.append(chr(code))
                return pos + 12
        self._parts.append(chr(code))  # a lone surrogate stays, as json.loads keeps it
        return pos + 6


def _may_become_low_surrogate(text: str) -> bool:
    """Could `text` (shorter than 6) still grow into `\\uDC00`..`\\uDFFF`?"""
    pattern = "\\u"
    if text[:2] != pattern[: len(text[:2])]:
        return False
    digits = text[2:].lower()
    return (
        (not digits or digits[0] == "d")
        and (len(digits) < 2 or digits[1] in "cdef")
        and all(c in "0123456789abcdef" for c in digits[2:])
    )


def _number(token: str) -> int | float:
    if "." in token or "e" in token or "E" in token:
        return float(token)
    return int(token)
