"""The official `anthropic` SDK's Bedrock client, over botocore's event-stream reading, as
the oracle for Claude on Bedrock InvokeModelWithResponseStream.

`anthropic.AnthropicBedrock` reads this API itself: botocore's `EventStreamBuffer` and
`EventStreamJSONParser` decode the frames against the `bedrock-runtime` service model's
`ResponseStream` shape, each `chunk.bytes` becomes one typed Messages event
(`lib/bedrock/_stream_decoder.py`), and the SDK's own `accumulate_event` assembles them, as
for the first-party API. `sdk_message` serves the body (in `chunks`, if given) to that
client through an in-memory `httpx2.MockTransport` (a Bedrock API key as bearer token, so
no AWS signing and no boto3), runs `messages.stream(...)` and reports the final message as
the anthropic oracle does (`text`, `reasoning`, `tool_calls`, `vendor_stop_reason`,
`usage`; `sdk_error` and `error` when the SDK raises, with the snapshot so far).

Amazon Nova and Titan bodies have no SDK that assembles them (boto3 hands the chunk bytes
to the caller): for those the result is only `sdk_unsupported`, naming the family, and the
dev script compares whole against byte-by-byte parses instead.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from conformance.oracles._sdk import mock_client, needs, reported
from conformance.oracles.anthropic import _body_error, _normalize, _snapshot_or_none

SOURCE = "https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/lib/bedrock/_stream_decoder.py"
"""Where the SDK turns Bedrock frames into Messages events."""

EVENT_STREAM = "application/vnd.amazon.eventstream"
MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0"
"""Any Bedrock model id of Claude: the mock transport answers every request with the body."""
REQUEST = {"max_tokens": 1024, "messages": [{"role": "user", "content": "Hi"}]}


def model_family(body: bytes) -> str | None:
    """`anthropic`, `other` (Nova, Titan…), or None when botocore finds no chunk to tell by."""
    eventstream = needs("the Bedrock Invoke oracle", "botocore.eventstream")
    buffer = eventstream.EventStreamBuffer()
    buffer.add_data(body)
    try:
        for message in buffer:
            if message.headers.get(":event-type") != "chunk":
                continue
            event = json.loads(base64.b64decode(json.loads(message.payload)["bytes"]))
            return "anthropic" if isinstance(event, dict) and "type" in event else "other"
    except (eventstream.ParserError, ValueError, KeyError, TypeError):
        return None
    return None


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What `anthropic.AnthropicBedrock` makes of `body` (see the module docstring for the keys)."""
    if model_family(body) == "other":
        return {"sdk_unsupported": "no SDK assembles Bedrock's non-Anthropic model events"}
    sdk = needs("the Bedrock Invoke oracle", "anthropic")
    failure: dict[str, Any] = {}
    snapshot: Any = None
    with mock_client(body, chunks, content_type=EVENT_STREAM) as http_client:
        client = sdk.AnthropicBedrock(
            api_key="test",
            aws_region="us-east-1",
            base_url="http://test",
            http_client=http_client,
            max_retries=0,
        )
        with client.messages.stream(model=MODEL, **REQUEST) as stream:
            with reported(failure, error=_body_error):
                snapshot = stream.get_final_message()
            if failure:
                snapshot = _snapshot_or_none(stream)
    out = _normalize(snapshot) if snapshot is not None else {}
    return {**out, **failure}
