"""Cancel checks and cancelled-token spend, as plain code over what was observed.

Strategy: a client run (`ClientRun`: the partial `Message` the client built, how many events
it consumed, when it cancelled) and the replay server's `ConnectionLog` go in; a
`CancelVerdict` comes out, listing every failed expectation in words a maintainer can act
on. Nothing here opens a socket or sleeps; `ResourceSnapshot` only looks at the threads,
sockets and tasks the interpreter holds.

What a clean cancel is (the defaults of `CancelBounds`):

- the server sees the client disconnect within `disconnect_s` of the cancel (on loopback it
  takes well under a millisecond; see docs/cancellation.md);
- at most `chunks_after_cancel` chunk is written after the cancel (one may be in flight);
- no thread, task or socket connected to the server is left behind (a library's long-lived
  worker pool is not "left behind": see `CancelBounds.allowed_threads` and the warm-up run
  of `client_suite.run_cancel_check`);
- the partial message says `stop_reason: "cancelled"`, `complete: false`, and holds exactly
  the text, reasoning and tool-call fragments of some prefix of the stream that the client
  had received: nothing lost, nothing doubled.

How the client closed is part of the verdict (`CancelVerdict.closing`): at once, late, only
when the garbage collector runs, never, or not at all because it read to the end. The gc
case needs the cycle collector paused during the run (`run_cancel_check(gc_paused=True)`,
the default): a stream held in a reference cycle then stays open, and `gc.collect()` after
the bound shows whether the collector, not the client, would have closed it.

Cancelled-token spend: `cancel_spend()` counts the output tokens the client received
before cancelling, and those the vendor went on to generate until it noticed (the events
recorded in that time at the recorded pace), each reported or labelled as an estimate.
"""

from __future__ import annotations

import asyncio
import bisect
import dataclasses
import fnmatch
import gc
import json
import socket
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from conformance.adapters import make_adapter
from conformance.assembler import Assembler
from conformance.errors import StreamError
from conformance.formats.cassettes import Cassette
from conformance.json.partial import IncompleteJSON, parse_partial
from conformance.live.timing import TokenCount, content_type, event_ends, event_profiles, tokens_through
from conformance.message import Message

if TYPE_CHECKING:
    from conformance.live.replay import ConnectionLog


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


# -- leaks ------------------------------------------------------------------------------------


def _connected_sockets(address: tuple[str, int]) -> dict[int, str]:
    """Open sockets in this process whose peer is `address` (the client ends of its connections)."""
    found: dict[int, str] = {}
    for obj in gc.get_objects():
        if not isinstance(obj, socket.socket) or obj.fileno() == -1:
            continue
        try:
            peer = obj.getpeername()
        except OSError:
            continue
        if tuple(peer[:2]) == tuple(address):
            found[id(obj)] = f"fd {obj.fileno()} {obj.getsockname()[:2]} -> {peer[:2]}"
    return found


KIT_THREADS = ("conformance-*",)
"""The kit's own threads (replay server, client-mode server, async client loop): never a leak."""


