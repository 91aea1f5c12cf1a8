"""Converters: the result types users hold, from the libraries they use, to the kit's `Message`.

A whole-client suite (`request(base_url)`) ends with the library's own result: an OpenAI
`ChatCompletion` or its `ChatCompletionChunk`s, an Anthropic `Message`, google-genai
`GenerateContentResponse`s, an OpenAI Responses `Response`, a LangChain `AIMessage`, a
pydantic-ai `ModelResponse`. Each `from_*` function maps one of them onto `Message`, with the
vendor's own stop-reason and usage tables (the adapters' tables, so a converter and the
reference parser name a field the same way), and nothing else: what a library invents,
drops or renames stays visible for the checks to judge.

Duck-typed: a result is read as the JSON its model dumps (`model_dump(mode="json", exclude_unset=True,
by_alias=True)`, which keeps the extra fields vendors send beyond the SDK's types), or as a
plain mapping in that shape; no library is imported here. A result type has no terminator,
so `complete` is "a stop reason was reported" unless the caller says otherwise
(`complete=`). Mapping tables per vendor: docs/ecosystem.md.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Iterable, Mapping
from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.anthropic import STOP_REASONS as ANTHROPIC_STOP_REASONS
from conformance.adapters.anthropic import USAGE_FIELDS as ANTHROPIC_USAGE
from conformance.adapters.gemini import NO_FINISH
from conformance.adapters.gemini import STOP_REASONS as GEMINI_STOP_REASONS
from conformance.adapters.gemini import USAGE_FIELDS as GEMINI_USAGE
from conformance.adapters.mistral import MISTRAL
from conformance.adapters.openai_chat import OPENAI, ChatProfile
from conformance.adapters.openai_responses_types import INCOMPLETE_REASONS, SERVER_CALL_ITEMS
from conformance.adapters.openai_responses_types import USAGE_FIELDS as RESPONSES_USAGE
from conformance.adapters.profiles import PROFILES
from conformance.message import Message, Signature, ToolCall, ToolResult

__all__ = [
    "CHAT_PROFILES",
    "LANGCHAIN_USAGE",
    "PYDANTIC_AI_STOP_REASONS",
    "PYDANTIC_AI_USAGE",
    "from_anthropic",
    "from_gemini",
    "from_langchain",
    "from_openai_chat",
    "from_openai_response",
    "from_pydantic_ai",
    "plain",
]

CHAT_PROFILES: dict[str, ChatProfile] = {p.name: p for p in (OPENAI, MISTRAL, *PROFILES)}
"""OpenAI-compatible vendors -> their profile (stop reasons, usage fields and places)."""

REASONING_FIELDS = ("reasoning_content", "reasoning")
"""`delta`/`message` keys holding reasoning text, tried after the profile's own: DeepSeek's and
xAI's `reasoning_content` is what litellm puts every vendor's reasoning in."""

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

RESPONSES_CALL_ITEMS = ("function_call", "custom_tool_call")

STOP_MEANS_CALLS = frozenset({"gemini", "vertex", "openai-responses"})
"""Vendors whose plain stop also ends a turn of tool calls (Gemini's `STOP`, Responses'
`completed`): with a call in the message it reads as `tool_calls`, as in their adapters."""


def plain(result: Any) -> Any:
    """`result` as JSON-shaped data: a mapping as is, a pydantic model (v2 or v1) dumped with
    its aliases and extra fields, a list item by item; TypeError for anything else."""
    if isinstance(result, Mapping):
        return dict(result)
    if isinstance(result, (str, int, float, bool)) or result is None:
        return result
    if isinstance(result, (list, tuple)):
        return [plain(item) for item in result]
    dump = getattr(result, "model_dump", None)
    if callable(dump):
        try:
            return dump(mode="json", by_alias=True, exclude_unset=True, warnings=False)
        except TypeError:  # a model overriding model_dump with fewer options (litellm's)
            return dump()
    dump = getattr(result, "dict", None) or getattr(result, "to_dict", None)
    if callable(dump):
        return dump()
    raise TypeError(f"cannot read a {type(result).__qualname__}: expected a mapping or a pydantic model")


def _arguments(raw: Any) -> tuple[Any, str | None]:
    """Tool arguments as the kit's `ToolCall` holds them: parsed JSON (`{}` when empty), and the
    raw text when it is not JSON (the value is then the text itself)."""
    if raw is None:
        return {}, None
    if not isinstance(raw, str):
        return raw, None
    if not raw.strip():
        return {}, None
    try:
        return json.loads(raw), None
    except ValueError:
        return raw, raw


def _call(call_id: Any, name: Any, raw_arguments: Any) -> ToolCall:
    arguments, text = _arguments(raw_arguments)
    return ToolCall(
        id=str(call_id) if call_id else None, name=str(name or ""), arguments=arguments, arguments_json=text
    )


def _finish(
    vendor: str,
    vendor_reason: str | None,
    table: Mapping[str, str],
    *,
    text: str = "",
    reasoning: str = "",
    refusal: str = "",
    calls: Iterable[ToolCall] = (),
    usage: Mapping[str, int] | None = None,
    complete: bool | None = None,
    stop_reason: str | None = None,
    server_calls: Iterable[ToolCall] = (),
    server_results: Iterable[ToolResult] = (),
    citations: Iterable[Mapping[str, Any]] = (),
    signatures: Iterable[Signature] = (),
) -> Message:
    if stop_reason is None and vendor_reason:
        stop_reason = table.get(vendor_reason, "other")
    return Message(
        vendor=vendor,
        text=text,
        reasoning=reasoning,
        refusal=refusal,
        tool_calls=tuple(calls),
        stop_reason=stop_reason,
        vendor_stop_reason=vendor_reason or None,
        usage=usage,
        complete=complete if complete is not None else stop_reason is not None,
        server_tool_calls=tuple(server_calls),
        server_tool_results=tuple(server_results),
        citations=tuple(citations),
        signatures=tuple(signatures),
    )


_URL_SAFE = str.maketrans("-_", "+/")


def _wire_base64(value: Any) -> str | None:
    """A Gemini `thoughtSignature` as the wire carries it (standard base64): google-genai holds
    it as bytes and its pydantic dump writes them URL-safe."""
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return value.translate(_URL_SAFE) if isinstance(value, str) else None


def _is_one(result: Any) -> bool:
    """Whether `result` is one result object rather than a sequence of them (a pydantic model
    is iterable too: it yields its fields)."""
    return isinstance(result, Mapping) or callable(getattr(result, "model_dump", None))


# -- OpenAI Chat Completions (the openai SDK, litellm, any OpenAI-compatible client) --------------


def from_openai_chat(result: Any, *, vendor: str = "openai-chat", complete: bool | None = None) -> Message:
    """A `ChatCompletion`, or the `ChatCompletionChunk`s of a stream (any iterable), as a Message.

    Choice 0 only. Chunks are folded as the SDK's `ChatCompletionStreamState` folds them: text,
    refusal and reasoning appended, tool calls by `index` (id and name from their first delta,
    arguments appended), the last non-null `usage` wins. `vendor` picks the stop-reason and
    usage tables: an OpenAI-compatible vendor's profile (`CHAT_PROFILES`), else OpenAI's (the
    vocabulary litellm translates every vendor into).
    """
    profile = CHAT_PROFILES.get(vendor, OPENAI)
    items = [plain(result)] if _is_one(result) else [plain(item) for item in result]
    text: list[str] = []
    reasoning: list[str] = []
    refusal: list[str] = []
    calls: dict[int, dict[str, Any]] = {}
    reason: str | None = None
    usage: dict[str, int] | None = None
    for item in items:
        for choice in item.get("choices") or ():
            if (choice.get("index") or 0) != 0:
                continue
            part = choice.get("delta") if "delta" in choice else choice.get("message")
            _chat_part(part or {}, profile, text, reasoning, refusal, calls)
            reason = choice.get("finish_reason") or reason
        for path in profile.usage_paths:
            raw = _dig(item, path)
            if isinstance(raw, Mapping):
                usage = usage_from(dict(raw), profile.usage_fields)
    return _finish(
        vendor,
        reason,
        profile.stop_reasons,
        text="".join(text),
        reasoning="".join(reasoning),
        refusal="".join(refusal),
        calls=[_call(c["id"], c["name"], "".join(c["arguments"])) for _, c in sorted(calls.items())],
        usage=usage,
        complete=complete,
    )


def _chat_part(
    part: Mapping[str, Any],
    profile: ChatProfile,
    text: list[str],
    reasoning: list[str],
    refusal: list[str],
    calls: dict[int, dict[str, Any]],
) -> None:
    for name in (*profile.reasoning_fields, *REASONING_FIELDS):
        value = part.get(name)
        if isinstance(value, str) and value:
            reasoning.append(value)
            break
    content = part.get("content")
    if isinstance(content, str):
        text.append(content)
    elif isinstance(content, list):  # Mistral's content chunks: text, and thinking holding text
        for chunk in content:
            if chunk.get("type") == "text":
                text.append(chunk.get("text") or "")
            elif chunk.get("type") == "thinking":
                reasoning.extend(inner.get("text") or "" for inner in chunk.get("thinking") or ())
    if isinstance(part.get("refusal"), str):
        refusal.append(part["refusal"])
    for position, call in enumerate(part.get("tool_calls") or ()):
        index = call.get("index", position)
        function = call.get("function") or {}
        entry = calls.setdefault(index, {"id": None, "name": None, "arguments": []})
        entry["id"] = entry["id"] or call.get("id")
        entry["name"] = entry["name"] or function.get("name")
        arguments = function.get("arguments")
        if isinstance(arguments, str):
            entry["arguments"].append(arguments)
        elif arguments is not None:  # Mistral may give the arguments as an object
            entry["arguments"].append(json.dumps(arguments))


def _dig(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, Mapping):
            return None
        data = data.get(part)
    return data


# -- Anthropic Messages ----------------------------------------------------------------------------


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
            calls.append(_call(block.get("id"), block.get("name"), block.get("input")))
        elif kind == "server_tool_use":
            server_calls.append(_call(block.get("id"), block.get("name"), block.get("input")))
        elif kind.endswith("_tool_result"):
            server_results.append(ToolResult(block.get("tool_use_id"), kind, block.get("content")))
    usage = message.get("usage")
    return _finish(
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


# -- Gemini (google-genai) -------------------------------------------------------------------------


def from_gemini(result: Any, *, vendor: str = "gemini", complete: bool | None = None) -> Message:
    """google-genai `GenerateContentResponse`s (a stream's, in order; or one) as a Message.

    Candidate 0's parts are appended (`thought` parts are reasoning, each `functionCall` a
    tool call), its `finishReason` is the stop reason (`STOP` after a function call reads as
    `tool_calls`, as in the adapter), a `promptFeedback.blockReason` is `content_filter`, and
    the last `usageMetadata` wins (Gemini repeats it, growing). A part's `thoughtSignature`
    is its call's on a `functionCall` part, else one of the message's signatures.
    """
    items = [plain(result)] if _is_one(result) else [plain(item) for item in result]
    text: list[str] = []
    reasoning: list[str] = []
    calls: list[ToolCall] = []
    signatures: list[Signature] = []
    reason: str | None = None
    blocked: str | None = None
    usage: dict[str, int] | None = None
    for item in items:
        for candidate in item.get("candidates") or ():
            if (candidate.get("index") or 0) != 0:
                continue
            for part in (candidate.get("content") or {}).get("parts") or ():
                signature = _wire_base64(part.get("thoughtSignature"))
                if isinstance(part.get("functionCall"), Mapping):
                    call = part["functionCall"]
                    made = _call(call.get("id"), call.get("name"), call.get("args"))
                    calls.append(dataclasses.replace(made, signature=signature))
                    continue
                if isinstance(part.get("text"), str):
                    (reasoning if part.get("thought") else text).append(part["text"])
                if signature is not None:
                    signatures.append(Signature("thought_signature", signature))
            if candidate.get("finishReason") not in (None, NO_FINISH):
                reason = candidate["finishReason"]
        blocked = (item.get("promptFeedback") or {}).get("blockReason") or blocked
        if isinstance(item.get("usageMetadata"), Mapping):
            usage = usage_from(item["usageMetadata"], GEMINI_USAGE)
    stop: str | None = None
    if blocked:
        reason, stop = blocked, "content_filter"
    elif reason:
        stop = GEMINI_STOP_REASONS.get(reason, "other")
        stop = "tool_calls" if stop == "stop" and calls else stop
    return _finish(
        vendor,
        reason,
        GEMINI_STOP_REASONS,
        text="".join(text),
        reasoning="".join(reasoning),
        calls=calls,
        usage=usage,
        complete=complete,
        stop_reason=stop,
        signatures=signatures,
    )


# -- OpenAI Responses ------------------------------------------------------------------------------


def from_openai_response(
    result: Any, *, vendor: str = "openai-responses", complete: bool | None = None
) -> Message:
    """An OpenAI Responses `Response` (`stream.get_final_response()`, `responses.create()`).

    `message` items give text (`output_text`) and refusal; `reasoning` items their summary and
    reasoning text, and their `encrypted_content` as a signature; `function_call` /
    `custom_tool_call` items tool calls (id: `call_id`), `web_search_call` items server tool
    calls (its `action`), text annotations citations. The
    stop reason is read from `status` as the adapter reads the terminal event: `completed` is
    `stop` (`tool_calls` with a call), `incomplete` its `incomplete_details.reason`, `failed`
    an error. A `Response` still `in_progress` (a cut stream) has none.
    """
    response = plain(result)
    text: list[str] = []
    reasoning: list[str] = []
    refusal: list[str] = []
    calls = []
    server_calls = []
    citations: list[Mapping[str, Any]] = []
    signatures = []
    for item in response.get("output") or ():
        kind = item.get("type")
        if kind == "message":
            for part in item.get("content") or ():
                if part.get("type") == "output_text":
                    text.append(part.get("text") or "")
                    citations += part.get("annotations") or ()
                elif part.get("type") == "refusal":
                    refusal.append(part.get("refusal") or "")
        elif kind == "reasoning":
            parts = [*(item.get("summary") or ()), *(item.get("content") or ())]
            reasoning.extend(part.get("text") or "" for part in parts)
            if isinstance(item.get("encrypted_content"), str):
                signatures.append(Signature("encrypted_content", item["encrypted_content"]))
        elif kind in SERVER_CALL_ITEMS:
            server_calls.append(_call(item.get("id"), SERVER_CALL_ITEMS[kind], item.get("action")))
        elif kind in RESPONSES_CALL_ITEMS:
            raw = item.get("arguments") if kind == "function_call" else json.dumps(item.get("input") or "")
            calls.append(_call(item.get("call_id") or item.get("id"), item.get("name"), raw))
    reason, stop = _responses_stop(response, bool(calls))
    error = response.get("error")
    usage = response.get("usage")
    message = _finish(
        vendor,
        reason,
        {},
        text="".join(text),
        reasoning="".join(reasoning),
        refusal="".join(refusal),
        calls=calls,
        usage=usage_from(usage, RESPONSES_USAGE) if isinstance(usage, Mapping) else None,
        complete=complete,
        stop_reason=stop,
        server_calls=server_calls,
        citations=citations,
        signatures=signatures,
    )
    if isinstance(error, Mapping):
        kind = error.get("code") or error.get("type") or "error"
        return _replace_error(
            message, {"type": str(kind), "message": str(error.get("message") or "")}, complete
        )
    return message


def _responses_stop(response: Mapping[str, Any], has_calls: bool) -> tuple[str | None, str | None]:
    """(vendor, normalized) stop reason of a Responses `status`, as the adapter reads the
    terminal event; (None, None) while the response is still in progress."""
    status = response.get("status")
    if status == "completed":
        return "completed", "tool_calls" if has_calls else "stop"
    if status == "incomplete":
        reason = (response.get("incomplete_details") or {}).get("reason") or "incomplete"
        return reason, INCOMPLETE_REASONS.get(reason, "other")
    if status == "failed":
        return "failed", "error"
    return None, None


def _replace_error(message: Message, error: Mapping[str, str], complete: bool | None) -> Message:
    """`message` with the vendor's error; a stream that reports an error is not complete (as
    the assembler has it) unless the caller says so."""
    done = complete if complete is not None else False
    return Message.from_dict({**message.to_dict(), "error": dict(error), "complete": done})


# -- LangChain -------------------------------------------------------------------------------------


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
    calls = [_call(c.get("id"), c.get("name"), c.get("args")) for c in message.get("tool_calls") or ()]
    calls += [
        _call(c.get("id"), c.get("name"), c.get("args")) for c in message.get("invalid_tool_calls") or ()
    ]
    metadata = message.get("response_metadata") or {}
    reason = metadata.get("finish_reason") or metadata.get("stop_reason")
    stop = None
    if reason is None and metadata.get("status"):  # langchain-openai on the Responses API
        reason, stop = _responses_stop(metadata, bool(calls))
    elif reason is not None:
        stop = stop_table(vendor).get(reason, "other")
        stop = "tool_calls" if stop == "stop" and calls and vendor in STOP_MEANS_CALLS else stop
    if isinstance(extra.get("refusal"), str):
        refusal.append(extra["refusal"])
    usage = message.get("usage_metadata")
    return _finish(
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


def stop_table(vendor: str) -> Mapping[str, str]:
    """The vendor's stop-reason table (vendor value -> normalized), for results that keep the
    vendor's own value; OpenAI's for vendors the kit knows no table of here."""
    if vendor in CHAT_PROFILES:
        return CHAT_PROFILES[vendor].stop_reasons
    return {
        "anthropic": ANTHROPIC_STOP_REASONS,
        "gemini": GEMINI_STOP_REASONS,
        "vertex": GEMINI_STOP_REASONS,
    }.get(vendor, OPENAI.stop_reasons)


# -- pydantic-ai -----------------------------------------------------------------------------------


def from_pydantic_ai(result: Any, *, vendor: str, complete: bool | None = None) -> Message:
    """A pydantic-ai `ModelResponse` (from `StreamedResponse.get()`, `agent.run(...)`'s last
    message) as a Message.

    `TextPart` -> text, `ThinkingPart` -> reasoning, `ToolCallPart` -> tool calls (`args` a
    string or a dict); `finish_reason` (already normalized by pydantic-ai:
    `PYDANTIC_AI_STOP_REASONS`; `stop` with a call is `tool_calls` for `STOP_MEANS_CALLS`)
    is the stop reason and `provider_details["finish_reason"]`
    the vendor's own; `usage` maps with `PYDANTIC_AI_USAGE`, as reported: pydantic-ai's
    `RequestUsage` has every key, 0 when the vendor sent none (a difference to declare).
    """
    response = plain(result) if not _is_dataclass(result) else _dataclass_plain(result)
    text: list[str] = []
    reasoning: list[str] = []
    calls = []
    for part in response.get("parts") or ():
        kind = part.get("part_kind")
        if kind == "text":
            text.append(part.get("content") or "")
        elif kind == "thinking":
            reasoning.append(part.get("content") or "")
        elif kind == "tool-call":
            calls.append(_call(part.get("tool_call_id"), part.get("tool_name"), part.get("args")))
    details = response.get("provider_details") or {}
    reason = details.get("finish_reason") if isinstance(details, Mapping) else None
    normalized = PYDANTIC_AI_STOP_REASONS.get(response.get("finish_reason") or "")
    if normalized == "stop" and calls and vendor in STOP_MEANS_CALLS:
        normalized = "tool_calls"
    usage_raw = response.get("usage")
    usage = usage_from(usage_raw, PYDANTIC_AI_USAGE) if isinstance(usage_raw, Mapping) else None
    return _finish(
        vendor,
        str(reason) if reason else None,
        {},
        text="".join(text),
        reasoning="".join(reasoning),
        calls=calls,
        usage=usage,
        complete=complete if complete is not None else normalized is not None,
        stop_reason=normalized,
    )


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
