"""OpenAI Chat Completions streams and the OpenAI-compatible profiles.

Per https://platform.openai.com/docs/api-reference/chat-streaming and the shape of live
streams: every chunk repeats `id`, `object`, `created`, `model`; the first delta carries
`role` (and `content: ""`); text, refusal and reasoning (a profile's reasoning field) come
as delta fragments; a tool call's first delta has `index`, `id`, `type` and
`function.name` with `arguments: ""`, later deltas only `index` and argument fragments —
parallel calls' fragments interleaved as the fragmentation's seed says; `finish_reason` on
its own last choice chunk; with usage, a last chunk of its own with `choices: []` (at the
profile's usage path; with no `choices` key at all, as some compatible servers write it, where
the fragmentation says); `data: [DONE]` unless the message is incomplete. The fragmentation's
SSE options: `data:` without the space, payloads over several `data:` lines, comment blocks.

Profiles are data (`ChatProfile`): the reasoning field and the usage path come from the
adapter's own profile table, so one encoder writes them all.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from conformance.adapters import ADAPTERS
from conformance.adapters.openai_chat import OpenAIChatAdapter
from conformance.generate.encoders._common import seeded, sse, token, with_interludes
from conformance.generate.fragments import Fragmentation
from conformance.message import Message


def profile_of(vendor: str) -> Any:
    cls = ADAPTERS[vendor]
    assert issubclass(cls, OpenAIChatAdapter)
    return cls.profile


def vendor_usage(usage: Mapping[str, int], fields: Mapping[str, str]) -> dict[str, Any]:
    """Normalized usage -> the vendor's nested usage object (inverse of `usage_from`)."""
    out: dict[str, Any] = {}
    for path, key in fields.items():
        if key not in usage:
            continue
        target = out
        *parents, last = path.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = usage[key]
    return out


def _nest(path: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    target = out
    *parents, last = path.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value
    return out


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    profile = profile_of(vendor)
    rng = seeded(message, vendor)
    base = {
        "id": f"chatcmpl-{token(rng, 29)}",
        "object": "chat.completion.chunk",
        "created": 1768395186 + rng.randint(0, 10**6),
        "model": "gpt-4.1-2025-04-14",
    }

    def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return sse(
            {**base, "choices": [choice]}, space=fragmentation.data_space, lines=fragmentation.data_lines
        )

    out = [chunk({"role": "assistant", "content": ""})]
    if message.reasoning:
        if not profile.reasoning_fields:
            raise ValueError(f"{vendor} streams no reasoning")
        field = profile.reasoning_fields[0]
        out += [chunk({field: p}) for p in fragmentation.split("reasoning", message.reasoning)]
    if message.refusal and not profile.refusal:
        raise ValueError(f"{vendor} streams no refusal")
    out += [chunk({"content": p}) for p in fragmentation.split("text", message.text) if message.text]
    out += [chunk({"refusal": p}) for p in fragmentation.split("refusal", message.refusal) if message.refusal]
    out += _tool_call_chunks(message, fragmentation, chunk)
    out.append(chunk({}, message.vendor_stop_reason))
    if message.usage is not None:
        usage = vendor_usage(message.usage, profile.usage_fields)
        choices: dict[str, Any] = {} if fragmentation.usage_without_choices else {"choices": []}
        out.append(
            sse(
                {**base, **choices, **_nest(profile.usage_paths[0], usage)},
                space=fragmentation.data_space,
                lines=fragmentation.data_lines,
            )
        )
    if message.complete:
        out.append(sse("[DONE]", space=fragmentation.data_space))
    return with_interludes(out, fragmentation.interludes, fragmentation.order_seed)


def _tool_call_chunks(message: Message, fragmentation: Fragmentation, chunk: Any) -> list[bytes]:
    queues: list[list[dict[str, Any]]] = []
    for i, call in enumerate(message.tool_calls):
        pieces = fragmentation.split(f"args:{i}", fragmentation.arguments_json(call.arguments))
        function: dict[str, Any] = {"name": call.name, "arguments": ""}
        if call.arguments == {} and fragmentation.no_arguments != "{}":
            pieces = []  # an OpenAI-compatible server's call without arguments: no fragments
            if fragmentation.no_arguments == "null":
                function["arguments"] = None
            elif fragmentation.no_arguments == "absent":
                del function["arguments"]
        index = 0 if fragmentation.shared_index else i
        first = {"index": index, "id": call.id, "type": "function", "function": function}
        queues.append([first, *({"index": index, "function": {"arguments": p}} for p in pieces)])
    if fragmentation.shared_index:  # told apart by id alone, so one call after another
        return [chunk({"tool_calls": [delta]}) for queue in queues for delta in queue]
    # Interleave the calls' deltas in a seeded order, each call's own deltas in order and the
    # calls started in index order (the SDK grows its list of calls by index).
    order = random.Random(fragmentation.order_seed)
    out, started = [], 0
    while any(queues):
        live = [i for i, q in enumerate(queues) if q and (i < started or i == started)]
        pick = live[order.randrange(len(live))] if fragmentation.order_seed else live[0]
        started = max(started, pick + 1)
        out.append(chunk({"tool_calls": [queues[pick].pop(0)]}))
    return out
