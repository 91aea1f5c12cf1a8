"""The tool-call ledger: the matching rules of tool-call events, kept once for adapters and
the assembler.

Strategy: calls are keyed by index. The ledger knows which indexes were started, and holds
the argument text of the calls that stream it (`ToolCallDelta` fragments), bounded by
`Limits.max_tool_arguments_bytes`. Its rules: a second start of an index is a
`ProtocolError`; anything for an index never started (a delta, whole arguments, an end, a
signature) is a `ProtocolError`; fragments over the limit are a `LimitExceededError`.

Adapters feed it every normalized event they emit (`check`), so each error is raised while
the vendor event that caused it is being dispatched, and can be located there; a call's text
is checked for depth and integer size once, at its first `ToolCallEnd`, and again at the end
of the body if fragments came after (`check_unended`): linear in the arguments, whatever the
chunking. The assembler reads the fragments from a ledger too: in `parse()` it is handed the
adapter's, so each fragment is kept and counted once; on its own it keeps one and applies
the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from conformance.errors import LimitExceededError, ProtocolError, StreamError
from conformance.events import (
    CitationAdded,
    ErrorReported,
    Event,
    Finish,
    ReasoningDelta,
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
    ToolCallStart,
    UsageUpdate,
)
from conformance.limits import Limits, check_json

_NOT_TOOL_EVENTS = frozenset(
    {
        StreamStart,
        TextDelta,
        ReasoningDelta,
        RefusalDelta,
        UsageUpdate,
        Finish,
        ErrorReported,
        StreamEnd,
        ServerToolResult,
        CitationAdded,
    }
)
"""Events `ToolCallLedger.check` has nothing to do with, told by exact type (one set lookup,
where an `isinstance` chain costs five calls for every text delta)."""


@dataclass(slots=True)
class ArgumentText:
    """The streamed argument text of one call, as fragments (the partial parser reads them by
    index, so the list is only ever appended to)."""

    fragments: list[str] = field(default_factory=list)
    size: int = 0
    checked: int = -1  # len(fragments) when the text was last checked; -1: never
    last: Any = None  # the vendor event of the last fragment: where a late error is located


class ToolCallLedger:
    """Which tool calls were started, and the argument text of those that stream it."""

    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self._max_bytes = limits.max_tool_arguments_bytes
        self._started: set[int] = set()
        self._texts: dict[int, ArgumentText] = {}

    def start(self, index: int) -> None:
        if index in self._started:
            raise ProtocolError(f"tool call {index} started twice")
        self._started.add(index)

    def require(self, index: int, what: str) -> None:
        """`what` (an event for call `index`) is allowed only once the call was started."""
        if index not in self._started:
            raise ProtocolError(f"{what} for tool call {index}, which was never started")

    def add(self, index: int, fragment: str, source: Any = None) -> None:
        """One fragment of call `index`'s arguments; `source` is the vendor event it came in."""
        text = self._texts.get(index)
        if text is None:
            self.require(index, "arguments delta")
            text = self._texts[index] = ArgumentText()
        text.size += len(fragment)
        if text.size > self._max_bytes:
            self._too_long(index)
        text.fragments.append(fragment)
        if source is not None:
            text.last = source

    def text(self, index: int) -> ArgumentText | None:
        """The streamed argument text of call `index`, None if no fragment came."""
        return self._texts.get(index)

    def check(self, events: Iterable[Event], source: Any) -> None:
        """An adapter's check of the normalized events one vendor event (`source`; None at the
        end of the body) gave."""
        texts = self._texts
        for event in events:
            kind = type(event)
            if kind in _NOT_TOOL_EVENTS:
                continue
            if kind is ToolCallDelta:
                index = event.index  # type: ignore[union-attr]
                text = texts.get(index)
                if text is None:
                    self.add(index, event.arguments, source)  # type: ignore[union-attr]
                    continue
                # A further fragment of a started call: `add` inlined, once per fragment.
                fragment = event.arguments  # type: ignore[union-attr]
                text.size += len(fragment)
                if text.size > self._max_bytes:
                    self._too_long(index)
                text.fragments.append(fragment)
                if source is not None:
                    text.last = source
            elif isinstance(event, (ToolCallStart, ServerToolCallStart)):
                self.start(event.index)
            elif isinstance(event, (ToolCallArguments, ToolCallPartialArgument)):
                self.require(event.index, "arguments")
            elif isinstance(event, ToolCallEnd):
                self.require(event.index, "end")
                text = texts.get(event.index)
                if text is not None and text.checked < 0:
                    self._check_text(event.index, text)

    def _too_long(self, index: int) -> None:
        raise LimitExceededError(
            f"tool call {index} arguments over {self._max_bytes} bytes", limit="max_tool_arguments_bytes"
        )

    def check_unended(self) -> None:
        """At the end of the body: the text of calls not checked since their last fragment.

        An error is located at the event that brought the call's last fragment.
        """
        for index, text in self._texts.items():
            if text.checked != len(text.fragments):
                try:
                    self._check_text(index, text)
                except StreamError as exc:
                    if text.last is not None:
                        exc.at(
                            event_index=text.last.index, event_type=text.last.type, offset=text.last.offset
                        )
                    raise

    def _check_text(self, index: int, text: ArgumentText) -> None:
        # Joined at most twice per call (its first end, the end of the body), so linear; the
        # fragments stay, as the assembler sharing this ledger reads them.
        text.checked = len(text.fragments)
        if not text.fragments:
            return
        try:
            check_json("".join(text.fragments), self._limits)
        except LimitExceededError as exc:
            exc.reason = f"tool call {index} arguments: {exc.reason}"
            exc.args = (exc.reason,)
            raise
