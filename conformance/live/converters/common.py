"""What every converter shares: a result read as plain JSON-shaped data, a tool call's
arguments as the kit holds them, the `Message` built with a vendor's stop-reason table, and
the tables more than one library family needs (OpenAI-compatible profiles, reasoning keys).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from conformance.adapters.anthropic import STOP_REASONS as ANTHROPIC_STOP_REASONS
from conformance.adapters.gemini import STOP_REASONS as GEMINI_STOP_REASONS
from conformance.adapters.mistral import MISTRAL
from conformance.adapters.openai_chat import OPENAI, ChatProfile
from conformance.adapters.profiles import PROFILES
from conformance.message import Message, Signature, ToolCall, ToolResult

CHAT_PROFILES: dict[str, ChatProfile] = {p.name: p for p in (OPENAI, MISTRAL, *PROFILES)}
"""OpenAI-compatible vendors -> their profile (stop reasons, usage fields and places)."""

REASONING_FIELDS = ("reasoning_content", "reasoning")
"""`delta`/`message` keys holding reasoning text, tried after the profile's own: DeepSeek's and
xAI's `reasoning_content` is what litellm puts every vendor's reasoning in."""


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


def tool_call(call_id: Any, name: Any, raw_arguments: Any) -> ToolCall:
    """A library's tool call as the kit's `ToolCall` (no id when the library gives none)."""
    arguments, text = _arguments(raw_arguments)
    return ToolCall(
        id=str(call_id) if call_id else None, name=str(name or ""), arguments=arguments, arguments_json=text
    )


def finish_message(
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
    """The converted `Message`: `stop_reason` from `table` unless given; `complete` is "a stop
    reason was reported" unless the caller says otherwise."""
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


def is_one_result(result: Any) -> bool:
    """Whether `result` is one result object rather than a sequence of them (a pydantic model
    is iterable too: it yields its fields)."""
    return isinstance(result, Mapping) or callable(getattr(result, "model_dump", None))


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
