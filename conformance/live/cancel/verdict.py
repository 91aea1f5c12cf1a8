"""The cancel verdict: how clean a cancel must be (`CancelBounds`), what a client reported
(`ClientRun`), and `check_cancel`, which judges the two against the server's `ConnectionLog`.

Plain code over what was observed: nothing here opens a socket or sleeps.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from conformance.formats.cassettes import Cassette
from conformance.live.cancel.partials import content_key, describe_difference, partial_messages
from conformance.live.cancel.spend import CancelSpend, cancel_spend
from conformance.message import Message

if TYPE_CHECKING:
    from conformance.live.replay.logs import ConnectionLog


@dataclass(frozen=True)
class CancelBounds:
    """How clean a cancel must be. Generous by default: tests must not depend on an idle machine."""

    disconnect_s: float = 1.0
    """Longest time from the cancel to the server seeing the disconnect."""
    chunks_after_cancel: int = 1
    """Chunks the server may write after the cancel (one can be in flight when it happens)."""
    allowed_threads: tuple[str, ...] = ("asyncio_*",)
    """Names (`fnmatch` patterns) of threads a library starts once per process and keeps,
    never counted as left behind by a cancel. The default names asyncio's default executor,
    a pool each loop grows on demand and keeps; add a library's own, e.g. `"litellm-logging_*"`."""


DEFAULT_BOUNDS = CancelBounds()


@dataclass
class ClientRun:
    """What a client reported about one consumption of a stream."""

    message: Message
    """The partial message at the cancel (or the final one, for a full read)."""
    events_consumed: int | None = None
    """Vendor events the client had consumed when it cancelled (a lower bound is fine)."""
    cancelled_at: float | None = None
    """`time.perf_counter()` when the client began to cancel; None: the check infers it."""
    tasks_left: tuple[str, ...] = ()
    """Tasks an async client found still pending in its loop after the cancel."""
    cleanup: Callable[[], None] | None = field(default=None, repr=False)
    """Releases what a client left open, called after the check (for deliberately bad clients)."""


# -- the verdict ------------------------------------------------------------------------------

CLOSES_AT_ONCE = "closes at once"
CLOSES_LATE = "closes late"
CLOSES_ON_GC = "closes only when the garbage collector runs"
NEVER_CLOSES = "never closes"
READS_ON = "reads to the end"
UNDETERMINED = "no close within the bound; gc not told apart"
NO_REQUEST = "no request"
CLOSINGS = (CLOSES_AT_ONCE, CLOSES_LATE, CLOSES_ON_GC, NEVER_CLOSES, READS_ON, UNDETERMINED, NO_REQUEST)
"""How a client's connection ended after its cancel, as `CancelVerdict.closing` says it."""


@dataclass(frozen=True)
class CancelVerdict:
    """The outcome of one cancel check: `failures` empty means it passed."""

    failures: tuple[str, ...]
    disconnect_latency_s: float | None
    chunks_after_cancel: int
    events_received: int | None
    """The stream prefix (in events) the client's partial message matched."""
    spend: CancelSpend | None = None
    closing: str = CLOSES_AT_ONCE
    """One of `CLOSINGS`: how the connection ended after the cancel."""
    gc_close_s: float | None = None
    """With the collector paused: seconds from `gc.collect()` to the disconnect it caused."""

    @property
    def passed(self) -> bool:
        return not self.failures

    def __str__(self) -> str:
        if self.passed:
            latency = (
                f"{self.disconnect_latency_s * 1000:.2f} ms" if self.disconnect_latency_s is not None else "-"
            )
            return (
                f"clean cancel: disconnect seen after {latency}, {self.chunks_after_cancel} chunk(s) after it"
            )
        return "cancel check failed:\n" + "\n".join(f"  - {f}" for f in self.failures)

    def assert_passed(self) -> None:
        if not self.passed:
            raise AssertionError(str(self))


