"""The probe's IO edge: send one scenario to a server and capture what comes back.

Streamed and invalid-request scenarios go through httpx, as any client would. The cancel
scenario goes over a plain socket driven by h11, because it needs what no HTTP client
offers: after the first text arrives the probe *half-closes* the connection (shutdown of
its write side: the FIN every client's close sends) and keeps reading, to see whether the
server stops or keeps generating for a client that is gone. Server stacks that watch their
connection (uvicorn, Node's http, Go's net/http, cpp-httplib) see that FIN at once. TLS
cannot be half-closed, so over https the probe hangs up for real and does not judge.

Every read is bounded: a total deadline per scenario and `MAX_RESPONSE_BYTES` per body.
"""

from __future__ import annotations

import functools
import json
import socket
import ssl
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import h11
import httpx

from conformance.adapters import make_adapter
from conformance.errors import StreamError
from conformance.events import ReasoningDelta, TextDelta, ToolCallDelta, UsageUpdate
from conformance.probe.judge import CancelObservation, Exchange
from conformance.probe.scenarios import CANCEL, Scenario, family_of

MAX_RESPONSE_BYTES = 32 * 1024 * 1024
"""A response body larger than this is cut and reported, never buffered further."""

FAMILY_HEADERS: dict[str, dict[str, str]] = {
    "anthropic": {"anthropic-version": "2023-06-01"},
}
"""Headers the vendor's API requires on every request (https://docs.anthropic.com/en/api/versioning)."""

TERMINATORS: dict[str, str] = {"openai-chat": "done", "anthropic": "message_stop"}
"""Family -> the vendor event type that ends a stream."""

CONTENT_EVENTS = (TextDelta, ReasoningDelta, ToolCallDelta)
"""The probe hangs up after the first of these: the model is generating."""


def request_headers(vendor: str, auth: Mapping[str, str]) -> dict[str, str]:
    """What every scenario request carries: JSON, SSE accepted, the vendor's fixed headers, auth."""
    headers = {"content-type": "application/json", "accept": "text/event-stream"}
    headers.update(FAMILY_HEADERS.get(family_of(vendor), {}))
    headers.update(auth)
    return headers


def exchange(
    vendor: str,
    scenario: Scenario,
    base_url: str,
    model: str,
    *,
    auth: Mapping[str, str] | None = None,
    timeout_s: float = 60.0,
    cancel_grace_ms: float = 1000.0,
) -> Exchange:
    """Send `scenario` to the server at `base_url` and return what happened."""
    url = base_url.rstrip("/") + scenario.path
    request = scenario.body(model)
    headers = request_headers(vendor, auth or {})
    if scenario.kind == CANCEL and urlsplit(url).scheme == "http":
        return _cancel_exchange(vendor, scenario, url, request, headers, timeout_s, cancel_grace_ms)
    return _http_exchange(vendor, scenario, url, request, headers, timeout_s, cancel_grace_ms)


def _http_exchange(
    vendor: str,
    scenario: Scenario,
    url: str,
    request: dict[str, Any],
    headers: dict[str, str],
    timeout_s: float,
    cancel_grace_ms: float,
) -> Exchange:
    started = time.perf_counter()
    body = bytearray()
    deadline = started + timeout_s
    hang_up = scenario.kind == CANCEL  # over TLS: hang up for real after the first text, do not judge
    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)), verify=_tls_context()
            ) as client,
            client.stream("POST", url, content=json.dumps(request).encode(), headers=headers) as response,
        ):
            adapter = make_adapter(vendor, strict=False) if hang_up else None
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_RESPONSE_BYTES:
                    return _cut(
                        vendor, scenario, request, url, response, body, started, "over the size limit"
                    )
                if adapter is not None and _has_content(adapter, chunk):
                    break
                if time.perf_counter() > deadline:
                    return _cut(
                        vendor,
                        scenario,
                        request,
                        url,
                        response,
                        body,
                        started,
                        "still streaming at the deadline",
                    )
            return Exchange(
                vendor,
                scenario,
                request,
                url,
                response.status_code,
                {k.lower(): v for k, v in response.headers.items()},
                bytes(body),
                elapsed_ms=_ms_since(started),
                cancel=CancelObservation(True, 0, 0, 0, None, 0.0, False, tls=True) if hang_up else None,
                cancel_grace_ms=cancel_grace_ms,
            )
    except httpx.HTTPError as exc:
        return Exchange(
            vendor,
            scenario,
            request,
            url,
            None,
            transport_error=f"{type(exc).__name__}: {exc}",
            elapsed_ms=_ms_since(started),
        )


def _cut(
    vendor: str,
    scenario: Scenario,
    request: dict[str, Any],
    url: str,
    response: httpx.Response,
    body: bytearray,
    started: float,
    why: str,
) -> Exchange:
    return Exchange(
        vendor,
        scenario,
        request,
        url,
        None,
        {k.lower(): v for k, v in response.headers.items()},
        bytes(body[:MAX_RESPONSE_BYTES]),
        transport_error=f"response cut by the probe after {len(body)} bytes: {why}",
        elapsed_ms=_ms_since(started),
    )


