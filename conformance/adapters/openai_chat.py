"""OpenAI Chat Completions streaming (`POST /v1/chat/completions`, `"stream": true`).

Wire format (docs: https://platform.openai.com/docs/api-reference/chat-streaming; SDK:
openai-python `lib/streaming/chat/_completions.py`, `ChatCompletionStreamState`): SSE with
no `event:` field; each `data:` is a `chat.completion.chunk`, and `data: [DONE]` is the
terminator. `choices[0].delta` carries `content`, `refusal` and `tool_calls[]` keyed by
`index` (id and name only in a call's first delta, arguments as JSON-text fragments);
`finish_reason` comes on a later chunk; with `stream_options.include_usage` a last chunk
has `choices: []` and `usage`. An error mid-stream arrives as `data: {"error": {...}}`.

Only choice 0 is assembled (a `Message` is one answer); chunks for other choices (`n > 1`)
are skipped. OpenAI-compatible servers are *profiles* of this adapter: data that says
which extra delta fields carry reasoning and where usage hides (`profiles.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from conformance.adapters._base import Handler, SSEAdapter, VendorEvent, optional, require, usage_from
from conformance.errors import ProtocolError
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

# https://platform.openai.com/docs/api-reference/chat/object (choices[].finish_reason)
STOP_REASONS = {
    "stop": "stop",
    "length": "length",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
    "content_filter": "content_filter",
    "error": "error",
}

# CompletionUsage -> normalized keys.
USAGE_FIELDS = {
    "prompt_tokens": "input_tokens",
    "completion_tokens": "output_tokens",
    "total_tokens": "total_tokens",
    "completion_tokens_details.reasoning_tokens": "reasoning_tokens",
    "prompt_tokens_details.cached_tokens": "cache_read_tokens",
}

DONE = "[DONE]"
CHUNK = "chunk"
"""The vendor event type given to every JSON chunk (the wire has no `event:` names)."""
DONE_EVENT = "done"
ERROR_EVENT = "error"


@dataclass(frozen=True)
class ChatProfile:
    """What an OpenAI-compatible server does differently, as data."""

    name: str
    reasoning_fields: tuple[str, ...] = ()
    """`delta` keys that carry reasoning text (DeepSeek `reasoning_content`, OpenRouter `reasoning`)."""
    usage_paths: tuple[str, ...] = ("usage",)
    """Where a chunk's usage object may sit (Groq: `x_groq.usage`)."""
    usage_fields: Mapping[str, str] = field(default_factory=lambda: dict(USAGE_FIELDS))
    description: str = ""


OPENAI = ChatProfile(name="openai-chat", description="OpenAI Chat Completions (SSE)")


class OpenAIChatAdapter(SSEAdapter):
    vendor = "openai-chat"
    description = OPENAI.description
    profile: ClassVar[ChatProfile] = OPENAI

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._started = False
        self._calls: set[int] = set()
        self._finished = False

    def event_type(self, sse: ServerSentEvent, payload: Any) -> str:
        if payload is DONE:
            return DONE_EVENT
        if isinstance(payload, dict) and "error" in payload and "choices" not in payload:
            return ERROR_EVENT
        return CHUNK

    def _json(self, sse: ServerSentEvent) -> Any:
        if sse.data == DONE:
            return DONE
        return super()._json(sse)

    def _handler_table(self) -> Mapping[str, Handler]:
        return {CHUNK: self._on_chunk, DONE_EVENT: self._on_done, ERROR_EVENT: self._on_error}

    def _on_chunk(self, event: VendorEvent) -> list[Event]:
        if self._terminated:
            raise ProtocolError("a chunk after data: [DONE]")
        chunk = event.data
        out: list[Event] = []
        if not self._started:
            self._started = True
            out.append(StreamStart(self.vendor, optional(chunk, "model", str), optional(chunk, "id", str)))
        for choice in require(chunk, "choices", list):
            if optional(choice, "index", int, 0) == 0:
                out.extend(self._on_choice(choice))
        for path in self.profile.usage_paths:
            usage = _dig(chunk, path)
            if isinstance(usage, dict):
                out.append(UsageUpdate(usage_from(usage, self.profile.usage_fields), replace=True))
        return out

    def _on_choice(self, choice: Any) -> list[Event]:
        out: list[Event] = []
        delta = optional(choice, "delta", dict, {})
        content = optional(delta, "content", str)
        for name in self.profile.reasoning_fields:
            reasoning = optional(delta, name, str)
            if reasoning:
                out.append(ReasoningDelta(reasoning))
        if content:
            out.append(TextDelta(content))
        refusal = optional(delta, "refusal", str)
        if refusal:
            out.append(RefusalDelta(refusal))
        for call in optional(delta, "tool_calls", list, []):
            out.extend(self._on_tool_call(call))
        reason = optional(choice, "finish_reason", str)
        if reason is not None:
            out.extend(ToolCallEnd(index) for index in sorted(self._calls))
            out.append(Finish(STOP_REASONS.get(reason, "other"), reason))
            self._finished = True
        return out

    def _on_tool_call(self, call: Any) -> list[Event]:
        index = require(call, "index", int)
        function = optional(call, "function", dict, {})
        arguments = optional(function, "arguments", str, "")
        out: list[Event] = []
        if index not in self._calls:
            name = optional(function, "name", str)
            if name is None:
                raise ProtocolError(f"tool-call delta for index {index}, which was never started (no name)")
            self._calls.add(index)
            out.append(ToolCallStart(index, optional(call, "id", str), name))
        if arguments:
            out.append(ToolCallDelta(index, arguments))
        return out

    def _on_done(self, event: VendorEvent) -> list[Event]:
        if self._terminated:
            raise ProtocolError("a second data: [DONE]")
        self._terminated = True
        return []

    def _on_error(self, event: VendorEvent) -> list[Event]:
        error = require(event.data, "error", dict)
        kind = optional(error, "type", str) or optional(error, "code", (str, int)) or "error"
        return [ErrorReported(str(kind), optional(error, "message", str, ""))]


def _dig(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data
