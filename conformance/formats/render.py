"""Render an assembled `Message` as the vendor's non-streaming response body.

Why: streaming and batch inference must give the same answer shape. A gateway that
streams from the vendor but answers its own clients without streaming (or the reverse)
has to produce exactly this body; the kit validates it against a schema of the vendor's
non-streaming response (`schemas/responses/<vendor>.json`), and `batch.py` reads it back
into an equal `Message`.

Fields a `Message` does not keep (ids, model, timestamps) are parameters with neutral
defaults. Reasoning signatures become the blocks, items or parts that carry them, in their
order: a `Message` keeps one reasoning text, so it goes with the first such block. Only a
vendor's own kinds are rendered (another vendor's token means nothing to it). Reverse maps of
stop reasons use the vendor's own value when the message kept it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from conformance.message import Message

RENDERABLE = ("anthropic", "openai-chat", "openai-responses", "gemini")
"""Vendors whose non-streaming response shape the kit can render."""

_ANTHROPIC_USAGE = {
    "input_tokens": "input_tokens",
    "output_tokens": "output_tokens",
    "cache_read_tokens": "cache_read_input_tokens",
    "cache_write_tokens": "cache_creation_input_tokens",
}
_DEFAULT_STOP = {
    "anthropic": {
        "stop": "end_turn",
        "length": "max_tokens",
        "tool_calls": "tool_use",
        "content_filter": "refusal",
    },
    "openai-chat": {
        "stop": "stop",
        "length": "length",
        "tool_calls": "tool_calls",
        "content_filter": "content_filter",
    },
    "gemini": {"stop": "STOP", "tool_calls": "STOP", "length": "MAX_TOKENS", "content_filter": "SAFETY"},
}


def _stop(message: Message, vendor: str) -> str | None:
    if message.vendor == vendor and message.vendor_stop_reason is not None:
        return message.vendor_stop_reason
    if message.stop_reason is None:
        return None
    return _DEFAULT_STOP[vendor].get(message.stop_reason, _DEFAULT_STOP[vendor]["stop"])


def _own(message: Message, kind: str) -> list[str]:
    """The message's signatures of `kind`: the one kind the target vendor can take back."""
    return [signature.value for signature in message.signatures if signature.kind == kind]


def _usage(message: Message, names: dict[str, str]) -> dict[str, int]:
    usage = message.usage or {}
    return {theirs: usage[ours] for ours, theirs in names.items() if ours in usage}


def anthropic_response(
    message: Message, *, id: str = "msg_rendered", model: str = "claude"
) -> dict[str, Any]:
    content: list[dict[str, Any]] = []
    reasoning = message.reasoning
    if reasoning and not any(s.kind == "signature" for s in message.signatures):
        content.append({"type": "thinking", "thinking": reasoning, "signature": ""})
    for signature in message.signatures:
        if signature.kind == "redacted":
            content.append({"type": "redacted_thinking", "data": signature.value})
        elif signature.kind == "signature":
            content.append({"type": "thinking", "thinking": reasoning, "signature": signature.value})
            reasoning = ""
    if message.text:
        content.append({"type": "text", "text": message.text})
    for call in message.tool_calls:
        content.append({"type": "tool_use", "id": call.id or "", "name": call.name, "input": call.arguments})
    usage = {"input_tokens": 0, "output_tokens": 0, **_usage(message, _ANTHROPIC_USAGE)}
    return {
        "id": id,
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": _stop(message, "anthropic"),
        "stop_sequence": None,
        "usage": usage,
    }


def openai_chat_response(
    message: Message, *, id: str = "chatcmpl-rendered", model: str = "gpt", created: int = 0
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "role": "assistant",
        "content": message.text or None,
        "refusal": message.refusal or None,
    }
    if message.tool_calls:
        body["tool_calls"] = [
            {
                "id": call.id or "",
                "type": "function",
                "function": {"name": call.name, "arguments": json.dumps(call.arguments, ensure_ascii=False)},
            }
            for call in message.tool_calls
        ]
    usage = message.usage or {}
    out: dict[str, Any] = {
        "id": id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [
            {"index": 0, "message": body, "logprobs": None, "finish_reason": _stop(message, "openai-chat")}
        ],
    }
    if "input_tokens" in usage or "output_tokens" in usage:
        rendered: dict[str, Any] = {
            "prompt_tokens": usage.get("input_tokens", 0),
            "completion_tokens": usage.get("output_tokens", 0),
            "total_tokens": usage.get(
                "total_tokens", usage.get("input_tokens", 0) + usage.get("output_tokens", 0)
            ),
        }
        if "cache_read_tokens" in usage:
            rendered["prompt_tokens_details"] = {"cached_tokens": usage["cache_read_tokens"]}
        if "reasoning_tokens" in usage:
            rendered["completion_tokens_details"] = {"reasoning_tokens": usage["reasoning_tokens"]}
        out["usage"] = rendered
    return out


