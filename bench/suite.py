"""Case 4: wall time of the bundled conformance suite (issue 7: all bundled cassettes x 200
chunkings in < 60 s on 2 cores, in the `ci` profile and under `pytest -n 2`).

A hook, not yet a measurement: the suite is still being built, so `python -m bench` reports
this case as not run unless asked (`--suite`). `COMMANDS` is the one place to say how the
suite runs; each is timed by wall clock (it is a subprocess), once.
"""

from __future__ import annotations

import subprocess
import sys
import time

from bench._harness import Row, seconds

TARGET_SECONDS = 60.0

COMMANDS: dict[str, list[str]] = {
    "conformance check, ci profile": [
        sys.executable,
        "-m",
        "conformance",
        "check",
        "--hypothesis-profile",
        "ci",
    ],
    # "pytest -n 2, ci profile": [...],  # fill in once the suite runs under pytest-xdist
}


def run(*, enabled: bool) -> list[Row]:
    if not enabled:
        return [
            Row(
                "conformance suite wall time",
                "-",
                "-",
                "-",
                None,
                note="not run: stub (python -m bench --suite)",
            )
        ]
    rows = []
    for name, command in COMMANDS.items():
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        note = (
            f"< {TARGET_SECONDS:g} s: {'met' if wall < TARGET_SECONDS else 'missed'}; exit {done.returncode}"
        )
        rows.append(Row(f"suite: {name}", seconds(wall), "-", "-", None, note=note))
    return rows
