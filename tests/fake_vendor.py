"""A fake vendor on loopback for the recorder's end-to-end tests: a real uvicorn server
whose behaviour per request is scripted (statuses, bodies, a connection cut mid-body), or
computed from the request (`Script.respond`: an echoing vendor that sends back every
credential it was given)."""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import uvicorn

from conformance.framing.eventstream import EventStreamDecoder, encode_message


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "text/event-stream"})
    cut_after: int | None = None  # send this many bytes, then drop the connection


@dataclass
class Script:
    replies: list[Reply]
    seen: list[dict[str, Any]] = field(default_factory=list)
    respond: Callable[[dict[str, Any]], Reply] | None = None
    """When set, the reply is computed from the request seen (path, query, headers, body)."""

    def next(self) -> Reply:
        if self.respond is not None:
            return self.respond(self.seen[-1])
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]


class _CutConnection(Exception):
    pass


def make_app(script: Script) -> Any:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        script.seen.append(
            {"path": scope["path"], "query": scope["query_string"].decode(), "headers": headers, "body": body}
        )
        reply = script.next()
        await send(
            {
                "type": "http.response.start",
                "status": reply.status,
                "headers": [(k.encode(), v.encode()) for k, v in reply.headers.items()],
            }
        )
        if reply.cut_after is not None:
            await send(
                {"type": "http.response.body", "body": reply.body[: reply.cut_after], "more_body": True}
            )
            raise _CutConnection  # uvicorn closes the socket without finishing the chunked body
        half = len(reply.body) // 2
        await send({"type": "http.response.body", "body": reply.body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": reply.body[half:], "more_body": False})

    return app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def fake_vendor(script: Script) -> Iterator[str]:
    """Serve `script` on 127.0.0.1; yields the base URL. Stops the server on exit."""
    port = _free_port()
    config = uvicorn.Config(
        make_app(script), host="127.0.0.1", port=port, log_level="critical", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="fake-vendor", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("fake vendor did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# -- an echoing vendor ---------------------------------------------------------------------


def echoed_values(seen: dict[str, Any]) -> list[str]:
    """Every value a request carried: header values, query values, string fields of its body."""
    values = list(seen["headers"].values())
    values += [v for _, v in parse_qsl(seen["query"], keep_blank_values=True)] + [seen["query"]]

    def leaves(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from leaves(item)
        elif isinstance(value, list):
            for item in value:
                yield from leaves(item)

    try:
        values += list(leaves(json.loads(seen["body"] or b"null")))
    except ValueError:
        values.append(seen["body"].decode("utf-8", "replace"))
    return [v for v in values if v]


def _echo_into_event(event: Any, echo: list[str], text: str) -> Any:
    """`event` with an `echo` field holding `echo`, and its first string that opens the
    answer `text` (a first delta, or a snapshot of the whole text) prefixed with every
    echoed value, so that the echo lands in the parsed message."""
    state = {"text": False}

    def walk(value: Any) -> Any:
        if isinstance(value, str) and value and not state["text"] and text.startswith(value):
            state["text"] = True
            return " ".join(echo) + " " + value
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    out = walk(event)
    if isinstance(out, dict):
        out["echo"] = echo
    return out


def _echo_into_payload(payload: bytes, echo: list[str], text: str) -> bytes:
    """An event-stream frame's JSON payload with the echo; an InvokeModelWithResponseStream
    chunk (`{"bytes": "<base64 model event>"}`) gets it inside the model event."""
    event = json.loads(payload)
    if isinstance(event, dict) and isinstance(event.get("bytes"), str):
        inner = _echo_into_event(json.loads(base64.b64decode(event["bytes"])), echo, text)
        return json.dumps({**event, "bytes": base64.b64encode(json.dumps(inner).encode()).decode()}).encode()
    return json.dumps(_echo_into_event(event, echo, text)).encode()


def echo_body(body: bytes, echo: list[str], text: str) -> bytes:
    """A vendor body (SSE, NDJSON, AWS event-stream or a JSON array) that echoes `echo` in
    every event and in its answer text, framed as the vendor frames it."""
    if body.lstrip().startswith(b"["):  # Gemini without alt=sse: one JSON array
        elements = [_echo_into_event(e, echo, text) for e in json.loads(body)]
        return ("[" + ",\r\n".join(json.dumps(e) for e in elements) + "]").encode("utf-8")
    try:
        lines = body.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        frames = EventStreamDecoder().feed(body)
        return b"".join(
            encode_message(dict(frame.headers), _echo_into_payload(frame.payload, echo, text))
            for frame in frames
        )
    out = []
    for line in lines:
        head, sep, rest = line.partition("data:") if line.startswith("data:") else ("", "", line)
        stripped = rest.strip()
        if stripped.startswith("{"):
            end = rest[len(rest.rstrip()) :]  # keep a CR before the LF
            line = (
                head
                + sep
                + (" " if sep else "")
                + json.dumps(_echo_into_event(json.loads(stripped), echo, text))
                + end
            )
        out.append(line)
    return "\n".join(out).encode("utf-8")


def echoing(body: bytes, text: str, content_type: str) -> Callable[[dict[str, Any]], Reply]:
    """A responder sending back every value of the request: in response headers (one
    allowlisted, the others not), in every event and in the answer text."""

    def respond(seen: dict[str, Any]) -> Reply:
        echo = echoed_values(seen)
        headers = {"content-type": content_type, "x-ratelimit-limit-requests": " ".join(echo)}
        for n, value in enumerate(echo):
            for name in (
                "x-echo",
                "apim-request-id",
                "x-amzn-requestid",
                "mistral-correlation-id",
                "set-cookie",
            ):
                headers[f"{name}-{n}" if name == "x-echo" else name] = value
        return Reply(body=echo_body(body, echo, text), headers=headers)

    return respond
