"""The normalized `Message` and the assembler that folds normalized events into it.

`Message` is the vendor-neutral result of one stream and the unit every check compares.
The assembler keeps text in a `TextBuffer` (pieces joined into runs as they come, and into one
`str` only when a snapshot is asked for, so assembling stays linear in the stream's size and
holds about the text's own size) and tool arguments as fragments, parsed completely at the end
and best-effort (partial JSON) in snapshots. The fragments live in a `ToolCallLedger`
(`conformance.tool_calls`), the one set of tool-call rules adapters check too: a list the
partial parser reads by index, bounded by `Limits.max_tool_arguments_bytes`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from conformance.errors import ProtocolError
from conformance.events import (
    CitationAdded,
    ErrorReported,
    Event,
    Finish,
    JSONValue,
    ReasoningDelta,
    ReasoningSignature,
    RefusalDelta,
    ServerToolCallStart,
    ServerToolResult,
    StreamEnd,
    StreamStart,
    TextDelta,
    ToolCallArguments,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallPartialArgument,
    ToolCallSignature,
    ToolCallStart,
    UsageUpdate,
)
from conformance.json.partial import IncompleteJSON, PartialArguments, parse_complete
from conformance.json.path import PathArguments
from conformance.limits import DEFAULT_LIMITS, Limits
from conformance.text_buffer import TextBuffer
from conformance.tool_calls import ToolCallLedger

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


@dataclass
class _ToolCallBuilder:
    index: int
    id: str | None
    name: str
    whole: JSONValue = None
    has_whole: bool = False
    ended: bool = False
    paths: PathArguments | None = None
    server: bool = False  # a call the vendor runs (ServerToolCallStart): Message.server_tool_calls
    signature: str | None = None
    partial: PartialArguments = field(default_factory=PartialArguments)  # snapshots, parsed incrementally


class Assembler:
    """Folds normalized events into a `Message`; `snapshot()` at any point, `message()` at the end.

    Sans-IO: it only ever sees events. Tool-call events break the rules of a
    `ToolCallLedger` (a delta for a call never started...) with the same `ProtocolError`s an
    adapter raises. Given `ledger`, the adapter's that emitted these very events and checked
    them already, it reads the argument fragments from it instead of keeping and counting
    them a second time (what `parse()` does).
    """

    def __init__(
        self, vendor: str, limits: Limits = DEFAULT_LIMITS, *, ledger: ToolCallLedger | None = None
    ) -> None:
        self.vendor = vendor
        self._limits = limits
        self._shared = ledger is not None  # its `start`s and fragments came from the adapter
        self._ledger = ledger if ledger is not None else ToolCallLedger(limits)
        self._text = TextBuffer()
        self._reasoning = TextBuffer()
        self._refusal = TextBuffer()
        self._calls: dict[int, _ToolCallBuilder] = {}
        self._stop_reason: str | None = None
        self._vendor_stop_reason: str | None = None
        self._usage: dict[str, int] | None = None
        self._error: dict[str, str] | None = None
        self._complete = False
        self._ended = False
        self._server_results: list[ToolResult] = []
        self._citations: list[Mapping[str, JSONValue]] = []
        self._signatures: dict[tuple[int, str], Signature] = {}  # (block, kind), in stream order
        self._handlers = {
            StreamStart: self._on_ignore,
            TextDelta: self._on_text,
            ReasoningDelta: self._on_reasoning,
            RefusalDelta: self._on_refusal,
            ToolCallStart: self._on_tool_start,
            ToolCallDelta: self._on_ignore if self._shared else self._on_tool_delta,
            ToolCallArguments: self._on_tool_arguments,
            ToolCallPartialArgument: self._on_tool_partial_argument,
            ToolCallEnd: self._on_tool_end,
            UsageUpdate: self._on_usage,
            Finish: self._on_finish,
            ErrorReported: self._on_error,
            StreamEnd: self._on_end,
            ServerToolCallStart: self._on_server_tool_start,
            ServerToolResult: self._on_server_tool_result,
            CitationAdded: self._on_citation,
            ReasoningSignature: self._on_signature,
            ToolCallSignature: self._on_tool_signature,
        }

    def add(self, event: Event) -> None:
        self._handlers[type(event)](event)  # type: ignore[operator]

    def extend(self, events: Iterable[Event]) -> None:
        handlers = self._handlers  # `add`, inlined: this runs for every event of a parse
        for event in events:
            handlers[type(event)](event)  # type: ignore[operator]

    def cancel(self) -> None:
        """The client stopped reading: what arrived so far is the message, cut short."""
        self._stop_reason = "cancelled"
        self._complete = False
        self._ended = True

    def snapshot(self) -> Message:
        """The message so far; tool arguments parsed as partial JSON. Never raises."""
        return self._build(final=False)

    def message(self) -> Message:
        """The final message. Arguments that are not valid JSON keep their raw text."""
        return self._build(final=True)

    # -- handlers -------------------------------------------------------------------------

    def _on_ignore(self, event: Event) -> None:
        pass

    def _on_text(self, event: TextDelta) -> None:
        self._text.append(event.text)

    def _on_reasoning(self, event: ReasoningDelta) -> None:
        self._reasoning.append(event.text)

    def _on_refusal(self, event: RefusalDelta) -> None:
        self._refusal.append(event.text)

    def _on_tool_start(self, event: ToolCallStart) -> None:
        if not self._shared:
            self._ledger.start(event.index)
        self._calls[event.index] = _ToolCallBuilder(event.index, event.id, event.name)

    def _on_server_tool_start(self, event: ServerToolCallStart) -> None:
        if not self._shared:
            self._ledger.start(event.index)
        self._calls[event.index] = _ToolCallBuilder(event.index, event.id, event.name, server=True)

    def _on_server_tool_result(self, event: ServerToolResult) -> None:
        self._server_results.append(ToolResult(event.tool_use_id, event.type, event.content))

    def _on_citation(self, event: CitationAdded) -> None:
        self._citations.append(event.citation)

    def _call(self, index: int, what: str) -> _ToolCallBuilder:
        self._ledger.require(index, what)
        return self._calls[index]

    def _on_tool_delta(self, event: ToolCallDelta) -> None:
        self._ledger.add(event.index, event.arguments)

    def _on_tool_arguments(self, event: ToolCallArguments) -> None:
        call = self._call(event.index, "arguments")
        call.whole, call.has_whole = event.arguments, True

    def _on_tool_partial_argument(self, event: ToolCallPartialArgument) -> None:
        call = self._call(event.index, "partial argument")
        if call.paths is None:
            call.paths = PathArguments(call.whole if call.has_whole else {}, self._limits)
        try:
            call.paths.apply(event.json_path, event.value, event.will_continue)
        except ProtocolError as exc:
            raise ProtocolError(f"tool call {event.index}: {exc.reason}") from None

    def _on_tool_end(self, event: ToolCallEnd) -> None:
        self._call(event.index, "end").ended = True

    def _on_usage(self, event: UsageUpdate) -> None:
        if event.replace or self._usage is None:
            self._usage = dict(event.usage)
        else:
            self._usage.update(event.usage)

    def _on_finish(self, event: Finish) -> None:
        if self._stop_reason == "error":
            return  # an error already ended the message; a later finish does not undo it
        self._stop_reason = event.stop_reason
        self._vendor_stop_reason = event.vendor_stop_reason

    def _on_error(self, event: ErrorReported) -> None:
        if self._error is None:  # the first error is the cause; later ones are fallout
            self._error = {"type": event.type, "message": event.message}
        self._stop_reason = "error"

    def _on_signature(self, event: ReasoningSignature) -> None:
        if event.kind not in SIGNATURE_KINDS:
            raise ProtocolError(f"signature of unknown kind {event.kind!r} for block {event.block}")
        self._signatures[event.block, event.kind] = Signature(event.kind, event.value)

    def _on_tool_signature(self, event: ToolCallSignature) -> None:
        self._call(event.index, "signature").signature = event.value

    def _on_end(self, event: StreamEnd) -> None:
        self._complete = event.complete and self._error is None
        self._ended = True

    # -- building -------------------------------------------------------------------------

    def _build(self, *, final: bool) -> Message:
        return Message(
            vendor=self.vendor,
            text=self._text.value(),
            reasoning=self._reasoning.value(),
            refusal=self._refusal.value(),
            tool_calls=tuple(self._tool_call(c, final) for c in self._calls.values() if not c.server),
            stop_reason=self._stop_reason,
            vendor_stop_reason=self._vendor_stop_reason,
            usage=dict(self._usage) if self._usage is not None else None,
            error=dict(self._error) if self._error is not None else None,
            complete=self._complete,
            server_tool_calls=tuple(self._tool_call(c, final) for c in self._calls.values() if c.server),
            server_tool_results=tuple(self._server_results),
            citations=tuple(self._citations),
            signatures=tuple(self._signatures.values()),
        )

    def _tool_call(self, call: _ToolCallBuilder, final: bool) -> ToolCall:
        sig = call.signature
        if call.paths is not None:  # path-addressed pieces, over the whole value if one came first
            return ToolCall(id=call.id, name=call.name, arguments=call.paths.value(), signature=sig)
        streamed = self._ledger.text(call.index)
        if call.has_whole and (streamed is None or not streamed.size):
            return ToolCall(id=call.id, name=call.name, arguments=call.whole, signature=sig)
        fragments = streamed.fragments if streamed is not None else []
        text = "".join(fragments) if final else None  # joined once, at the end
        if text is not None:
            try:
                return ToolCall(id=call.id, name=call.name, arguments=parse_complete(text), signature=sig)
            except IncompleteJSON:
                pass
        try:  # each fragment is read once, however many snapshots are taken
            partial = call.partial.value(fragments)
        except IncompleteJSON:
            partial = None
        return ToolCall(id=call.id, name=call.name, arguments=partial, arguments_json=text, signature=sig)
