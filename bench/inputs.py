"""Inputs the benchmarks generate for themselves (seeded, so every run measures the same bytes).

Shapes follow what the real recordings show (shared/real-streams, studied, not copied):
Anthropic events of ~140 bytes (median 136 in 6,558 recorded events), JSON padded with
spaces before the closing brace, ~3% of events holding non-ASCII text, a `ping` now and
then; OpenAI chunks carrying the `obfuscation` field.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from itertools import pairwise

_WORDS = tuple(
    "the stream parser reads each event and its data line then the next one tool call "  # noqa: SIM905
    "arguments arrive in fragments a snapshot after every fragment shows what has come".split()
)
_RARE = ("über", "naïve", "日本語", "emoji 😀", "café")


def _text(rng: random.Random) -> str:
    text = " " + " ".join(rng.choices(_WORDS, k=rng.randint(1, 8)))
    if rng.random() < 0.03:
        text += " " + rng.choice(_RARE)
    return text


def _sse(event: str, data: object, pad: int = 0) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if pad:  # Anthropic pads some events with spaces before the last brace
        payload = payload[:-1] + " " * pad + "}"
    return f"event: {event}\ndata: {payload}\n\n".encode()


def _message_start() -> bytes:
    message: dict[str, object] = {
        "id": "msg_bench",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 12, "output_tokens": 1},
    }
    return _sse("message_start", {"type": "message_start", "message": message})


def _message_end(output_tokens: int) -> bytes:
    delta = {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": output_tokens},
    }
    return _sse("message_delta", delta) + _sse("message_stop", {"type": "message_stop"})


def anthropic_text_events(rng: random.Random) -> Iterator[bytes]:
    """Endless `content_block_delta` text events for block 0, with a `ping` every 50."""
    n = 0
    while True:
        delta = {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "text_delta", "text": _text(rng)},
        }
        yield _sse("content_block_delta", delta, pad=rng.randint(0, 8))
        n += 1
        if n % 50 == 0:
            yield _sse("ping", {"type": "ping"})


def anthropic_stream(size: int, seed: int = 1) -> bytes:
    """An Anthropic Messages stream of about `size` bytes: one text block of many deltas."""
    rng = random.Random(seed)
    head = _message_start() + _sse(
        "content_block_start",
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    )
    parts = [head]
    total = len(head)
    for event in anthropic_text_events(rng):
        parts.append(event)
        total += len(event)
        if total >= size:
            break
    parts.append(_sse("content_block_stop", {"type": "content_block_stop", "index": 0}))
    parts.append(_message_end(len(parts)))
    return b"".join(parts)


def anthropic_stream_chunks(size: int, chunk: int, seed: int = 1, *, quiet: bool = False) -> Iterator[bytes]:
    """`anthropic_stream` generated lazily in `chunk`-byte pieces, never whole in memory.

    `quiet=True` makes every delta a `signature_delta` of a thinking block: events that add
    nothing to the message, so memory measured over it is the parser's own.
    """
    rng = random.Random(seed)
    kind = "thinking" if quiet else "text"
    start = {"type": "content_block_start", "index": 0, "content_block": {"type": kind, kind: ""}}
    pending = bytearray(_message_start() + _sse("content_block_start", start))
    produced = 0
    events = anthropic_text_events(rng) if not quiet else _signature_events(rng)
    while produced < size:
        while len(pending) < chunk:
            event = next(events)
            pending += event
        out = bytes(pending[:chunk])
        del pending[:chunk]
        produced += len(out)
        yield out
    pending += _sse("content_block_stop", {"type": "content_block_stop", "index": 0}) + _message_end(1)
    while pending:
        out = bytes(pending[:chunk])
        del pending[:chunk]
        yield out


def _signature_events(rng: random.Random) -> Iterator[bytes]:
    while True:
        signature = "".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/", k=96))
        delta = {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "signature_delta", "signature": signature},
        }
        yield _sse("content_block_delta", delta)


def anthropic_assembly_stream(events: int, seed: int = 2) -> bytes:
    """An Anthropic stream of exactly `events` SSE events: thinking, text, then a tool call.

    10% thinking deltas, 70% text deltas, 20% `input_json_delta` fragments of a tool call's
    arguments (a JSON object of ~`events` x 2 bytes), pings every 50 events.
    """
    rng = random.Random(seed)
    fixed = 9  # message_start, 3 block starts and stops, signature, message_delta, message_stop
    budget = events - fixed
    pings = budget // 50
    budget -= pings
    n_thinking, n_tool = budget // 10, budget // 5
    n_text = budget - n_thinking - n_tool
    body: list[bytes] = [_message_start()]
    block = 0

    def start(kind: dict[str, object]) -> None:
        body.append(
            _sse(
                "content_block_start", {"type": "content_block_start", "index": block, "content_block": kind}
            )
        )

    def delta(d: dict[str, object]) -> None:
        body.append(_sse("content_block_delta", {"type": "content_block_delta", "index": block, "delta": d}))

    def stop() -> None:
        body.append(_sse("content_block_stop", {"type": "content_block_stop", "index": block}))

    start({"type": "thinking", "thinking": "", "signature": ""})
    for _ in range(n_thinking - 1):
        delta({"type": "thinking_delta", "thinking": _text(rng)})
    delta({"type": "signature_delta", "signature": "EqQBCkYIARgCKkA" * 4})
    stop()
    block += 1
    start({"type": "text", "text": ""})
    for _ in range(n_text):
        delta({"type": "text_delta", "text": _text(rng)})
    stop()
    block += 1
    start({"type": "tool_use", "id": "toolu_bench", "name": "apply_edits", "input": {}})
    for piece in split_even(tool_arguments(n_tool * 8, seed=seed), n_tool):
        delta({"type": "input_json_delta", "partial_json": piece})
    stop()
    body.append(_message_end(events))
    for i in range(pings):  # spread the pings through the stream
        body.insert(1 + (i + 1) * (len(body) - 1) // (pings + 1), _sse("ping", {"type": "ping"}))
    return b"".join(body)


def openai_assembly_stream(events: int, seed: int = 3) -> bytes:
    """An OpenAI Chat Completions stream of exactly `events` SSE events (`[DONE]` included).

    80% content deltas, 20% tool-call argument fragments, then the finish and usage chunks.
    """
    rng = random.Random(seed)
    head = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4.1"}

    def chunk(choices: list[object], **extra: object) -> bytes:
        data = {**head, "choices": choices, **extra, "obfuscation": "aB3"}
        return b"data: " + json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode() + b"\n\n"

    body = [chunk([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])]
    budget = events - 4  # role chunk, finish chunk, usage chunk, [DONE]
    n_tool = budget // 5
    for _ in range(budget - n_tool):
        body.append(chunk([{"index": 0, "delta": {"content": _text(rng)}, "finish_reason": None}]))
    for n, piece in enumerate(split_even(tool_arguments(n_tool * 8, seed=seed), n_tool)):
        call: dict[str, object] = {"index": 0, "function": {"arguments": piece}}
        if n == 0:
            call.update(
                id="call_bench", type="function", function={"name": "apply_edits", "arguments": piece}
            )
        body.append(chunk([{"index": 0, "delta": {"tool_calls": [call]}, "finish_reason": None}]))
    body.append(chunk([{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]))
    usage = {"prompt_tokens": 12, "completion_tokens": events, "total_tokens": events + 12}
    body.append(chunk([], usage=usage))
    body.append(b"data: [DONE]\n\n")
    return b"".join(body)


def tool_arguments(size: int, seed: int = 4) -> str:
    """JSON arguments of a tool call of about `size` characters: an object holding a list of
    edits, each an object of strings, numbers, booleans, a list and a null (what an agent's
    "apply edits" or "create todos" call looks like)."""
    rng = random.Random(seed)
    edits: list[object] = []
    doc = {"path": "src/widget.py", "description": "Stream partial results to the widget", "edits": edits}
    length = len(json.dumps(doc))
    while length < size:
        edit = {
            "line": rng.randint(1, 5000),
            "old": " ".join(rng.choices(_WORDS, k=rng.randint(2, 9))),
            "new": " ".join(rng.choices(_WORDS, k=rng.randint(2, 9))) + rng.choice(["", "\n", " \u00e9"]),
            "confidence": round(rng.random(), 3),
            "tags": rng.sample(_WORDS, 2),
            "apply": rng.random() < 0.5,
            "note": None,
        }
        edits.append(edit)
        length += len(json.dumps(edit)) + 2
    return json.dumps(doc, ensure_ascii=False)


def long_string_arguments(size: int, seed: int = 5) -> str:
    """JSON arguments dominated by one long string (a "write file" call)."""
    rng = random.Random(seed)
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(_WORDS)
        words.append(word)
        length += len(word) + 1
    content = " ".join(words).replace("each", "each\n")
    return json.dumps({"path": "notes.md", "content": content})


def split_even(text: str, n: int) -> list[str]:
    """`text` in exactly `n` pieces of near-equal size (`len(text) >= n`)."""
    edges = [i * len(text) // n for i in range(n + 1)]
    return [text[a:b] for a, b in pairwise(edges)]


def fragments(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def chunks(body: bytes, size: int) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)]


def anthropic_text_stream(events: int, seed: int = 6) -> bytes:
    """An Anthropic stream of exactly `events` SSE events: one text block of deltas, with a
    `ping` every 50 (the shape of a long plain answer)."""
    rng = random.Random(seed)
    start = {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}
    parts = [_message_start(), _sse("content_block_start", start)]
    deltas = anthropic_text_events(rng)
    while len(parts) < events - 3:  # content_block_stop, message_delta, message_stop follow
        parts.append(next(deltas))
    parts.append(_sse("content_block_stop", {"type": "content_block_stop", "index": 0}))
    parts.append(_message_end(events))
    return b"".join(parts)


def anthropic_tool_stream(size: int, calls: int = 4, fragment: int = 16, seed: int = 7) -> bytes:
    """An Anthropic stream of `calls` parallel `tool_use` blocks whose arguments, ~`size`
    characters in all, arrive as `input_json_delta` fragments of ~`fragment` characters
    (recorded fragments are short: a few words of JSON each), after a short text block."""
    parts = [_message_start()]
    start = {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}
    parts.append(_sse("content_block_start", start))
    text = {"type": "text_delta", "text": "I'll make these edits."}
    parts.append(_sse("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": text}))
    parts.append(_sse("content_block_stop", {"type": "content_block_stop", "index": 0}))
    for index in range(1, calls + 1):
        block = {"type": "tool_use", "id": f"toolu_bench_{index}", "name": "apply_edits", "input": {}}
        parts.append(
            _sse(
                "content_block_start", {"type": "content_block_start", "index": index, "content_block": block}
            )
        )
        for n, piece in enumerate(fragments(tool_arguments(size // calls, seed=seed + index), fragment)):
            delta = {"type": "input_json_delta", "partial_json": piece}
            parts.append(
                _sse("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta})
            )
            if n % 50 == 49:
                parts.append(_sse("ping", {"type": "ping"}))
        parts.append(_sse("content_block_stop", {"type": "content_block_stop", "index": index}))
    delta = {"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": None}}
    parts.append(_sse("message_delta", {**delta, "usage": {"output_tokens": len(parts)}}))
    parts.append(_sse("message_stop", {"type": "message_stop"}))
    return b"".join(parts)
