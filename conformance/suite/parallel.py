"""Running suites in several processes, for `conformance check --jobs N`.

Processes, not threads: the checks are CPU-bound Python (Hypothesis drawing chunkings, the
parsers), so threads would share one core. The parent lists every case in the order one
process runs them and hands them out one by one; each worker rebuilds the suite class from
its name (the kit's parser for a vendor, or the user's `module:Class`), loads the cassettes
once and runs the cases it is given. Results come back in the parent's order, so the output
is the same whatever the number of jobs. Workers are started with `spawn`, which behaves the
same on every platform and does not copy the parent's threads or open sockets.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache

from conformance.errors import ConformanceError
from conformance.formats.cassettes import Cassette
from conformance.options import select_profile
from conformance.suite.adapter_suite import AdapterSuite
from conformance.suite.cases import suite_cases, suite_cassettes
from conformance.suite.runner import CaseResult, load_suite, reference_suite, run_one

__all__ = ["SuiteSpec", "run_suites"]


@dataclass(frozen=True)
class SuiteSpec:
    """A suite by name, so that another process can build it: `adapter` is `module:Class`
    (or `file.py:Class`); without one, the kit's own parser for `vendor`."""

    vendor: str = ""
    adapter: str | None = None

    def load(self) -> type[AdapterSuite]:
        return load_suite(self.adapter) if self.adapter else reference_suite(self.vendor)


@dataclass(frozen=True)
class _Job:
    suite: int  # index into the specs
    check: str
    cassette: str


def run_suites(
    specs: Sequence[SuiteSpec], extra_dirs: Sequence[str], *, jobs: int, profile: str
) -> Iterator[CaseResult]:
    """Every case of every suite, run in `jobs` processes under the Hypothesis `profile`;
    results in the order a single process gives them."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    work = [
        _Job(index, case.check, case.id)
        for index, spec in enumerate(specs)
        for case in suite_cases(_suite(spec), _cassettes(spec, tuple(extra_dirs)).values())
    ]
    context = multiprocessing.get_context("spawn")
    initargs = (tuple(specs), tuple(extra_dirs), profile)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=initargs) as pool:
        try:
            # chunksize 1: a case takes from a millisecond to a second, so hand them out singly.
            yield from pool.map(_run, work)
        except BrokenProcessPool as exc:
            raise ConformanceError(f"a --jobs worker process died: {exc}") from None


# -- in each worker ---------------------------------------------------------------------------

_specs: tuple[SuiteSpec, ...] = ()
_extra_dirs: tuple[str, ...] = ()


def _start(specs: tuple[SuiteSpec, ...], extra_dirs: tuple[str, ...], profile: str) -> None:
    global _specs, _extra_dirs
    _specs, _extra_dirs = specs, extra_dirs
    select_profile(profile)  # the kit's checks only; a worker's own Hypothesis default stays


def _run(job: _Job) -> CaseResult:
    spec = _specs[job.suite]
    cassette = _cassettes(spec, _extra_dirs)[job.cassette]
    case = next(c for c in suite_cases(_suite(spec), [cassette]) if c.check == job.check)
    return run_one(_suite(spec), case)


@cache
def _suite(spec: SuiteSpec) -> type[AdapterSuite]:
    return spec.load()


@cache
def _cassettes(spec: SuiteSpec, extra_dirs: tuple[str, ...]) -> dict[str, Cassette]:
    return {c.id: c for c in suite_cassettes(_suite(spec), extra_dirs)}
