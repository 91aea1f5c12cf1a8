"""What the replay server did on each request, and what it saw the client do: `ConnectionLog`.

A log is filled in by the ASGI app (`replay.app`) as the response goes out and read by the
checks (`live.cancel`, the client suites) after it ended; times are `time.perf_counter()`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Write:
    """One body chunk handed to the socket."""

    at: float
    """`time.perf_counter()` just after the write."""
    offset: int
    """Body offset of the chunk's first byte."""
    size: int
    events: int
    """Whole events of the body written so far, counting from the start of the body."""


@dataclass
class ConnectionLog:
    """What the server did on one request, and what it saw the client do."""

    id: int
    client: tuple[str, int] | None
    method: str
    target: str
    """Path and query string as requested."""
    cassette_id: str
    speed: float | None
    started_at: float
    status: int = 0
    first_event: int = 0
    """Index of the first event served (0, or the event after the resume point)."""
    resume: str | None = None
    """The resume point the client named, e.g. `Last-Event-ID: 7`."""
    writes: list[Write] = field(default_factory=list)
    disconnected_at: float | None = None
    """When the server saw the client go away before the response was complete."""
    completed_at: float | None = None
    dropped_at: float | None = None
    """When the server dropped the connection on purpose (`drop_after_events`)."""
    stopped_at: float | None = None
    """When the server shut down under a response still running."""
    note: str = ""
    _ended: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)

    @property
    def bytes_sent(self) -> int:
        return sum(w.size for w in self.writes)

    @property
    def events_sent(self) -> int:
        """Whole events written, counting from the first one served."""
        return (self.writes[-1].events - self.first_event) if self.writes else 0

    @property
    def ended(self) -> bool:
        return self._ended.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the response ended (any way); False on timeout."""
        return self._ended.wait(timeout)

    def writes_after(self, moment: float) -> list[Write]:
        return [w for w in self.writes if w.at > moment]

    def describe(self) -> str:
        if self.disconnected_at is not None:
            how = f"client disconnected after {self.disconnected_at - self.started_at:.3f} s"
        elif self.dropped_at is not None:
            how = "dropped by the server"
        elif self.completed_at is not None:
            how = "completed"
        elif self.stopped_at is not None:
            how = "cut by the server stopping"
        else:
            how = "still running"
        resume = f" ({self.resume})" if self.resume else ""
        return (
            f"connection {self.id}: {self.method} {self.target}{resume} -> {self.status}, "
            f"{self.bytes_sent} bytes / {self.events_sent} events in {len(self.writes)} writes, {how}"
        )
