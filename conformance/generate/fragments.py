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

INTERLUDE_WORDS = {
    "comment": "a comment block (`:` and `: keep-alive`)",
    "id": "an event of only `id:`",
    "retry": "an event of only `retry:`",
}


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
    data_lines: bool = False
    """SSE payloads written over several `data:` lines, one per JSON member and bracket (SSE
    joins them with a newline; JSON allows it between tokens), as some OpenAI-compatible
    servers and proxies pretty-print. Used by the OpenAI Chat (and profiles) and Anthropic
    encoders; the openai and anthropic SDKs read it the same."""
    interludes: tuple[str, ...] = ()
    """SSE blocks that dispatch no data event, put between events at seeded places
    (`encoders._common.INTERLUDES`): `comment` (a bare `:` and `: keep-alive`), `id` (an event of
    only `id:`), `retry` (only `retry:`). Drawn per vendor where its SDK reads them
    (`strategies.SSE_INTERLUDES`)."""
    usage_without_choices: bool = False
    """An OpenAI-family usage chunk written with no `choices` key (`{"id", …, "usage"}`), as some
    OpenAI-compatible servers send it, instead of OpenAI's `choices: []`. Drawn for the
    compatible profiles only (`strategies.USAGE_WITHOUT_CHOICES`); the openai SDK raises on it
    (`TypeError`, a known SDK bug)."""
    shared_index: bool = False
    """OpenAI-family parallel calls all streamed at `index: 0`, one after the other, told apart
    by their ids, as Ollama's OpenAI endpoint, SGLang, Dynamo and litellm's Responses bridge send
    them. Drawn for the compatible profiles' messages with two or more calls, each with an id
    (`strategies.SHARED_INDEX`); the openai SDK merges such calls (a known SDK bug)."""
    no_arguments: str = "{}"
    """How an OpenAI-family call with empty arguments is streamed: `{}` (the JSON text, as
    OpenAI does), or, as OpenAI-compatible servers do, `""` never filled, `null`, or `absent`
    (no `arguments` key); the openai SDK reads each as `{}`."""

    def wire_shapes(self) -> list[str]:
        """The wire options set away from the plain shape, in words: what a failure report names
        as the likely cause (shrinking leaves only those the failure needs)."""
        shapes = []
        if not self.data_space:
            shapes.append("`data:` without the space")
        if self.data_lines:
            shapes.append("a payload over several `data:` lines")
        shapes += [
            f"{INTERLUDE_WORDS.get(kind, kind)} between events" for kind in dict.fromkeys(self.interludes)
        ]
        if self.usage_without_choices:
            shapes.append("a usage chunk without `choices`")
        if self.shared_index:
            shapes.append("parallel calls sharing `index: 0`, told apart by id")
        if self.no_arguments != "{}":
            shapes.append(f"a call without arguments streamed as {self.no_arguments!r}")
        if self.escape_slashes:
            shapes.append("tool arguments with `/` written `\\/`")
        return shapes

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
