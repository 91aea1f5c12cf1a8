"""Case 4: wall time of the bundled conformance suite (issue 7: all bundled cassettes x 200
chunkings each in < 60 s on 2 cores, in the `ci` profile and under `pytest -n 2`).

The `ci` profile draws 200 chunkings per cassette for each of the two Hypothesis checks
(`split`, `incremental`); the other checks replay the recorded chunkings and the derived
bodies. The suite is the kit's own parser for every vendor over every bundled cassette, run
three ways, each as a subprocess timed by wall clock, once (a run takes tens of seconds, so
one is enough to compare with a 60-second target; CPU seconds of the children are shown too):

- `conformance check` in one process;
- `conformance check --jobs 2`;
- `pytest -n 2` on a test module that declares the same suites (`reference_suite(vendor)`),
  as a user's repository would run the plugin under pytest-xdist.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import settings

import conformance.suite.strategies  # noqa: F401  (registers the conformance-ci profile read below)
from bench._harness import Row, seconds
from conformance.api import vendors
from conformance.formats.cassettes import load_cassettes

TARGET_SECONDS = 60.0
WORKERS = 2


def _test_module() -> str:
    lines = ["from conformance.suite.adapter_suite import reference_suite", ""]
    lines += [f"Test_{v.replace('-', '_')} = reference_suite({v!r})" for v in vendors()]
    return "\n".join(lines) + "\n"


_PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]


def commands(folder: Path) -> dict[str, tuple[list[str], bool]]:
    """Name -> (command, whether the 60-second target on 2 cores applies)."""
    check = [sys.executable, "-m", "conformance", "check", "--hypothesis-profile", "conformance-ci"]
    pytest = [*_PYTEST, "--conformance-profile", "conformance-ci"]
    return {
        "conformance check, 1 process": (check, False),
        f"conformance check --jobs {WORKERS}": ([*check, "--jobs", str(WORKERS)], True),
        f"pytest -n {WORKERS}": ([*pytest, "-n", str(WORKERS), str(folder / "test_bundled.py")], True),
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run() -> list[Row]:
    cassettes = len(load_cassettes())
    chunkings = settings.get_profile("conformance-ci").max_examples
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "test_bundled.py").write_text(_test_module(), encoding="utf-8")
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        for name, (command, targeted) in commands(folder).items():
            cpu, start = _children_cpu(), time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=folder, env=env)
            wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
            if done.returncode != 0:
                raise AssertionError(f"{name} failed (exit {done.returncode}):\n{done.stdout[-3000:]}")
            verdict = ("met" if wall < TARGET_SECONDS else "missed") if targeted else ""
            note = f"< {TARGET_SECONDS:g} s: {verdict}; " if targeted else ""
            rows.append(
                Row(
                    f"suite, {cassettes} cassettes x {chunkings} chunkings: {name}",
                    seconds(wall),
                    "-",
                    "-",
                    None,
                    note=f"{note}wall clock; {cpu:.0f} CPU s",
                )
            )
    return rows
