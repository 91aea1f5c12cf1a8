"""`ClientSuite`: the cancel checks as a test class users subclass, and the function behind it.

`run_cancel_check` plays a cassette on a `ReplayServer`, lets a client consume it and cancel,
waits (up to the bound) for the server to see the disconnect, looks for what the client
left behind, and returns `conformance.cancel.check_cancel`'s verdict. `ClientSuite` runs it
over every bundled cassette of `vendor`, at several cancel points:

    from conformance import Message
    from conformance.client_suite import ClientSuite

    class TestMyAnthropicClient(ClientSuite):
        vendor = "anthropic"

        def consume(self, base_url: str, cancel_after_events: int | None) -> Message:
            ...  # point your client at base_url; stop after that many events (None: read all)

`consume` may return a `Message` (its stop_reason must then be "cancelled" when it
cancelled) or a `ClientRun`, which can also say when the client cancelled.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from conformance.cancel import (
    DEFAULT_BOUNDS,
    SPEND_PROPERTY,
    CancelBounds,
    CancelVerdict,
    ClientRun,
    ResourceSnapshot,
    SpendLedger,
    check_cancel,
    spend_to_json,
)
from conformance.cassettes import Cassette, load_cassettes
from conformance.message import Message
from conformance.oracles import compare
from conformance.replay import ConnectionLog, ReplayServer

SETTLE_S = 0.05
"""After the bound, how long to give a cleanup to release what a bad client held."""


def run_cancel_check(
    server: ReplayServer,
    cassette: Cassette,
    consume: Callable[[int | None], ClientRun | Message],
    *,
    cancel_after: int,
    speed: float | None = 1.0,
    bounds: CancelBounds = DEFAULT_BOUNDS,
    workload: str = "",
    ledger: SpendLedger | None = None,
) -> CancelVerdict:
    """Serve `cassette`, run `consume(cancel_after)`, and judge the cancel."""
    server.play(cassette, speed=speed)
    index = len(server.connections)
    before = ResourceSnapshot.take(server.address)
    outcome = consume(cancel_after)
    run = outcome if isinstance(outcome, ClientRun) else ClientRun(outcome, cancel_after)
    log: ConnectionLog | None
    try:
        log = server.wait_for_connection(index, timeout=1.0)
    except TimeoutError:
        log = None
    try:
        if log is not None:
            start = run.cancelled_at if run.cancelled_at is not None else time.perf_counter()
            log.wait(max(0.0, start + bounds.disconnect_s - time.perf_counter()))
        judged_at = time.perf_counter()
        leaks = ResourceSnapshot.take(server.address).leaks_since(before)
        verdict = check_cancel(
            cassette, log, run, bounds=bounds, leaks=leaks, now=judged_at, workload=workload
        )
    finally:
        if run.cleanup is not None:
            run.cleanup()
            if log is not None:
                log.wait(SETTLE_S)
    if ledger is not None and verdict.spend is not None:
        ledger.add(verdict.spend)
    return verdict


def cancel_points(cassette: Cassette) -> list[int]:
    """Where to cancel a stream: after its first event, and in its middle."""
    from conformance.timing import content_type, event_ends

    count = len(event_ends(cassette.body, content_type(cassette)))
    return sorted({p for p in (1, count // 2) if 0 < p < count})


class ClientSuite:
    """Cancel checks for an HTTP client or SDK wrapper; subclass it and implement `consume`."""

    vendor: ClassVar[str]
    """The adapter id of the cassettes to serve."""
    cassette_dirs: ClassVar[tuple[str | Path, ...]] = ()
    """Extra cassette directories (`<vendor>/<scenario>.yaml`) besides the bundled ones."""
    scenarios: ClassVar[frozenset[str] | None] = None
    """Only these scenarios (None: all with a 200 status)."""
    speed: ClassVar[float | None] = 1.0
    """Replay pace for cancel checks (1.0: as recorded)."""
    bounds: ClassVar[CancelBounds] = DEFAULT_BOUNDS
    ledger: ClassVar[SpendLedger | None] = None
    """Set to a `SpendLedger` to collect cancelled-token spend."""

    def consume(self, base_url: str, cancel_after_events: int | None) -> Message | ClientRun:
        """Read the stream at `base_url`; cancel after that many vendor events (None: read all)."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement consume(base_url, cancel_after_events)"
        )

    # -- parametrization --------------------------------------------------------------------------

    @classmethod
    def cassettes(cls) -> list[Cassette]:
        found: dict[str, Cassette] = {}
        for directory in (None, *cls.cassette_dirs):
            for cassette in load_cassettes(directory, vendor=cls.vendor):
                found[cassette.id] = cassette
        return [
            c
            for c in found.values()
            if c.status == 200 and (cls.scenarios is None or c.scenario in cls.scenarios)
        ]

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        cassettes = type(self).cassettes()
        if "cancel_after" in metafunc.fixturenames:
            params = [
                pytest.param(c, n, id=f"{c.id}-cancel@{n}") for c in cassettes for n in cancel_points(c)
            ]
            metafunc.parametrize(("cassette", "cancel_after"), params)
        elif "cassette" in metafunc.fixturenames:
            metafunc.parametrize("cassette", [pytest.param(c, id=c.id) for c in cassettes])

    @pytest.fixture(scope="class")
    def replay(self) -> Iterator[ReplayServer]:
        with ReplayServer() as server:
            yield server

    # -- the checks -------------------------------------------------------------------------------

    def test_reads_whole_stream(self, replay: ReplayServer, cassette: Cassette) -> None:
        """Read to the end as fast as the server sends: the message is the expected one."""
        replay.play(cassette, speed=None)
        outcome = self.consume(replay.base_url, None)
        message = outcome.message if isinstance(outcome, ClientRun) else outcome
        expected = cassette.expected
        if expected is None:
            pytest.skip(f"{cassette.id} has no expected message")
        # `complete` is left out: an SDK hides the terminator from its user.
        theirs: dict[str, Any] = {
            k: v for k, v in expected.to_dict().items() if k not in ("vendor", "complete")
        }
        diffs = compare(message, theirs)
        assert not diffs, f"{cassette.id}: " + "; ".join(diffs)

    def test_cancel(
        self, replay: ReplayServer, cassette: Cassette, cancel_after: int, request: pytest.FixtureRequest
    ) -> None:
        """Cancel after `cancel_after` events: prompt disconnect, nothing left behind, partial message."""
        verdict = run_cancel_check(
            replay,
            cassette,
            lambda n: self.consume(replay.base_url, n),
            cancel_after=cancel_after,
            speed=self.speed,
            bounds=self.bounds,
            workload=f"{type(self).__name__}:{cassette.id}",
            ledger=self.ledger,
        )
        if verdict.spend is not None:  # the plugin sums these per workload, across xdist workers
            request.node.user_properties.append((SPEND_PROPERTY, spend_to_json(verdict.spend)))
        assert verdict.passed, f"{cassette.id}, cancel after {cancel_after} events: {verdict}"
