"""Non-streaming answers and batch result files, read into the same `Message` as streams.

A workflow that spans real-time and async inference must be able to compare the two: the
message a stream assembles and the message a batch job (or a plain non-streaming call)
returned for the same request. Sans-IO: functions over bytes and parsed JSON.

Formats (documentation):
- Anthropic Message object: https://docs.anthropic.com/en/api/messages (response body).
- Anthropic Message Batches results, JSONL, one `{"custom_id", "result": {"type":
  "succeeded"|"errored"|"canceled"|"expired", "message"|"error"}}` a line:
  https://docs.anthropic.com/en/api/retrieving-message-batch-results
- OpenAI chat.completion: https://platform.openai.com/docs/api-reference/chat/object
- OpenAI Responses `response` object: https://platform.openai.com/docs/api-reference/responses/object
- OpenAI Batch output, JSONL, one `{"id", "custom_id", "response": {"status_code",
  "request_id", "body"}, "error"}` a line: https://platform.openai.com/docs/guides/batch
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from conformance.adapters import anthropic as anthropic_adapter
from conformance.adapters import gemini as gemini_adapter
from conformance.adapters import openai_chat as chat_adapter
from conformance.adapters import openai_responses_types as responses_adapter
from conformance.adapters._payload import usage_from
from conformance.errors import VendorEventError
from conformance.json.partial import IncompleteJSON, parse_complete
from conformance.message import Message, Signature, ToolCall


class BatchFormatError(VendorEventError):
    """A batch result line or a non-streaming body that is not in the vendor's format."""


def message_from_anthropic(message: Mapping[str, Any]) -> Message:
    """A non-streaming Anthropic Message object as a `Message`."""
    text, reasoning, calls, signatures = [], [], [], []
    for block in message.get("content") or []:
        kind = block.get("type")
        if kind == "text":
            text.append(block.get("text", ""))
        elif kind == "thinking":
            reasoning.append(block.get("thinking", ""))
            if block.get("signature"):
                signatures.append(Signature("signature", block["signature"]))
        elif kind == "redacted_thinking":
            signatures.append(Signature("redacted", block.get("data", "")))
        elif kind == "tool_use":
            calls.append(ToolCall(block.get("id"), block["name"], block.get("input", {})))
    reason = message.get("stop_reason")
    usage = message.get("usage")
    return Message(
        vendor="anthropic",
        text="".join(text),
        reasoning="".join(reasoning),
        tool_calls=tuple(calls),
        stop_reason=anthropic_adapter.STOP_REASONS.get(reason, "other") if reason else None,
        vendor_stop_reason=reason,
        usage=usage_from(usage, anthropic_adapter.USAGE_FIELDS) if isinstance(usage, dict) else None,
        complete=True,
        signatures=tuple(signatures),
    )


def message_from_openai_chat(completion: Mapping[str, Any], *, vendor: str = "openai-chat") -> Message:
    """A `chat.completion` object (choice 0) as a `Message`."""
    choices = completion.get("choices") or []
    choice: Mapping[str, Any] = next((c for c in choices if c.get("index", 0) == 0), {})
    body = choice.get("message") or {}
    calls = []
    for call in body.get("tool_calls") or []:
        function = call.get("function") or {}
        raw = function.get("arguments") or ""
        try:
            calls.append(ToolCall(call.get("id"), function.get("name", ""), parse_complete(raw)))
        except IncompleteJSON:
            calls.append(ToolCall(call.get("id"), function.get("name", ""), None, arguments_json=raw))
    reason = choice.get("finish_reason")
    usage = completion.get("usage")
    return Message(
        vendor=vendor,
        text=body.get("content") or "",
        refusal=body.get("refusal") or "",
        tool_calls=tuple(calls),
        stop_reason=chat_adapter.STOP_REASONS.get(reason, "other") if reason else None,
        vendor_stop_reason=reason,
        usage=usage_from(usage, chat_adapter.USAGE_FIELDS) if isinstance(usage, dict) else None,
        complete=True,
    )


def message_from_openai_response(response: Mapping[str, Any]) -> Message:
    """A Responses API `response` object as a `Message` (what `response.completed` carries)."""
    text: list[str] = []
    reasoning: list[str] = []
    refusal: list[str] = []
    calls: list[ToolCall] = []
    signatures: list[Signature] = []
    for item in response.get("output") or []:
        kind = item.get("type")
        if kind == "message":
            for part in item.get("content") or []:
                if part.get("type") == "output_text":
                    text.append(part.get("text", ""))
                elif part.get("type") == "refusal":
                    refusal.append(part.get("refusal", ""))
        elif kind == "reasoning":  # raw reasoning text where the model shares it, else the summary
            parts = item.get("content") or item.get("summary") or []
            reasoning.extend(part.get("text", "") for part in parts)
            if isinstance(item.get("encrypted_content"), str):
                signatures.append(Signature("encrypted_content", item["encrypted_content"]))
        elif kind == "function_call":
            raw = item.get("arguments") or ""
            try:
                calls.append(ToolCall(item.get("call_id"), item.get("name", ""), parse_complete(raw)))
            except IncompleteJSON:
                calls.append(ToolCall(item.get("call_id"), item.get("name", ""), None, arguments_json=raw))
    status = response.get("status")
    incomplete = (response.get("incomplete_details") or {}).get("reason")
    error = response.get("error")
    stop: str | None
    vendor_reason: str | None
    if status == "completed":
        stop, vendor_reason = ("tool_calls" if calls else "stop"), "completed"
    elif status == "incomplete":
        stop = responses_adapter.INCOMPLETE_REASONS.get(incomplete or "", "other")
        vendor_reason = incomplete or "incomplete"
    elif status == "failed":
        stop, vendor_reason = "error", "failed"
    else:
        stop, vendor_reason = None, status
    usage = response.get("usage")
    return Message(
        vendor="openai-responses",
        text="".join(text),
        reasoning="".join(reasoning),
        refusal="".join(refusal),
        tool_calls=tuple(calls),
        stop_reason=stop,
        vendor_stop_reason=vendor_reason,
        usage=usage_from(usage, responses_adapter.USAGE_FIELDS) if isinstance(usage, dict) else None,
        error={
            "type": str(error.get("code") or error.get("type") or "error"),
            "message": str(error.get("message", "")),
        }
        if isinstance(error, dict)
        else None,
        # A terminal `incomplete` response ends the stream as the vendor meant it to.
        complete=status in ("completed", "incomplete"),
        signatures=tuple(signatures),
    )


