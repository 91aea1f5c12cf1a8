"""Gemini Interactions API streams (https://ai.google.dev/gemini-api/docs/interactions/streaming).

`interaction.created`, `interaction.status_update`, then steps by `index`: a `thought` step
(`thought_summary` deltas, then a `thought_signature`), a `model_output` step (`text`
deltas), one `function_call` step per call (`id`, `name`, `arguments: {}` at start, then
`arguments_delta` JSON-text fragments), each `step.start` ... `step.stop`; then
`interaction.completed` with the final `status` and `usage`, and `event: done` / `data:
[DONE]`. The SSE `event:` repeats `event_type`; every event has an `event_id`. An incomplete
message ends before `interaction.completed`.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters.gemini_interactions import USAGE_FIELDS
from conformance.generate.encoders._common import seeded, sse, token
from conformance.generate.encoders.openai_chat import vendor_usage
from conformance.generate.fragments import Fragmentation
from conformance.message import Message

_FIELDS = {path: key for path, key in USAGE_FIELDS.items() if path != "total_reasoning_tokens"}


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    rng = seeded(message, vendor)
    interaction_id = f"v1_{token(rng, 36)}"
    out: list[bytes] = []

    def emit(kind: str, **fields: Any) -> None:
        out.append(sse({**fields, "event_type": kind, "event_id": f"evt_{len(out) + 1:03d}"}, event=kind))

    head = {
        "id": interaction_id,
        "status": "in_progress",
        "object": "interaction",
        "model": "gemini-3-flash-preview",
    }
    emit("interaction.created", interaction=head)
    emit("interaction.status_update", interaction_id=interaction_id, status="in_progress")
    index = 0
    if message.reasoning:
        emit("step.start", index=index, step={"type": "thought"})
        for piece in fragmentation.split("reasoning", message.reasoning):
            emit(
                "step.delta",
                index=index,
                delta={"content": {"text": piece, "type": "text"}, "type": "thought_summary"},
            )
        for signed in (s.value for s in message.signatures if s.kind == "thought_signature"):
            emit("step.delta", index=index, delta={"signature": signed, "type": "thought_signature"})
        emit("step.stop", index=index)
        index += 1
    if message.text:
        emit("step.start", index=index, step={"type": "model_output"})
        for piece in fragmentation.split("text", message.text):
            emit("step.delta", index=index, delta={"text": piece, "type": "text"})
        emit("step.stop", index=index)
        index += 1
    for i, call in enumerate(message.tool_calls):
        step: dict[str, Any] = {"id": call.id, "type": "function_call", "name": call.name, "arguments": {}}
        emit("step.start", index=index, step=step)
        text = fragmentation.arguments_json(call.arguments)
        for piece in fragmentation.split(f"args:{i}", text):
            emit("step.delta", index=index, delta={"arguments": piece, "type": "arguments_delta"})
        emit("step.stop", index=index)
        index += 1
    if message.complete:
        final: dict[str, Any] = {**head, "status": message.vendor_stop_reason}
        if message.usage is not None:
            final["usage"] = vendor_usage(message.usage, _FIELDS)
        emit("interaction.completed", interaction=final)
        out.append(sse("[DONE]", event="done"))
    return b"".join(out)
