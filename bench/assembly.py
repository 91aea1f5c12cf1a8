"""Case 3: a whole 10,000-event stream assembled into a message, ours vs the official SDKs.

The body is served in 4 KiB chunks. Ours: `conformance.parse(vendor, chunks)`. Theirs: the
SDK's own accumulator over an in-memory `httpx2.MockTransport` (no network), the way
`conformance.oracles` drives it: `client.messages.stream(...).get_final_message()`
(anthropic) and `client.chat.completions.stream(...).get_final_completion()` (openai). The
clients are built once, outside the timing; each run makes one request.

The streams (`inputs.anthropic_assembly_stream`, `inputs.openai_assembly_stream`) mix text
deltas with a tool call whose arguments arrive in ~2,000 fragments, as agent turns do.

Target (issue 7): ours >= 2x each SDK.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import conformance
from bench import inputs
from bench._harness import Row, measure, seconds

CHUNK = 4096
TARGET = 2.0


def _transport(chunks: list[bytes]) -> Any:
    import httpx2

    def handler(request: Any) -> Any:
        def body() -> Iterator[bytes]:
            yield from chunks

        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=body())

    return httpx2.Client(transport=httpx2.MockTransport(handler))


def anthropic_sdk(chunks: list[bytes]) -> Callable[[], tuple[str, object]]:
    import anthropic

    client = anthropic.Anthropic(api_key="bench", base_url="http://bench", http_client=_transport(chunks))
    request: dict[str, Any] = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": []}

    def run() -> tuple[str, object]:
        with client.messages.stream(**request) as stream:
            message = stream.get_final_message()
        text = "".join(block.text for block in message.content if block.type == "text")
        return text, next(block.input for block in message.content if block.type == "tool_use")

    return run


def openai_sdk(chunks: list[bytes]) -> Callable[[], tuple[str, object]]:
    import openai

    client = openai.OpenAI(api_key="bench", base_url="http://bench", http_client=_transport(chunks))

    def run() -> tuple[str, object]:
        with client.chat.completions.stream(model="gpt-4.1", messages=[]) as stream:
            completion = stream.get_final_completion()
        message = completion.choices[0].message
        calls = message.tool_calls or []
        return message.content or "", json.loads(calls[0].function.arguments)

    return run


def ours(vendor: str, chunks: list[bytes]) -> Callable[[], tuple[str, object]]:
    def run() -> tuple[str, object]:
        message = conformance.parse(vendor, chunks)
        return message.text, message.tool_calls[0].arguments

    return run


def run(*, events: int = 10_000, rounds: int = 5) -> list[Row]:
    rows = []
    streams = [
        (
            "anthropic",
            inputs.anthropic_assembly_stream(events),
            "anthropic SDK (MessageStream)",
            anthropic_sdk,
        ),
        (
            "openai-chat",
            inputs.openai_assembly_stream(events),
            "openai SDK (ChatCompletionStream)",
            openai_sdk,
        ),
    ]
    for vendor, body, name, sdk in streams:
        chunks = inputs.chunks(body, CHUNK)
        timings = measure({"ours": ours(vendor, chunks), name: sdk(chunks)}, rounds=rounds)
        mine, theirs = timings["ours"], timings[name]
        if mine.result != theirs.result:
            raise AssertionError(f"{vendor}: the SDK assembled a different message")
        rows.append(
            Row(
                f"assembly {vendor}, {events:,} events ({len(body) / 1e6:.1f} MB)",
                seconds(mine.median),
                seconds(theirs.median),
                name,
                theirs.median / mine.median,
                TARGET,
            )
        )
    return rows
