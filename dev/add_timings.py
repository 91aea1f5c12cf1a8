"""Give every cassette that lacks them plausible chunk timings (`chunks`, `chunk_times_ms`).

    python dev/add_timings.py [DIR ...] [--dry-run]

DIR defaults to the bundled `cassettes/`. For each `<vendor>/<scenario>.yaml` without
`chunk_times_ms`, the body is cut at event boundaries (mostly one event per chunk), the first
chunk arrives a few hundred ms after the request and the others 10-80 ms apart, seeded by
the cassette id (`conformance.live.timing.plausible_timings`), so a rerun gives the same numbers.
The file is rewritten with `save_cassette` (atomic: temp file, then rename), read back and
validated. Cassettes that already have timings (recorded ones, or from an earlier run) are
left alone. Anything else the rewrite would change besides the two fields is reported, and
such a file is skipped.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import ConformanceError
from conformance.formats.cassettes import cassette_to_dict, load_cassette, save_cassette
from conformance.live.timing import has_timings, plausible_timings, validate_timings

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"


def differences(before: Any, after: Any, path: str = "") -> list[str]:
    """Where two loaded YAML documents differ (dict keys and list items followed down)."""
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        for key in sorted(set(before) | set(after), key=str):
            if key not in after:
                out.append(f"{path}.{key}: dropped")
            elif key not in before:
                out.append(f"{path}.{key}: added")
            else:
                out += differences(before[key], after[key], f"{path}.{key}")
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            d
            for i, (a, b) in enumerate(zip(before, after, strict=True))
            for d in differences(a, b, f"{path}[{i}]")
        ]
    return [] if before == after else [f"{path}: {before!r} -> {after!r}"]


def add_timings(path: Path, *, dry_run: bool) -> str:
    """Add timings to one cassette; return what was done, for the report."""
    cassette = load_cassette(path)
    if has_timings(cassette):
        return "has timings"
    lengths, times = plausible_timings(cassette)
    if not lengths:
        return "empty body, skipped"
    timed = dataclasses.replace(
        cassette, metadata={**cassette.metadata, "chunks": lengths, "chunk_times_ms": times}
    )
    validate_timings(timed)
    original = yaml.safe_load(path.read_bytes())
    rewritten = cassette_to_dict(timed)
    changed = [
        d
        for d in differences(original, rewritten)
        if d not in (".metadata.conformance.chunks: added", ".metadata.conformance.chunk_times_ms: added")
    ]
    if changed:
        return "SKIPPED, the rewrite would also change: " + "; ".join(changed)
    if not dry_run:
        save_cassette(timed, path)
        again = load_cassette(path)
        validate_timings(again)
        if again.body != cassette.body or again.chunk_times_ms != [float(t) for t in times]:
            raise ConformanceError(f"{path}: did not read back as written")
    return f"{len(lengths)} chunks, first at {times[0]} ms, last at {times[-1]} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("dirs", nargs="*", type=Path, default=[CASSETTES])
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    args = parser.parse_args()
    failed = 0
    for directory in args.dirs:
        for path in sorted(directory.glob("*/*.yaml")):
            try:
                outcome = add_timings(path, dry_run=args.dry_run)
            except ConformanceError as exc:
                outcome, failed = f"FAILED: {exc}", failed + 1
            failed += outcome.startswith("SKIPPED")
            print(f"{path}: {outcome}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
