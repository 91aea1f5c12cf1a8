"""What the ready-made client suites share: the scenario's model, each vendor's API root, and
the way a suite class is made per vendor.

Each suite runs a library's real client in whole-client mode (`request(base_url)`) against
the kit's loopback server, which plays each bundled cassette of the vendor cut at
Hypothesis-chosen points; the library's own result goes through a `conformance` converter.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from conformance import AdapterSuite
from conformance.suite.client_mode import served_cassette

HELLO = [{"role": "user", "content": "Hi"}]

API_ROOTS: Mapping[str, str] = {
    "openai-chat": "/v1",
    "openai-responses": "/v1",
    "mistral": "/v1",
    "xai": "/v1",
    "vllm": "/v1",
    "openrouter": "/api/v1",
    "groq": "/openai/v1",
    "deepseek": "",
    "anthropic": "",
    "gemini": "",
    "cohere": "",
    "ollama": "",
}
"""What an OpenAI-style client's `base_url` adds to the server's address, per vendor (each
vendor's documented base URL: `https://api.groq.com/openai/v1`, `https://api.deepseek.com`…);
SDKs that add their own version path (Anthropic's `/v1`, Gemini's `/v1beta`) take ''."""


CUT_AT_THE_END = (
    "the library stops reading at the terminator and at the end of the body alike, so a body cut "
    "just before the terminator reads as complete (it cannot tell)"
)
"""The note of `unsupported = {"truncated_end"}`, which every library built on an official SDK needs."""

DROP_TOTAL = (
    "the library adds total_tokens (input + output) where the vendor sends none: total_tokens not compared"
)


UNTERMINATED = (
    "the SDK dispatches a last event that lacks its blank line, which SSE discards, so a body cut "
    "just before it reads as a normal stop"
)


ENDED = (
    "`complete` is read off the stop reason on both sides: the library cannot see the terminator "
    "(a body cut just after the stop reason reads as complete)"
)


def normalized(*usage_keys: str, ids: bool = False) -> Any:
    """A `normalize` hook: `complete` as the library can know it (a stop reason and no error, on
    both sides: it never sees the terminator, so generated streams cut just before it, like
    `truncated_end`, are not held against it), usage without `usage_keys` (keys the library
    computes or counts its own way), and, with `ids`, tool calls without ids (for vendors that
    send none: the library's own)."""

    def normalize(self: Any, message: dict[str, Any]) -> dict[str, Any]:
        ended = message.get("stop_reason") is not None and message.get("error") is None
        message = {**message, "complete": ended}
        usage = message.get("usage")
        if usage:
            message = {**message, "usage": {k: v for k, v in usage.items() if k not in usage_keys}}
        if ids:
            calls = [{**call, "id": None} for call in message.get("tool_calls") or ()]
            message = {**message, "tool_calls": calls}
        return message

    return normalize


def model() -> str:
    """The model the served cassette's request names (body `model`, or a Gemini path's
    `models/<model>:…`), so the client sends the scenario's own request."""
    cassette = served_cassette()
    try:
        named = json.loads(cassette.request_body or "{}").get("model")
    except ValueError:
        named = None
    if isinstance(named, str):
        return named
    path = unquote(urlsplit(cassette.uri).path)
    return path.rpartition("/models/")[2].partition(":")[0] or "unknown-model"


def azure_deployment() -> str:
    """The deployment an Azure OpenAI cassette's path names (`/openai/deployments/<name>/…`)."""
    path = urlsplit(served_cassette().uri).path
    return path.partition("/deployments/")[2].partition("/")[0]


def suites(
    base: type[AdapterSuite], library: str, vendors: Mapping[str, Mapping[str, Any]]
) -> dict[str, type[AdapterSuite]]:
    """One `Test<Base><Vendor>` subclass of `base` per vendor, with that vendor's extra class
    attributes and the row label `<library> (<vendor>)`, for a module's globals: pytest
    collects them, `conformance.suite.ecosystem` runs them."""
    made: dict[str, type[AdapterSuite]] = {}
    for vendor, attributes in vendors.items():
        name = f"Test{base.__name__}" + "".join(part.capitalize() for part in vendor.split("-"))
        namespace = {"vendor": vendor, "label": f"{library} ({vendor})", "__module__": base.__module__}
        made[name] = type(name, (base,), {**namespace, **attributes})
    return made
