"""The anthropic SDK's `Message` as the kit's `Message`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.anthropic import STOP_REASONS as ANTHROPIC_STOP_REASONS
from conformance.adapters.anthropic import USAGE_FIELDS as ANTHROPIC_USAGE
from conformance.live.converters.common import (
    finish_message,
    plain,
    tool_call,
)
from conformance.message import Message, Signature, ToolResult


def from_anthropic(result: Any, *, vendor: str = "anthropic", complete: bool | None = None) -> Message:
    """An Anthropic `Message` (`stream.get_final_message()`, `messages.create()`) as a Message.

    `text` blocks -> text (their `citations` -> citations), `thinking` -> reasoning (its
    `signature`, and a `redacted_thinking` block's `data`, -> signatures), `tool_use` -> tool
    calls, `server_tool_use` -> server tool calls (the API runs them), `*_tool_result` blocks ->
    server tool results; `stop_reason` and `usage` through the adapter's tables.
    """
    message = plain(result)
    text: list[str] = []
    reasoning: list[str] = []
    calls = []
    server_calls = []
    server_results = []
    citations: list[Mapping[str, Any]] = []
    signatures = []
    for block in message.get("content") or ():
        kind = block.get("type") or ""
        if kind == "text":
            text.append(block.get("text") or "")
            citations += block.get("citations") or ()
        elif kind == "thinking":
            reasoning.append(block.get("thinking") or "")
            if block.get("signature"):
                signatures.append(Signature("signature", block["signature"]))
        elif kind == "redacted_thinking":
            signatures.append(Signature("redacted", block.get("data") or ""))
        elif kind == "tool_use":
            calls.append(tool_call(block.get("id"), block.get("name"), block.get("input")))
        elif kind == "server_tool_use":
            server_calls.append(tool_call(block.get("id"), block.get("name"), block.get("input")))
        elif kind.endswith("_tool_result"):
            server_results.append(ToolResult(block.get("tool_use_id"), kind, block.get("content")))
    usage = message.get("usage")
    return finish_message(
        vendor,
        message.get("stop_reason"),
        ANTHROPIC_STOP_REASONS,
        text="".join(text),
        reasoning="".join(reasoning),
        calls=calls,
        usage=usage_from(usage, ANTHROPIC_USAGE) if isinstance(usage, Mapping) else None,
        complete=complete,
        server_calls=server_calls,
        server_results=server_results,
        citations=citations,
        signatures=signatures,
    )
