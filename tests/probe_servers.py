"""Servers the probe is tested against: a conforming vendor double and a misbehaving one.

The conforming double is the kit's own `ReplayServer` with a router: each scenario request
the probe sends is answered with the bundled cassette that shows that scenario (and, for
the invalid request, the vendor's documented error document; for the cancel scenario, a
long stream in the recorded chunk shape). The misbehaving server is a plain asyncio socket
server that answers the same way but with ONE protocol violation injected, each one a bug
real servers have shipped; it never reads after the request, so it also keeps sending
after a client hangs up when told to.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from conformance.formats.cassettes import Cassette
from conformance.live.replay import ReplayServer
from conformance.probe.scenarios import Scenario, scenarios_for
from tests._bundled import bundled

# Bundled cassette answering each scenario, per family.
SCENARIO_CASSETTES = {
    "openai-chat": {
        "text": "openai-chat/text",
        "tool_call": "openai-chat/tool_call",
        "parallel_tool_calls": "openai-chat/tool_calls_parallel",
        "long_answer": "openai-chat/length",
    },
    "anthropic": {
        "text": "anthropic/text",
        "tool_call": "anthropic/tool_use",
        "parallel_tool_calls": "anthropic/tool_use_parallel",
        "long_answer": "anthropic/stop_max_tokens",
    },
}

# The documented error documents for a request missing a required field.
# https://platform.openai.com/docs/guides/error-codes ; https://docs.anthropic.com/en/api/errors
ERROR_DOCUMENTS = {
    "openai-chat": {
        "error": {
            "message": "Missing required parameter: 'messages'.",
            "type": "invalid_request_error",
            "param": "messages",
            "code": "missing_required_parameter",
        }
    },
    "anthropic": {
        "type": "error",
        "error": {"type": "invalid_request_error", "message": "max_tokens: Field required"},
    },
}

CANCEL_EVENTS = 400
CANCEL_GAP_MS = 10.0


def _cassette(cassette_id: str) -> Cassette:
    (found,) = [c for c in bundled() if c.id == cassette_id]
    return found


def sse_payloads(body: bytes) -> list[tuple[str | None, str]]:
    """(event name, data) of each event of a simple LF-framed body (the bundled shapes)."""
    out: list[tuple[str | None, str]] = []
    for block in body.decode("utf-8").split("\n\n"):
        if not block.strip():
            continue
        name, data = None, []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip(" ") if line[5:6] == " " else line[5:])
        out.append((name, "\n".join(data)))
    return out


def sse_body(events: list[tuple[str | None, str]]) -> bytes:
    return b"".join(
        ((f"event: {name}\n" if name else "") + f"data: {data}\n\n").encode("utf-8") for name, data in events
    )


def _long_stream(family: str) -> list[tuple[str | None, str]]:
    """A long answer in the recorded chunk shape: the text cassette's first text event repeated."""
    events = sse_payloads(_cassette(SCENARIO_CASSETTES[family]["text"]).body)
    if family == "openai-chat":
        index = next(i for i, (_, d) in enumerate(events) if '"content":"' in d and d != "[DONE]")
        template = json.loads(events[index][1])
        repeated = []
        for n in range(1, CANCEL_EVENTS + 1):
            chunk = json.loads(json.dumps(template))
            chunk["choices"][0]["delta"]["content"] = f"{n} "
            chunk.pop("obfuscation", None)
            repeated.append((None, json.dumps(chunk, separators=(",", ":"))))
        return [*events[:index], *repeated, *events[index + 1 :]]
    index = next(i for i, (n, _) in enumerate(events) if n == "content_block_delta")
    template = json.loads(events[index][1])
    repeated = []
    for n in range(1, CANCEL_EVENTS + 1):
        delta = json.loads(json.dumps(template))
        delta["delta"]["text"] = f"{n} "
        repeated.append(("content_block_delta", json.dumps(delta, separators=(",", ":"))))
    return [*events[:index], *repeated, *events[index + 1 :]]


@dataclass(frozen=True)
class Answer:
    """What a server sends for one scenario: status, content type, the events (or a raw body)."""

    status: int
    content_type: str
    events: list[tuple[str | None, str]]
    raw: bytes | None = None
    gap_ms: float = 0.0

    def body(self) -> bytes:
        return self.raw if self.raw is not None else sse_body(self.events)


def conforming_answer(family: str, scenario: str) -> Answer:
    if scenario == "invalid_request":
        return Answer(400, "application/json", [], raw=json.dumps(ERROR_DOCUMENTS[family]).encode())
    if scenario == "cancel":
        return Answer(200, "text/event-stream", _long_stream(family), gap_ms=CANCEL_GAP_MS)
    cassette = _cassette(SCENARIO_CASSETTES[family][scenario])
    events = sse_payloads(cassette.body)
    if family == "openai-chat":
        events = _with_usage_chunk(events)
    return Answer(200, "text/event-stream", events)


