"""Where two messages differ, and how a chunking and a value are shown in a failure message.

A failure is read by a person first: `first_difference` finds the first differing field path
(`tool_calls[1].arguments.city`), `Difference.lines` shows expected against got around the
first differing character, and `describe_chunking` shows the cuts that broke the parser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<missing>"})()


@dataclass(frozen=True)
class Difference:
    """The first place two messages differ: a field path such as `tool_calls[1].arguments.city`."""

    path: str
    expected: Any
    got: Any

    def lines(self) -> list[str]:
        where = self.path or "the message"
        exp, got = self.expected, self.got
        if isinstance(exp, str) and isinstance(got, str) and _is_free_text(self.path):
            pairs = enumerate(zip(exp, got, strict=False))
            at = next((i for i, (a, b) in pairs if a != b), min(len(exp), len(got)))
            return [
                f"first difference: {where} (at character {at})",
                f"  expected: {_window(exp, at)}",
                f"  got:      {_window(got, at)}",
            ]
        return [f"first difference: {where}", f"  expected: {show(exp)}", f"  got:      {show(got)}"]


FREE_TEXT = frozenset({"text", "reasoning", "refusal", "message", "arguments_json"})
"""Fields whose strings are prose or JSON text, where the first differing character helps; an
enum such as `stop_reason` or an id is shown whole."""


def _is_free_text(path: str) -> bool:
    last = re.split(r"[.\[]", path)[-1]
    return last in FREE_TEXT or ".arguments" in path


def first_difference(expected: Any, got: Any, path: str = "") -> Difference | None:
    """The first differing field path of two JSON-like values (dict keys in `expected`'s order)."""
    if isinstance(expected, Mapping) and isinstance(got, Mapping):
        for key in [*expected, *(k for k in got if k not in expected)]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in got or key not in expected:
                return Difference(sub, expected.get(key, MISSING), got.get(key, MISSING))
            found = first_difference(expected[key], got[key], sub)
            if found is not None:
                return found
        return None
    if isinstance(expected, (list, tuple)) and isinstance(got, (list, tuple)):
        for i, (a, b) in enumerate(zip(expected, got, strict=False)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found is not None:
                return found
        if len(expected) != len(got):
            n = min(len(expected), len(got))
            return Difference(
                f"{path}[{n}]",
                expected[n] if n < len(expected) else MISSING,
                got[n] if n < len(got) else MISSING,
            )
        return None
    if isinstance(expected, bool) is not isinstance(got, bool) or expected != got:
        return Difference(path, expected, got)
    return None


TOOL_CALL_SIGNATURES = "tool_calls.signature"
"""A projected field: each tool call's `signature` (None where it has none), in call order."""


def project(message: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of a message dict, so that each check compares only its own.

    Signatures belong to the `signatures` check alone: `tool_calls` is projected without each
    call's `signature` (which `TOOL_CALL_SIGNATURES` projects), and a missing `signatures`
    (as `to_dict` leaves an empty one out) is `[]`.
    """
    out: dict[str, Any] = {}
    for name in fields:
        value = message.get(name)
        if name == TOOL_CALL_SIGNATURES:
            value = [c.get("signature") for c in message.get("tool_calls") or () if isinstance(c, Mapping)]
        elif name == "tool_calls" and isinstance(value, list):
            value = [_unsigned(call) for call in value]
        elif name == "signatures" and value is None:
            value = []
        out[name] = value
    return out


def _unsigned(call: Any) -> Any:
    if isinstance(call, Mapping) and "signature" in call:
        return {k: v for k, v in call.items() if k != "signature"}
    return call


def describe_chunking(body: bytes, chunks: Sequence[bytes]) -> list[str]:
    """The chunking in a line or four: chunk sizes, and the bytes on either side of each cut."""
    sizes = [len(c) for c in chunks]
    if len(sizes) <= 1:
        return [f"chunking: the whole body in one chunk ({len(body)} bytes)"]
    lines = [f"chunking: {len(sizes)} chunks of {_sizes(sizes)} bytes"]
    cuts = list(accumulate(sizes))[:-1]
    for cut in cuts[:3]:
        lines.append(f"  cut at byte {cut}: {body[max(0, cut - 16) : cut]!r} | {body[cut : cut + 16]!r}")
    if len(cuts) > 3:
        lines.append(f"  ... and {len(cuts) - 3} more cuts")
    return lines


# -- formatting ---------------------------------------------------------------------------------


def clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 3] + "..."


def show(value: Any) -> str:
    if value is MISSING:
        return "<missing>"
    if isinstance(value, str):
        return clip(repr(value), 160)
    try:
        return clip(json.dumps(value, ensure_ascii=False, sort_keys=False), 160)
    except (TypeError, ValueError):
        return clip(repr(value), 160)


def _window(text: str, at: int, span: int = 30) -> str:
    start = max(0, at - span)
    piece = repr(text[start : at + span])
    return ("..." if start else "") + piece + ("..." if at + span < len(text) else "")


def _sizes(sizes: Sequence[int]) -> str:
    if len(set(sizes[:-1])) == 1 and len(sizes) > 2:
        head = f"{len(sizes) - 1} x {sizes[0]}"
        return head if sizes[-1] == sizes[0] else f"{head} + {sizes[-1]}"
    if len(sizes) <= 8:
        return str(list(sizes))
    return f"[{', '.join(map(str, sizes[:6]))}, ...] ({len(sizes)} chunks)"


def count_chunks(chunks: Sequence[bytes]) -> str:
    return "1 chunk" if len(chunks) == 1 else f"{len(chunks)} chunks"


def names_of(kinds: tuple[type[BaseException], ...]) -> str:
    return "(" + ", ".join(k.__name__ for k in kinds) + ")"
