"""botocore as the Bedrock ConverseStream oracle: its own event-stream decoder and JSON
parser, driven by the `bedrock-runtime` service model's `ConverseStreamOutput` shape.

botocore (and so boto3) decodes and types each event but assembles nothing, so this
module folds the parsed events the way a boto3 user does: `contentBlockDelta` text and
`reasoningContent.text` appended, `toolUse` blocks collected with their `input` JSON text
joined and parsed (server tool blocks, `"type": "server_tool_use"`, skipped as the adapter
skips them), a reasoning block's `signature` and `redactedContent` (a blob botocore
decodes: encoded back to its base64 text) as `signatures`, `messageStop.stopReason`,
`metadata.usage` in the normalized keys. An
exception frame, which botocore raises as `EventStreamError`, is reported as
`error: {type: code, message}`. Bytes botocore cannot read as frames (a JSON error document
sent in their place, a frame cut short) end the fold with `sdk_error` and what was read
before; tool input that is not JSON when the stream ends is kept as its text, as the other
oracles keep it. No network: the body is handed to `EventStream` directly.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

try:
    import botocore.session  # type: ignore[import-untyped]
    from botocore.eventstream import EventStream, ParserError  # type: ignore[import-untyped]
    from botocore.exceptions import EventStreamError  # type: ignore[import-untyped]
    from botocore.parsers import EventStreamJSONParser  # type: ignore[import-untyped]
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("the Bedrock oracle needs the AWS SDK core: pip install botocore") from exc

from conformance.adapters.bedrock_converse import USAGE_FIELDS
from conformance.oracles._sdk import json_arguments, sdk_error


class _RawStream:
    """The one method `EventStream` calls on a response body."""

    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = chunks

    def stream(self) -> Iterator[bytes]:
        yield from self._chunks

    def close(self) -> None:
        pass


@lru_cache(maxsize=1)
def _stream_shape() -> Any:
    model = botocore.session.get_session().get_service_model("bedrock-runtime")
    return model.operation_model("ConverseStream").output_shape.members["stream"]


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What botocore makes of `body` (delivered in `chunks`, if given)."""
    stream = EventStream(
        _RawStream(chunks if chunks is not None else [body]),
        _stream_shape(),
        EventStreamJSONParser(),
        "ConverseStream",
    )
    text: list[str] = []
    reasoning: list[str] = []
    calls: dict[int, dict[str, Any]] = {}
    inputs: dict[int, list[str]] = {}
    signatures: dict[tuple[int, str], str] = {}  # (block, kind): the last one, as a user keeps it
    out: dict[str, Any] = {}
    try:
        for event in stream:
            ((kind, data),) = event.items()
            if kind == "contentBlockStart":
                tool = data.get("start", {}).get("toolUse")
                if tool is not None and tool.get("type") != "server_tool_use":
                    calls[data["contentBlockIndex"]] = {"id": tool["toolUseId"], "name": tool["name"]}
            elif kind == "contentBlockDelta":
                delta = data["delta"]
                if "text" in delta:
                    text.append(delta["text"])
                elif "reasoningContent" in delta:
                    content = delta["reasoningContent"]
                    reasoning.append(content.get("text", ""))
                    if "signature" in content:
                        signatures[data["contentBlockIndex"], "signature"] = content["signature"]
                    if "redactedContent" in content:
                        blob = base64.b64encode(content["redactedContent"]).decode("ascii")
                        signatures[data["contentBlockIndex"], "redacted"] = blob
                elif "toolUse" in delta and data["contentBlockIndex"] in calls:
                    inputs.setdefault(data["contentBlockIndex"], []).append(delta["toolUse"]["input"])
            elif kind == "messageStop":
                out["vendor_stop_reason"] = data["stopReason"]
            elif kind == "metadata" and "usage" in data:
                out["usage"] = {
                    key: data["usage"][field] for field, key in USAGE_FIELDS.items() if field in data["usage"]
                }
    except EventStreamError as exc:
        error = exc.response.get("Error", {})
        out["error"] = {"type": error.get("Code", "error"), "message": error.get("Message", "")}
    except ParserError as exc:  # not frames: botocore's own reading fails
        out["sdk_error"] = sdk_error(exc)
    out["text"] = "".join(text)
    out["reasoning"] = "".join(reasoning)
    out["signatures"] = [{"kind": kind, "value": value} for (_, kind), value in signatures.items()]
    out["tool_calls"] = [
        {**call, "arguments": json_arguments("".join(inputs.get(index, [])))} for index, call in calls.items()
    ]
    return out
