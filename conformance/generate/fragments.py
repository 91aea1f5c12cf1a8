"""Where a streamed string is cut into deltas (sans-IO).

Vendors stream text, reasoning and tool-call arguments as fragments, and a parser must
join them whatever the cut: inside a multi-code-point grapheme, inside a JSON escape such
as `\\ud83d\\ude00` or `\\n`, inside `true` or `-1.5e-7`. A `Fragmentation` holds, per
string, the offsets (in characters of that string) where deltas end; an offset may repeat,
which makes an empty delta (vendors do send `""` deltas).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fragmentation:
    """Cut offsets per streamed string, plus the wire options an encoder may vary."""

    cuts: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    """Key -> sorted offsets: `text`, `reasoning`, `refusal`, `args:<i>` (the i-th call's JSON)."""
    ascii_json: bool = True
    """Tool arguments written with `\\uXXXX` escapes for non-ASCII (as `json.dumps` does by
    default) or as raw UTF-8."""
    order_seed: int = 0
    """Picks how parallel tool calls' fragments interleave, where the vendor interleaves them."""
    padding: bool = False
    """Anthropic's habit of padding an event's JSON with spaces before the closing brace."""
    escape_slashes: bool = False
    """Tool arguments with `/` written `\\/` (valid JSON some encoders write, PHP's among them)."""
    data_space: bool = True
    """SSE `data: ` with the space every vendor writes; False: `data:` straight followed by the
    payload, which WHATWG SSE and the openai SDK's decoder read the same (some OpenAI-compatible
    servers write it). Used by the OpenAI Chat encoder (and its profiles)."""
    no_arguments: str = "{}"
    """How an OpenAI-family call with empty arguments is streamed: `{}` (the JSON text, as
    OpenAI does), or, as OpenAI-compatible servers do, `""` never filled, `null`, or `absent`
    (no `arguments` key); the openai SDK reads each as `{}`."""

    def arguments_json(self, arguments: Any) -> str:
        """A call's arguments as the JSON text the encoder streams, in this fragmentation's style."""
        from conformance.generate.encoders._common import arguments_json

        return arguments_json(arguments, ascii_json=self.ascii_json, escape_slashes=self.escape_slashes)

    def split(self, key: str, value: str) -> list[str]:
        """`value` cut at this fragmentation's offsets for `key` (one piece when none)."""
        return split_at(value, self.cuts.get(key, ()))


def split_at(value: str, offsets: Sequence[int]) -> list[str]:
    """Pieces of `value` ending at each offset in `offsets` (clamped, repeats give empty
    pieces), then the rest. `"".join(split_at(v, o)) == v` for any offsets."""
    pieces, start = [], 0
    for offset in sorted(offsets):
        end = min(max(offset, start), len(value))
        pieces.append(value[start:end])
        start = end
    pieces.append(value[start:])
    return pieces