@dataclass(frozen=True)
class ResourceSnapshot:
    """Threads alive and client sockets connected to the server, at one moment."""

    threads: dict[int, str]
    """By `id()` of the `Thread` object, held below so that no later thread can take the id
    (a thread's `ident` is reused as soon as it ends, which would hide a new thread)."""
    sockets: dict[int, str]
    held: tuple[threading.Thread, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def take(cls, address: tuple[str, int]) -> ResourceSnapshot:
        alive = tuple(t for t in threading.enumerate() if t.is_alive())
        return cls({id(t): t.name for t in alive}, _connected_sockets(address), alive)

    def leaks_since(self, before: ResourceSnapshot, allowed_threads: Sequence[str] = ()) -> list[str]:
        """What is here now and was not `before`: threads (but the kit's own `conformance-*`
        and those `allowed_threads` names) and sockets."""
        patterns = (*KIT_THREADS, *allowed_threads)
        out = [
            f"thread {name!r} left running"
            for ident, name in self.threads.items()
            if ident not in before.threads and not any(fnmatch.fnmatchcase(name, p) for p in patterns)
        ]
        out += [
            f"socket left open: {desc}" for key, desc in self.sockets.items() if key not in before.sockets
        ]
        return out


def pending_tasks(since: Collection[asyncio.Task[Any]] = ()) -> tuple[str, ...]:
    """Tasks of the running loop other than the current one and those in `since` (the tasks
    pending before the run: a loop that outlives one run may hold others'), inside the loop."""
    current = asyncio.current_task()
    return tuple(
        t.get_name() + f" ({t.get_coro()!r})"
        for t in asyncio.all_tasks()
        if t is not current and not t.done() and t not in since
    )


# -- expected partial messages ----------------------------------------------------------------


def _content_key(message: Message) -> tuple[Any, ...]:
    """What a partial message holds: text, reasoning, refusal, tool calls with their arguments
    as far as they parse (raw fragments and parsed values compare alike)."""
    calls = []
    for call in message.tool_calls:
        arguments = call.arguments
        if call.arguments_json is not None:
            try:
                arguments = parse_partial(call.arguments_json)
            except IncompleteJSON:
                arguments = None
        calls.append((call.id, call.name, json.dumps(arguments, sort_keys=True, ensure_ascii=False)))
    return (message.text, message.reasoning, message.refusal, tuple(calls))


def cancelled_message(assembler: Assembler) -> Message:
    """The message a client holds when it cancels: what arrived, marked cancelled."""
    assembler.cancel()
    return assembler.snapshot()


def partial_messages(cassette: Cassette) -> list[Message]:
    """The cancelled message after each prefix of the stream: index k holds the first k events."""
    body = cassette.body
    adapter = make_adapter(cassette.vendor, strict=False)
    assembler = Assembler(cassette.vendor)
    out = [_cancelled_copy(assembler.snapshot())]
    start = 0
    for end in event_ends(body, content_type(cassette)):
        try:
            assembler.extend(adapter.feed(body[start:end]))
        except StreamError:
            break
        out.append(_cancelled_copy(assembler.snapshot()))
        start = end
    return out


def _cancelled_copy(message: Message) -> Message:
    data = message.to_dict()
    data.update(stop_reason="cancelled", complete=False)
    return Message.from_dict(data)


def _describe_difference(got: Message, want: Message) -> str:
    diffs = []
    mine, theirs = got.to_dict(), want.to_dict()
    for key in ("text", "reasoning", "refusal", "tool_calls"):
        if _content_key_part(got, key) != _content_key_part(want, key):
            diffs.append(f"{key}: client {mine[key]!r} != stream {theirs[key]!r}")
    return "; ".join(diffs)


def _content_key_part(message: Message, key: str) -> Any:
    index = {"text": 0, "reasoning": 1, "refusal": 2, "tool_calls": 3}[key]
    return _content_key(message)[index]


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
    key = _content_key(message)
    matched = next((k for k in range(low, written + 1) if _content_key(partials[k]) == key), None)
    if matched is None:
        closest = max(range(low, written + 1), key=lambda k: _common_prefix(partials[k].text, message.text))
        failures.append(
            f"the partial message is no prefix of the stream between events {low} and {written} "
            f"(deltas lost or doubled); against the first {closest} events: "
            f"{_describe_difference(message, partials[closest])}"
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


# -- cancelled-token spend --------------------------------------------------------------------


@dataclass(frozen=True)
class CancelSpend:
    """Output tokens a cancelled stream cost: received, and generated after the cancel."""

    workload: str
    cassette_id: str
    events_received: int
    received: TokenCount
    after_cancel: TokenCount
    noticed_after_ms: float | None
    """How long the server took to see the disconnect; None: it never did (all was generated)."""
    whole_stream: TokenCount

    @property
    def total(self) -> int:
        return self.received.tokens + self.after_cancel.tokens

    @property
    def estimated(self) -> bool:
        return self.received.estimated or self.after_cancel.estimated

    def __str__(self) -> str:
        noticed = (
            "never noticed"
            if self.noticed_after_ms is None
            else f"noticed after {self.noticed_after_ms:.1f} ms"
        )
        return (
            f"{self.workload or self.cassette_id}: {self.received} output tokens received in "
            f"{self.events_received} events, {self.after_cancel} generated after the cancel ({noticed}); "
            f"the whole stream: {self.whole_stream}"
        )


def cancel_spend(
    cassette: Cassette, events_received: int, *, noticed_after_ms: float | None, workload: str = ""
) -> CancelSpend:
    """Tokens spent on a stream cancelled after `events_received` events.

    The vendor goes on generating, at the recorded pace, until it notices the disconnect
    `noticed_after_ms` after the cancel (None: never, so the whole stream is generated).
    """
    profiles = event_profiles(cassette)
    k = max(0, min(events_received, len(profiles)))
    received = tokens_through(profiles, k)
    if noticed_after_ms is None:
        until = len(profiles)
    else:
        cancel_ms = profiles[k - 1].at_ms if k else 0.0
        until = k + sum(1 for p in profiles[k:] if p.at_ms <= cancel_ms + noticed_after_ms)
    generated = tokens_through(profiles, until)
    after = TokenCount(
        max(0, generated.tokens - received.tokens),
        generated.estimated or received.estimated,
        generated.basis if generated.estimated else received.basis,
    )
    return CancelSpend(
        workload=workload,
        cassette_id=cassette.id,
        events_received=k,
        received=received,
        after_cancel=after,
        noticed_after_ms=noticed_after_ms,
        whole_stream=tokens_through(profiles, len(profiles)),
    )


SPEND_PROPERTY = "conformance_spend"
"""The test-report user property that carries a `CancelSpend` (as JSON) to the plugin."""


def spend_to_json(spend: CancelSpend) -> str:
    return json.dumps(dataclasses.asdict(spend), sort_keys=True)


def spend_from_json(text: str) -> CancelSpend:
    raw = json.loads(text)
    counts = {k: TokenCount(**raw[k]) for k in ("received", "after_cancel", "whole_stream")}
    return CancelSpend(**{**raw, **counts})


@dataclass
class SpendLedger:
    """Cancelled-token spend collected over a run, summed per workload (test, cassette or label)."""

    spends: list[CancelSpend] = field(default_factory=list)

    def add(self, spend: CancelSpend) -> None:
        self.spends.append(spend)

    def extend(self, spends: Iterable[CancelSpend]) -> None:
        self.spends.extend(spends)

    def rows(self) -> list[tuple[str, int, str, str, str]]:
        """(workload, streams cancelled, tokens received, after cancel, total); `~` marks estimates."""
        groups: dict[str, list[CancelSpend]] = {}
        for spend in self.spends:
            groups.setdefault(spend.workload or spend.cassette_id, []).append(spend)
        out = []
        for workload, spends in sorted(groups.items()):
            received = sum(s.received.tokens for s in spends)
            after = sum(s.after_cancel.tokens for s in spends)
            mark_r = "~" if any(s.received.estimated for s in spends) else ""
            mark_a = "~" if any(s.after_cancel.estimated for s in spends) else ""
            mark_t = mark_r or mark_a
            out.append(
                (
                    workload,
                    len(spends),
                    f"{mark_r}{received}",
                    f"{mark_a}{after}",
                    f"{mark_t}{received + after}",
                )
            )
        return out

    def markdown(self) -> str:
        lines = [
            "| workload | streams cancelled | output tokens received | generated after cancel | total |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        lines += [f"| {w} | {n} | {r} | {a} | {t} |" for w, n, r, a, t in self.rows()]
        if any(s.estimated for s in self.spends):
            lines.append("")
            lines.append(
                "`~` marks estimates (final usage pro rata by characters, or ~4 characters per token)."
            )
        return "\n".join(lines)

    def summary_lines(self) -> list[str]:
        """Plain lines for the pytest terminal summary."""
        if not self.spends:
            return []
        rows = self.rows()
        width = max(len(r[0]) for r in rows)
        out = [f"{'workload':{width}}  cancelled  received  after-cancel  total"]
        out += [f"{w:{width}}  {n:9}  {r:>8}  {a:>12}  {t:>5}" for w, n, r, a, t in rows]
        return out
