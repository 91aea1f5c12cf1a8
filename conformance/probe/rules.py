"""Protocol rules a *writer* of a vendor's stream must keep, per vendor family (sans-IO).

The reference adapters read streams as the official SDKs do: tolerant wherever the SDK is
tolerant, since a reader must cope with what servers send. A server is held to more: what
the vendor's documentation says its own stream looks like, because every client that reads
less tolerantly than the SDK breaks on the difference. Each rule is a function over the
decoded vendor events (and the request that was sent) returning one line per breach; a
breach names the event index and what the vendor does instead.

Sources: https://platform.openai.com/docs/api-reference/chat-streaming/streaming ("Each
chunk has the same ID", "same timestamp"; `usage` only on the last chunk, whose `choices`
is empty, when `stream_options.include_usage` is set); openai-python
`lib/streaming/chat/_completions.py` (tool calls keyed by `index`, id and name in the first
delta); https://docs.anthropic.com/en/api/messages-streaming (event flow: one
`message_start`, content blocks by index, `message_delta`, `message_stop`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from conformance.adapters import VendorEvent

Rule = Callable[[Sequence[VendorEvent], Mapping[str, Any]], list[str]]
"""(vendor events, the JSON request body) -> one line per breach."""


def _chunks(events: Sequence[VendorEvent]) -> list[VendorEvent]:
    return [e for e in events if e.type == "chunk" and isinstance(e.data, dict)]


def _choices(event: VendorEvent) -> list[dict[str, Any]]:
    choices = event.data.get("choices")
    return [c for c in choices if isinstance(c, dict)] if isinstance(choices, list) else []


def openai_terminator(events: Sequence[VendorEvent], request: Mapping[str, Any]) -> list[str]:
    """`data: [DONE]` ends the stream, once, with nothing after it (an error event may end it
    instead: OpenAI's own mid-stream errors are not followed by `[DONE]`)."""
    done = [e for e in events if e.type == "done"]
    if not done and any(e.type == "error" for e in events):
        return []
    if not done:
        return ["no `data: [DONE]` terminator: OpenAI ends every stream with it, and clients wait for it"]
    if len(done) > 1:
        return [f"`data: [DONE]` sent {len(done)} times (events #{done[0].index} and #{done[1].index})"]
    if events[-1].type != "done":
        return [f"event #{events[-1].index} ({events[-1].type}) after `data: [DONE]`"]
    return []


def openai_same_identity(events: Sequence[VendorEvent], request: Mapping[str, Any]) -> list[str]:
    """Every chunk repeats the first chunk's `id` and `model` (`created` is not compared: a
    server whose clock ticks mid-stream harms no client)."""
    chunks = _chunks(events)
    if not chunks:
        return []
    first = chunks[0].data
    for chunk in chunks[1:]:
        for key in ("id", "model"):
            if key in first and key in chunk.data and chunk.data[key] != first[key]:
                return [
                    f"chunk #{chunk.index} has {key} {chunk.data[key]!r}, the first chunk {first[key]!r}: "
                    f"every chunk of a stream has the same {key}"
                ]
    return []


def openai_role_once(events: Sequence[VendorEvent], request: Mapping[str, Any]) -> list[str]:
    """`delta.role` comes in a choice's first delta only."""
    seen: dict[int, int] = {}
    for chunk in _chunks(events):
        for choice in _choices(chunk):
            delta = choice.get("delta")
            if not isinstance(delta, dict) or delta.get("role") is None:
                continue
            index = choice.get("index", 0)
            if index in seen:
                return [
                    f"`delta.role` repeated in chunk #{chunk.index} (first in chunk #{seen[index]}): "
                    "OpenAI sends the role once, in a choice's first delta"
                ]
            seen[index] = chunk.index
    return []


def openai_one_finish(events: Sequence[VendorEvent], request: Mapping[str, Any]) -> list[str]:
    """Each choice gets exactly one non-null `finish_reason`, and no content after it."""
    finished: dict[int, int] = {}
    out: list[str] = []
    saw_choice = False
    for chunk in _chunks(events):
        for choice in _choices(chunk):
            saw_choice = True
            index = choice.get("index", 0)
            raw_delta = choice.get("delta")
            delta: dict[str, Any] = raw_delta if isinstance(raw_delta, dict) else {}
            has_content = bool(delta.get("content") or delta.get("tool_calls") or delta.get("refusal"))
            if index in finished and has_content:
                out.append(
                    f"content in chunk #{chunk.index} after choice {index} finished "
                    f"(chunk #{finished[index]})"
                )
            if choice.get("finish_reason"):
                if index in finished:
                    out.append(
                        f"`finish_reason` sent twice for choice {index} (chunks #{finished[index]} and "
                        f"#{chunk.index}): clients that act on it act twice"
                    )
                else:
                    finished[index] = chunk.index
    if saw_choice and not finished and not any(e.type == "error" for e in events):
        out.append("no chunk carries a `finish_reason`: clients cannot tell why the answer ended")
    return out[:1]


def openai_tool_call_indices(events: Sequence[VendorEvent], request: Mapping[str, Any]) -> list[str]:
    """Tool calls start at index 0 and count up by one; a call's first delta has id, type and
    name; a later delta at the same index continues that call (no new id)."""
    ids: dict[int, str] = {}
    for chunk in _chunks(events):
        for choice in _choices(chunk):
            delta = choice.get("delta")
            calls = delta.get("tool_calls") if isinstance(delta, dict) else None
            for call in calls if isinstance(calls, list) else []:
                if not isinstance(call, dict):
                    continue
                index = call.get("index")
                raw_function = call.get("function")
                function: dict[str, Any] = raw_function if isinstance(raw_function, dict) else {}
                if not isinstance(index, int):
                    return [f"tool-call delta without an integer `index` in chunk #{chunk.index}"]
                if index not in ids:
                    if index != len(ids):
                        return [
                            f"tool-call index {index} started in chunk #{chunk.index} after "
                            f"{len(ids)} call(s): indices must count up from 0 without gaps"
                        ]
                    missing = [k for k in ("id", "type") if not call.get(k)]
                    if not function.get("name"):
                        missing.append("function.name")
                    if missing:
                        return [
                            f"the first delta of tool call {index} (chunk #{chunk.index}) lacks "
                            f"{', '.join(missing)}"
                        ]
                    ids[index] = str(call["id"])
                elif call.get("id") and call["id"] != ids[index]:
                    return [
                        f"tool-call index {index} reused in chunk #{chunk.index} for a new call "
                        f"(id {call['id']!r}, was {ids[index]!r}): each call needs its own index"
                    ]
    return []


def openai_usage_placement(events: Sequence[VendorEvent], request: Mapping[str, Any]) -> list[str]:
    """With `stream_options.include_usage`, usage comes once, on the last chunk, whose
    `choices` is empty; every other chunk has `usage: null` or none."""
    options = request.get("stream_options")
    wanted = isinstance(options, dict) and options.get("include_usage") is True
    chunks = _chunks(events)
    with_usage = [c for c in chunks if c.data.get("usage") is not None]
    if not wanted:
        return []
    if not with_usage:
        return ["usage was requested (`stream_options.include_usage`) but no chunk carries it"]
    last = with_usage[-1]
    if _choices(last):
        return [
            f"usage sent on chunk #{last.index}, which also has choices: OpenAI sends it on a last "
            "chunk of its own with `choices: []`"
        ]
    if chunks and last is not chunks[-1]:
        return [f"usage on chunk #{last.index} is not the last chunk (#{chunks[-1].index})"]
    if len(with_usage) > 1:
        return [f"usage sent on {len(with_usage)} chunks (#{with_usage[0].index} first): once, on the last"]
    return []


def anthropic_flow(events: Sequence[VendorEvent], request: Mapping[str, Any]) -> list[str]:
    """`message_start` first, once; content blocks by index from 0, each started, grown and
    stopped in turn; one `message_delta` with the stop reason; `message_stop` last."""
    typed = [e for e in events if e.type != "ping"]
    if not typed or typed[0].type != "message_start":
        first = f"#{typed[0].index} ({typed[0].type})" if typed else "none"
        return [f"the first event is {first}, not `message_start`"]
    if typed[-1].type != "message_stop":
        return [f"no `message_stop` at the end (last event: #{typed[-1].index} {typed[-1].type})"]
    open_block: int | None = None
    next_block = 0
    deltas = 0
    for event in typed[1:-1]:
        data = event.data if isinstance(event.data, dict) else {}
        if event.type == "message_start":
            return [f"`message_start` repeated at event #{event.index}"]
        if event.type == "message_stop":
            return [f"`message_stop` at event #{event.index} before the end of the stream"]
        index = data.get("index")
        if event.type == "content_block_start":
            if open_block is not None:
                return [f"block {index} started at event #{event.index} while block {open_block} is open"]
            if index != next_block:
                return [
                    f"block index {index} at event #{event.index}: blocks count up from 0 "
                    f"(expected {next_block})"
                ]
            open_block, next_block = index, next_block + 1
        elif event.type in ("content_block_delta", "content_block_stop"):
            if index != open_block:
                return [
                    f"{event.type} for block {index} at event #{event.index}, "
                    f"but the open block is {open_block}"
                ]
            if event.type == "content_block_stop":
                open_block = None
        elif event.type == "message_delta":
            if open_block is not None:
                return [f"`message_delta` at event #{event.index} while block {open_block} is open"]
            deltas += 1
            stop = data.get("delta", {}).get("stop_reason") if isinstance(data.get("delta"), dict) else None
            if not stop:
                return [f"`message_delta` at event #{event.index} has no `delta.stop_reason`"]
    if deltas != 1:
        return [f"{deltas} `message_delta` events: Anthropic sends one, with the stop reason and usage"]
    return []


RULES: dict[str, tuple[Rule, ...]] = {
    "openai-chat": (
        openai_terminator,
        openai_same_identity,
        openai_role_once,
        openai_one_finish,
        openai_tool_call_indices,
        openai_usage_placement,
    ),
    "anthropic": (anthropic_flow,),
}
"""Vendor family -> the rules its writers keep, in the order breaches are reported."""


def breaches(family: str, events: Sequence[VendorEvent], request: Mapping[str, Any]) -> list[str]:
    """Every rule's breaches for one stream (rules run independently; each reports its first)."""
    out: list[str] = []
    for rule in RULES.get(family, ()):
        out.extend(rule(events, request))
    return out