def _with_usage_chunk(events: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """The stream as it is with `include_usage` (the probe asks for it): if the recording was
    made without, add the usage chunk the text cassette shows, with this stream's id and model."""
    chunks = [json.loads(d) for _, d in events if d != "[DONE]"]
    if any(c.get("usage") for c in chunks):
        return events
    text = [
        json.loads(d)
        for _, d in sse_payloads(_cassette(SCENARIO_CASSETTES["openai-chat"]["text"]).body)
        if d != "[DONE]"
    ]
    usage_chunk = next(c for c in text if c.get("usage"))
    usage_chunk.update(id=chunks[0]["id"], model=chunks[0]["model"], created=chunks[0]["created"])
    return [*events[:-1], (None, json.dumps(usage_chunk, separators=(",", ":"))), events[-1]]


def scenario_of(vendor: str, body: bytes) -> Scenario | None:
    """The probe scenario a request body is (compared with each scenario's body for its model)."""
    try:
        request = json.loads(body)
    except ValueError:
        return None
    model = request.get("model", "") if isinstance(request, dict) else ""
    for scenario in scenarios_for(vendor):
        if scenario.body(model) == request:
            return scenario
    return None


def _as_cassette(family: str, name: str, answer: Answer) -> Cassette:
    body = answer.body()
    metadata: dict[str, Any] = {
        "vendor": family,
        "scenario": name,
        "chunks": [len(body)],
        "chunk_times_ms": [0],
    }
    if answer.gap_ms and answer.raw is None:  # one event a chunk, at the answer's pace
        metadata["chunks"] = [len(sse_body([e])) for e in answer.events]
        metadata["chunk_times_ms"] = [i * answer.gap_ms for i in range(len(answer.events))]
    base = _cassette(SCENARIO_CASSETTES[family]["text"])
    return replace(
        base,
        scenario=f"probe-{name}",
        status=answer.status,
        response_headers={"content-type": [answer.content_type]},
        body=body,
        metadata=metadata,
    )


def conforming_replay_server(family: str) -> ReplayServer:
    """The kit's replay server as a conforming `family` server (a vendor double)."""
    cassettes = {
        s.name: _as_cassette(family, s.name, conforming_answer(family, s.name)) for s in scenarios_for(family)
    }

    def route(method: str, path: str, body: bytes) -> Cassette | None:
        scenario = scenario_of(family, body)
        return cassettes.get(scenario.name) if scenario is not None and path.endswith(scenario.path) else None

    return ReplayServer(router=route, speed=1.0)


Violation = Callable[[str, Answer], Answer]
"""(scenario name, the conforming answer) -> the answer with one violation injected."""


class MisbehavingServer:
    """A raw HTTP/1.1 server on loopback answering probe scenarios with one violation.

    It writes close-delimited responses and never reads after the request, so a client's
    hang-up changes nothing unless the socket write fails: the worst kind of server.
    """

    def __init__(self, family: str, violation: Violation, *, echo_credentials: bool = False) -> None:
        self.family = family
        self.violation = violation
        self.echo_credentials = echo_credentials
        """Write every auth header value it receives into the answer text and a response header."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.base_events.Server | None = None
        self.port = 0
        self._ready = threading.Event()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}" + ("/v1" if self.family == "openai-chat" else "")

    def __enter__(self) -> MisbehavingServer:
        self._thread = threading.Thread(target=self._run, name="misbehaving-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the misbehaving server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._server = loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            for task in asyncio.all_tasks(loop):
                task.cancel()
            with contextlib.suppress(Exception):
                loop.run_until_complete(asyncio.gather(*asyncio.all_tasks(loop), return_exceptions=True))
            loop.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            body = await asyncio.wait_for(reader.readexactly(length), 10)
            secrets = [
                line.split(b":", 1)[1].strip().decode()
                for line in head.split(b"\r\n")
                if line.lower().split(b":", 1)[0] in (b"authorization", b"x-api-key", b"api-key")
            ]
            scenario = scenario_of(self.family, body)
            if scenario is None:
                writer.write(b"HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n")
                return
            answer = self.violation(scenario.name, conforming_answer(self.family, scenario.name))
            echo = ""
            if self.echo_credentials and secrets:
                echo = f"x-echo: {' '.join(secrets)}\r\n"
                answer = replace(
                    answer, events=[(n, d.replace("Hello", " ".join(secrets))) for n, d in answer.events]
                )
            head_out = f"HTTP/1.1 {answer.status} X\r\ncontent-type: {answer.content_type}\r\n{echo}"
            writer.write(f"{head_out}connection: close\r\n\r\n".encode())
            if answer.raw is not None:
                writer.write(answer.raw)
                return
            for event in answer.events:
                writer.write(sse_body([event]))
                await writer.drain()
                if answer.gap_ms:
                    await asyncio.sleep(answer.gap_ms / 1000)
        except (ConnectionError, asyncio.IncompleteReadError, TimeoutError, asyncio.CancelledError):
            pass  # the client went away, or the server is stopping
        finally:
            with contextlib.suppress(Exception):
                writer.close()
