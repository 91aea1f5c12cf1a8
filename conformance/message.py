"""The normalized `Message`: the vendor-neutral result of one stream and the unit every check
compares, with its parts (`ToolCall`, `ToolResult`, `Signature`) and vocabularies (stop
reasons, usage keys, signature kinds). `conformance.assembler` folds normalized events into it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from conformance.events import JSONValue

STOP_REASONS = ("stop", "length", "tool_calls", "content_filter", "error", "cancelled", "other")
"""The normalized stop reasons."""

USAGE_KEYS = (
    "input_tokens",
    "output_tokens",
    "total_tokens",
    "reasoning_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
)
"""Normalized usage keys; each adapter maps its vendor's fields onto these."""

SIGNATURE_KINDS = ("signature", "redacted", "encrypted_content", "thought_signature")
"""What an opaque reasoning token is: Anthropic / Bedrock `signature` on a thinking block;
`redacted` data of a block whose reasoning the vendor hid (Anthropic `redacted_thinking`,
Bedrock `redactedContent`); OpenAI Responses `encrypted_content` of a reasoning item;
Gemini `thoughtSignature` on a part."""


@dataclass(frozen=True)
class Signature:
    """An opaque reasoning token, kept byte for byte: agents must send it back next turn.

    Tool use with thinking breaks when a library drops or rewrites it, so `Message` keeps
    one per reasoning block, in stream order (a Gemini signature on a `functionCall` part
    is the call's own: `ToolCall.signature`).
    """

    kind: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Signature:
        kind, value = data.get("kind"), data.get("value")
        if kind not in SIGNATURE_KINDS or not isinstance(value, str):
            wanted = f"{{kind: one of {SIGNATURE_KINDS}, value: str}}"
            raise ValueError(f"a signature is {wanted}, not {dict(data)!r}")
        return cls(kind=kind, value=value)


@dataclass(frozen=True)
class ToolCall:
    """One tool call: `arguments` is the parsed JSON value.

    When the arguments never became valid JSON (a truncated stream, a model that wrote
    broken JSON), `arguments` is the best-effort partial value and `arguments_json` keeps
    the raw text; otherwise `arguments_json` is None. `signature` is the vendor's opaque
    token on the call (Gemini `thoughtSignature` on a `functionCall` part), None when it
    sent none; like `arguments_json`, `to_dict` leaves it out when None.
    """

    id: str | None
    name: str
    arguments: JSONValue
    arguments_json: str | None = None
    signature: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "arguments": self.arguments}
        if self.arguments_json is not None:
            out["arguments_json"] = self.arguments_json
        if self.signature is not None:
            out["signature"] = self.signature
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ToolCall:
        return cls(
            id=data.get("id"),
            name=data["name"],
            arguments=data.get("arguments"),
            arguments_json=data.get("arguments_json"),
            signature=data.get("signature"),
        )


@dataclass(frozen=True)
class ToolResult:
    """What a tool the vendor runs itself returned (Anthropic `web_search_tool_result`...):
    `type` is the vendor's own block type, `content` its value as sent."""

    tool_use_id: str | None
    type: str
    content: JSONValue

    def to_dict(self) -> dict[str, Any]:
        return {"tool_use_id": self.tool_use_id, "type": self.type, "content": self.content}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ToolResult:
        return cls(tool_use_id=data.get("tool_use_id"), type=data["type"], content=data.get("content"))


@dataclass(frozen=True)
class Message:
    """The vendor-neutral result of one stream (see DESIGN.md for each field).

    What the vendor's own tools did is kept apart from `tool_calls` (the calls the client
    must run): `server_tool_calls` (Anthropic `server_tool_use`, Responses `web_search_call`),
    `server_tool_results` and `citations` (each as the vendor sent it). `to_dict` leaves
    these out when empty, so the messages of streams without them read as they always did.
    `signatures` (per reasoning block, in order) is left out of `to_dict` when empty, so
    that the messages of vendors that never send one read as they always did.
    """

    vendor: str
    text: str = ""
    reasoning: str = ""
    refusal: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    stop_reason: str | None = None
    vendor_stop_reason: str | None = None
    usage: Mapping[str, int] | None = None
    error: Mapping[str, str] | None = None
    complete: bool = False
    server_tool_calls: tuple[ToolCall, ...] = ()
    server_tool_results: tuple[ToolResult, ...] = ()
    citations: tuple[Mapping[str, JSONValue], ...] = ()
    signatures: tuple[Signature, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `Message.from_dict(m.to_dict()) == m`."""
        out = {
            "vendor": self.vendor,
            "text": self.text,
            "reasoning": self.reasoning,
            "refusal": self.refusal,
            "tool_calls": [call.to_dict() for call in self.tool_calls],
            "stop_reason": self.stop_reason,
            "vendor_stop_reason": self.vendor_stop_reason,
            "usage": dict(self.usage) if self.usage is not None else None,
            "error": dict(self.error) if self.error is not None else None,
            "complete": self.complete,
        }
        if self.server_tool_calls:
            out["server_tool_calls"] = [call.to_dict() for call in self.server_tool_calls]
        if self.server_tool_results:
            out["server_tool_results"] = [result.to_dict() for result in self.server_tool_results]
        if self.citations:
            out["citations"] = [dict(citation) for citation in self.citations]
        if self.signatures:
            out["signatures"] = [signature.to_dict() for signature in self.signatures]
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown Message fields: {sorted(unknown)}")
        if "vendor" not in data:
            raise ValueError("a Message needs a 'vendor'")
        return cls(
            vendor=data["vendor"],
            text=data.get("text", ""),
            reasoning=data.get("reasoning", ""),
            refusal=data.get("refusal", ""),
            tool_calls=tuple(ToolCall.from_dict(c) for c in data.get("tool_calls", ())),
            stop_reason=data.get("stop_reason"),
            vendor_stop_reason=data.get("vendor_stop_reason"),
            usage=dict(data["usage"]) if data.get("usage") is not None else None,
            error=dict(data["error"]) if data.get("error") is not None else None,
            complete=bool(data.get("complete", False)),
            server_tool_calls=tuple(ToolCall.from_dict(c) for c in data.get("server_tool_calls", ())),
            server_tool_results=tuple(ToolResult.from_dict(r) for r in data.get("server_tool_results", ())),
            citations=tuple(dict(c) for c in data.get("citations", ())),
            signatures=tuple(Signature.from_dict(s) for s in data.get("signatures", ())),
        )
