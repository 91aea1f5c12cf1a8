"""`ClientSuite`: the cancel and lifecycle checks as a test class users subclass, and the function behind it.

`run_cancel_check` plays a cassette on a `ReplayServer`, lets a client consume it and cancel,
waits (up to the bound) for the server to see the disconnect, looks for what the client
left behind, and returns `conformance.live.cancel.check_cancel`'s verdict. `ClientSuite` runs it
over every bundled cassette of `vendor`, at several cancel points:

    from conformance import Message
    from conformance.suite.client_suite import ClientSuite

    class TestMyAnthropicClient(ClientSuite):
        vendor = "anthropic"

        def consume(self, base_url: str, cancel_after_events: int | None) -> Message:
            ...  # point your client at base_url; stop after that many events (None: read all)

`consume` may return a `Message` (its stop_reason must then be "cancelled" when it
cancelled) or a `ClientRun`, which can also say when the client cancelled.

`test_lifecycle` serves the client (`cancel_after_events=None`) each ending in
`conformance.suite.lifecycle.lifecycle_cases`: a complete read, every error status the vendor uses,
and a connection the server cuts halfway; the server answers `Connection: close`, so no socket
to it may stay open once `consume` returns (the client may raise on an error status or a
drop, and must not read a drop as a clean stop).

Each cancel runs with the cycle collector paused (`gc_paused`), after one unjudged warm-up
run per class and process (`warm_up`); a class may declare checks it does not claim and
that it has no completeness signal (`unsupported`, see `CLIENT_CHECKS` and
`CLIENT_DECLARATIONS`). docs/cancellation.md has the whole story.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.live.cancel.resources import ResourceSnapshot
from conformance.live.cancel.spend import SPEND_PROPERTY, SpendLedger, spend_to_json
from conformance.live.cancel.verdict import (
    DEFAULT_BOUNDS,
    CancelBounds,
    CancelVerdict,
    ClientRun,
    check_cancel,
)
from conformance.live.replay.logs import ConnectionLog
from conformance.live.replay.server import ReplayServer
from conformance.message import Message
from conformance.oracles import compare
from conformance.suite.lifecycle import LifecycleCase, check_lifecycle, lifecycle_cases

SETTLE_S = 0.05
"""After the bound, how long to give a cleanup to release what a bad client held."""
GC_SETTLE_S = 0.2
"""After `gc.collect()`, how long the server may take to see a close the collector caused
(an async client's close runs on its loop, a turn later)."""


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
    gc_paused: bool = True,
    warm_up: bool = False,
    completeness: bool = True,
) -> CancelVerdict:
    """Serve `cassette`, run `consume(cancel_after)`, and judge the cancel.

    `gc_paused`: the cycle collector is off from before the run until the verdict (restored
    after), so a connection that only a collection would close is reported as such instead
    of passing or failing by the luck of when the collector runs. `warm_up`: run the client
    once first (not judged), so threads a library starts once per process and keeps already
    exist, and only threads this cancel leaves behind count. `completeness=False`: the client
    declared no completeness signal (see `check_cancel`).
    """
    if warm_up:
        _warm_up(server, cassette, consume, cancel_after)
    server.play(cassette, speed=speed)
    index = server.requests
    gc_was_enabled = gc.isenabled()
    if gc_paused:
        gc.disable()
    run: ClientRun | None = None
    log: ConnectionLog | None = None
    try:
        before = ResourceSnapshot.take(server.address)
        outcome = consume(cancel_after)
        run = outcome if isinstance(outcome, ClientRun) else ClientRun(outcome, cancel_after)
        try:
            log = server.wait_for_connection(index, timeout=1.0)
        except TimeoutError:
            log = None
        if log is not None:
            start = run.cancelled_at if run.cancelled_at is not None else time.perf_counter()
            log.wait(max(0.0, start + bounds.disconnect_s - time.perf_counter()))
        judged_at = time.perf_counter()
        open_at_bound = log is not None and not log.ended
        leaks = ResourceSnapshot.take(server.address).leaks_since(before, bounds.allowed_threads)
        collected_at = None
        if gc_paused and log is not None and open_at_bound:
            collected_at = time.perf_counter()
            # The youngest generation first: it holds every object made since the collector
            # was paused, the run's cycles among them, and takes milliseconds where a full
            # collection of an SDK-laden process takes up to a second on a busy machine.
            gc.collect(0)
            if not log.wait(GC_SETTLE_S):
                gc.collect()
                log.wait(GC_SETTLE_S)
        verdict = check_cancel(
            cassette,
            log,
            run,
            bounds=bounds,
            leaks=leaks,
            now=judged_at,
            workload=workload,
            gc_collected_at=collected_at,
            completeness=completeness,
        )
    finally:
        try:
            if run is not None and run.cleanup is not None:
                run.cleanup()
                if log is not None:
                    log.wait(SETTLE_S)
        finally:
            if gc_was_enabled:
                gc.enable()
    if ledger is not None and verdict.spend is not None:
        ledger.add(verdict.spend)
    return verdict


