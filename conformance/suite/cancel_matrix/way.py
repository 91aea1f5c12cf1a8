"""What a cancel-matrix way is, and the helpers every library's ways share: the text
chunks a way got (`Texts`), the prompt, and running an async way on the clients' loop.

A way's consumer counts text chunks, not vendor events, since that is what the library
hands its user; the partial message it reports is the text it got, marked cancelled.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from conformance.live.cancel.verdict import ClientRun
from conformance.live.clients import Consumer, Endpoint, closing_async, run_async
from conformance.message import Message

PROMPT = "Explain in a short paragraph how tide pools work."
MESSAGES = [{"role": "user", "content": PROMPT}]


@dataclass(frozen=True)
class Way:
    """One way to stop a stream with one library."""

    library: str
    """The distribution whose version is reported (`importlib.metadata` name)."""
    name: str
    vendor: str
    code: str
    """What the user writes, in one line."""
    consume: Consumer
    avoid: str = ""
    """How a user avoids the leak today, if this way leaks."""
    avoided_by: tuple[str, ...] = ()
    """Ways of the same library that do what `avoid` says: their verdicts back the advice."""


class Texts:
    """The text chunks a way got, and when it cancelled."""

    def __init__(self, vendor: str, cancel_after: int | None) -> None:
        self.vendor, self.cancel_after = vendor, cancel_after
        self.parts: list[str] = []
        self.cancelled_at: float | None = None

    def take(self, text: str | None) -> bool:
        """Note a chunk's text; True when the way should cancel now (the time is taken)."""
        if text:
            self.parts.append(text)
        if self.cancel_after is not None and len(self.parts) >= self.cancel_after:
            self.cancelled_at = time.perf_counter()
            return True
        return False

    def run(self, cleanup: Callable[[], None] | None = None) -> ClientRun:
        cancelled = self.cancelled_at is not None
        message = Message(
            vendor=self.vendor,
            text="".join(self.parts),
            stop_reason="cancelled" if cancelled else "stop",
            complete=False,
        )
        return ClientRun(message, None, self.cancelled_at, cleanup=cleanup)


def import_library(name: str) -> Any:
    """The libraries are imported only when their ways run; a missing one is reported as such."""
    return importlib.import_module(name)


def on_client_loop(make: Callable[[Endpoint, Texts], Coroutine[Any, Any, Any]]) -> Consumer:
    """A consumer running `make` on the async clients' loop (`clients.client_loop`), which
    keeps running after the cancel as an application's loop does. `make` returns its client's
    async close (or None), run by the cleanup once the check is done."""

    def consume(target: Endpoint, cancel_after: int | None) -> ClientRun:
        texts = Texts(target.vendor, cancel_after)
        aclose = run_async(lambda: make(target, texts))
        return texts.run(closing_async(aclose) if aclose is not None else None)

    return consume
