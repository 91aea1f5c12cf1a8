"""Linear time on hostile JSON: 1 MiB and 4 MiB of escaped quotes, payload and tool arguments.

    python -m bench.linear [--rounds 3] [--markdown]

Issue 16: an unclosed JSON string of escaped quotes (`"\\"\\"\\"…`) made the depth and integer
checks of `conformance.limits` take quadratic time (16,000 escapes behind 300 brackets: 7.3 s;
4 MiB: hours), in an event's payload and in a tool call's arguments alike. Each case here
runs `conformance.parse` on the same shape at 1 MiB and at 4 MiB of escapes and prints both
CPU times (median of `--rounds`) and their ratio: about 4 when the cost is linear, 16 when
quadratic. Every run's outcome is checked (the typed error, or the tool call's value), so a
fast wrong answer cannot pass. docs/performance.md quotes the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

import conformance
from bench._harness import machine, measure, seconds
from conformance.errors import LimitExceededError
from conformance.limits import Limits

MiB = 1024 * 1024
CHUNK = 64 * 1024
FRAGMENT = 4096  # characters of tool arguments per `input_json_delta` event
# Roomy enough that a 4 MiB payload line reaches the JSON checks instead of the line limit.
ROOMY = Limits(max_line_bytes=16 * MiB, max_event_bytes=16 * MiB, max_tool_arguments_bytes=16 * MiB)


def _chunks(body: bytes) -> list[bytes]:
    return [body[i : i + CHUNK] for i in range(0, len(body), CHUNK)]


def _escapes(size: int) -> str:
    return '\\"' * (size // 2)  # `size` characters: size / 2 escaped quotes


def payload_case(size: int) -> Callable[[], object]:
    """The issue's reproduction, scaled: 300 brackets, then an unclosed string of escapes."""
    body = _chunks(b"data: " + b"[" * 300 + b'"' + _escapes(size).encode() + b"\n\n")

    def run() -> object:
        try:
            conformance.parse("openai-chat", body, limits=ROOMY)
        except LimitExceededError as exc:
            assert exc.limit == "max_json_depth", exc
            return exc.limit
        raise AssertionError("the payload was not refused")

    return run


def _sse(event: str, data: object) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


def tool_arguments_body(arguments: str) -> list[bytes]:
    """An Anthropic stream whose one tool call streams `arguments` in `FRAGMENT`-sized deltas."""
    message = {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5"}
    message |= {"content": [], "stop_reason": None, "usage": {"input_tokens": 1, "output_tokens": 1}}
    block = {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {}}
    parts = [
        _sse("message_start", {"type": "message_start", "message": message}),
        _sse("content_block_start", {"type": "content_block_start", "index": 0, "content_block": block}),
    ]
    for i in range(0, len(arguments), FRAGMENT):
        delta = {"type": "input_json_delta", "partial_json": arguments[i : i + FRAGMENT]}
        parts.append(_sse("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta}))
    parts.append(_sse("content_block_stop", {"type": "content_block_stop", "index": 0}))
    delta = {"type": "message_delta", "delta": {"stop_reason": "tool_use"}, "usage": {"output_tokens": 9}}
    parts += [_sse("message_delta", delta), _sse("message_stop", {"type": "message_stop"})]
    return _chunks(b"".join(parts))


def tool_arguments_case(size: int) -> Callable[[], object]:
    """Arguments `{"q": "` and an unclosed string of escapes: longer than the digit limit, so
    the integer check reads them all; the message keeps the partial value."""
    body = tool_arguments_body('{"q": "' + _escapes(size))

    def run() -> object:
        message = conformance.parse("anthropic", body, limits=ROOMY)
        assert message.tool_calls[0].arguments == {"q": '"' * (size // 2)}
        return message.stop_reason

    return run


def deep_tool_arguments_case(size: int) -> Callable[[], object]:
    """The issue's reproduction as tool arguments: a depth error at the call's end."""
    body = tool_arguments_body("[" * 300 + '"' + _escapes(size))

    def run() -> object:
        try:
            conformance.parse("anthropic", body, limits=ROOMY)
        except LimitExceededError as exc:
            assert exc.limit == "max_json_depth" and exc.event_type == "content_block_stop", exc
            return exc.limit
        raise AssertionError("the arguments were not refused")

    return run


def json_array_case(size: int) -> Callable[[], object]:
    """Gemini's JSON-array stream (no `alt=sse`): one response whose text is `size` characters
    of escaped quotes, so the element splitter (`framing/json_array.py`) steps over a
    backslash at every other byte, in 64 KiB chunks, then the array's end."""

    def candidate(text: str, **extra: str) -> dict[str, object]:
        return {"candidates": [{"content": {"parts": [{"text": text}], "role": "model"}, **extra}]}

    response, finish = candidate('"' * (size // 2)), candidate("!", finishReason="STOP")
    body = _chunks(("[" + json.dumps(response) + ",\r\n" + json.dumps(finish) + "]").encode())

    def run() -> object:
        message = conformance.parse("gemini-array", body, limits=ROOMY)
        assert message.complete and len(message.text) == size // 2 + 1, message.stop_reason
        return message.stop_reason

    return run


CASES = {
    "event payload: 300 brackets, unclosed string of escaped quotes (openai-chat)": payload_case,
    "tool arguments: unclosed string of escaped quotes (anthropic)": tool_arguments_case,
    "tool arguments: 300 brackets, unclosed string of escaped quotes (anthropic)": deep_tool_arguments_case,
    "JSON-array stream: an element of escaped quotes (gemini-array)": json_array_case,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.linear", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}", flush=True)
    rows = [("case", "1 MiB", "4 MiB", "ratio (linear: 4, quadratic: 16)")]
    for name, case in CASES.items():
        timings = measure({"1": case(MiB), "4": case(4 * MiB)}, rounds=args.rounds)
        small, large = timings["1"].median, timings["4"].median
        rows.append((name, seconds(small), seconds(large), f"{large / small:.1f}"))
    if args.markdown:
        print("| " + " | ".join(rows[0]) + " |\n|" + " --- |" * len(rows[0]))
        print("\n".join("| " + " | ".join(row) + " |" for row in rows[1:]))
    else:
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        print(
            "\n".join(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
