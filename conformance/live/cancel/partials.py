"""The partial messages a cancel may leave: the cancelled message after each prefix of the
stream, and how a client's partial message compares with them (deltas lost or doubled).
"""

from __future__ import annotations

import json
from typing import Any

from conformance.adapters import make_adapter
from conformance.assembler import Assembler
from conformance.errors import StreamError
from conformance.formats.cassettes import Cassette
from conformance.json.partial import IncompleteJSON, parse_partial
from conformance.live.timing import content_type, event_ends
from conformance.message import Message


def content_key(message: Message) -> tuple[Any, ...]:
    """What a partial message holds: text, reasoning, refusal, tool calls with their arguments
    as far as they parse (raw fragments and parsed values compare alike)."""
    calls = []
    for call in message.tool_calls:
        arguments = call.arguments
        if call.arguments_json is not None:
            try:
                arguments = parse_partial(call.arguments_json)
            except IncompleteJSON:
                arguments = None
        calls.append((call.id, call.name, json.dumps(arguments, sort_keys=True, ensure_ascii=False)))
    return (message.text, message.reasoning, message.refusal, tuple(calls))


def cancelled_message(assembler: Assembler) -> Message:
    """The message a client holds when it cancels: what arrived, marked cancelled."""
    assembler.cancel()
    return assembler.snapshot()


def partial_messages(cassette: Cassette) -> list[Message]:
    """The cancelled message after each prefix of the stream: index k holds the first k events."""
    body = cassette.body
    adapter = make_adapter(cassette.vendor, strict=False)
    assembler = Assembler(cassette.vendor)
    out = [_cancelled_copy(assembler.snapshot())]
    start = 0
    for end in event_ends(body, content_type(cassette)):
        try:
            assembler.extend(adapter.feed(body[start:end]))
        except StreamError:
            break
        out.append(_cancelled_copy(assembler.snapshot()))
        start = end
    return out


def _cancelled_copy(message: Message) -> Message:
    data = message.to_dict()
    data.update(stop_reason="cancelled", complete=False)
    return Message.from_dict(data)


def describe_difference(got: Message, want: Message) -> str:
    """What differs between a client's partial message and a prefix of the stream, field by field."""
    diffs = []
    mine, theirs = got.to_dict(), want.to_dict()
    for key in ("text", "reasoning", "refusal", "tool_calls"):
        if _content_key_part(got, key) != _content_key_part(want, key):
            diffs.append(f"{key}: client {mine[key]!r} != stream {theirs[key]!r}")
    return "; ".join(diffs)


def _content_key_part(message: Message, key: str) -> Any:
    index = {"text": 0, "reasoning": 1, "refusal": 2, "tool_calls": 3}[key]
    return content_key(message)[index]
