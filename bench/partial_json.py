"""Case 2: partial-JSON snapshots of tool-call arguments arriving in 8-byte fragments.

A snapshot after every fragment (what a UI rendering partial tool input does), over
arguments of 2 KB, 20 KB and 200 KB (`inputs.tool_arguments`: an object holding a list of
edits, the structured shape agents send), plus one 200 KB argument that is mostly a single
long string (`inputs.long_string_arguments`, a "write file" call).

- ours: `conformance.json.partial.PartialArguments`, as the assembler's snapshots use it
  (each fragment read once by `IncrementalJSON`).
- jiter re-parse: what the official SDKs do after every delta (anthropic-sdk-python
  `lib/streaming/_messages.py`: `json_buf += bytes(partial_json, "utf-8")`, then
  `from_json(json_buf, partial_mode=True)`): cost grows with the buffer, so quadratically.
- partial-json-parser: `partial_json_parser.loads(text)` on the whole text so far; skipped
  where its extrapolated time (quadratic, from the size below) exceeds a minute.

Target (issue 7): >= 20x jiter at 200 KB, no slower than jiter (>= 1x) at 2 KB.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import suppress
from functools import partial

from bench import inputs
from bench._harness import Row, measure, seconds
from conformance.json.partial import PartialArguments

FRAGMENT = 8


def ours(fragments: list[str]) -> object:
    arguments = PartialArguments()
    received: list[str] = []
    value: object = None
    for fragment in fragments:
        received.append(fragment)
        value = arguments.value(received)
    return value


def jiter_reparse(fragments: list[str]) -> object:
    from jiter import from_json

    buffer = b""
    value: object = None
    for fragment in fragments:
        buffer += bytes(fragment, "utf-8")
        value = from_json(buffer, partial_mode=True)
    return value


def partial_json_parser(fragments: list[str]) -> object:
    from partial_json_parser import loads  # type: ignore[import-untyped]

    text = ""
    value: object = None
    for fragment in fragments:
        text += fragment
        with suppress(Exception):  # it raises on some prefixes; a UI would keep the last value
            value = loads(text)
    return value


TARGETS = {2_000: 1.0, 200_000: 20.0}


def run(
    *, sizes: tuple[int, ...] = (2_000, 20_000, 200_000), rounds: int = 5, long_string: bool = True
) -> list[Row]:
    cases: list[tuple[str, int, str]] = [("edits", size, inputs.tool_arguments(size)) for size in sizes]
    if long_string:
        cases.append(("one long string", sizes[-1], inputs.long_string_arguments(sizes[-1])))
    rows: list[Row] = []
    pjp_seconds_per_kb2: float | None = None  # partial-json-parser time / size^2, to extrapolate
    for shape, size, text in cases:
        fragments = inputs.fragments(text, FRAGMENT)
        contenders: dict[str, Callable[[], object]] = {
            "ours": partial(ours, fragments),
            "jiter re-parse (SDKs)": partial(jiter_reparse, fragments),
        }
        estimate = pjp_seconds_per_kb2 * (len(text) / 1e3) ** 2 if pjp_seconds_per_kb2 else 0.0
        if estimate <= 60:
            contenders["partial-json-parser"] = partial(partial_json_parser, fragments)
        timings = measure(contenders, rounds=rounds, budget=30.0)
        mine = timings["ours"]
        if mine.result != json.loads(text):
            raise AssertionError("our last snapshot is not the arguments")
        label = f"partial JSON {len(text) / 1e3:.0f} KB ({shape}), {len(fragments)} snapshots"
        for name, timing in timings.items():
            if name == "ours":
                continue
            if timing.result != mine.result:
                raise AssertionError(f"{name}'s last snapshot differs from ours")
            if name == "partial-json-parser" and shape == "edits":
                pjp_seconds_per_kb2 = timing.median / (len(text) / 1e3) ** 2
            target = TARGETS.get(size) if name.startswith("jiter") and shape == "edits" else None
            rows.append(
                Row(
                    label,
                    seconds(mine.median),
                    seconds(timing.median),
                    name,
                    timing.median / mine.median,
                    target,
                )
            )
        if "partial-json-parser" not in contenders:
            rows.append(
                Row(
                    label,
                    seconds(mine.median),
                    f"~{seconds(estimate)} est.",
                    "partial-json-parser",
                    None,
                    note="not run: quadratic, extrapolated from the smaller size",
                )
            )
    return rows
