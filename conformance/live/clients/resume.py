"""Resuming after a dropped connection: a reference client that reconnects from the last event
it saw, by SSE `Last-Event-ID`, OpenAI Responses' `starting_after`, or Gemini Interactions'
`last_event_id`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from conformance.framing.sse import SSEDecoder
from conformance.live.clients.base import TIMEOUT, Collector, Endpoint, encode_sse
from conformance.message import Message

RESUME_MODES = ("last-event-id", "starting-after", "last-event-id-query")
"""SSE `Last-Event-ID` header; OpenAI Responses `starting_after`; Gemini Interactions `last_event_id`."""


@dataclass
class ResumeRun:
    """A stream read across reconnects: the message, every event as received, the attempts."""

    message: Message
    events: list[tuple[str, str]]
    """(SSE event type, data) of every event the client took, in order."""
    connections: int


def resume_client(target: Endpoint, mode: str, *, max_connections: int = 5) -> ResumeRun:
    """Read a stream, reconnecting from the last event seen whenever the connection drops."""
    if mode not in RESUME_MODES:
        raise ValueError(f"unknown resume mode {mode!r}; known: {', '.join(RESUME_MODES)}")
    collector = Collector(target.vendor)
    taken: list[tuple[str, str]] = []
    last_id = sequence = event_id = resource = None
    base = target.base_url
    with httpx.Client(timeout=TIMEOUT) as client:
        for attempt in range(1, max_connections + 1):
            method, url, headers = "POST", target.url, dict[str, str]()
            if attempt > 1 and mode == "last-event-id" and last_id is not None:
                headers["Last-Event-ID"] = last_id
            elif attempt > 1 and mode == "starting-after" and resource is not None:
                method, url = "GET", f"{base}/v1/responses/{resource}?stream=true&starting_after={sequence}"
            elif attempt > 1 and mode == "last-event-id-query" and resource is not None:
                version = urlsplit(target.url).path.split("/")[1] or "v1beta"
                method, url = (
                    "GET",
                    f"{base}/{version}/interactions/{resource}?stream=true&last_event_id={event_id}",
                )
            decoder = SSEDecoder()
            try:
                with client.stream(
                    method, url, content=target.body if method == "POST" else None, headers=headers
                ) as r:
                    for chunk in r.iter_bytes():
                        for sse in decoder.feed(chunk):
                            taken.append((sse.event, sse.data))
                            collector.feed(encode_sse(sse.event, sse.data))
                            last_id = sse.id or last_id
                            payload = _json(sse.data)
                            sequence = payload.get("sequence_number", sequence)
                            event_id = payload.get("event_id", event_id)
                            resource = _resource_id(payload) or resource
            except (httpx.RemoteProtocolError, httpx.ReadError):
                continue  # dropped: reconnect from the last event taken
            return ResumeRun(collector.finished(), taken, attempt)
    raise ConnectionError(f"stream still dropped after {max_connections} connections")


def _json(data: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _resource_id(payload: dict[str, Any]) -> str | None:
    for key in ("response", "interaction"):
        inner = payload.get(key)
        if isinstance(inner, dict) and isinstance(inner.get("id"), str):
            return str(inner["id"])
    return None
