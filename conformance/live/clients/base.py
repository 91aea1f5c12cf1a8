"""What every reference client shares: the `Endpoint` it reads, the `Consumer` signature, and the
`Collector` that turns what it read into the kit's partial message.

Every client builds its partial message the same way: the bytes (or the SDK's events,
re-encoded as SSE) go through the kit's adapter into an `Assembler`, and at the cancel
`Assembler.cancel()` marks the message cancelled.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from conformance.adapters import make_adapter
from conformance.assembler import Assembler
from conformance.live.cancel.partials import cancelled_message
from conformance.live.cancel.verdict import ClientRun
from conformance.message import Message

TIMEOUT = httpx.Timeout(30.0, connect=5.0)


@dataclass(frozen=True)
class Endpoint:
    """Where a stream is served: the server's base URL, the request URL, the vendor, the request body."""

    base_url: str
    url: str
    vendor: str
    body: bytes = b"{}"

    @classmethod
    def of(cls, server: Any) -> Endpoint:
        """The target a `ReplayServer` serves now (its cassette's path on its base URL)."""
        cassette = server.program.cassette
        body = (cassette.request_body or "{}").encode() if isinstance(cassette.request_body, str) else b"{}"
        return cls(server.base_url, server.url(), cassette.vendor, body)


Consumer = Callable[[Endpoint, "int | None"], ClientRun]


def encode_sse(event: str | None, data: str, event_id: str | None = None) -> bytes:
    """One SSE event as bytes (multi-line data becomes several `data:` lines)."""
    lines = [f"id: {event_id}"] if event_id is not None else []
    if event and event != "message":
        lines.append(f"event: {event}")
    lines += [f"data: {line}" for line in data.split("\n")]
    return ("\n".join(lines) + "\n\n").encode("utf-8")


@dataclass
class Collector:
    """Bytes or events in, the message so far out: the kit's adapter and assembler, lenient."""

    vendor: str
    assembler: Assembler = field(init=False)

    def __post_init__(self) -> None:
        self._adapter = make_adapter(self.vendor, strict=False)
        self._adapter.vendor_events = []
        self.assembler = Assembler(self.vendor)

    @property
    def events(self) -> int:
        """Vendor events decoded so far."""
        return len(self._adapter.vendor_events or ())

    def feed(self, data: bytes) -> int:
        self.assembler.extend(self._adapter.feed(data))
        return self.events

    def feed_event(self, event: str | None, payload: Any) -> int:
        """An SDK's parsed event, given back to the adapter as the SSE it came from."""
        return self.feed(encode_sse(event, json.dumps(payload, separators=(",", ":"))))

    def cancelled(self) -> Message:
        return cancelled_message(self.assembler)

    def finished(self) -> Message:
        self.assembler.extend(self._adapter.close())
        return self.assembler.message()

    def run(self, cancelled_at: float | None, cleanup: Callable[[], None] | None = None) -> ClientRun:
        """What the client got: the partial message if it cancelled (at `cancelled_at`), else
        the whole one; `cleanup` closes the application's client once the check is done."""
        if cancelled_at is not None:
            return ClientRun(self.cancelled(), self.events, cancelled_at, cleanup=cleanup)
        return ClientRun(self.finished(), self.events, cleanup=cleanup)


def at_cancel_point(collector: Collector, cancel_after: int | None) -> bool:
    """True once the client consumed the vendor events it should cancel after."""
    return cancel_after is not None and collector.events >= cancel_after


def by_name(*consumers: Consumer) -> dict[str, Consumer]:
    """A table of consumers named as the docs and tests name them (`httpx_close` -> `httpx-close`)."""
    return {consumer.__name__.replace("_", "-"): consumer for consumer in consumers}