def check_cancel(
    cassette: Cassette,
    log: ConnectionLog | None,
    run: ClientRun,
    *,
    bounds: CancelBounds = DEFAULT_BOUNDS,
    leaks: Sequence[str] = (),
    now: float | None = None,
    workload: str = "",
    gc_collected_at: float | None = None,
    completeness: bool = True,
) -> CancelVerdict:
    """Judge one cancelled run against the server's log of its connection.

    `leaks` are what `ResourceSnapshot.leaks_since` found. `now` is when the bound ran out:
    the log is judged as it stood then (a disconnect seen later was not seen within it).
    `gc_collected_at`: the run had the cycle collector paused, and `gc.collect()` ran at that
    moment after the bound; a disconnect seen after it was the collector's doing.
    `completeness=False`: the client declared it has no completeness signal, so the partial
    message's `stop_reason` and `complete` are not judged.
    """
    failures: list[str] = []
    message = run.message
    if completeness and message.stop_reason != "cancelled":
        failures.append(f"the partial message has stop_reason {message.stop_reason!r}, not 'cancelled'")
    if completeness and message.complete:
        failures.append("the partial message says complete: true after a cancel")
    if log is None:
        failures.append("no request reached the replay server")
        return CancelVerdict(tuple(failures), None, 0, None, closing=NO_REQUEST)

    partials = partial_messages(cassette)
    written = min(log.writes[-1].events if log.writes else log.first_event, len(partials) - 1)
    low = min(run.events_consumed or 0, written)
    key = content_key(message)
    matched = next((k for k in range(low, written + 1) if content_key(partials[k]) == key), None)
    if matched is None:
        closest = max(range(low, written + 1), key=lambda k: _common_prefix(partials[k].text, message.text))
        failures.append(
            f"the partial message is no prefix of the stream between events {low} and {written} "
            f"(deltas lost or doubled); against the first {closest} events: "
            f"{describe_difference(message, partials[closest])}"
        )

    reference = run.cancelled_at
    if reference is None:
        index = matched if matched is not None else low
        reference = _write_time(log, index)
    after = log.writes_after(reference) if reference is not None else []
    if len(after) > bounds.chunks_after_cancel:
        failures.append(
            f"{len(after)} chunks ({sum(w.size for w in after)} bytes, up to event {after[-1].events}) "
            f"were written after the cancel; at most {bounds.chunks_after_cancel} may be"
        )

    # Judge the log as it stood at `now`: what happened later did not happen within the bound.
    disconnected_at = log.disconnected_at if now is None or (log.disconnected_at or 0) <= now else None
    completed_at = log.completed_at if now is None or (log.completed_at or 0) <= now else None
    latency: float | None = None
    gc_close_s: float | None = None
    closing = CLOSES_AT_ONCE
    seen_later = log.disconnected_at  # as the log stands now, after any gc.collect()
    if disconnected_at is not None and reference is not None:
        latency = max(0.0, disconnected_at - reference)
        if latency > bounds.disconnect_s:
            closing = CLOSES_LATE
            failures.append(
                f"the server saw the disconnect {latency:.3f} s after the cancel "
                f"(bound {bounds.disconnect_s} s)"
            )
    elif completed_at is not None:
        closing = READS_ON
        failures.append(
            "the server never saw a disconnect: the response ran to its end "
            f"({log.events_sent} events), so the client read on or kept the connection after cancelling"
        )
    elif gc_collected_at is not None and seen_later is not None and seen_later >= gc_collected_at:
        closing, gc_close_s = CLOSES_ON_GC, seen_later - gc_collected_at
        failures.append(
            f"the client closes its response only when the garbage collector runs: with the cycle "
            f"collector paused the server saw no disconnect within {bounds.disconnect_s} s, and "
            f"gc.collect() closed it (seen {gc_close_s * 1000:.1f} ms after the collection began): a "
            "reference cycle holds the open stream; close it explicitly, or use the library's `with` form"
        )
    elif seen_later is not None and reference is not None:  # after the bound, before any gc.collect()
        closing = CLOSES_LATE
        failures.append(
            f"the server saw no disconnect within {bounds.disconnect_s} s: it came "
            f"{max(0.0, seen_later - reference):.3f} s after the cancel"
        )
    elif gc_collected_at is not None and log.completed_at is not None:
        closing = UNDETERMINED
        failures.append(
            f"the server saw no disconnect within {bounds.disconnect_s} s, and the response ran to "
            "its end while gc.collect() ran, so whether only the collector would have closed it is "
            "unknown (serve a longer stream, or at a slower speed)"
        )
    else:
        closing = NEVER_CLOSES
        waited = f" within {bounds.disconnect_s} s" if now is not None else ""
        after_gc = " (not even after gc.collect())" if gc_collected_at is not None else ""
        failures.append(
            f"the server saw no disconnect{waited}: the client never closed its response{after_gc}"
        )
    failures.extend(leaks)
    failures.extend(f"task left pending: {t}" for t in run.tasks_left)

    spend = None
    if matched is not None or run.events_consumed is not None:
        received = matched if matched is not None else low
        noticed = (
            None if disconnected_at is None or reference is None else max(0.0, disconnected_at - reference)
        )
        spend = cancel_spend(
            cassette,
            received,
            noticed_after_ms=None if noticed is None else noticed * 1000,
            workload=workload,
        )
    return CancelVerdict(tuple(failures), latency, len(after), matched, spend, closing, gc_close_s)


def _write_time(log: ConnectionLog, events: int) -> float | None:
    """When the write completing the first `events` events of the body went out."""
    if events <= log.first_event:
        return log.started_at
    counts = [w.events for w in log.writes]
    i = bisect.bisect_left(counts, events)
    return log.writes[i].at if i < len(log.writes) else None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def check_resumed(resumed: Message, uninterrupted: Message) -> list[str]:
    """Differences between a message assembled across a reconnect and the uninterrupted one."""
    mine, theirs = resumed.to_dict(), uninterrupted.to_dict()
    return [
        f"{key}: resumed {mine[key]!r} != uninterrupted {theirs[key]!r}"
        for key in theirs
        if mine[key] != theirs[key]
    ]
