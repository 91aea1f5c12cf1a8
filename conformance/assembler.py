"""The assembler: folds normalized events into a `Message`, final or as a snapshot.

It keeps text in a `TextBuffer` (pieces joined into runs as they come, and into one `str` only
when a snapshot is asked for, so assembling stays linear in the stream's size and holds about
the text's own size) and tool arguments as fragments, parsed completely at the end and
best-effort (partial JSON) in snapshots. The fragments live in a `ToolCallLedger`
(`conformance.tool_calls`), the one set of tool-call rules adapters check too: a list the
partial parser reads by index, bounded by `Limits.max_tool_arguments_bytes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

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
from conformance.message import SIGNATURE_KINDS, Message, Signature, ToolCall, ToolResult
from conformance.text_buffer import TextBuffer
from conformance.tool_calls import ToolCallLedger


@dataclass
class _ToolCallBuilder:
    index: int
    id: str | None
    name: str
    whole: JSONValue = None
    has_whole: bool = False
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
        self._call(event.index, "end")  # only a started call may end; nothing to keep

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
