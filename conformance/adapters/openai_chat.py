"""OpenAI Chat Completions streaming (`POST /v1/chat/completions`, `"stream": true`).

Wire format (docs: https://platform.openai.com/docs/api-reference/chat-streaming; SDK:
openai-python `lib/streaming/chat/_completions.py`, `ChatCompletionStreamState`, and
`_streaming.py`): SSE with no `event:` field; each `data:` is a `chat.completion.chunk`,
and `data: [DONE]` is the terminator. `choices[0].delta` carries `content`, `refusal` and
`tool_calls[]` keyed by `index` (id and name only in a call's first delta, arguments as
JSON-text fragments; a delta with a new `id` and a name at an index whose call has another
id starts a new call, as some compatible servers number every call 0); `finish_reason`
comes on a later chunk; with `stream_options.include_usage` a last chunk has
`choices: []` and `usage` (every other chunk has `usage: null`; some compatible servers
leave `choices` out of it, read the same).
An error mid-stream arrives as `data: {"error": {...}}`.

The wire names no event types, so the adapter names them from the payload (`EVENT_TYPES`):
the schemas and strict mode work on these names. A payload whose `object` is neither a
chunk's nor empty (a whole `chat.completion`, another API's event) is an unknown type.

Only choice 0 is assembled (a `Message` is one answer); chunks for other choices (`n > 1`)
are skipped. OpenAI-compatible servers are *profiles* of this adapter: data that says
which extra delta fields carry reasoning and where usage hides (`ChatProfile`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from conformance.adapters._base import Handler, VendorEvent
from conformance.adapters._payload import optional, require, usage_from
from conformance.adapters._sse import SSEAdapter
from conformance.errors import ProtocolError, VendorEventError
from conformance.events import (
    ErrorReported,
    Event,
    Finish,
    ReasoningDelta,
    RefusalDelta,
    StreamStart,
    TextDelta,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    UsageUpdate,
)
from conformance.framing.sse import ServerSentEvent

# https://platform.openai.com/docs/api-reference/chat-streaming/streaming (choices[].finish_reason);
# `function_call` is the deprecated functions API, which streams one call in `delta.function_call`.
STOP_REASONS = {
    "stop": "stop",
    "length": "length",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
    "content_filter": "content_filter",
}

# CompletionUsage -> normalized keys (openai-python `types/completion_usage.py`).
USAGE_FIELDS = {
    "prompt_tokens": "input_tokens",
    "completion_tokens": "output_tokens",
    "total_tokens": "total_tokens",
    "completion_tokens_details.reasoning_tokens": "reasoning_tokens",
    "prompt_tokens_details.cached_tokens": "cache_read_tokens",
    "prompt_tokens_details.cache_write_tokens": "cache_write_tokens",
}

DONE = "[DONE]"
CHUNK_OBJECT = "chat.completion.chunk"
CHUNK = "chunk"
DONE_EVENT = "done"
ERROR_EVENT = "error"
ANNOTATION = "annotation"
EVENT_TYPES = {
    CHUNK: 'a JSON object with `object: "chat.completion.chunk"` (or none, as some compatible servers send)',
    DONE_EVENT: "the `data: [DONE]` terminator",
    ERROR_EVENT: 'a JSON object with a non-empty `error` (the SDK\'s test: `data.get("error")`)',
    ANNOTATION: 'Azure OpenAI\'s content-filter annotations, `object: ""` (`prompt_filter_results`, '
    "asynchronous filter results); the SDK skips them (`_is_valid_chat_completion_chunk_weak`)",
}
"""Vendor event type -> what the payload looks like. Anything else is typed by its `object`
(or its SSE `event:` name, which OpenAI never sends) and is unknown."""

FUNCTION_CALL_INDEX = -1
"""The tool-call index given to a deprecated `delta.function_call` (tool calls start at 0)."""


@dataclass(frozen=True)
class ChatProfile:
    """What an OpenAI-compatible server does differently, as data."""

    name: str
    reasoning_fields: tuple[str, ...] = ()
    """`delta` keys that carry reasoning text (DeepSeek `reasoning_content`, OpenRouter `reasoning`).
    The first one with text in a delta is taken: vLLM sends `reasoning` and a copy in
    `reasoning_content`."""
    usage_paths: tuple[str, ...] = ("usage",)
    """Where a chunk's usage object may sit (Groq: `x_groq.usage`)."""
    usage_fields: Mapping[str, str] = field(default_factory=lambda: dict(USAGE_FIELDS))
    stop_reasons: Mapping[str, str] = field(default_factory=lambda: dict(STOP_REASONS))
    """`finish_reason` -> normalized (OpenRouter and Mistral add `error`, Mistral `model_length`)."""
    description: str = ""
    tool_call_index_default: int | None = None
    """The `index` a `delta.tool_calls[]` entry without one gets, where the vendor's SDK reads
    such entries (`mistralai`'s `ToolCall.index` defaults to 0, and Mistral sent index-less
    calls in 2024). None: a missing `index` is an error, as it is for the `openai` SDK, whose
    accumulator raises TypeError on one (lib/streaming/chat/_completions.py)."""
    refusal: bool = False
    """The server streams refusals in `delta.refusal` (OpenAI's models, on OpenAI and Azure
    OpenAI). The compatible servers are not known to: DeepSeek's, OpenRouter's and vLLM's
    documented deltas have no such field, and no recorded stream of theirs (or Groq's, xAI's)
    carries one. Generated streams (`conformance.generate`) hold a refusal only where this is
    True; the adapter reads the field wherever it appears all the same."""
    forced_tool_stop: bool = False
    """The server ends an answer to a forced `tool_choice` (a named function) with
    `finish_reason: "stop"`, its tool calls notwithstanding (OpenAI's models, recorded; vLLM's
    named tool choice). Where False, generated streams with tool calls end `tool_calls` only:
    no other compatible server is known to end calls with `stop`."""


