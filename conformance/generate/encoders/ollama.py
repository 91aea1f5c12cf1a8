"""Ollama `/api/chat` streams (https://docs.ollama.com/api/chat): NDJSON, one ChatResponse a line.

Each line is `{"model", "created_at", "message": {"role": "assistant", "content", ...},
"done": false}` with this line's piece of `content` or `thinking`; tool calls come whole
(`function.name`, `function.arguments` as an object, no id), all on one line; the last line
has `"done": true`, `done_reason` and the counters (`prompt_eval_count`, `eval_count`,
durations). Written as Go's `encoding/json` writes it: compact, `<`, `>` and `&` escaped as
`\\u003c`, `\\u003e`, `\\u0026`. An incomplete message has no final line.
"""

from __future__ import annotations

from typing import Any

from conformance.generate.encoders._common import go_json, seeded
from conformance.generate.fragments import Fragmentation
from conformance.message import Message


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    """`/api/chat` (a `message` per line), or `/api/generate` for `ollama-generate`: the same
    lines with the text in a top-level `response` and the reasoning in `thinking`, no tools,
    and the token `context` on the last line."""
    rng = seeded(message, vendor)
    clock = [rng.randint(0, 10**6)]
    generate = vendor == "ollama-generate"

    def line(inner: dict[str, Any], **extra: Any) -> str:
        clock[0] += rng.randint(5_000, 40_000)
        stamp = f"2025-10-21T10:02:{11 + clock[0] // 10**6 % 40:02d}.{clock[0] % 10**6:06d}Z"
        if generate:
            fields: dict[str, Any] = {"response": inner.get("content", "")}
            if "thinking" in inner:
                fields["thinking"] = inner["thinking"]
            body = {"model": "qwen3:4b", "created_at": stamp, **fields, **extra}
        else:
            body = {"model": "qwen3", "created_at": stamp, "message": {"role": "assistant", **inner}, **extra}
        return go_json(body) + "\n"

    out: list[str] = []
    if message.reasoning:
        out += [
            line({"content": "", "thinking": p}, done=False)
            for p in fragmentation.split("reasoning", message.reasoning)
        ]
    if message.text:
        out += [line({"content": p}, done=False) for p in fragmentation.split("text", message.text)]
    if message.tool_calls:
        calls = [{"function": {"name": c.name, "arguments": c.arguments}} for c in message.tool_calls]
        out.append(line({"content": "", "tool_calls": calls}, done=False))
    if message.complete:
        counters: dict[str, Any] = {"total_duration": 2043166208, "load_duration": 33094833}
        if generate:
            counters["context"] = [151644, 872, 198, 151645]
        if message.usage is not None:
            if "input_tokens" in message.usage:  # left out for a cached prompt (see strategies.OLLAMA)
                counters |= {
                    "prompt_eval_count": message.usage["input_tokens"],
                    "prompt_eval_duration": 405712042,
                }
            counters |= {"eval_count": message.usage["output_tokens"], "eval_duration": 1602745375}
        out.append(line({"content": ""}, done_reason=message.vendor_stop_reason, done=True, **counters))
    return "".join(out).encode()
