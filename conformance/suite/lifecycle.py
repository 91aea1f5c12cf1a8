"""Client lifecycle: what a whole client leaves behind when a stream ends, fails or breaks.

Why: users report clients that keep a connection open after reading a stream to its end,
after a 4xx/5xx answer (the error body read, the response never closed), and clients that
read a connection dropped mid-body as a finished answer. Strategy: the replay server plays a
cassette (a complete stream, an error status, or a stream the server cuts after some events,
`ReplayServer.play(drop_after_events=...)`); `consume(base_url)` runs the client and returns
its `Message` (or raises); then the client ends of connections to the server still open in
this process are counted (the cancel check's own probe, `cancel.resources.connected_sockets`), polled
for `settle_s` so that a close in progress is not blamed. A drop must surface as an error or
an incomplete message (`complete: false`, no normal stop reason), never as a clean stop.

`consume` owns its client: it returns only once it is done with it (closed it, or left it to
the pool the caller means to keep; a pooled keep-alive connection still open *is* what this
check reports, since the stream is over).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conformance.formats.cassettes import Cassette
from conformance.live.cancel.resources import connected_sockets  # the cancel check's probe
from conformance.live.replay.server import ReplayServer
from conformance.message import Message
from conformance.suite.declared import NORMAL_STOP_REASONS

SETTLE_S = 2.0
"""How long connections may take to close after `consume` returned."""

Consume = Callable[[str], Any]
"""The client under test: `base_url` in, its `Message` (or a dict in `to_dict` form) out, or a raise."""


@dataclass(frozen=True)
class LifecycleVerdict:
    """One lifecycle run: what was served, what the client did, and what is wrong with it."""

    served: str
    """`complete read`, `HTTP 429`, `dropped after 3 events`…"""
    outcome: str
    """`a Message`, or the exception the client raised."""
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
) -> LifecycleVerdict:
    """Serve `cassette` (cut after `drop_after_events` events, if given) to `consume` and judge
    what it left open and, for a drop, whether it read the cut as a clean stop."""
    if drop_after_events is not None:
        served = f"a connection dropped by the server after {drop_after_events} events"
    elif cassette.status >= 400:
        served = f"an HTTP {cassette.status} answer"
    else:
        served = "a complete read"
    before = set(connected_sockets(replay.address))
    replay.play(cassette, speed=None, drop_after_events=drop_after_events)
    message: Any = None
    raised: BaseException | None = None
    try:
        message = consume(replay.base_url)
    except Exception as exc:  # the client's own answer to a failure: judged below
        raised = exc
    outcome = f"raised {type(raised).__name__}" if raised is not None else "a Message"
    problems: list[str] = []
    left = _left_open(replay, before, settle_s)
    if left:
        problems.append(
            f"{len(left)} connection(s) to the server still open {settle_s:g} s after {served}: "
            + "; ".join(sorted(left.values()))
        )
    if drop_after_events is not None and raised is None:
        data = message.to_dict() if isinstance(message, Message) else dict(message or {})
        if data.get("complete") or data.get("stop_reason") in NORMAL_STOP_REASONS:
            problems.append(
                f"{served} read as a clean stop (complete: {data.get('complete')!r}, stop_reason: "
                f"{data.get('stop_reason')!r}); expected an error raised, or complete: false"
            )
    return LifecycleVerdict(served, outcome, tuple(problems))


def _left_open(replay: ReplayServer, before: set[int], settle_s: float) -> dict[int, str]:
    deadline = time.monotonic() + settle_s
    while True:
        left = {k: v for k, v in connected_sockets(replay.address).items() if k not in before}
        if not left or time.monotonic() >= deadline:
            return left
        time.sleep(0.02)
