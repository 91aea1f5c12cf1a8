"""The official `cohere` SDK as the oracle of the deprecated Chat API v1: `Client.chat_stream`.

Served by an in-memory `httpx.MockTransport` (the SDK still uses `httpx`), the SDK reads the
NDJSON lines itself and yields one typed `StreamedChatResponse` per line by `event_type`
(`types/streamed_chat_response.py`), accumulating nothing; this module folds them as the
v1 docs' streaming example does (`FOLD_SOURCE`): `text-generation` text appended, the calls
of `tool-calls-generation` (name, `parameters`; v1 gives no id), and `stream-end`'s
`finish_reason` and `response.meta.tokens` (the SDK's float counts read back as the
integers the wire sent). Citations are not reported (the adapter keeps them as sent).
"""

from __future__ import annotations

from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.cohere_v1 import USAGE_FIELDS
from conformance.oracles._sdk import mock_client, needs, own_deprecations_silenced, reported
from conformance.oracles.cohere import _whole_numbers

SOURCE = "https://github.com/cohere-ai/cohere-python/blob/main/src/cohere/raw_base_client.py"
"""`chat_stream` (v1): the SDK call this oracle makes, and the reader it uses."""
FOLD_SOURCE = "https://docs.cohere.com/v1/docs/streaming"
"""The documented reading of the v1 events."""

MODEL = "command-r-plus"


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What `cohere.Client.chat_stream` makes of `body` (served in `chunks`, if given)."""
    cohere = needs("the Cohere v1 oracle", "cohere")
    http_client = mock_client(body, chunks, library="httpx", content_type="application/stream+json")
    client = cohere.Client(api_key="test", base_url="http://test", httpx_client=http_client)
    text: list[str] = []
    calls: list[dict[str, Any]] = []
    out: dict[str, Any] = {"vendor_stop_reason": None, "usage": None}
    with http_client, reported(out), own_deprecations_silenced("cohere"):
        for event in client.chat_stream(model=MODEL, message="oracle"):
            if event.event_type == "text-generation":
                text.append(event.text or "")
            elif event.event_type == "tool-calls-generation":
                calls.extend(
                    {"id": None, "name": call.name, "arguments": dict(call.parameters or {})}
                    for call in event.tool_calls or []
                )
            elif event.event_type == "stream-end":
                out["vendor_stop_reason"] = str(event.finish_reason) if event.finish_reason else None
                response = event.response.dict() if event.response is not None else {}
                out["usage"] = usage_from(_whole_numbers(response), USAGE_FIELDS) or None
    out.update(text="".join(text), tool_calls=calls)
    return out
