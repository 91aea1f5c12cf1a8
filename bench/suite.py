"""Case 4: how long users wait for the suites (issue 7, then issue 23), each against its target.

The `conformance-ci` profile draws 200 chunkings per cassette for each of the two Hypothesis
checks (`split`, `incremental`) and 200 generated streams per vendor (`generated`); the other
checks replay the recorded chunkings and the derived bodies. Each command runs once as a
subprocess (a run takes tens of seconds or minutes, so one is enough to compare with a target
in seconds), timed by wall clock, with the CPU seconds of the children and the machine's load
average before and after, because on a shared machine the wall time says as much about the
neighbours as about the suite:

- `conformance check` in one process (no target: it shows the CPU the suite needs);
- `conformance check --jobs 2`: issue 23 asks < 25 s on 2 cores (issue 7 asked < 60 s);
- `pytest -n 2` on a test module that declares the same suites (`reference_suite(vendor)`),
  as a user's repository runs the plugin under pytest-xdist: issue 7's < 60 s;
- the README's test command, `pytest -n 2 --hypothesis-profile conformance-ci` on the kit's
  own tests (a source checkout only; `--only tests`, several minutes): issue 23's < 150 s.

An absolute target is a row like the others: its ratio is the target over the measured wall
time, so 1.0x or more is met. `cpu / 2` in the note is the least wall time two idle cores
could give for the CPU the run used.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from hypothesis import settings

import conformance.suite.strategies  # noqa: F401  (registers the conformance-ci profile read below)
from bench._harness import Row, seconds
from conformance.api import vendors
from conformance.formats.cassettes import load_cassettes

WORKERS = 2
REPO = Path(__file__).resolve().parent.parent
"""The source checkout the bench runs from (its `tests/` are the README's test command's)."""


@dataclass(frozen=True)
class Command:
    """One timed command: its name in the table, its argv, where it runs, and its target (wall
    seconds on 2 cores, None: no target) with the issue that set it."""

    name: str
    argv: list[str]
    cwd: Path
    target: float | None = None
    issue: str = ""


@dataclass(frozen=True)
class Timed:
    wall: float
    cpu: float
    load_before: float
    load_after: float


def _test_module() -> str:
    lines = ["from conformance.suite.adapter_suite import reference_suite", ""]
    lines += [f"Test_{v.replace('-', '_')} = reference_suite({v!r})" for v in vendors()]
    return "\n".join(lines) + "\n"


_PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]


def suite_commands(folder: Path) -> list[Command]:
    """The bundled suites three ways; `folder` holds the generated `test_bundled.py`."""
    check = [sys.executable, "-m", "conformance", "check", "--hypothesis-profile", "conformance-ci"]
    pytest = [*_PYTEST, "--conformance-profile", "conformance-ci"]
    return [
        Command("conformance check, 1 process", check, folder),
        Command(f"conformance check --jobs {WORKERS}", [*check, "--jobs", str(WORKERS)], folder, 25.0, "23"),
        Command(
            f"pytest -n {WORKERS} (bundled suites)",
            [*pytest, "-n", str(WORKERS), str(folder / "test_bundled.py")],
            folder,
            60.0,
            "7",
        ),
    ]


def readme_test_command() -> Command | None:
    """The README's test command on the kit's own tests; None outside a source checkout."""
    if not (REPO / "tests" / "conftest.py").is_file():
        return None
    argv = [sys.executable, "-m", "pytest", "-n", str(WORKERS), "--hypothesis-profile", "conformance-ci"]
    return Command(
        f"README test command (pytest -n {WORKERS} --hypothesis-profile conformance-ci)",
        [*argv, "-q", "-p", "no:cacheprovider"],
        REPO,
        150.0,
        "23",
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def timed(command: Command, env: dict[str, str]) -> Timed:
    """Run `command` once; a failing run is an error (its time would mean nothing)."""
    load, cpu, start = _load(), _children_cpu(), time.perf_counter()
    done = subprocess.run(command.argv, capture_output=True, text=True, check=False, cwd=command.cwd, env=env)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode != 0:
        raise AssertionError(f"{command.name} failed (exit {done.returncode}):\n{done.stdout[-3000:]}")
    return Timed(wall, cpu, load, _load())


def row(prefix: str, command: Command, result: Timed) -> Row:
    """The table row of one timed command: with a target, ratio = target / wall (>= 1: met)."""
    note = (
        f"wall clock; {result.cpu:.0f} CPU s (cpu / {WORKERS}: {result.cpu / WORKERS:.0f} s); "
        f"load average {result.load_before:.1f} before, {result.load_after:.1f} after"
    )
    if command.target is not None:
        note = f"i.e. < {command.target:g} s on {WORKERS} cores (issue {command.issue}); {note}"
    return Row(
        f"{prefix}{command.name}",
        seconds(result.wall),
        "-",
        "-",
        None if command.target is None else command.target / result.wall,
        None if command.target is None else 1.0,
        note=note,
    )


def run(*, suites: bool = True, tests: bool = False) -> list[Row]:
    """The bundled suites three ways (`suites`), and the README's test command (`tests`)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    rows = []
    if suites:
        cassettes = len(load_cassettes())
        chunkings = settings.get_profile("conformance-ci").max_examples
        prefix = f"suite, {cassettes} cassettes x {chunkings} chunkings: "
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "test_bundled.py").write_text(_test_module(), encoding="utf-8")
            rows += [row(prefix, command, timed(command, env)) for command in suite_commands(folder)]
    command = readme_test_command() if tests else None
    if command is not None:
        rows.append(row("tests: ", command, timed(command, env)))
    return rows
