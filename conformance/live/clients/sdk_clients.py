"""Reference clients on the official `anthropic` and `openai` SDKs (leaving `with ...stream(...)`,
`stream.close()`, `break` out of the iterator), and the SDKs' own final messages as oracles.

The SDKs bring `httpx2` and are imported only when their consumer runs (they are in the
`dev` extra); a missing one is a clear ImportError naming it."""

from __future__ import annotations

import importlib
import json
import time
from typing import Any

from conformance.live.cancel.verdict import ClientRun
from conformance.live.clients.base import Collector, Endpoint, at_cancel_point, by_name

ANTHROPIC_REQUEST: dict[str, Any] = {
    "model": "claude-sonnet-4-6",
    "max_tokens": 1024,
    "messages": [{"role": "user", "content": "Hi"}],
}
OPENAI_REQUEST: dict[str, Any] = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]}

# The raw Messages API events among what `MessageStream` yields (it adds "text", "input_json"…).
ANTHROPIC_RAW_EVENTS = frozenset(
    {
        "message_start",
        "message_delta",
        "message_stop",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
    }
)


def _sdk(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(f"this client needs the official {name!r} SDK: pip install {name}") from exc


def anthropic_client(target: Endpoint) -> Any:
    return _sdk("anthropic").Anthropic(api_key="replay", base_url=target.base_url, max_retries=0)


def openai_client(target: Endpoint) -> Any:
    return _sdk("openai").OpenAI(api_key="replay", base_url=target.base_url + "/v1", max_retries=0)


def _feed_anthropic(collector: Collector, event: Any) -> bool:
    if event.type not in ANTHROPIC_RAW_EVENTS:
        return False
    collector.feed_event(event.type, event.to_dict(mode="json"))
    return True


def _feed_openai_chunk(collector: Collector, chunk: Any) -> None:
    collector.feed_event(None, chunk.to_dict(mode="json"))


def anthropic_stream_exit(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """`with client.messages.stream(...) as stream:` left early (`break`, then the block's exit)."""
    collector = Collector(target.vendor)
    client = anthropic_client(target)
    cancelled_at = None
    with client.messages.stream(**ANTHROPIC_REQUEST) as stream:
        for event in stream:
            if _feed_anthropic(collector, event) and at_cancel_point(collector, cancel_after):
                cancelled_at = time.perf_counter()
                break
    return collector.run(cancelled_at, client.close)


def anthropic_stream_close(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """`stream = client.messages.create(..., stream=True)`, iterate, `stream.close()`."""
    collector = Collector(target.vendor)
    client = anthropic_client(target)
    cancelled_at = None
    stream = client.messages.create(**ANTHROPIC_REQUEST, stream=True)
    for event in stream:
        if _feed_anthropic(collector, event) and at_cancel_point(collector, cancel_after):
            cancelled_at = time.perf_counter()
            stream.close()
            break
    return collector.run(cancelled_at, client.close)


def anthropic_break(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """`for event in client.messages.create(..., stream=True): ... break` and nothing else.

    The stream is dropped with the loop; the client stays open. Whether the connection
    closes is the SDK's doing alone (anthropic 2.x closes it when the stream is freed, and
    keeps its stream free of reference cycles so that happens at once in CPython).
    """
    collector = Collector(target.vendor)
    client = anthropic_client(target)
    cancelled_at = None
    for event in client.messages.create(**ANTHROPIC_REQUEST, stream=True):
        if _feed_anthropic(collector, event) and at_cancel_point(collector, cancel_after):
            cancelled_at = time.perf_counter()
            break
    return collector.run(cancelled_at, client.close)


def openai_stream_exit(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """`with client.chat.completions.stream(...) as stream:` left early."""
    collector = Collector(target.vendor)
    client = openai_client(target)
    cancelled_at = None
    with client.chat.completions.stream(**OPENAI_REQUEST) as stream:
        for event in stream:
            if event.type != "chunk":
                continue
            _feed_openai_chunk(collector, event.chunk)
            if at_cancel_point(collector, cancel_after):
                cancelled_at = time.perf_counter()
                break
    return collector.run(cancelled_at, client.close)


def openai_stream_close(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """`stream = client.chat.completions.create(..., stream=True)`, iterate, `stream.close()`."""
    collector = Collector(target.vendor)
    client = openai_client(target)
    cancelled_at = None
    stream = client.chat.completions.create(**OPENAI_REQUEST, stream=True)
    for chunk in stream:
        _feed_openai_chunk(collector, chunk)
        if at_cancel_point(collector, cancel_after):
            cancelled_at = time.perf_counter()
            stream.close()
            break
    return collector.run(cancelled_at, client.close)


def openai_break(target: Endpoint, cancel_after: int | None) -> ClientRun:
    """`for chunk in client.chat.completions.create(..., stream=True): ... break` and nothing else.

    The stream is dropped with the loop; the client stays open (see `anthropic_break`).
    In openai 3.x the stream and its generator reference each other, so only the cycle
    collector closes the connection: the check reports it.
    """
    collector = Collector(target.vendor)
    client = openai_client(target)
    cancelled_at = None
    for chunk in client.chat.completions.create(**OPENAI_REQUEST, stream=True):
        _feed_openai_chunk(collector, chunk)
        if at_cancel_point(collector, cancel_after):
            cancelled_at = time.perf_counter()
            break
    return collector.run(cancelled_at, client.close)


def anthropic_final_message(target: Endpoint) -> dict[str, Any]:
    """What `client.messages.stream(...).get_final_message()` says, in the normalized vocabulary."""
    from conformance.adapters.anthropic import USAGE_FIELDS

    client = anthropic_client(target)
    with client, client.messages.stream(**ANTHROPIC_REQUEST) as stream:
        message = stream.get_final_message()
    text, reasoning, calls = [], [], []
    for block in message.content:
        if block.type == "text":
            text.append(block.text)
        elif block.type == "thinking":
            reasoning.append(block.thinking)
        elif block.type == "tool_use":
            calls.append({"id": block.id, "name": block.name, "arguments": block.input})
    usage = {key: getattr(message.usage, name) for name, key in USAGE_FIELDS.items()}
    return {
        "text": "".join(text),
        "reasoning": "".join(reasoning),
        "tool_calls": calls,
        "vendor_stop_reason": message.stop_reason,
        "usage": {k: v for k, v in usage.items() if isinstance(v, int)},
    }


def openai_chat_final_message(target: Endpoint) -> dict[str, Any]:
    """What `client.chat.completions.stream(...).get_final_completion()` says, normalized."""
    from conformance.adapters._payload import usage_from
    from conformance.adapters.openai_chat import USAGE_FIELDS

    client = openai_client(target)
    with client, client.chat.completions.stream(**OPENAI_REQUEST) as stream:
        completion = stream.get_final_completion()
    choice = completion.choices[0]
    calls = choice.message.tool_calls or []
    return {
        "text": choice.message.content or "",
        "refusal": choice.message.refusal or "",
        "tool_calls": [
            {"id": c.id, "name": c.function.name, "arguments": json.loads(c.function.arguments or "{}")}
            for c in calls
        ],
        "vendor_stop_reason": choice.finish_reason,
        "usage": usage_from(completion.usage.to_dict(), USAGE_FIELDS) if completion.usage else None,
    }


ANTHROPIC_CONSUMERS = by_name(anthropic_stream_exit, anthropic_stream_close, anthropic_break)
OPENAI_CHAT_CONSUMERS = by_name(openai_stream_exit, openai_stream_close, openai_break)
