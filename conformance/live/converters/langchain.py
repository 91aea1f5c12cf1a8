"""LangChain's `AIMessage` / `AIMessageChunk` as the kit's `Message`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.adapters._payload import usage_from
from conformance.live.converters.common import (
    REASONING_FIELDS,
    STOP_MEANS_CALLS,
    finish_message,
    plain,
    stop_table,
    tool_call,
)
from conformance.live.converters.openai import responses_stop
from conformance.message import Message

# LangChain `UsageMetadata` (langchain_core/messages/ai.py) -> normalized keys. LangChain's
# `input_tokens` is the vendor's prompt size *including* cache reads and writes (langchain-
# anthropic adds them up); it is mapped as LangChain reports it, never corrected here.
LANGCHAIN_USAGE = {
    "input_tokens": "input_tokens",
    "output_tokens": "output_tokens",
    "total_tokens": "total_tokens",
    "output_token_details.reasoning": "reasoning_tokens",
    "input_token_details.cache_read": "cache_read_tokens",
    "input_token_details.cache_creation": "cache_write_tokens",
}


def from_langchain(result: Any, *, vendor: str, complete: bool | None = None) -> Message:
    """A LangChain `AIMessage` or `AIMessageChunk` (chunks summed with `+`) as a Message.

    `content` (a string, or blocks: `text`, `thinking` and `reasoning` -> reasoning) gives the
    text; `additional_kwargs` `reasoning_content`/`refusal` are read too; `tool_calls` (parsed
    `args`) and `invalid_tool_calls` (raw `args` text) are the tool calls, in that order;
    `usage_metadata` maps with `LANGCHAIN_USAGE`; the vendor stop reason is
    `response_metadata` `finish_reason` or `stop_reason`, normalized with `vendor`'s table.
    """
    message = plain(result)
    text: list[str] = []
    reasoning: list[str] = []
    content = message.get("content")
    if isinstance(content, str):
        text.append(content)
    refusal = []
    for block in content if isinstance(content, list) else ():
        if isinstance(block, str):
            text.append(block)
        elif block.get("type") == "text":
            text.append(block.get("text") or "")
        elif block.get("type") == "refusal":
            refusal.append(block.get("refusal") or "")
        elif block.get("type") == "thinking":
            reasoning.append(block.get("thinking") or "")
        elif block.get("type") == "reasoning":
            summary = block.get("summary") or ()
            reasoning.append(block.get("reasoning") or "".join(s.get("text") or "" for s in summary))
    extra = message.get("additional_kwargs") or {}
    for name in REASONING_FIELDS:
        if isinstance(extra.get(name), str) and not reasoning:
            reasoning.append(extra[name])
    calls = [tool_call(c.get("id"), c.get("name"), c.get("args")) for c in message.get("tool_calls") or ()]
    calls += [
        tool_call(c.get("id"), c.get("name"), c.get("args")) for c in message.get("invalid_tool_calls") or ()
    ]
    metadata = message.get("response_metadata") or {}
    reason = metadata.get("finish_reason") or metadata.get("stop_reason")
    stop = None
    if reason is None and metadata.get("status"):  # langchain-openai on the Responses API
        reason, stop = responses_stop(metadata, bool(calls))
    elif reason is not None:
        stop = stop_table(vendor).get(reason, "other")
        stop = "tool_calls" if stop == "stop" and calls and vendor in STOP_MEANS_CALLS else stop
    if isinstance(extra.get("refusal"), str):
        refusal.append(extra["refusal"])
    usage = message.get("usage_metadata")
    return finish_message(
        vendor,
        reason,
        {},
        text="".join(text),
        reasoning="".join(reasoning),
        refusal="".join(refusal),
        calls=calls,
        usage=usage_from(usage, LANGCHAIN_USAGE) if isinstance(usage, Mapping) else None,
        complete=complete,
        stop_reason=stop,
    )
