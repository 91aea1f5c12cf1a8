"""Build the Bedrock InvokeModelWithResponseStream cassettes (`cassettes/bedrock-invoke/<scenario>.yaml`).

    python dev/build_cassettes_bedrock_invoke.py [--check]

Each body is held below as the model's own events, one per line, exactly as the model
writes them (compact JSON; Claude's are Anthropic Messages events, Nova's ConverseStream
members, Titan's `outputText` chunks), each with the random padding Bedrock adds to the
frame payload. The builder wraps each event as the service does: base64 of its bytes in
`{"bytes": ..., "p": ...}` (compact, as the real recordings show), as the payload of an
AWS event-stream frame with `:event-type: chunk`, `:content-type: application/json`,
`:message-type: event` (`conformance.framing.eventstream.encode_message`); an exception
is a frame of `:message-type: exception`. Bedrock's `amazon-bedrock-invocationMetrics` sits
in the last model event. The cassette body is binary (YAML `!!binary`).

Requests are what boto3's `bedrock-runtime` client sends for `invoke_model_with_response_stream`,
minus every credential. Ids, padding and token counts are made up.
"""

# ruff: noqa: E501, RUF001  (events are held literally, one per line)

from __future__ import annotations

import base64
import json
import sys
from typing import Any
from urllib.parse import quote

from _cassette_builder import cassette, main, message

from conformance.formats.cassettes import Cassette
from conformance.framing.eventstream import encode_message

VENDOR = "bedrock-invoke"
API = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html"
ERRORS = API + "#API_runtime_InvokeModelWithResponseStream_Errors"
CLAUDE_DOCS = (
    "https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html"
)
ANTHROPIC_STREAMING = "https://docs.anthropic.com/en/docs/build-with-claude/streaming"
NOVA_DOCS = "https://docs.aws.amazon.com/nova/latest/userguide/using-invoke-api.html"
TITAN_DOCS = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html"
SDK_DECODER = "https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/lib/bedrock/_stream_decoder.py"
ENCODING = "https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html"

CLAUDE = "anthropic.claude-3-5-haiku-20241022-v1:0"
NOVA = "amazon.nova-micro-v1:0"
TITAN = "amazon.titan-text-express-v1"
AGENT = "Boto3/1.40.55 md/Botocore#1.40.55 ua/2.1 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython m/Z,b cfg/retry-mode#legacy Botocore/1.40.55"
PAD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

Chunks = list[tuple[str, int]]
"""(model event JSON text, padding length); an event text starting with "!" is an exception
frame: `!<exception type> <payload JSON>`."""


def frames_body(chunks: Chunks) -> bytes:
    out = bytearray()
    for text, pad in chunks:
        if text.startswith("!"):
            kind, payload = text[1:].split(" ", 1)
            json.loads(payload)
            headers = {
                ":exception-type": kind,
                ":content-type": "application/json",
                ":message-type": "exception",
            }
            out += encode_message(headers, payload.encode("utf-8"))
            continue
        json.loads(text)  # a typo in a literal event stops the build here
        wrapper = {"bytes": base64.b64encode(text.encode("utf-8")).decode("ascii"), "p": PAD[:pad]}
        headers = {":event-type": "chunk", ":content-type": "application/json", ":message-type": "event"}
        out += encode_message(headers, json.dumps(wrapper, separators=(",", ":")).encode("utf-8"))
    return bytes(out)


def cut(chunks: Chunks, keep: int, extra_bytes: int) -> bytes:
    """The body of the first `keep` frames plus `extra_bytes` of the next one."""
    return frames_body(chunks[: keep + 1])[: len(frames_body(chunks[:keep])) + extra_bytes]


def request_body(model: str, prompt: str, *, tools: bool = False) -> str:
    if model.startswith("anthropic."):
        body: dict[str, Any] = {
            "anthropic_version": "bedrock-2023-05-31",
            "max_tokens": 512,
            "messages": [{"role": "user", "content": prompt}],
        }
        if tools:
            body["tools"] = [
                {
                    "name": "get_weather",
                    "description": "Current weather for a city.",
                    "input_schema": {
                        "type": "object",
                        "properties": {"city": {"type": "string"}},
                        "required": ["city"],
                    },
                }
            ]
    elif model.startswith("amazon.nova"):
        body = {
            "messages": [{"role": "user", "content": [{"text": prompt}]}],
            "inferenceConfig": {"maxTokens": 512},
        }
    else:
        body = {"inputText": prompt, "textGenerationConfig": {"maxTokenCount": 512}}
    return json.dumps(body, separators=(",", ":"))


