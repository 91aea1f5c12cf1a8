"""OpenAI Responses API streams (https://platform.openai.com/docs/api-reference/responses-streaming).

`response.created` and `response.in_progress`, then one output item per part, each
`output_item.added` ... `output_item.done` at its `output_index`: a `reasoning` item (a
summary part: `reasoning_summary_part.added`, `reasoning_summary_text.delta` fragments,
their `.done` events), a `message` item (a content part, `output_text` or `refusal`, grown
by deltas and closed by `.done` events repeating the whole text), then one `function_call`
item per call (`function_call_arguments.delta` fragments, `.done` with the whole JSON);
every event has the next `sequence_number`. The terminal event is `response.completed` —
or `response.incomplete` with `incomplete_details.reason` — carrying the whole response
and its usage; an incomplete message ends without one.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters.openai_responses_types import USAGE_FIELDS
from conformance.generate.encoders._common import seeded, sse, token
from conformance.generate.encoders.openai_chat import vendor_usage
from conformance.generate.fragments import Fragmentation
from conformance.message import Message

MODEL = "gpt-4.1-2025-04-14"


class _Writer:
    """Numbers events and keeps the output list the terminal response repeats."""

    def __init__(self) -> None:
        self.events: list[bytes] = []
        self.sequence = 0

    def emit(self, kind: str, **fields: Any) -> None:
        self.events.append(sse({"type": kind, **fields, "sequence_number": self.sequence}, event=kind))
        self.sequence += 1


def encode(vendor: str, message: Message, fragmentation: Fragmentation) -> bytes:
    rng = seeded(message, vendor)
    response: dict[str, Any] = {
        "id": f"resp_{token(rng, 48)}",
        "object": "response",
        "created_at": 1770000000 + rng.randint(0, 10**6),
        "status": "in_progress",
        "model": MODEL,
        "output": [],
        "usage": None,
        "error": None,
        "incomplete_details": None,
    }
    out = _Writer()
    out.emit("response.created", response=dict(response))
    out.emit("response.in_progress", response=dict(response))
    output: list[dict[str, Any]] = []
    if message.reasoning:
        output.append(_reasoning(out, len(output), f"rs_{token(rng, 48)}", message.reasoning, fragmentation))
    if message.text or message.refusal:
        output.append(_message_item(out, len(output), f"msg_{token(rng, 48)}", message, fragmentation))
    for i, call in enumerate(message.tool_calls):
        output.append(_function_call(out, len(output), f"fc_{token(rng, 48)}", i, call, fragmentation))
    if message.complete:
        final = {**response, "output": output}
        if message.usage is not None:
            final["usage"] = vendor_usage(message.usage, USAGE_FIELDS)
        if message.vendor_stop_reason == "completed":
            out.emit("response.completed", response={**final, "status": "completed"})
        else:
            details = {"reason": message.vendor_stop_reason}
            out.emit(
                "response.incomplete",
                response={**final, "status": "incomplete", "incomplete_details": details},
            )
    return b"".join(out.events)


def _reasoning(
    out: _Writer, index: int, item_id: str, text: str, fragmentation: Fragmentation
) -> dict[str, Any]:
    where = {"item_id": item_id, "output_index": index}
    out.emit(
        "response.output_item.added",
        output_index=index,
        item={"id": item_id, "type": "reasoning", "summary": []},
    )
    out.emit(
        "response.reasoning_summary_part.added",
        **where,
        summary_index=0,
        part={"type": "summary_text", "text": ""},
    )
    for piece in fragmentation.split("reasoning", text):
        out.emit("response.reasoning_summary_text.delta", **where, summary_index=0, delta=piece)
    part = {"type": "summary_text", "text": text}
    out.emit("response.reasoning_summary_text.done", **where, summary_index=0, text=text)
    out.emit("response.reasoning_summary_part.done", **where, summary_index=0, part=part)
    item = {"id": item_id, "type": "reasoning", "summary": [part]}
    out.emit("response.output_item.done", output_index=index, item=item)
    return item


def _message_item(
    out: _Writer, index: int, item_id: str, message: Message, fragmentation: Fragmentation
) -> dict[str, Any]:
    where = {"item_id": item_id, "output_index": index}
    added = {"id": item_id, "type": "message", "status": "in_progress", "role": "assistant", "content": []}
    out.emit("response.output_item.added", output_index=index, item=added)
    content: list[dict[str, Any]] = []
    if message.text:
        c = len(content)
        out.emit(
            "response.content_part.added",
            **where,
            content_index=c,
            part={"type": "output_text", "text": "", "annotations": []},
        )
        for piece in fragmentation.split("text", message.text):
            out.emit("response.output_text.delta", **where, content_index=c, delta=piece, logprobs=[])
        part = {"type": "output_text", "text": message.text, "annotations": []}
        out.emit("response.output_text.done", **where, content_index=c, text=message.text, logprobs=[])
        out.emit("response.content_part.done", **where, content_index=c, part=part)
        content.append(part)
    if message.refusal:
        c = len(content)
        out.emit(
            "response.content_part.added", **where, content_index=c, part={"type": "refusal", "refusal": ""}
        )
        for piece in fragmentation.split("refusal", message.refusal):
            out.emit("response.refusal.delta", **where, content_index=c, delta=piece)
        part = {"type": "refusal", "refusal": message.refusal}
        out.emit("response.refusal.done", **where, content_index=c, refusal=message.refusal)
        out.emit("response.content_part.done", **where, content_index=c, part=part)
        content.append(part)
    item = {**added, "status": "completed", "content": content}
    out.emit("response.output_item.done", output_index=index, item=item)
    return item


def _function_call(
    out: _Writer, index: int, item_id: str, number: int, call: Any, fragmentation: Fragmentation
) -> dict[str, Any]:
    arguments = fragmentation.arguments_json(call.arguments)
    item = {
        "id": item_id,
        "type": "function_call",
        "status": "in_progress",
        "arguments": "",
        "call_id": call.id,
        "name": call.name,
    }
    out.emit("response.output_item.added", output_index=index, item=item)
    for piece in fragmentation.split(f"args:{number}", arguments):
        out.emit("response.function_call_arguments.delta", item_id=item_id, output_index=index, delta=piece)
    out.emit(
        "response.function_call_arguments.done", item_id=item_id, output_index=index, arguments=arguments
    )
    done = {**item, "status": "completed", "arguments": arguments}
    out.emit("response.output_item.done", output_index=index, item=done)
    return done
