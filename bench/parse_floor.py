"""Case 5: the whole `conformance.parse` against the least any Python parser of the body does.

The floor is httpx-sse decoding the body (through `iter_text`, as `bench/sse.py` feeds it)
plus `json.loads` of every event's data: no field checks, no limits, no assembly. A parser
that reaches 1.0x does everything else (dispatch, the checks of every field, the limit
checks, the tool-call ledger, assembling the message) in less time than httpx-sse's own
overhead over ours (issue 23).

Two streams, both in 4 KiB chunks: a 10,000-event Anthropic text answer
(`inputs.anthropic_text_stream`), and a tool-argument-heavy one: four parallel `tool_use`
calls whose ~200 KB of arguments arrive in 16-character `input_json_delta` fragments
(`inputs.anthropic_tool_stream`). Both are checked before timing: the floor must see as
many events as ours dispatches, and ours must assemble the text and arguments the body holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import conformance
from bench import inputs
from bench._harness import Row, measure, seconds
from bench.sse import _TextResponse

CHUNK = 4096
TARGET = 1.0


def floor(chunks: list[bytes]) -> Callable[[], int]:
    from httpx_sse import EventSource

    def run() -> int:
        events = 0
        for sse in EventSource(_TextResponse(chunks)).iter_sse():  # type: ignore[arg-type]
            json.loads(sse.data)
            events += 1
        return events

    return run


def ours(chunks: list[bytes]) -> Callable[[], object]:
    def run() -> object:
        return conformance.parse("anthropic", chunks)

    return run


def _check(body: bytes, message: conformance.Message, floor_events: int) -> None:
    if floor_events != body.count(b"\n\n"):
        raise AssertionError("the floor decoded a different number of events")
    texts, arguments = [], {}
    for line in body.split(b"\n"):
        if line.startswith(b"data: "):
            data = json.loads(line[6:])
            delta = data.get("delta", {})
            if delta.get("type") == "text_delta":
                texts.append(delta["text"])
            elif delta.get("type") == "input_json_delta":
                arguments[data["index"]] = arguments.get(data["index"], "") + delta["partial_json"]
    if message.text != "".join(texts) or not message.complete:
        raise AssertionError("parse() assembled different text")
    if [call.arguments for call in message.tool_calls] != [json.loads(a) for a in arguments.values()]:
        raise AssertionError("parse() assembled different tool arguments")


def run(*, events: int = 10_000, tool_bytes: int = 200_000, rounds: int = 5) -> list[Row]:
    streams = [
        (f"parse anthropic text, {events:,} events", inputs.anthropic_text_stream(events)),
        (
            f"parse anthropic 4 parallel tool calls, {tool_bytes // 1000} KB of arguments in 16 B deltas",
            inputs.anthropic_tool_stream(tool_bytes),
        ),
    ]
    rows = []
    for case, body in streams:
        chunks = inputs.chunks(body, CHUNK)
        name = "httpx-sse + json.loads (floor)"
        timings = measure({"ours": ours(chunks), name: floor(chunks)}, rounds=rounds)
        mine, theirs = timings["ours"], timings[name]
        assert isinstance(mine.result, conformance.Message) and isinstance(theirs.result, int)
        _check(body, mine.result, theirs.result)
        n = theirs.result
        rows.append(
            Row(
                f"{case} ({len(body) / 1e6:.1f} MB, {n:,} events)",
                seconds(mine.median),
                seconds(theirs.median),
                name,
                theirs.median / mine.median,
                TARGET,
            )
        )
    return rows


if __name__ == "__main__":
    print(__import__("bench._harness", fromlist=["table"]).table(run()))