def build(
    name: str, description: str, features: list[str], source: list[str], model: str, prompt: str,
    body: bytes, expected: dict[str, Any], *, n: int, tools: bool = False,
) -> Cassette:  # fmt: skip
    request = request_body(model, prompt, tools=tools)
    return cassette(
        vendor=VENDOR,
        name=name,
        description=description,
        features=features,
        source=source,
        uri=f"https://bedrock-runtime.us-east-1.amazonaws.com/model/{quote(model, safe='')}/invoke-with-response-stream",
        request_headers={
            "Accept": ["application/json"],
            "Content-Type": ["application/json"],
            "User-Agent": [AGENT],
            "amz-sdk-invocation-id": [f"7d1e2f3a-4b5c-4d6e-8f70-{n:012d}"],
            "amz-sdk-request": ["attempt=1"],
            "Content-Length": [str(len(request.encode()))],
        },
        request_body=request,
        response_headers={
            "Date": [f"Wed, 22 Oct 2025 1{n % 10}:2{n % 6}:3{n % 10} GMT"],
            "Content-Type": ["application/vnd.amazon.eventstream"],
            "Transfer-Encoding": ["chunked"],
            "Connection": ["keep-alive"],
            "x-amzn-RequestId": [f"2a9c4e1f-6b3d-4f8a-9e2c-{n:012d}"],
            "X-Amzn-Bedrock-Content-Type": ["application/json"],
        },
        body=body,
        expected=expected,
    )


def expect(**fields: Any) -> dict[str, Any]:
    return message(VENDOR, **fields)


CLAUDE_TEXT: Chunks = [
    (
        '{"type":"message_start","message":{"id":"msg_bdrk_01XqT4mJ8nWcR2vLk9pYs3Fh","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":14,"output_tokens":1}}}',
        37,
    ),
    ('{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}', 12),
    ('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Le mistral"}}', 51),
    ('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" souffle sur"}}', 4),
    (
        '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" la Provence — fort et froid."}}',
        29,
    ),
    ('{"type":"content_block_stop","index":0}', 60),
    (
        '{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":13}}',
        18,
    ),
    (
        '{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":14,"outputTokenCount":13,"invocationLatency":612,"firstByteLatency":288}}',
        33,
    ),
]

CLAUDE_TOOL_USE: Chunks = [
    (
        '{"type":"message_start","message":{"id":"msg_bdrk_01Hq7YtWcN3pK8sDf2LmZx6R","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":372,"output_tokens":4}}}',
        9,
    ),
    ('{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}', 40),
    (
        '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I\'ll check the weather in Zürich."}}',
        22,
    ),
    ('{"type":"content_block_stop","index":0}', 7),
    (
        '{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_bdrk_01Nf6KqP2rXs8TjLm4VwYc9D","name":"get_weather","input":{}}}',
        45,
    ),
    ('{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}', 3),
    (
        '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"Z"}}',
        58,
    ),
    (
        '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ürich\\"}"}}',
        16,
    ),
    ('{"type":"content_block_stop","index":1}', 27),
    (
        '{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":58}}',
        11,
    ),
    (
        '{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":372,"outputTokenCount":58,"invocationLatency":1408,"firstByteLatency":517}}',
        50,
    ),
]

CLAUDE_STREAM_ERROR: Chunks = [
    *CLAUDE_TEXT[:4],
    (
        '!modelStreamErrorException {"message":"The model returned an unexpected response while streaming.","originalStatusCode":500}',
        0,
    ),
]

NOVA_TEXT: Chunks = [
    ('{"messageStart":{"role":"assistant"}}', 30),
    ('{"contentBlockDelta":{"delta":{"text":"Red,"},"contentBlockIndex":0}}', 14),
    ('{"contentBlockStop":{"contentBlockIndex":0}}', 41),
    ('{"contentBlockDelta":{"delta":{"text":" yellow and"},"contentBlockIndex":1}}', 6),
    ('{"contentBlockStop":{"contentBlockIndex":1}}', 55),
    ('{"contentBlockDelta":{"delta":{"text":" blue."},"contentBlockIndex":2}}', 23),
    ('{"contentBlockStop":{"contentBlockIndex":2}}', 2),
    ('{"messageStop":{"stopReason":"end_turn"}}', 19),
    (
        '{"metadata":{"usage":{"inputTokens":9,"outputTokens":7,"cacheReadInputTokenCount":0,"cacheWriteInputTokenCount":0},"metrics":{},"trace":{}},"amazon-bedrock-invocationMetrics":{"inputTokenCount":9,"outputTokenCount":7,"invocationLatency":201,"firstByteLatency":74,"cacheReadInputTokenCount":0,"cacheWriteInputTokenCount":0}}',
        12,
    ),
]

TITAN_TEXT: Chunks = [
    ('{"outputText":"\\nThe mistral is a cold, dry wind","index":0,"inputTextTokenCount":8}', 21),
    (
        '{"outputText":" that blows down the Rhône valley.","index":0,"totalOutputTextTokenCount":17,"completionReason":"FINISH","amazon-bedrock-invocationMetrics":{"inputTokenCount":8,"outputTokenCount":17,"invocationLatency":903,"firstByteLatency":655}}',
        47,
    ),
]

TITAN_GUARDRAIL: Chunks = [
    (
        '{"outputText":"Input blocked","index":0.0,"totalOutputTextTokenCount":3.0,"inputTextTokenCount":6.0,"amazon-bedrock-guardrailAction":"INTERVENED","amazon-bedrock-trace":{"guardrail":{"input":{"gr7x2kq9ab1c":{"topicPolicy":{"topics":[{"name":"investment-advice","type":"DENY","action":"BLOCKED","detected":true}]}}}}}}',
        38,
    ),
]

