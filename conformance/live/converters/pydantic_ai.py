"""pydantic-ai's `ModelResponse` as the kit's `Message`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.adapters._payload import usage_from
from conformance.live.converters.common import (
    STOP_MEANS_CALLS,
    finish_message,
    plain,
    tool_call,
)
from conformance.message import Message, Signature

# pydantic-ai `RequestUsage` (pydantic_ai/usage.py) -> normalized keys; `details` holds the
# vendor's other integers (`reasoning_tokens` for OpenAI).
PYDANTIC_AI_USAGE = {
    "input_tokens": "input_tokens",
    "output_tokens": "output_tokens",
    "details.reasoning_tokens": "reasoning_tokens",
    "details.thoughts_tokens": "reasoning_tokens",  # GoogleModel's name for it
    "cache_read_tokens": "cache_read_tokens",
    "cache_write_tokens": "cache_write_tokens",
}

# pydantic-ai `FinishReason` (pydantic_ai/messages.py, already normalized) -> the kit's.
PYDANTIC_AI_STOP_REASONS = {
    "stop": "stop",
    "length": "length",
    "content_filter": "content_filter",
    "tool_call": "tool_calls",
    "error": "error",
}


def from_pydantic_ai(result: Any, *, vendor: str, complete: bool | None = None) -> Message:
    """A pydantic-ai `ModelResponse` (from `StreamedResponse.get()`, `agent.run(...)`'s last
    message) as a Message.

    `TextPart` -> text, `ThinkingPart` -> reasoning and its `signature` -> signatures
    (`SIGNATURE_KIND`), `ToolCallPart` -> tool calls (`args` a string or a dict);
    `finish_reason` (already normalized by pydantic-ai: `PYDANTIC_AI_STOP_REASONS`; `stop` with
    a call is `tool_calls` for `STOP_MEANS_CALLS`) is the stop reason and
    `provider_details["finish_reason"]` the vendor's own; `usage` maps with `PYDANTIC_AI_USAGE`,
    as reported: pydantic-ai's `RequestUsage` has every key, 0 when the vendor sent none (a
    difference to declare).
    """
    response = plain(result) if not _is_dataclass(result) else _dataclass_plain(result)
    text: list[str] = []
    reasoning: list[str] = []
    calls = []
    signatures: list[Signature] = []
    for part in response.get("parts") or ():
        kind = part.get("part_kind")
        if kind == "text":
            text.append(part.get("content") or "")
        elif kind == "thinking":
            reasoning.append(part.get("content") or "")
            signature = _signature(part, vendor)
            if signature is not None:
                signatures.append(signature)
        elif kind == "tool-call":
            calls.append(tool_call(part.get("tool_call_id"), part.get("tool_name"), part.get("args")))
    details = response.get("provider_details") or {}
    reason = details.get("finish_reason") if isinstance(details, Mapping) else None
    normalized = PYDANTIC_AI_STOP_REASONS.get(response.get("finish_reason") or "")
    if normalized == "stop" and calls and vendor in STOP_MEANS_CALLS:
        normalized = "tool_calls"
    usage_raw = response.get("usage")
    usage = usage_from(usage_raw, PYDANTIC_AI_USAGE) if isinstance(usage_raw, Mapping) else None
    return finish_message(
        vendor,
        str(reason) if reason else None,
        {},
        text="".join(text),
        reasoning="".join(reasoning),
        calls=calls,
        usage=usage,
        complete=complete if complete is not None else normalized is not None,
        stop_reason=normalized,
        signatures=signatures,
    )


SIGNATURE_KIND = {
    "anthropic": "signature",
    "bedrock-converse": "signature",
    "bedrock-invoke": "signature",
    "openai-responses": "encrypted_content",
    "gemini": "thought_signature",
    "vertex": "thought_signature",
}
"""Vendor -> what pydantic-ai's `ThinkingPart.signature` holds there (its docstring says which
field each provider's is)."""

REDACTED_IDS = frozenset({"redacted_thinking", "redacted_content"})
"""`ThinkingPart.id`s of a block whose reasoning the vendor hid: pydantic-ai keeps the block's
data as its `signature` (Anthropic's `redacted_thinking`, Bedrock's `redacted_content`)."""


def _signature(part: Mapping[str, Any], vendor: str) -> Signature | None:
    value = part.get("signature")
    if not isinstance(value, str) or vendor not in SIGNATURE_KIND:
        return None
    return Signature("redacted" if part.get("id") in REDACTED_IDS else SIGNATURE_KIND[vendor], value)


def _is_dataclass(value: Any) -> bool:
    return hasattr(type(value), "__dataclass_fields__")


def _dataclass_plain(value: Any) -> Any:
    """A dataclass tree (pydantic-ai's messages are dataclasses) as plain data; no `asdict`,
    which deep-copies values it cannot always copy."""
    if _is_dataclass(value):
        data = {name: _dataclass_plain(getattr(value, name)) for name in type(value).__dataclass_fields__}
        return data
    if isinstance(value, Mapping):
        return {key: _dataclass_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_dataclass_plain(item) for item in value]
    return value