def _has_content(adapter: Any, chunk: bytes) -> bool:
    try:
        return any(isinstance(e, CONTENT_EVENTS) for e in adapter.feed(chunk))
    except StreamError:
        return False


def _cancel_exchange(
    vendor: str,
    scenario: Scenario,
    url: str,
    request: dict[str, Any],
    headers: dict[str, str],
    timeout_s: float,
    cancel_grace_ms: float,
) -> Exchange:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    data = json.dumps(request).encode()
    started = time.perf_counter()
    deadline = started + timeout_s
    watch_s = max(3 * cancel_grace_ms / 1000, 2.0)
    conn = h11.Connection(h11.CLIENT)
    adapter = make_adapter(vendor, strict=False)
    adapter.vendor_events = []
    status: int | None = None
    response_headers: dict[str, str] = {}
    body = bytearray()
    hung_up_at: float | None = None
    events_before = bytes_before = 0
    closed_at: float | None = None
    billed: int | None = None
    try:
        sock = socket.create_connection((host, port), timeout=min(timeout_s, 10.0))
    except OSError as exc:
        return Exchange(vendor, scenario, request, url, None, transport_error=f"{type(exc).__name__}: {exc}")
    with sock:
        wire_headers = [("host", parts.netloc), ("content-length", str(len(data))), *headers.items()]
        sock.sendall(conn.send(h11.Request(method="POST", target=target, headers=wire_headers)) or b"")
        sock.sendall(conn.send(h11.Data(data=data)) or b"")
        sock.sendall(conn.send(h11.EndOfMessage()) or b"")
        while True:
            now = time.perf_counter()
            limit = (hung_up_at + watch_s) if hung_up_at is not None else deadline
            if now >= limit:
                break
            sock.settimeout(limit - now)
            try:
                received = sock.recv(65536)
            except TimeoutError:
                break
            except OSError as exc:  # a reset after the hang-up is the server closing hard
                if hung_up_at is None:
                    return Exchange(
                        vendor,
                        scenario,
                        request,
                        url,
                        status,
                        response_headers,
                        bytes(body),
                        transport_error=f"{type(exc).__name__}: {exc}",
                        elapsed_ms=_ms_since(started),
                    )
                closed_at = time.perf_counter()
                break
            if not received:
                closed_at = time.perf_counter()
                break
            try:
                conn.receive_data(received)
                for event in _events(conn):
                    if isinstance(event, h11.Response):
                        status = event.status_code
                        response_headers = {k.decode().lower(): v.decode("latin-1") for k, v in event.headers}
                    elif isinstance(event, h11.Data):
                        body += event.data
                        if len(body) > MAX_RESPONSE_BYTES:
                            raise h11.RemoteProtocolError("response over the probe's size limit")
                        normalized = _feed(adapter, bytes(event.data))
                        if (
                            hung_up_at is None
                            and status == 200
                            and any(isinstance(e, CONTENT_EVENTS) for e in normalized)
                        ):
                            sock.shutdown(socket.SHUT_WR)
                            hung_up_at = time.perf_counter()
                            events_before, bytes_before = len(adapter.vendor_events), len(body)
                        elif hung_up_at is not None:
                            for e in normalized:
                                if isinstance(e, UsageUpdate) and "output_tokens" in e.usage:
                                    billed = e.usage["output_tokens"]
            except h11.RemoteProtocolError as exc:
                return Exchange(
                    vendor,
                    scenario,
                    request,
                    url,
                    status,
                    response_headers,
                    bytes(body),
                    transport_error=f"HTTP framing: {exc}",
                    elapsed_ms=_ms_since(started),
                )
            if conn.their_state is h11.DONE and hung_up_at is None:
                break  # the whole answer came before any text: nothing to hang up on
    vendor_events = adapter.vendor_events or []
    after = vendor_events[events_before:] if hung_up_at is not None else []
    observation = CancelObservation(
        hung_up=hung_up_at is not None,
        events_before=events_before,
        events_after=len(after),
        bytes_after=len(body) - bytes_before if hung_up_at is not None else 0,
        closed_after_ms=(closed_at - hung_up_at) * 1000
        if closed_at is not None and hung_up_at is not None
        else None,
        watched_ms=watch_s * 1000,
        terminated_after=any(e.type == TERMINATORS.get(family_of(vendor)) for e in after),
        billed_output_tokens=billed,
    )
    return Exchange(
        vendor,
        scenario,
        request,
        url,
        status,
        response_headers,
        bytes(body),
        elapsed_ms=_ms_since(started),
        cancel=observation,
        cancel_grace_ms=cancel_grace_ms,
    )


def _events(conn: h11.Connection) -> list[Any]:
    out: list[Any] = []
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA or event is h11.PAUSED:
            return out
        out.append(event)
        if isinstance(event, (h11.EndOfMessage, h11.ConnectionClosed)):
            return out


def _feed(adapter: Any, data: bytes) -> list[Any]:
    try:
        return list(adapter.feed(data))
    except StreamError:
        return []  # judged from the whole body by the framing check


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One TLS context for every exchange of a probe, httpx's default (certifi's CA bundle): a
    client built without one loads the bundle again (~25 ms an exchange)."""
    return httpx.create_ssl_context()
