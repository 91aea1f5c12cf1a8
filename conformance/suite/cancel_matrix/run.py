"""Running the cancel matrix: each way against its vendor's long cassette on the loopback
`ReplayServer`, after the first text chunk and midway, judged by
`client_suite.run_cancel_check` with the cycle collector paused (so a close only the
collector would make is reported as such) after one unjudged warm-up run (so worker threads
a library keeps are not counted). A way whose library is missing is a row, not a crash.
"""

from __future__ import annotations

import functools
import importlib.metadata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.live.cancel.verdict import CancelBounds, CancelVerdict, ClientRun
from conformance.live.clients import Consumer, Endpoint
from conformance.live.replay.server import ReplayServer
from conformance.suite.cancel_matrix.anthropic_ways import ANTHROPIC_WAYS
from conformance.suite.cancel_matrix.framework_ways import FRAMEWORK_WAYS
from conformance.suite.cancel_matrix.genai_ways import GENAI_WAYS
from conformance.suite.cancel_matrix.openai_ways import OPENAI_WAYS
from conformance.suite.cancel_matrix.way import Way
from conformance.suite.client_suite import run_cancel_check

CASSETTES = {
    "openai-chat": ("long_text", 28, 0.5),
    "openai-responses": ("long_text", 28, 0.5),
    "anthropic": ("long_text", 28, 0.5),
    "gemini": ("long_text", 8, 0.1),
}
"""The cassette each vendor's ways read, the midway cancel point (in text chunks), and the
replay speed: slow enough that, even after a cancel midway, the stream outlasts the bound
and the collection after it (five to six seconds; Gemini's 16 events are a phrase each)."""
BOUNDS = CancelBounds(disconnect_s=0.5, allowed_threads=("asyncio_*", "litellm-logging_*"))
"""A close on loopback takes under 10 ms; worker pools that grow on demand are named."""

WAYS: tuple[Way, ...] = OPENAI_WAYS + ANTHROPIC_WAYS + GENAI_WAYS + FRAMEWORK_WAYS
"""Every way, in the matrix's order: by library, the leaking way before those that avoid it."""


@dataclass
class Row:
    """One way, one cancel point: the verdict, or why it could not run."""

    way: Way
    cancel_after: int
    verdict: CancelVerdict | None = None
    error: str = ""


@dataclass
class Matrix:
    rows: list[Row] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    bounds: CancelBounds = BOUNDS


def _cassette(vendor: str) -> Cassette:
    scenario, _, _ = CASSETTES[vendor]
    found = [c for c in load_cassettes(vendor=vendor) if c.scenario == scenario]
    if not found:
        raise LookupError(f"no bundled cassette {vendor}/{scenario}")
    return found[0]


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _consume_at(consume: Consumer, target: Endpoint, cancel_after: int | None) -> ClientRun:
    return consume(target, cancel_after)


def run_matrix(
    ways: Sequence[Way] = WAYS,
    *,
    bounds: CancelBounds = BOUNDS,
    midway: bool = True,
    progress: Callable[[Row], None] | None = None,
) -> Matrix:
    """Run every way after the first text chunk and (`midway`) halfway; a way whose library
    is missing is reported, not run."""
    matrix = Matrix(bounds=bounds)
    for way in ways:
        matrix.versions[way.library] = _version(way.library)
    with ReplayServer() as server:
        for way in ways:
            cassette = _cassette(way.vendor)
            warm = True
            for point in (1, CASSETTES[way.vendor][1]) if midway else (1,):
                row = Row(way, point)
                if matrix.versions[way.library] == "not installed":
                    row.error = f"{way.library} is not installed (pip install -e '.[ecosystem]')"
                else:
                    speed = CASSETTES[way.vendor][2]
                    server.play(cassette, speed=speed)
                    target = Endpoint.of(server)
                    try:
                        row.verdict = run_cancel_check(
                            server,
                            cassette,
                            functools.partial(_consume_at, way.consume, target),
                            cancel_after=point,
                            speed=speed,
                            bounds=bounds,
                            warm_up=warm,
                            workload=f"{way.library} {way.name}",
                        )
                    except Exception as exc:  # a library's own failure is a row, not a crash
                        row.error = f"{type(exc).__name__}: {exc}"[:300]
                    warm = False
                matrix.rows.append(row)
                if progress is not None:
                    progress(row)
    return matrix