CALL = {"id": "toolu_bdrk_01Nf6KqP2rXs8TjLm4VwYc9D", "name": "get_weather"}

CASSETTES = [
    build(
        "text",
        "Claude: Anthropic's Messages events, each base64 in a chunk frame's bytes (with padding p); message_stop carries amazon-bedrock-invocationMetrics.",
        ["text", "usage", "non_ascii"],
        [API, CLAUDE_DOCS, ANTHROPIC_STREAMING, SDK_DECODER],
        CLAUDE,
        "Describe the mistral wind in French.",
        frames_body(CLAUDE_TEXT),
        expect(
            text="Le mistral souffle sur la Provence — fort et froid.",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 14, "output_tokens": 13},
            complete=True,
        ),
        n=1,
    ),
    build(
        "tool_call",
        "Claude: a text block, then a tool_use block whose input streams as input_json_delta fragments (the first empty, one split inside a multi-byte character's neighbour); stop_reason tool_use.",
        ["text", "tool_calls", "usage", "non_ascii"],
        [API, CLAUDE_DOCS, ANTHROPIC_STREAMING, SDK_DECODER],
        CLAUDE,
        "What's the weather in Zürich?",
        frames_body(CLAUDE_TOOL_USE),
        expect(
            text="I'll check the weather in Zürich.",
            tool_calls=[{**CALL, "arguments": {"city": "Zürich"}}],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_use",
            usage={"input_tokens": 372, "output_tokens": 58},
            complete=True,
        ),
        n=2,
        tools=True,
    ),
    build(
        "error_model_stream",
        "Claude: three events of text, then a modelStreamErrorException frame (:message-type exception) ends the stream.",
        ["text", "error"],
        [API, ERRORS, ENCODING],
        CLAUDE,
        "Describe the mistral wind in French.",
        frames_body(CLAUDE_STREAM_ERROR),
        expect(
            text="Le mistral souffle sur",
            stop_reason="error",
            usage={"input_tokens": 14, "output_tokens": 1},
            error={
                "type": "modelStreamErrorException",
                "message": "The model returned an unexpected response while streaming.",
            },
        ),
        n=3,
    ),
    build(
        "truncated",
        "Claude's tool_use stream cut 40 bytes into the frame after the first argument fragment: no message_stop, a partial frame left over; the arguments so far are best-effort partial JSON.",
        ["text", "tool_calls", "truncated", "non_ascii"],
        [API, ENCODING],
        CLAUDE,
        "What's the weather in Zürich?",
        cut(CLAUDE_TOOL_USE, 7, 40),
        expect(
            text="I'll check the weather in Zürich.",
            tool_calls=[{**CALL, "arguments": {"city": "Z"}, "arguments_json": '{"city": "Z'}],
            usage={"input_tokens": 372, "output_tokens": 4},
        ),
        n=4,
        tools=True,
    ),
    build(
        "nova_text",
        'Amazon Nova: each chunk is one ConverseStream member ({"messageStart": ...}); every delta opens its own content block; the metadata member ends the stream, with Nova\'s cacheRead/WriteInputTokenCount names.',
        ["text", "usage"],
        [API, NOVA_DOCS],
        NOVA,
        "Name the three primary colours.",
        frames_body(NOVA_TEXT),
        expect(
            text="Red, yellow and blue.",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 9, "output_tokens": 7, "cache_read_tokens": 0, "cache_write_tokens": 0},
            complete=True,
        ),
        n=5,
    ),
    build(
        "titan_text",
        "Amazon Titan Text: outputText chunks; inputTextTokenCount on the first, totalOutputTextTokenCount and completionReason FINISH on the last (the terminator).",
        ["text", "usage", "non_ascii"],
        [API, TITAN_DOCS],
        TITAN,
        "What is the mistral?",
        frames_body(TITAN_TEXT),
        expect(
            text="\nThe mistral is a cold, dry wind that blows down the Rhône valley.",
            stop_reason="stop",
            vendor_stop_reason="FINISH",
            usage={"input_tokens": 8, "output_tokens": 17},
            complete=True,
        ),
        n=6,
    ),
    build(
        "titan_guardrail_blocked",
        "Amazon Titan Text behind a guardrail that blocked the input: one chunk, counts written as floats, no completionReason, amazon-bedrock-guardrailAction INTERVENED.",
        ["text", "usage", "content_filter"],
        [API, TITAN_DOCS, "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-use.html"],
        TITAN,
        "Which stocks should I buy?",
        frames_body(TITAN_GUARDRAIL),
        expect(
            text="Input blocked",
            stop_reason="content_filter",
            vendor_stop_reason="INTERVENED",
            usage={"input_tokens": 6, "output_tokens": 3},
            complete=True,
        ),
        n=7,
    ),
]


if __name__ == "__main__":
    sys.exit(main(VENDOR, CASSETTES, doc=__doc__))
