"""Tool arguments addressed by JSON path (Vertex `functionCall.partialArgs[]`), built up sans-IO.

Vertex streams a call's arguments as values at RFC 9535 paths (`$.recipe.steps[0]`), a
string possibly in several pieces (`willContinue`). `PathArguments` applies the pieces in
order and checks them as they come, so a piece that cannot fit (a path through a string, an
array index that skips ahead, a path naming no single location) is a `ProtocolError` at
the event that sent it; `value()` gives the arguments so far at any point. Used by the
assembler (`message.py`) and by the Vertex adapter, which checks pieces where their byte
offset is known.
"""

from __future__ import annotations

import copy
import itertools
import re
from typing import Any

from conformance.errors import LimitExceededError, ProtocolError
from conformance.events import JSONValue
from conformance.limits import Limits

# RFC 9535 segments as Vertex writes them: `.name` (member-name-shorthand), `[0]`, `['name']`
# and `["name"]`. Filters, wildcards, slices and descendants address no single value.
_SEGMENT = re.compile(
    r"""\.([A-Za-z_\u0080-\U0010FFFF][A-Za-z0-9_\u0080-\U0010FFFF]*)"""
    r"""|\[(0|[1-9][0-9]*)\]"""
    r"""|\['((?:[^'\\]|\\.)*)'\]"""
    r"""|\["((?:[^"\\]|\\.)*)"\]"""
)
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "/": "/", "\\": "\\", "'": "'", '"': '"'}


def parse_json_path(path: str) -> tuple[str | int, ...]:
    """The segments of a singular RFC 9535 path (`$.a['b'][0]` -> `("a", "b", 0)`).

    Raises `ProtocolError` for anything that does not name exactly one location.
    """
    if not path.startswith("$"):
        raise ProtocolError(f"JSON path {path!r} does not start at the root '$'")
    segments: list[str | int] = []
    pos = 1
    while pos < len(path):
        match = _SEGMENT.match(path, pos)
        if match is None:
            raise ProtocolError(f"JSON path {path!r} is not a singular path at character {pos}")
        name, index, single, double = match.groups()
        if index is not None:
            segments.append(int(index))
        elif name is not None:
            segments.append(name)
        else:
            segments.append(_unescape(single if single is not None else double, path))
        pos = match.end()
    return tuple(segments)


def _unescape(quoted: str, path: str) -> str:
    out, i = [], 0
    while i < len(quoted):
        char = quoted[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        code = quoted[i + 1]
        if code == "u" and _HEX4.fullmatch(quoted[i + 2 : i + 6]):
            unit = int(quoted[i + 2 : i + 6], 16)
            i += 6
            low = quoted[i + 2 : i + 6] if quoted[i : i + 2] == "\\u" else ""
            if 0xD800 <= unit < 0xDC00 and _HEX4.fullmatch(low) and 0xDC00 <= int(low, 16) < 0xE000:
                unit = 0x10000 + ((unit - 0xD800) << 10) + (int(low, 16) - 0xDC00)  # a surrogate pair
                i += 6
            out.append(chr(unit))
        elif code in _ESCAPES:
            out.append(_ESCAPES[code])
            i += 2
        else:
            raise ProtocolError(f"JSON path {path!r} has an invalid escape \\{code}")
    return "".join(out)


class _Pieces:
    """A string still being streamed at one path: pieces joined on read (linear appends)."""

    __slots__ = ("open", "parts")

    def __init__(self, first: str, open_: bool) -> None:
        self.parts = [first]
        self.open = open_


class PathArguments:
    """Arguments built from path-addressed values, checked as they arrive.

    Arrays grow one element at a time: an index may name an existing element or the next
    one, never leave a hole. A path through a value of the wrong kind (a name into an
    array, anything into a string) is a `ProtocolError`.
    """

    def __init__(self, base: JSONValue, limits: Limits) -> None:
        self._root: Any = copy.deepcopy(base) if isinstance(base, dict) else {}
        self._limits = limits
        self._size = 0
        self._paths: dict[str, tuple[str | int, ...]] = {}

    def apply(self, json_path: str, value: JSONValue, will_continue: bool) -> None:
        segments = self._paths.get(json_path)
        if segments is None:
            segments = parse_json_path(json_path)
            if len(segments) > self._limits.max_json_depth:
                raise LimitExceededError(
                    f"JSON path {json_path!r} deeper than {self._limits.max_json_depth}",
                    limit="max_json_depth",
                )
            self._paths[json_path] = segments
        if isinstance(value, str):
            self._size += len(value)
            if self._size > self._limits.max_tool_arguments_bytes:
                raise LimitExceededError(
                    f"partial arguments over {self._limits.max_tool_arguments_bytes} bytes",
                    limit="max_tool_arguments_bytes",
                )
        if not segments:
            if not isinstance(value, dict):
                raise ProtocolError(f"a {type(value).__name__} at the root '$' of the arguments object")
            self._root = copy.deepcopy(value)
            return
        parent: Any = self._root
        for segment, following in itertools.pairwise(segments):
            parent = self._child(parent, segment, following, json_path)
        self._set(parent, segments[-1], value, will_continue, json_path)

    def value(self) -> JSONValue:
        return _materialize(self._root)

    @staticmethod
    def _slot(container: Any, segment: str | int, path: str) -> tuple[bool, Any]:
        """(present, current value) of `container[segment]`, checking the kinds match."""
        if isinstance(segment, int):
            if not isinstance(container, list):
                raise ProtocolError(f"JSON path {path!r} indexes [{segment}] into a {_kind(container)}")
            if segment > len(container):
                raise ProtocolError(
                    f"JSON path {path!r} skips ahead to index {segment}"
                    f" of an array of length {len(container)}"
                )
            return (segment < len(container), container[segment] if segment < len(container) else None)
        if not isinstance(container, dict):
            raise ProtocolError(f"JSON path {path!r} names member {segment!r} of a {_kind(container)}")
        return (segment in container, container.get(segment))

    def _child(self, container: Any, segment: str | int, following: str | int, path: str) -> Any:
        present, current = self._slot(container, segment, path)
        if present and isinstance(current, (dict, list)):
            return current
        if present and current is not None:
            raise ProtocolError(f"JSON path {path!r} goes through a {_kind(current)} at {segment!r}")
        child: Any = [] if isinstance(following, int) else {}
        self._store(container, segment, child)
        return child

    def _set(
        self, container: Any, segment: str | int, value: JSONValue, will_continue: bool, path: str
    ) -> None:
        _, current = self._slot(container, segment, path)
        if isinstance(value, str) and isinstance(current, _Pieces) and current.open:
            current.parts.append(value)
            current.open = will_continue
            return
        self._store(container, segment, _Pieces(value, will_continue) if isinstance(value, str) else value)

    @staticmethod
    def _store(container: Any, segment: str | int, value: Any) -> None:
        if isinstance(segment, int) and segment == len(container):
            container.append(value)
        else:
            container[segment] = value


def _kind(value: Any) -> str:
    if isinstance(value, _Pieces):
        return "string"
    return {dict: "object", list: "array", str: "string", bool: "boolean"}.get(type(value), "number")


def _materialize(value: Any) -> JSONValue:
    if isinstance(value, _Pieces):
        return "".join(value.parts)
    if isinstance(value, dict):
        return {k: _materialize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialize(v) for v in value]
    return value