def message_from_gemini(response: Mapping[str, Any]) -> Message:
    """A non-streaming `GenerateContentResponse` (candidate 0) as a `Message`."""
    candidates = response.get("candidates") or []
    candidate: Mapping[str, Any] = next((c for c in candidates if c.get("index", 0) == 0), {})
    text: list[str] = []
    reasoning: list[str] = []
    calls: list[ToolCall] = []
    signatures: list[Signature] = []
    for part in (candidate.get("content") or {}).get("parts") or []:
        signature = part.get("thoughtSignature")
        if "functionCall" in part:
            call = part["functionCall"]
            calls.append(ToolCall(call.get("id"), call["name"], call.get("args", {}), signature=signature))
            continue
        if "text" in part:
            (reasoning if part.get("thought") else text).append(part["text"])
        if signature is not None:
            signatures.append(Signature("thought_signature", signature))
    reason = candidate.get("finishReason")
    stop = gemini_adapter.STOP_REASONS.get(reason, "other") if reason else None
    if stop == "stop" and calls:
        stop = "tool_calls"
    usage = response.get("usageMetadata")
    return Message(
        vendor="gemini",
        text="".join(text),
        reasoning="".join(reasoning),
        tool_calls=tuple(calls),
        stop_reason=stop,
        vendor_stop_reason=reason,
        usage=usage_from(usage, gemini_adapter.USAGE_FIELDS) if isinstance(usage, dict) else None,
        complete=reason is not None,
        signatures=tuple(signatures),
    )


def _errored(vendor: str, kind: str, message: str) -> Message:
    return Message(vendor=vendor, stop_reason="error", error={"type": kind, "message": message})


def _jsonl(data: bytes, what: str) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    offset = 0
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        if line.strip():
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise BatchFormatError(
                    f"{what} line {number} is not JSON: {exc}", vendor=what, offset=offset
                ) from None
            if not isinstance(row, dict) or "custom_id" not in row:
                raise BatchFormatError(f"{what} line {number} has no custom_id", vendor=what, offset=offset)
            rows.append((offset, row))
        offset += len(line)
    return rows


def anthropic_batch_results(data: bytes) -> dict[str, Message]:
    """An Anthropic Message Batches results file: custom_id -> Message.

    `errored` results become messages with `error` set; `canceled` and `expired` ones
    become messages with `stop_reason` "cancelled" / "other" and `complete: false`.
    """
    out: dict[str, Message] = {}
    for offset, row in _jsonl(data, "anthropic-batch"):
        result = row.get("result") or {}
        kind = result.get("type")
        if kind == "succeeded":
            out[row["custom_id"]] = message_from_anthropic(result.get("message") or {})
        elif kind == "errored":
            error = (result.get("error") or {}).get("error") or result.get("error") or {}
            out[row["custom_id"]] = _errored(
                "anthropic", error.get("type", "error"), error.get("message", "")
            )
        elif kind in ("canceled", "expired"):
            stop = "cancelled" if kind == "canceled" else "other"
            out[row["custom_id"]] = Message(vendor="anthropic", stop_reason=stop, vendor_stop_reason=kind)
        else:
            raise BatchFormatError(
                f"unknown batch result type {kind!r}", vendor="anthropic-batch", offset=offset
            )
    return out


def openai_batch_output(data: bytes) -> dict[str, Message]:
    """An OpenAI Batch output (or error) file: custom_id -> Message.

    The body of each response is read by its `object`: `chat.completion` (Chat
    Completions) or `response` (Responses API).
    """
    out: dict[str, Message] = {}
    for offset, row in _jsonl(data, "openai-batch"):
        custom_id = row["custom_id"]
        error = row.get("error")
        response = row.get("response") or {}
        body = response.get("body") or {}
        if isinstance(error, dict):
            out[custom_id] = _errored(
                "openai", str(error.get("code", "error")), str(error.get("message", ""))
            )
        elif isinstance(body.get("error"), dict):
            err = body["error"]
            vendor = "openai-responses" if "/responses" in str(row.get("url", "")) else "openai-chat"
            out[custom_id] = _errored(
                vendor, str(err.get("type") or err.get("code")), str(err.get("message", ""))
            )
        elif body.get("object") == "chat.completion":
            out[custom_id] = message_from_openai_chat(body)
        elif body.get("object") == "response":
            out[custom_id] = message_from_openai_response(body)
        else:
            raise BatchFormatError(
                f"batch line for {custom_id!r}: body object {body.get('object')!r} is neither "
                "chat.completion nor response",
                vendor="openai-batch",
                offset=offset,
            )
    return out