OPENAI = ChatProfile(
    name="openai-chat", description="OpenAI Chat Completions (SSE)", refusal=True, forced_tool_stop=True
)


class OpenAIChatAdapter(SSEAdapter):
    vendor = "openai-chat"
    description = OPENAI.description
    profile: ClassVar[ChatProfile] = OPENAI

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._ids: dict[int, str | None] = {}
        """Call index (as the normalized events number calls) -> the id its first delta named."""
        self._wire: dict[int, int] = {}
        """Wire `index` -> the call its deltas now go to: itself, unless the server reused it."""

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        if payload is DONE:
            return DONE_EVENT
        if isinstance(payload, dict) and payload.get("error"):
            return ERROR_EVENT
        if sse.event != "message":  # a named SSE event is not one of OpenAI's (it names none)
            return sse.event
        kind = payload.get("object", CHUNK_OBJECT) if isinstance(payload, dict) else CHUNK_OBJECT
        if kind == CHUNK_OBJECT:
            return CHUNK
        if kind == "":
            return ANNOTATION
        return str(kind)

    def _json(self, sse: ServerSentEvent) -> Any:
        if sse.data == DONE:
            return DONE
        return super()._json(sse)

    def _handler_table(self) -> Mapping[str, Handler]:
        return {
            CHUNK: self._on_chunk,
            DONE_EVENT: self._on_done,
            ERROR_EVENT: self._on_error,
            ANNOTATION: self._on_annotation,
        }

    def _on_chunk(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        return self._chunk(event.data)

    def _chunk(self, chunk: Any) -> list[Event]:
        # OpenAI sends its usage chunk with `choices: []`; some compatible servers leave the key
        # out (`{"id", ..., "usage": {...}}`): that is a usage report, read as no choices. A
        # chunk with neither choices nor usage is still the typed error.
        if isinstance(chunk, dict) and "choices" not in chunk and self._carries_usage(chunk):
            choices: list[Any] = []
        else:
            choices = require(chunk, "choices", list)
        out: list[Event] = []
        if not self._started:
            self._started = True
            out.append(StreamStart(self.vendor, optional(chunk, "model", str), optional(chunk, "id", str)))
        for choice in choices:
            if optional(choice, "index", int, 0) == 0:
                out.extend(self._on_choice(choice))
        for path in self.profile.usage_paths:
            usage = _dig(chunk, path)  # `usage: null` on every chunk but the last: not a report
            if usage is not None:
                if not isinstance(usage, dict):
                    raise VendorEventError(f"field {path!r} should be an object or null")
                out.append(UsageUpdate(usage_from(usage, self.profile.usage_fields), replace=True))
        return out

    def _carries_usage(self, chunk: dict[str, Any]) -> bool:
        return any(_dig(chunk, path) is not None for path in self.profile.usage_paths)

    def _on_choice(self, choice: Any) -> list[Event]:
        out: list[Event] = []
        delta = optional(choice, "delta", dict, {})
        for name in self.profile.reasoning_fields:
            reasoning = optional(delta, name, str)
            if reasoning:
                out.append(ReasoningDelta(reasoning))
                break
        content = optional(delta, "content", str)
        if content:
            out.append(TextDelta(content))
        refusal = optional(delta, "refusal", str)
        if refusal:
            out.append(RefusalDelta(refusal))
        default = self.profile.tool_call_index_default
        for call in optional(delta, "tool_calls", list, []):
            if default is None or (isinstance(call, dict) and "index" in call):
                index = require(call, "index", int)
            else:
                index = default
            out.extend(self._on_tool_call(index, call))
        function_call = optional(delta, "function_call", dict)
        if function_call is not None:
            out.extend(self._on_tool_call(FUNCTION_CALL_INDEX, {"function": function_call}))
        reason = optional(choice, "finish_reason", str)
        if reason:  # the SDK, too, takes only a non-empty finish_reason
            out.extend(ToolCallEnd(index) for index in sorted(self._ids))
            out.append(Finish(self.profile.stop_reasons.get(reason, "other"), reason))
        return out

    def _on_tool_call(self, wire: int, call: Any) -> list[Event]:
        function = optional(call, "function", dict, {})
        name = optional(function, "name", str)
        call_id = optional(call, "id", str)
        index = self._wire.get(wire)
        if index is not None and starts_another_call(self._ids[index], call_id, name):
            index = None
        out: list[Event] = []
        if index is None:
            if not name:
                raise ProtocolError(
                    f"tool-call delta for index {wire}, which was never started (a first delta has a name)"
                )
            index = wire if wire not in self._ids else max([*self._ids, *self._wire]) + 1
            self._wire[wire] = index
            self._ids[index] = call_id
            out.append(ToolCallStart(index, call_id, name))
        arguments = optional(function, "arguments", str, "")
        if arguments:
            out.append(ToolCallDelta(index, arguments))
        return out

    def _on_done(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        self._terminated = True
        return []

    def _on_error(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        if isinstance(event.data, dict) and "error" not in event.data and event.data.get("object") == "error":
            # vLLM before 0.10 sends the error object itself: `{"object": "error", "message", "type", "code"}`
            event = VendorEvent(event.type, {"error": event.data}, event.index, event.offset)
        error = require(event.data, "error", (dict, str))
        # OpenAI's error payload is only `{"error": {...}}`; a compatible server may put the error
        # on a whole chunk (OpenRouter: `finish_reason: "error"`), whose choices still count.
        out = self._chunk(event.data) if isinstance(event.data.get("choices"), list) else []
        if isinstance(error, str):  # some compatible servers send a bare message
            return [*out, ErrorReported("error", error)]
        kind = optional(error, "type", str) or optional(error, "code", (str, int)) or "error"
        return [*out, ErrorReported(str(kind), optional(error, "message", str, ""))]

    def _on_annotation(self, event: VendorEvent) -> list[Event]:
        self._require_open(event)
        return []

    def _require_open(self, event: VendorEvent) -> None:
        if self._terminated:
            raise ProtocolError(f"{event.type} after data: [DONE]")


def starts_another_call(current_id: str | None, call_id: str | None, name: str | None) -> bool:
    """Whether a tool-call delta at an index whose call has `current_id` starts another call.

    Ollama's OpenAI endpoint, SGLang, Dynamo and litellm's Responses bridge send parallel calls
    all at `index: 0`, told apart by id. A new id *with a name* is a call's first delta; a new
    id alone is not (Poolside sends one id with the name and another on every later delta of
    the same call), nor is a repeated name. Shared with `from_openai_chat`, which folds the
    same deltas from a client's chunks.
    """
    return bool(name and call_id and current_id is not None and current_id != call_id)


def _dig(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data
