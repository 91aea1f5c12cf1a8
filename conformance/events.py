"""Normalized events: what every vendor adapter emits, whatever the vendor's wire shape.

Small frozen value objects named after what happened, in the h11 style. An adapter turns
one vendor event into zero or more of these; the assembler (`assembler.py`) folds them into
a `Message`. Tool calls are keyed by `index`, the adapter's stable position for the call
(Anthropic's content-block index, OpenAI's `tool_calls[].index`, a running count for
vendors that send calls whole), so parallel calls never mix.

Tool arguments arrive in one of three shapes, and the assembler accepts each for one call:
JSON text in fragments (`ToolCallDelta`, Anthropic and OpenAI), a whole JSON value
(`ToolCallArguments`, Gemini), or values addressed by JSON path (`ToolCallPartialArgument`,
Vertex `partialArgs`).

Opaque reasoning tokens the client must send back on the next turn, byte for byte, come as
`ReasoningSignature` (per reasoning block: Anthropic `signature` and `redacted_thinking`
data, Gemini `thoughtSignature`, OpenAI Responses `encrypted_content`, Bedrock
`signature` / `redactedContent`) and `ToolCallSignature` (Gemini's signature on a
`functionCall` part, which belongs to that call).

What the vendor does with its own tools comes as `ServerToolCallStart` (its arguments then
arrive as a client call's do), `ServerToolResult` and `CitationAdded`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

JSONValue = Any
"""A value as `json.loads` returns it."""


@dataclass(frozen=True, slots=True)
class StreamStart:
    """The vendor opened a message (Anthropic `message_start`, the first OpenAI chunk…)."""

    vendor: str
    model: str | None = None
    message_id: str | None = None


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of answer text, to append."""

    text: str


@dataclass(frozen=True, slots=True)
class ReasoningDelta:
    """A piece of thinking / reasoning text, to append."""

    text: str


@dataclass(frozen=True, slots=True)
class RefusalDelta:
    """A piece of a refusal message (OpenAI `delta.refusal`), to append."""

    text: str


@dataclass(frozen=True, slots=True)
class ToolCallStart:
    """A tool call begins. `id` is None for vendors that give calls no id."""

    index: int
    id: str | None
    name: str


@dataclass(frozen=True, slots=True)
class ToolCallDelta:
    """A fragment of the call's arguments as JSON text, to append."""

    index: int
    arguments: str


@dataclass(frozen=True, slots=True)
class ToolCallArguments:
    """The call's arguments as a whole JSON value (vendors that do not stream them)."""

    index: int
    arguments: JSONValue


@dataclass(frozen=True, slots=True)
class ToolCallPartialArgument:
    """One path-addressed piece of the call's arguments (Vertex `functionCall.partialArgs[]`).

    `json_path` is an RFC 9535 path from the arguments object (`$.recipe.steps[0]`); `value`
    is a JSON scalar. A string appends to the string at the same path when the previous
    piece for that path had `will_continue` set; any other piece sets the path's value.
    Containers on the way are created as the path's segments say (a name: object, an
    index: array).
    """

    index: int
    json_path: str
    value: JSONValue
    will_continue: bool = False


@dataclass(frozen=True, slots=True)
class ToolCallEnd:
    """The vendor said the call is complete."""

    index: int


@dataclass(frozen=True, slots=True)
class UsageUpdate:
    """Token counts as reported, in normalized keys (see `message.USAGE_KEYS`).

    `replace=False` merges into what was reported before (Anthropic's cumulative
    `message_delta` usage); `replace=True` replaces it (Gemini's `usageMetadata`, which
    repeats whole on every event).
    """

    usage: Mapping[str, int]
    replace: bool = False


@dataclass(frozen=True, slots=True)
class Finish:
    """The vendor gave its stop reason; `stop_reason` is the normalized one."""

    stop_reason: str
    vendor_stop_reason: str | None


@dataclass(frozen=True, slots=True)
class ErrorReported:
    """The vendor reported an error inside the stream (not a clean finish)."""

    type: str
    message: str


@dataclass(frozen=True, slots=True)
class StreamEnd:
    """The stream is over. `complete` is True only when the vendor's terminator arrived.

    `leftover_bytes` counts bytes at the end of the body that never formed a whole event.
    """

    complete: bool
    leftover_bytes: int = 0
    reason: str = field(default="")


@dataclass(frozen=True, slots=True)
class ReasoningSignature:
    """The vendor's opaque token for reasoning block `block` (the adapter's stable position).

    `kind` is one of `message.SIGNATURE_KINDS`; `value` is the wire string, untouched. A
    second one for the same block and kind replaces the first, as the Anthropic SDK does.
    """

    block: int
    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class ToolCallSignature:
    """The vendor's opaque token attached to tool call `index` (Gemini `thoughtSignature`)."""

    index: int
    value: str


@dataclass(frozen=True, slots=True)
class ServerToolCallStart:
    """A tool call the vendor runs itself begins (Anthropic `server_tool_use`, OpenAI Responses
    `web_search_call`). Its arguments then arrive as for a client call (`ToolCallDelta`,
    `ToolCallArguments`, `ToolCallEnd` at the same `index`), and it is assembled into
    `Message.server_tool_calls`, never into `tool_calls`: the client must not run it."""

    index: int
    id: str | None
    name: str


@dataclass(frozen=True, slots=True)
class ServerToolResult:
    """What a server tool returned (Anthropic `web_search_tool_result` and the other
    `*_tool_result` blocks), whole: `type` is the vendor's block type, `content` its value."""

    tool_use_id: str | None
    type: str
    content: JSONValue


@dataclass(frozen=True, slots=True)
class CitationAdded:
    """A citation of a source, as the vendor sent it (Anthropic `citations_delta.citation`,
    OpenAI Responses `url_citation` annotations), to append to `Message.citations`."""

    citation: Mapping[str, JSONValue]


Event = (
    StreamStart
    | TextDelta
    | ReasoningDelta
    | RefusalDelta
    | ToolCallStart
    | ToolCallDelta
    | ToolCallArguments
    | ToolCallPartialArgument
    | ToolCallEnd
    | UsageUpdate
    | Finish
    | ErrorReported
    | StreamEnd
    | ReasoningSignature
    | ToolCallSignature
    | ServerToolCallStart
    | ServerToolResult
    | CitationAdded
)
"""Any normalized event."""


# The deltas are built once for every event of a stream. A frozen dataclass's generated
# `__init__` sets each field through `object.__setattr__` (looked up on every call); these
# set the slots through their descriptors, bound once: the same object, immutable as before
# (`__setattr__` still raises), at about two thirds of the cost (issue 23's profile).
def _quick_text_init(cls: type) -> None:
    set_text = cls.__dict__["text"].__set__

    def __init__(self: object, text: str) -> None:
        set_text(self, text)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", __init__)  # noqa: B010  (mypy forbids assigning a method)


def _quick_tool_delta_init() -> None:
    set_index = ToolCallDelta.__dict__["index"].__set__
    set_arguments = ToolCallDelta.__dict__["arguments"].__set__

    def __init__(self: object, index: int, arguments: str) -> None:
        set_index(self, index)
        set_arguments(self, arguments)

    __init__.__qualname__ = "ToolCallDelta.__init__"
    setattr(ToolCallDelta, "__init__", __init__)  # noqa: B010


for _delta in (TextDelta, ReasoningDelta, RefusalDelta):
    _quick_text_init(_delta)
_quick_tool_delta_init()
