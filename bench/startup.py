"""Case 5: what the plugin costs a project that defines no suite (issue 17: < 30 ms).

pytest imports `conformance.suite.plugin` (the `pytest11` entry point) in every run of every
project that has the kit installed. Three measures, each the median of runs in fresh
processes:

- the CPU time of `import conformance.suite.plugin` after `import pytest`;
- `python -X importtime -c "import pytest; import conformance.suite.plugin"`: the cumulative
  import time of `conformance.suite.plugin` alone (pytest itself is imported first and not
  counted: every pytest run pays for it anyway);
- `pytest --co` of a one-test project, with the plugin and with `-p no:conformance`: the
  whole start-up a user waits for, CPU time of the child process.
"""

from __future__ import annotations

import re
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench._harness import Row, seconds

TARGET_MS = 30.0
_IMPORT = re.compile(r"^import time:\s+\d+ \|\s+(\d+) \| conformance\.plugin$", re.MULTILINE)


def plugin_import_seconds() -> float:
    """Cumulative import time of `conformance.suite.plugin`, pytest already imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import pytest; import conformance.suite.plugin"],
        capture_output=True,
        text=True,
        check=True,
    )
    match = _IMPORT.search(done.stderr)
    if match is None:
        raise AssertionError(f"no import time for conformance.suite.plugin in:\n{done.stderr[-2000:]}")
    return int(match.group(1)) / 1e6


def plugin_import_cpu_seconds() -> float:
    """CPU time of `import conformance.suite.plugin`, pytest already imported: what `-X importtime`
    measures, but in CPU time, which a busy shared machine disturbs less than wall time."""
    code = (
        "import time, pytest; start = time.process_time(); import conformance.suite.plugin; "
        "print(time.process_time() - start)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def collect_seconds(folder: Path, *extra: str) -> float:
    """CPU seconds of `pytest --co` in `folder`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "pytest", "--co", "-q", "-p", "no:cacheprovider", *extra],
        cwd=folder,
        capture_output=True,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _verdict(value: float) -> str:
    return "met" if value * 1e3 < TARGET_MS else "missed"


def run(rounds: int = 7) -> list[Row]:
    imports = statistics.median(plugin_import_seconds() for _ in range(rounds))
    imports_cpu = statistics.median(plugin_import_cpu_seconds() for _ in range(rounds))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "test_one.py").write_text("def test_one():\n    pass\n", encoding="utf-8")
        with_plugin: list[float] = []
        without: list[float] = []
        for _ in range(rounds):  # interleaved, so a busy moment slows both alike
            with_plugin.append(collect_seconds(folder))
            without.append(collect_seconds(folder, "-p", "no:conformance"))
    ours, theirs = statistics.median(with_plugin), statistics.median(without)
    return [
        Row(
            "import conformance.suite.plugin (pytest already imported), CPU time",
            seconds(imports_cpu),
            "-",
            "-",
            None,
            note=f"< {TARGET_MS:g} ms: {_verdict(imports_cpu)}; median of {rounds}",
        ),
        Row(
            "import conformance.suite.plugin (pytest already imported), -X importtime",
            seconds(imports),
            "-",
            "-",
            None,
            note=f"< {TARGET_MS:g} ms: {_verdict(imports)}; wall clock, median of {rounds}",
        ),
        Row(
            "pytest --co, one-test project, no suite",
            seconds(ours),
            seconds(theirs),
            "-p no:conformance",
            theirs / ours,
            note=f"CPU time of the pytest process, median of {rounds}; added {(ours - theirs) * 1e3:.0f} ms",
        ),
    ]


if __name__ == "__main__":
    from bench._harness import table

    print(table(run(), markdown="--markdown" in sys.argv))
