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

The parts, one job each:

- `verdict` — `CancelBounds`, `ClientRun`, `check_cancel` and its `CancelVerdict`, `check_resumed`.
- `partials` — the partial messages a cancel may leave, and how a client's compares.
- `resources` — threads, sockets (`connected_sockets`) and tasks a client left behind.
- `spend` — `CancelSpend`, `cancel_spend`, its JSON for the plugin, the `SpendLedger`.

The names users import (`from conformance.live.cancel import CancelBounds`) stay here.
"""

from __future__ import annotations

from conformance.live.cancel.partials import cancelled_message, partial_messages
from conformance.live.cancel.resources import (
    KIT_THREADS,
    ResourceSnapshot,
    SocketKey,
    connected_sockets,
    pending_tasks,
)
from conformance.live.cancel.spend import (
    SPEND_PROPERTY,
    CancelSpend,
    SpendLedger,
    cancel_spend,
    spend_from_json,
    spend_to_json,
)
from conformance.live.cancel.verdict import (
    CLOSES_AT_ONCE,
    CLOSES_LATE,
    CLOSES_ON_GC,
    CLOSINGS,
    DEFAULT_BOUNDS,
    NEVER_CLOSES,
    NO_REQUEST,
    READS_ON,
    UNDETERMINED,
    CancelBounds,
    CancelVerdict,
    ClientRun,
    check_cancel,
    check_resumed,
)

__all__ = [
    "CLOSES_AT_ONCE",
    "CLOSES_LATE",
    "CLOSES_ON_GC",
    "CLOSINGS",
    "DEFAULT_BOUNDS",
    "KIT_THREADS",
    "NEVER_CLOSES",
    "NO_REQUEST",
    "READS_ON",
    "SPEND_PROPERTY",
    "UNDETERMINED",
    "CancelBounds",
    "CancelSpend",
    "CancelVerdict",
    "ClientRun",
    "ResourceSnapshot",
    "SocketKey",
    "SpendLedger",
    "cancel_spend",
    "cancelled_message",
    "check_cancel",
    "check_resumed",
    "connected_sockets",
    "partial_messages",
    "pending_tasks",
    "spend_from_json",
    "spend_to_json",
]
