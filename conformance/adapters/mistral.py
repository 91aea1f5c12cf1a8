"""Mistral chat completions streaming (`POST /v1/chat/completions`, `"stream": true`).

Wire format (docs: https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post;
SDK: mistralai/client-python `models/deltamessage.py`, `models/toolcall.py`,
`models/thinkchunk.py`): the OpenAI chunk shape, so this is the `openai-chat` adapter under
a profile, plus what Mistral does that no other profile does:

- `delta.content` is a string, or (reasoning models, Magistral) a list of content chunks:
  `{"type": "text", "text"}` and `{"type": "thinking", "thinking": [{"type": "text",
  "text"}]}`; other chunk types (references, images) carry no normalized field.
- A tool call arrives whole in one delta (`id`, `function.name`, `function.arguments`,
  `index`), usually in the chunk that also carries `finish_reason` and `usage`; the SDK
  types `arguments` as a JSON string *or* an object, and an object is taken whole. Calls
  streamed in 2024 had no `index`; the SDK reads them (`ToolCall.index` defaults to 0,
  `models/toolcall.py`), and so does the adapter.
- `finish_reason` adds `model_length` (the context window) and `error`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from conformance.adapters._payload import optional, require
from conformance.adapters.openai_chat import STOP_REASONS, ChatProfile, OpenAIChatAdapter
from conformance.events import Event, ReasoningDelta, TextDelta, ToolCallArguments

MISTRAL = ChatProfile(
    name="mistral",
    # mistralai/client-python `models/finishreason.py`
    stop_reasons={**STOP_REASONS, "model_length": "length", "error": "error"},
    description="Mistral chat completions (SSE; content chunks with thinking, whole tool calls)",
    tool_call_index_default=0,
)


class MistralAdapter(OpenAIChatAdapter):
    vendor = "mistral"
    description = MISTRAL.description
    profile: ClassVar[ChatProfile] = MISTRAL
    schemas_from = OpenAIChatAdapter.vendor

    def _on_choice(self, choice: Any) -> list[Event]:
        delta = optional(choice, "delta", dict, {})
        content = delta.get("content")
        if not isinstance(content, list):
            return super()._on_choice(choice)
        out = [event for chunk in content for event in _content_chunk(chunk)]
        return out + super()._on_choice({**choice, "delta": {**delta, "content": None}})

    def _on_tool_call(self, index: int, call: Any) -> list[Event]:
        function = optional(call, "function", dict, {})
        arguments = function.get("arguments")
        if not isinstance(arguments, dict):
            return super()._on_tool_call(index, call)
        out = super()._on_tool_call(index, {**call, "function": {**function, "arguments": ""}})
        return [*out, ToolCallArguments(index, arguments)]


def _content_chunk(chunk: Any) -> list[Event]:
    kind = require(chunk, "type", str)
    if kind == "text":
        text = require(chunk, "text", str)
        return [TextDelta(text)] if text else []
    if kind == "thinking":
        out: list[Event] = []
        for inner in require(chunk, "thinking", list):
            if optional(inner, "type", str) == "text":
                text = require(inner, "text", str)
                if text:
                    out.append(ReasoningDelta(text))
        return out
    return []
