"""Client lifecycle: what a whole client leaves behind when a stream ends, fails or breaks.

Why: users report clients that keep a connection open after reading a stream to its end,
after a 4xx/5xx answer (the error body read, the response never closed), and clients that
read a connection dropped mid-body as a finished answer. Strategy: the replay server plays a
cassette (a complete stream, an error status, or a stream the server cuts after some events,
`ReplayServer.play(drop_after_events=...)`); `consume(base_url)` runs the client and returns
its `Message` (or raises); then the client ends of connections to the server still open in
this process are counted (the cancel check's own probe, `connected_sockets`), polled
for `settle_s` so that a close in progress is not blamed. A drop must surface as an error or
an incomplete message (`complete: false`, no normal stop reason), never as a clean stop.

`consume` owns its client: it returns only once it is done with it (closed it, or left it to
the pool the caller means to keep; a pooled keep-alive connection still open *is* what this
check reports, since the stream is over). With `keep_alive=False` the server answers
`Connection: close` instead, so a client that closes its response keeps nothing and only what
it still holds counts: `ClientSuite` judges so, since an application keeps its client (and
that client's pool) from one request to the next. A `ClientRun`'s `cleanup` runs after the
verdict.

`lifecycle_cases(cassettes)` says what to serve a vendor's client: one complete read, every
error status the vendor uses (its bundled error cassettes, and `vendor_errors.VENDOR_ERRORS`),
and the complete stream cut halfway.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from conformance.formats.cassettes import Cassette
from conformance.formats.vendor_errors import error_cassettes
from conformance.live.cancel.resources import SocketKey, connected_sockets
from conformance.live.cancel.verdict import ClientRun
from conformance.live.replay.server import ReplayServer
from conformance.live.timing import content_type, event_ends
from conformance.message import Message
from conformance.suite.declared import NORMAL_STOP_REASONS

SETTLE_S = 2.0
"""How long connections may take to close after `consume` returned."""

Consume = Callable[[str], Any]
"""The client under test: `base_url` in, its `Message` (or a `ClientRun`, or a dict in `to_dict`
form) out, or a raise."""


@dataclass(frozen=True)
class LifecycleVerdict:
    """One lifecycle run: what was served, what the client did, and what is wrong with it."""

    served: str
    """`complete read`, `HTTP 429`, `dropped after 3 events`…"""
    outcome: str
    """`a Message`, or the exception the client raised (`raised HTTPStatusError (Client error…)`)."""
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_lifecycle(
    replay: ReplayServer,
    cassette: Cassette,
    consume: Consume,
    *,
    drop_after_events: int | None = None,
    settle_s: float = SETTLE_S,
    keep_alive: bool = True,
    completeness: bool = True,
) -> LifecycleVerdict:
    """Serve `cassette` (cut after `drop_after_events` events, if given) to `consume` and judge
    what it left open and, for a drop, whether it read the cut as a clean stop.

    `keep_alive=False`: the server answers `Connection: close`, so a pool's idle connection is
    not counted. `completeness=False`: the client declared no completeness signal, so how it
    reads a drop is not judged (what it leaves open still is)."""
    if drop_after_events is not None:
        served = f"a connection dropped by the server after {drop_after_events} events"
    elif cassette.status >= 400:
        served = f"an HTTP {cassette.status} answer"
    else:
        served = "a complete read"
    # By description (fd, both ends), not `id()`: a socket open before and freed since can hand
    # its id to a new one, which would hide it.
    before = set(connected_sockets(replay.address).values())
    first_request = replay.requests
    replay.play(cassette, speed=None, drop_after_events=drop_after_events, close_connection=not keep_alive)
    message: Any = None
    raised: BaseException | None = None
    try:
        message = consume(replay.base_url)
    except Exception as exc:  # the client's own answer to a failure: judged below
        raised = exc
    run = message if isinstance(message, ClientRun) else None
    if run is not None:
        message = run.message
    outcome = f"raised {type(raised).__name__} ({_brief(raised)})" if raised is not None else "a Message"
    problems: list[str] = []
    try:
        left = _left_open(replay, before, first_request, settle_s)
    finally:
        if run is not None and run.cleanup is not None:
            run.cleanup()
    if left:
        problems.append(
            f"{len(left)} connection(s) to the server still open {settle_s:g} s after {served}: "
            + "; ".join(sorted(left.values()))
        )
    if drop_after_events is not None and raised is None and completeness:
        data = message.to_dict() if isinstance(message, Message) else dict(message or {})
        if data.get("complete") or data.get("stop_reason") in NORMAL_STOP_REASONS:
            problems.append(
                f"{served} read as a clean stop (complete: {data.get('complete')!r}, stop_reason: "
                f"{data.get('stop_reason')!r}); expected an error raised, or complete: false"
            )
    return LifecycleVerdict(served, outcome, tuple(problems))


def _brief(exc: BaseException, limit: int = 120) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _left_open(
    replay: ReplayServer, before: set[str], first_request: int, settle_s: float
) -> dict[SocketKey, str]:
    """Client sockets to the server opened since `before` and still open, polled for `settle_s`."""
    made = replay.requests - first_request
    logs = replay.connections[-made:] if made > 0 else []
    clients = {log.client for log in logs if log.client is not None}
    deadline = time.monotonic() + settle_s
    while True:
        found = connected_sockets(replay.address, clients)
        left = {k: v for k, v in found.items() if v not in before}
        if not left or time.monotonic() >= deadline:
            return left
        time.sleep(0.02)


@dataclass(frozen=True)
class LifecycleCase:
    """One ending to serve a client: a cassette, cut after `drop_after_events` events if given."""

    id: str
    """`complete`, `http_429`, `drop@7`…"""
    cassette: Cassette
    drop_after_events: int | None = None


def lifecycle_cases(
    cassettes: list[Cassette], statuses: Collection[int] | None = None
) -> list[LifecycleCase]:
    """What to serve a vendor's client: a complete read of one complete stream (`text` where
    there is one), each error status (a bundled error cassette where there is one, else the
    vendor's documented document; `statuses` limits them), and that stream cut after half its
    events. Empty when `cassettes` holds no complete stream to start from."""
    complete = [c for c in cassettes if c.status == 200 and c.expected is not None and c.expected.complete]
    if not complete:
        return []
    base = next((c for c in complete if c.scenario == "text"), complete[0])
    cases = [LifecycleCase("complete", base)]
    by_status = {c.status: c for c in reversed(cassettes) if c.status >= 400}
    for made in error_cassettes(base):
        by_status.setdefault(made.status, made)
    for status in sorted(by_status):
        if statuses is None or status in statuses:
            cases.append(LifecycleCase(f"http_{status}", by_status[status]))
    events = len(event_ends(base.body, content_type(base)))
    if events >= 2:
        cases.append(LifecycleCase(f"drop@{events // 2}", base, events // 2))
    return cases
