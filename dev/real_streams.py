"""Development check (not part of the test suite): every adapter over every real recorded
stream beside the project (../shared/real-streams), one figure per vendor.

    python dev/real_streams.py [--vendor FOLDER] [--splits N] [--seed S] [--real DIR] [-v]

For each body of a folder the kit reads (`FOLDERS`): parse it whole and in N random
chunkings (each must give the whole body's Message), and then

- where an official SDK oracle exists (`conformance.oracles`): run the SDK on the body and
  compare field by field;
- elsewhere: parse it byte by byte too (whole-vs-bytewise), which must agree.

A body must also end `complete` or with an `error`. Bodies where the SDK itself is known to
read the stream wrongly or not at all are listed in `KNOWN` with the reason (and in
docs/real-streams.md); they still get the split and bytewise checks. A folder with no
adapter prints "no adapter". Exit status 1 when any body disagrees for a reason not listed.
The folder is not shipped with the project; this script is for people who have it.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import conformance
from conformance.message import Message
from conformance.oracles import ORACLE_MODULES, compare, oracle_for
from conformance.suite.strategies import split_at

REAL = next(
    (
        up / "shared" / "real-streams"
        for up in Path(__file__).resolve().parents[2:4]
        if (up / "shared").is_dir()
    ),
    Path("../shared/real-streams"),
)
"""Beside the project (`<dir>/shared`), or beside the folder holding its worktrees."""

FOLDERS = {
    "openrouter-responses": "openai-responses",  # OpenRouter's Responses API: OpenAI's event shapes
    "huggingface": "openai-chat",  # the Hugging Face router: an OpenAI-compatible server, no profile needed
    "together": "openai-chat",  # Together: likewise
}
"""Folder name -> the vendor id that reads it, where the two differ (otherwise the folder's
own name, when it is a vendor id; a folder that is neither has no adapter)."""

KNOWN = {
    "openai-chat/pydantic-ai/test_openai__test_openai_moderation_stream-1.sse": (
        "a moderation chunk with `usage: null` follows the usage chunk; the SDK assigns every "
        "chunk's `usage` to the snapshot (lib/streaming/chat/_completions.py), so it ends with "
        "none; the adapter keeps the usage reported"
    ),
    "openrouter/logfire/test_openai__test_openrouter_streaming_reasoning-1.sse": (
        "the SDK raises RuntimeError on OpenRouter's second `delta.reasoning_details` list "
        "without `index` (lib/streaming/_deltas.py) and assembles nothing"
    ),
    "openrouter/pydantic-ai/test_openrouter__test_openrouter_web_search_annotations_stream-1.sse": (
        "the SDK raises RuntimeError on OpenRouter's second `delta.annotations` list without `index`"
    ),
    "openrouter/pydantic-ai/test_openrouter__test_openrouter_stream_error-1.sse": (
        "the SDK raises APIError on the error chunk before reading the `usage` the same chunk carries"
    ),
}
"""Body (relative path) -> why the official SDK's answer differs from the adapter's, where
the SDK is the one at fault; pinned for the SDKs in tests/test_oracle_*.py."""


CHECKS = {"SDK": "vs the official SDK", "bytewise": "whole vs byte by byte", "none": "failed before a check"}


@dataclass
class Tally:
    """One vendor folder's figures."""

    vendor: str | None
    bodies: int = 0
    agree: int = 0
    known: int = 0
    differ: list[str] = field(default_factory=list)
    checks: collections.Counter[str] = field(default_factory=collections.Counter)
    """How each body was judged: "SDK", "bytewise", or "none" (it failed before either)."""


def vendor_of(folder: str) -> str | None:
    vendor = FOLDERS.get(folder, folder)
    return vendor if vendor in conformance.vendors() else None


def bytewise(vendor: str, body: bytes) -> Message:
    return conformance.parse(vendor, [body[i : i + 1] for i in range(len(body))])


def problems_of(
    vendor: str, body: bytes, rng: random.Random, splits: int, use_oracle: bool
) -> tuple[list[str], str]:
    """Everything wrong with one body (splits that change the Message, an unended stream, the
    SDK's or the byte-by-byte parse's disagreements), and which of the two judged it."""
    problems: list[str] = []
    check = "none"
    try:
        whole = conformance.parse(vendor, [body])
        for _ in range(splits):
            cuts = rng.sample(range(1, max(len(body), 2)), k=min(len(body) - 1, rng.randint(1, 40)))
            if conformance.parse(vendor, split_at(body, cuts)) != whole:
                problems.append(f"split {sorted(cuts)} changes the Message")
                break
        if not (whole.complete or whole.error):
            problems.append("complete is false and no error")
        theirs = oracle_for(vendor)(body) if use_oracle else {"sdk_unsupported": "no oracle"}
        if "sdk_unsupported" in theirs:  # no SDK reads this body (Bedrock's Nova and Titan)
            check = "bytewise"
            if bytewise(vendor, body) != whole:
                problems.append("byte-by-byte parse differs from the whole body's")
        else:
            check = "SDK"
            problems += compare(whole, theirs)
    except Exception as exc:  # a development report lists everything
        problems.append(f"{type(exc).__name__}: {exc}")
    return problems, check


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vendor", action="append", help="a folder name (repeatable)")
    ap.add_argument("--splits", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--real", type=Path, default=REAL)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    tallies: dict[str, Tally] = {}
    for folder in sorted(p for p in args.real.iterdir() if p.is_dir()):
        if args.vendor and folder.name not in args.vendor:
            continue
        vendor = vendor_of(folder.name)
        tally = tallies[folder.name] = Tally(vendor)
        paths = sorted(p for p in folder.rglob("*") if p.is_file())
        tally.bodies = len(paths)
        if vendor is None:
            continue
        use_oracle = vendor in ORACLE_MODULES
        for path in paths:
            rel = path.relative_to(args.real).as_posix()
            problems, check = problems_of(
                vendor, path.read_bytes(), rng, args.splits, use_oracle and rel not in KNOWN
            )
            tally.checks[check] += 1
            if problems:
                tally.differ.append(rel)
                print(f"{rel}:")
                for p in problems[: None if args.verbose else 3]:
                    print(f"   {p[:400]}")
            elif rel in KNOWN:
                tally.known += 1
                if args.verbose:
                    print(f"{rel}: the SDK differs, documented: {KNOWN[rel]}")
            else:
                tally.agree += 1
    print(f"\n{'folder':22} {'vendor':18} {'bodies':>6} {'agree':>6} {'known':>6} {'differ':>6}  judged")
    for name, t in tallies.items():
        if t.vendor is None:
            print(f"{name:22} {'-':18} {t.bodies:6} {'':>6} {'':>6} {'':>6}  no adapter")
            continue
        judged = ", ".join(f"{n} {CHECKS[k]}" for k, n in sorted(t.checks.items()))
        print(f"{name:22} {t.vendor:18} {t.bodies:6} {t.agree:6} {t.known:6} {len(t.differ):6}  {judged}")
    read = [t for t in tallies.values() if t.vendor is not None]
    n = sum(t.bodies for t in read)
    ok = sum(t.agree + t.known for t in read)
    unread = sum(t.bodies for t in tallies.values() if t.vendor is None)
    print(
        f"\n{ok}/{n} bodies of the vendors the kit reads agree, each parsed whole and in {args.splits} "
        f"random splits ({sum(t.known for t in read)} where the SDK is known to be wrong: see KNOWN); "
        f"{unread} bodies have no adapter"
    )
    return 1 if ok != n else 0


if __name__ == "__main__":
    sys.exit(main())
