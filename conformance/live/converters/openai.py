"""The openai SDK's results (and litellm's, any OpenAI-compatible client's): Chat Completions
`ChatCompletion`s or their chunks, and a Responses `Response`, as the kit's `Message`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.openai_chat import OPENAI, ChatProfile, starts_another_call
from conformance.adapters.openai_responses_types import INCOMPLETE_REASONS, SERVER_CALL_ITEMS
from conformance.adapters.openai_responses_types import USAGE_FIELDS as RESPONSES_USAGE
from conformance.live.converters.common import (
    CHAT_PROFILES,
    REASONING_FIELDS,
    finish_message,
    is_one_result,
    plain,
    tool_call,
)
from conformance.message import Message, Signature

RESPONSES_CALL_ITEMS = ("function_call", "custom_tool_call")


# -- OpenAI Chat Completions (the openai SDK, litellm, any OpenAI-compatible client) --------------


def from_openai_chat(result: Any, *, vendor: str = "openai-chat", complete: bool | None = None) -> Message:
    """A `ChatCompletion`, or the `ChatCompletionChunk`s of a stream (any iterable), as a Message.

    Choice 0 only. Chunks are folded as the SDK's `ChatCompletionStreamState` folds them: text,
    refusal and reasoning appended, tool calls by `index` (id and name from their first delta,
    arguments appended; a delta with a new id and a name at a used index starts a new call, as
    the kit's adapter reads servers that send every call at index 0), the last non-null
    `usage` wins. `vendor` picks the stop-reason and
    usage tables: an OpenAI-compatible vendor's profile (`CHAT_PROFILES`), else OpenAI's (the
    vocabulary litellm translates every vendor into).
    """
    profile = CHAT_PROFILES.get(vendor, OPENAI)
    items = [plain(result)] if is_one_result(result) else [plain(item) for item in result]
    text: list[str] = []
    reasoning: list[str] = []
    refusal: list[str] = []
    calls: dict[int, dict[str, Any]] = {}
    wire: dict[int, int] = {}  # a delta's `index` -> the call its deltas now go to
    reason: str | None = None
    usage: dict[str, int] | None = None
    for item in items:
        for choice in item.get("choices") or ():
            if (choice.get("index") or 0) != 0:
                continue
            part = choice.get("delta") if "delta" in choice else choice.get("message")
            _chat_part(part or {}, profile, text, reasoning, refusal)
            _fold_calls(part or {}, calls, wire)
            reason = choice.get("finish_reason") or reason
        for path in profile.usage_paths:
            raw = _dig(item, path)
            if isinstance(raw, Mapping):
                usage = usage_from(dict(raw), profile.usage_fields)
    return finish_message(
        vendor,
        reason,
        profile.stop_reasons,
        text="".join(text),
        reasoning="".join(reasoning),
        refusal="".join(refusal),
        calls=[tool_call(c["id"], c["name"], "".join(c["arguments"])) for _, c in sorted(calls.items())],
        usage=usage,
        complete=complete,
    )


def _chat_part(
    part: Mapping[str, Any],
    profile: ChatProfile,
    text: list[str],
    reasoning: list[str],
    refusal: list[str],
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


def _fold_calls(part: Mapping[str, Any], calls: dict[int, dict[str, Any]], wire: dict[int, int]) -> None:
    for position, call in enumerate(part.get("tool_calls") or ()):
        index = call.get("index", position)
        function = call.get("function") or {}
        key = wire.get(index)
        current = calls.get(key) if key is not None else None
        if current is not None and starts_another_call(current["id"], call.get("id"), function.get("name")):
            key = None
        if key is None:
            key = index if index not in calls else max([*calls, *wire]) + 1
            wire[index] = key
        entry = calls.setdefault(key, {"id": None, "name": None, "arguments": []})
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
            server_calls.append(tool_call(item.get("id"), SERVER_CALL_ITEMS[kind], item.get("action")))
        elif kind in RESPONSES_CALL_ITEMS:
            raw = item.get("arguments") if kind == "function_call" else json.dumps(item.get("input") or "")
            calls.append(tool_call(item.get("call_id") or item.get("id"), item.get("name"), raw))
    reason, stop = responses_stop(response, bool(calls))
    error = response.get("error")
    usage = response.get("usage")
    message = finish_message(
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


def responses_stop(response: Mapping[str, Any], has_calls: bool) -> tuple[str | None, str | None]:
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