def openai_responses_response(
    message: Message, *, id: str = "resp_rendered", model: str = "gpt", created_at: int = 0
) -> dict[str, Any]:
    output: list[dict[str, Any]] = []
    summary = [{"type": "summary_text", "text": message.reasoning}] if message.reasoning else []
    if summary and not _own(message, "encrypted_content"):
        output.append({"id": "rs_rendered", "type": "reasoning", "summary": summary})
    for n, token in enumerate(_own(message, "encrypted_content")):
        item = {"id": f"rs_rendered_{n}", "type": "reasoning", "summary": summary, "encrypted_content": token}
        output.append(item)
        summary = []
    parts: list[dict[str, Any]] = []
    if message.text:
        parts.append({"type": "output_text", "text": message.text, "annotations": []})
    if message.refusal:
        parts.append({"type": "refusal", "refusal": message.refusal})
    if parts:
        output.append(
            {
                "id": "msg_rendered",
                "type": "message",
                "role": "assistant",
                "status": "completed",
                "content": parts,
            }
        )
    for n, call in enumerate(message.tool_calls):
        output.append(
            {
                "id": f"fc_rendered_{n}",
                "type": "function_call",
                "status": "completed",
                "call_id": call.id or "",
                "name": call.name,
                "arguments": json.dumps(call.arguments, ensure_ascii=False),
            }
        )
    status = {"length": "incomplete", "content_filter": "incomplete", "error": "failed"}.get(
        message.stop_reason or "", "completed"
    )
    usage = message.usage or {}
    return {
        "id": id,
        "object": "response",
        "created_at": created_at,
        "status": status,
        "error": dict(message.error) if message.error else None,
        "incomplete_details": {
            "reason": "max_output_tokens" if message.stop_reason == "length" else "content_filter"
        }
        if status == "incomplete"
        else None,
        "model": model,
        "output": output,
        "usage": {
            "input_tokens": usage.get("input_tokens", 0),
            "output_tokens": usage.get("output_tokens", 0),
            "total_tokens": usage.get(
                "total_tokens", usage.get("input_tokens", 0) + usage.get("output_tokens", 0)
            ),
            "input_tokens_details": {"cached_tokens": usage.get("cache_read_tokens", 0)},
            "output_tokens_details": {"reasoning_tokens": usage.get("reasoning_tokens", 0)},
        },
    }


def gemini_response(
    message: Message, *, model_version: str = "gemini", response_id: str = "rendered"
) -> dict[str, Any]:
    parts: list[dict[str, Any]] = []
    if message.reasoning:
        parts.append({"text": message.reasoning, "thought": True})
    if message.text:
        parts.append({"text": message.text})
    for call in message.tool_calls:
        function_call: dict[str, Any] = {"name": call.name, "args": call.arguments}
        if call.id:
            function_call["id"] = call.id
        part: dict[str, Any] = {"functionCall": function_call}
        if call.signature is not None:
            part["thoughtSignature"] = call.signature
        parts.append(part)
    for token in _own(message, "thought_signature"):  # as Gemini 3 ends a turn: an empty text part
        parts.append({"text": "", "thoughtSignature": token})
    candidate: dict[str, Any] = {"content": {"parts": parts, "role": "model"}, "index": 0}
    stop = _stop(message, "gemini")
    if stop is not None:
        candidate["finishReason"] = stop
    out: dict[str, Any] = {
        "candidates": [candidate],
        "modelVersion": model_version,
        "responseId": response_id,
    }
    if message.usage:
        names = {
            "input_tokens": "promptTokenCount",
            "output_tokens": "candidatesTokenCount",
            "total_tokens": "totalTokenCount",
            "reasoning_tokens": "thoughtsTokenCount",
            "cache_read_tokens": "cachedContentTokenCount",
        }
        out["usageMetadata"] = _usage(message, names)
    return out


RENDERERS: dict[str, Callable[..., dict[str, Any]]] = {
    "anthropic": anthropic_response,
    "openai-chat": openai_chat_response,
    "openai-responses": openai_responses_response,
    "gemini": gemini_response,
}


def to_vendor_response(message: Message, vendor: str | None = None, **ids: Any) -> dict[str, Any]:
    """`message` as `vendor`'s (default: its own vendor's) non-streaming response body."""
    target = vendor or message.vendor
    try:
        render = RENDERERS[target]
    except KeyError:
        raise ValueError(
            f"cannot render a {target!r} response; renderable: {', '.join(RENDERABLE)}"
        ) from None
    return render(message, **ids)