def _warm_up(
    server: ReplayServer,
    cassette: Cassette,
    consume: Callable[[int | None], ClientRun | Message],
    cancel_after: int,
) -> None:
    """One unjudged run, as fast as the server sends, so per-process worker pools start now."""
    server.play(cassette, speed=None)
    index = server.requests
    outcome = consume(cancel_after)
    if isinstance(outcome, ClientRun) and outcome.cleanup is not None:
        outcome.cleanup()
    with contextlib.suppress(TimeoutError):
        server.wait_for_connection(index, timeout=1.0).wait(SETTLE_S)


def cancel_points(cassette: Cassette, spread: int = 3) -> list[int]:
    """Where to cancel a stream: after its first event, and at `spread - 1` points spread
    evenly over the rest (3: after a third and after two thirds of its events)."""
    from conformance.live.timing import content_type, event_ends

    count = len(event_ends(cassette.body, content_type(cassette)))
    points = {1, *(count * k // spread for k in range(1, spread))}
    return sorted(p for p in points if 0 < p < count)


CLIENT_CHECKS = ("reads_whole_stream", "cancel", "lifecycle")
"""The checks of `ClientSuite`, by the name `unsupported` uses."""
CLIENT_DECLARATIONS = {
    "completeness": "no completeness signal: the client cannot tell a cancelled or cut stream "
    "from a finished one, so the partial message's stop_reason and complete are not judged "
    "(nor, in lifecycle, how it reads a dropped connection)",
}
"""What else a `ClientSuite` may declare in `unsupported`, and what it changes."""


def unsupported_client_names(cls: type[ClientSuite]) -> frozenset[str]:
    """The suite's `unsupported`, checked; ValueError naming any unknown word."""
    names = frozenset(cls.unsupported)
    unknown = names - {*CLIENT_CHECKS, *CLIENT_DECLARATIONS}
    if unknown:
        raise ValueError(
            f"{cls.__qualname__}.unsupported names {sorted(unknown)}; known checks: "
            f"{', '.join(CLIENT_CHECKS)}; declarations: {', '.join(CLIENT_DECLARATIONS)}"
        )
    return names


_WARMED: set[type[Any]] = set()
"""Suites whose client already ran once in this process (see `ClientSuite.warm_up`)."""


class ClientSuite:
    """Cancel checks for an HTTP client or SDK wrapper; subclass it and implement `consume`."""

    vendor: ClassVar[str]
    """The adapter id of the cassettes to serve."""
    cassette_dirs: ClassVar[tuple[str | Path, ...]] = ()
    """Extra cassette directories (`<vendor>/<scenario>.yaml`) besides the bundled ones."""
    scenarios: ClassVar[frozenset[str] | None] = None
    """Only these scenarios (None: all with a 200 status)."""
    unsupported: ClassVar[Collection[str]] = frozenset()
    """Checks the client does not claim (`CLIENT_CHECKS`: a cancel-only consumer says
    `{"reads_whole_stream"}`), and declarations (`CLIENT_DECLARATIONS`: `"completeness"`).
    Shown as skips with the reason, never silent."""
    speed: ClassVar[float | None] = 1.0
    """Replay pace for cancel checks (1.0: as recorded)."""
    spread: ClassVar[int] = 3
    """Cancel points per cassette: after the first event, and spread over the rest."""
    bounds: ClassVar[CancelBounds] = DEFAULT_BOUNDS
    """Disconnect bound, chunks after the cancel, and `allowed_threads` (named worker pools)."""
    gc_paused: ClassVar[bool] = True
    """Run each cancel with the cycle collector paused, so a close that only the collector
    makes is reported ("closes only when the garbage collector runs")."""
    warm_up: ClassVar[bool] = True
    """Before the first cancel check of the class in a process, run the client once, not
    judged: worker threads a library starts on first use and keeps are then not taken for
    threads the cancel left behind, whatever the test order."""
    ledger: ClassVar[SpendLedger | None] = None
    """Set to a `SpendLedger` to collect cancelled-token spend."""
    error_statuses: ClassVar[Collection[int] | None] = None
    """The error statuses `test_lifecycle` serves (None: every one the vendor uses, see
    `conformance.formats.vendor_errors`). Give the client no retries (`max_retries=0`)."""
    lifecycle_settle_s: ClassVar[float] = 1.0
    """How long connections may take to close after `consume` returned, in `test_lifecycle`."""

    def consume(self, base_url: str, cancel_after_events: int | None) -> Message | ClientRun:
        """Read the stream at `base_url`; cancel after that many vendor events (None: read all)."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement consume(base_url, cancel_after_events)"
        )

    def _skip_unless_claimed(self, check: str) -> None:
        if check in unsupported_client_names(type(self)):
            pytest.skip(f"unsupported: {type(self).__name__} declares {check!r} unsupported")

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

    @classmethod
    def lifecycle_cases(cls) -> list[LifecycleCase]:
        """The endings `test_lifecycle` serves: `conformance.suite.lifecycle.lifecycle_cases` over the
        suite's cassettes and its vendor's error-status ones."""
        errors = [
            c
            for directory in (None, *cls.cassette_dirs)
            for c in load_cassettes(directory, vendor=cls.vendor)
            if c.status >= 400 and (cls.scenarios is None or c.scenario in cls.scenarios)
        ]
        return lifecycle_cases([*cls.cassettes(), *errors], cls.error_statuses)

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        unsupported_client_names(type(self))  # an unknown word fails collection, naming it
        if "lifecycle_case" in metafunc.fixturenames:
            cases = type(self).lifecycle_cases()
            metafunc.parametrize(
                "lifecycle_case", [pytest.param(c, id=f"{c.cassette.vendor}-{c.id}") for c in cases]
            )
            return
        cassettes = type(self).cassettes()
        if "cancel_after" in metafunc.fixturenames:
            params = [
                pytest.param(c, n, id=f"{c.id}-cancel@{n}")
                for c in cassettes
                for n in cancel_points(c, type(self).spread)
            ]
            metafunc.parametrize(("cassette", "cancel_after"), params)
        elif "cassette" in metafunc.fixturenames:
            metafunc.parametrize("cassette", [pytest.param(c, id=c.id) for c in cassettes])

    @pytest.fixture(scope="class")
    @classmethod
    def replay(cls) -> Iterator[ReplayServer]:
        """One loopback replay server per suite class. A class method: pytest (9.x warns, 10
        refuses) runs a class-scoped fixture once per class, not on each test's instance."""
        with ReplayServer() as server:
            yield server

    # -- the checks -------------------------------------------------------------------------------

    def test_reads_whole_stream(self, replay: ReplayServer, cassette: Cassette) -> None:
        """Read to the end as fast as the server sends: the message is the expected one."""
        self._skip_unless_claimed("reads_whole_stream")
        replay.play(cassette, speed=None)
        outcome = self.consume(replay.base_url, None)
        if isinstance(outcome, ClientRun) and outcome.cleanup is not None:
            outcome.cleanup()
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
        self._skip_unless_claimed("cancel")
        cls = type(self)
        warm = cls.warm_up and cls not in _WARMED
        _WARMED.add(cls)
        verdict = run_cancel_check(
            replay,
            cassette,
            lambda n: self.consume(replay.base_url, n),
            cancel_after=cancel_after,
            speed=self.speed,
            bounds=self.bounds,
            workload=f"{type(self).__name__}:{cassette.id}",
            ledger=self.ledger,
            gc_paused=self.gc_paused,
            warm_up=warm,
            completeness="completeness" not in unsupported_client_names(cls),
        )
        if verdict.spend is not None:  # the plugin sums these per workload, across xdist workers
            request.node.user_properties.append((SPEND_PROPERTY, spend_to_json(verdict.spend)))
        assert verdict.passed, f"{cassette.id}, cancel after {cancel_after} events: {verdict}"

    def test_lifecycle(self, replay: ReplayServer, lifecycle_case: LifecycleCase) -> None:
        """After a complete read, an error status or a dropped connection: no socket left open,
        and a drop not read as a clean stop."""
        self._skip_unless_claimed("lifecycle")
        cls = type(self)
        case = lifecycle_case
        verdict = check_lifecycle(
            replay,
            case.cassette,
            lambda base_url: self.consume(base_url, None),
            drop_after_events=case.drop_after_events,
            settle_s=cls.lifecycle_settle_s,
            keep_alive=False,
            completeness="completeness" not in unsupported_client_names(cls),
        )
        did = verdict.outcome if verdict.outcome.startswith("raised") else f"returned {verdict.outcome}"
        assert verdict.ok, (
            f"{case.cassette.id} ({case.cassette.vendor}, {verdict.served}; the client {did}): "
            + "; ".join(verdict.problems)
        )
