"""A fake vendor on loopback for the recorder's end-to-end tests: a real uvicorn server
whose behaviour per request is scripted (statuses, bodies, a connection cut mid-body)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn


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

    def next(self) -> Reply:
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
