"""Timing and the table: interleaved runs, medians, one row per (case, competitor).

Every case times *ours* and each competitor in the same process, in alternating order,
round after round, so a machine that slows down mid-run slows everyone alike; the row shows
the median of each. Times are CPU seconds of this process (`time.process_time`), which other
processes on a shared machine disturb less than wall time. A competitor whose single run is
slow gets fewer rounds (`budget`), never fewer than one.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass
class Row:
    case: str
    ours: str
    theirs: str
    competitor: str
    ratio: float | None  # theirs' cost / ours: above 1, ours is faster
    target: float | None = None  # the ratio the issue asks for
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None or self.ratio is None:
            return ""
        return "met" if self.ratio >= self.target else f"missed ({self.ratio / self.target:.1%} of it)"


@dataclass
class Timing:
    median: float
    runs: int
    result: object


def measure(
    contenders: dict[str, Callable[[], object]], *, rounds: int = 5, budget: float = 20.0
) -> dict[str, Timing]:
    """Run each contender `rounds` times, interleaved; a contender stops early once its runs
    took `budget` seconds in all. Returns the median CPU time and the last result of each."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    results: dict[str, object] = {}
    names = list(contenders)
    for n in range(rounds):
        order = names[n % len(names) :] + names[: n % len(names)]  # rotate who goes first
        for name in order:
            if times[name] and sum(times[name]) >= budget:
                continue
            gc.collect()
            start = time.process_time()
            results[name] = contenders[name]()
            times[name].append(time.process_time() - start)
    return {name: Timing(statistics.median(ts), len(ts), results[name]) for name, ts in times.items()}


def machine() -> str:
    """One line: CPU model, cores, OS, Python."""
    model = platform.processor() or platform.machine()
    try:
        for line in subprocess.run(
            ["lscpu"], capture_output=True, text=True, check=False
        ).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f} at start"
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"{platform.python_implementation()} {sys.version.split()[0]}{load}"
    )


def seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


def throughput(size: int, value: float) -> str:
    rate = size / value / 1e6
    return f"{rate:.0f} MB/s" if rate >= 10 else f"{rate:.2g} MB/s"  # 0.43 MB/s, not 0 MB/s


def table(rows: list[Row], *, markdown: bool = False) -> str:
    header = ["case", "ours", "theirs", "competitor", "ratio", "target"]
    lines = [
        [
            r.case,
            r.ours,
            r.theirs,
            r.competitor,
            f"{r.ratio:.1f}x" if r.ratio is not None else "-",
            (f">= {r.target:g}x: {r.verdict}" if r.target is not None else "")
            + (f" {r.note}" if r.note else ""),
        ]
        for r in rows
    ]
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
        out += ["| " + " | ".join(cells) + " |" for cells in lines]
        return "\n".join(out)
    widths = [max([len(h), *(len(cells[i]) for cells in lines)]) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:{w}}}" for w in widths)
    out = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*cells).rstrip() for cells in lines]
    return "\n".join(out)


def targets(rows: list[Row], lines: Sequence[tuple[str, str]] = (), *, markdown: bool = False) -> str:
    """Every target the run measured, one line each: the case, its ratio, met or missed (the
    rows with a target, then the memory lines that carry a verdict)."""
    out = ["targets:"]
    for r in rows:
        if r.target is not None and r.ratio is not None:
            out.append(f"{r.case}: {r.ratio:.2f}x, target >= {r.target:g}x: {r.verdict}")
        elif ": met" in r.note or ": missed" in r.note:  # a target stated in the note (startup)
            out.append(f"{r.case}: {r.ours}, {r.note}")
    out += [f"{case}: {result}" for case, result in lines if "flat" in result]
    return "\n".join(f"- {line}" if markdown and i else line for i, line in enumerate(out))
