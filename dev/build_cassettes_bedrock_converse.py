"""Build the Bedrock ConverseStream cassettes (`cassettes/bedrock-converse/<scenario>.yaml`).

    python dev/build_cassettes_bedrock_converse.py [--check]

Each body is held below literally as the frames the service sends: one line per frame,
its `:event-type` (or `:exception-type`) and its JSON payload exactly as written on the
wire (compact, keys sorted, the random padding field `"p"` the service adds, non-ASCII as
raw UTF-8), as the real recordings show. The builder only wraps each payload in an AWS
event-stream frame (prelude, headers `:event-type` / `:content-type` / `:message-type`,
CRCs) with `conformance.framing.eventstream.encode_message`; the cassette body is binary
and is written as YAML `!!binary`. A truncated body is the same frames cut at a byte.

Requests are what boto3's `bedrock-runtime` client sends, minus every credential: no
`Authorization`, no `X-Amz-Date` / `X-Amz-Security-Token` / `X-Amz-Content-Sha256`.
Ids, padding and token counts are made up.
"""

# ruff: noqa: E501, RUF001  (payloads are held literally, one frame per line)

from __future__ import annotations

import json
import sys
from typing import Any
from urllib.parse import quote

from _cassette_builder import cassette, main, message

from conformance.formats.cassettes import Cassette
from conformance.framing.eventstream import encode_message

VENDOR = "bedrock-converse"
API = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html"
OUTPUT = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html"
TOOLS = "https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use-inference-call.html"
REASONING = "https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html"
ENCODING = "https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html"
BOTOCORE = "https://github.com/boto/botocore/blob/develop/botocore/eventstream.py"
ERRORS = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html#API_runtime_ConverseStream_Errors"

NOVA = "amazon.nova-lite-v1:0"
CLAUDE = "us.anthropic.claude-sonnet-4-20250514-v1:0"
AGENT = "Boto3/1.40.55 md/Botocore#1.40.55 ua/2.1 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython m/Z,b cfg/retry-mode#legacy Botocore/1.40.55"

Frames = list[tuple[str, str]]
"""(event type, payload JSON text); an event type ending in "Exception" is an exception frame."""


def frames_body(frames: Frames) -> bytes:
    out = bytearray()
    for kind, payload in frames:
        json.loads(payload)  # a typo in a literal payload stops the build here
        if kind.endswith("Exception"):
            headers = {
                ":exception-type": kind,
                ":content-type": "application/json",
                ":message-type": "exception",
            }
        else:
            headers = {":event-type": kind, ":content-type": "application/json", ":message-type": "event"}
        out += encode_message(headers, payload.encode("utf-8"))
    return bytes(out)


def converse(model: str, text: str, *, tools: bool = False, thinking: bool = False) -> str:
    body: dict[str, Any] = {
        "messages": [{"role": "user", "content": [{"text": text}]}],
        "inferenceConfig": {"maxTokens": 1024},
    }
    if tools:
        body["toolConfig"] = {
            "tools": [
                {
                    "toolSpec": {
                        "name": "get_weather",
                        "description": "Current weather for a city.",
                        "inputSchema": {
                            "json": {
                                "type": "object",
                                "properties": {
                                    "city": {"type": "string"},
                                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                                },
                                "required": ["city"],
                            }
                        },
                    }
                }
            ]
        }
    if thinking:
        body["inferenceConfig"] = {"maxTokens": 4096}
        body["additionalModelRequestFields"] = {"thinking": {"type": "enabled", "budget_tokens": 1024}}
    return json.dumps(body, separators=(",", ":"))


def request_headers(body: str, invocation: str) -> dict[str, list[str]]:
    """botocore's headers, minus the SigV4 signature and its X-Amz-* companions."""
    return {
        "Content-Type": ["application/json"],
        "User-Agent": [AGENT],
        "amz-sdk-invocation-id": [invocation],
        "amz-sdk-request": ["attempt=1"],
        "Content-Length": [str(len(body.encode()))],
    }


def response_headers(
    date: str, request_id: str, content_type: str = "application/vnd.amazon.eventstream"
) -> dict[str, list[str]]:
    headers = {
        "Date": [date],
        "Content-Type": [content_type],
        "Transfer-Encoding": ["chunked"],
        "Connection": ["keep-alive"],
        "x-amzn-RequestId": [request_id],
    }
    if content_type == "application/json":
        del headers["Transfer-Encoding"]
    return headers


def build(
    name: str,
    description: str,
    features: list[str],
    source: list[str],
    model: str,
    prompt: str,
    body: bytes,
    expected: dict[str, Any],
    *,
    n: int,
    tools: bool = False,
    thinking: bool = False,
    status: int = 200,
    content_type: str = "application/vnd.amazon.eventstream",
    extra_headers: dict[str, list[str]] | None = None,
) -> Cassette:
    request = converse(model, prompt, tools=tools, thinking=thinking)
    headers = response_headers(
        f"Tue, 21 Oct 2025 0{n % 10}:1{n % 6}:2{n % 10} GMT",
        f"6f2d1c3a-0b7e-4e55-9c1a-{n:012d}",
        content_type,
    )
    headers.update(extra_headers or {})
    return cassette(
        vendor=VENDOR,
        name=name,
        description=description,
        features=features,
        source=source,
        uri=f"https://bedrock-runtime.us-east-1.amazonaws.com/model/{quote(model, safe='')}/converse-stream",
        request_headers=request_headers(request, f"0c4e5a1b-9d2f-4a7e-8b3c-{n:012d}"),
        request_body=request,
        response_headers=headers,
        body=body,
        expected=expected,
        status=status,
    )


def expect(**fields: Any) -> dict[str, Any]:
    return message(VENDOR, **fields)


TEXT: Frames = [
    ("messageStart", '{"p":"abcdefghijklm","role":"assistant"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":"The capital"},"p":"abcdefghijklmnopqrstuvwxyzABC"}',
    ),
    ("contentBlockDelta", '{"contentBlockIndex":0,"delta":{"text":" of France is"},"p":"abcdefg"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":" Paris."},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"}',
    ),
    ("contentBlockStop", '{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwxyzABCDE"}'),
    ("messageStop", '{"p":"abcdefghij","stopReason":"end_turn"}'),
    (
        "metadata",
        '{"metrics":{"latencyMs":318},"p":"abcdefghijklmnopqr","usage":{"inputTokens":12,"outputTokens":8,"totalTokens":20}}',
    ),
]

TOOL_USE: Frames = [
    ("messageStart", '{"p":"abcdefghijklmnopqrstuvw","role":"assistant"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":"I\'ll look up the current"},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL"}',
    ),
    ("contentBlockDelta", '{"contentBlockIndex":0,"delta":{"text":" weather in Zürich."},"p":"abcdefghijk"}'),
    ("contentBlockStop", '{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY"}'),
    (
        "contentBlockStart",
        '{"contentBlockIndex":1,"p":"abcdefghijklmnopqrs","start":{"toolUse":{"name":"get_weather","toolUseId":"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q","type":"tool_use"}}}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":1,"delta":{"toolUse":{"input":""}},"p":"abcdefghijklmnopqrstuvwxyzABCDEFG"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\\"city\\": \\"Z"}},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":1,"delta":{"toolUse":{"input":"ürich\\", \\"un"}},"p":"abcdef"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":1,"delta":{"toolUse":{"input":"it\\": \\"celsius\\"}"}},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"}',
    ),
    ("contentBlockStop", '{"contentBlockIndex":1,"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST"}'),
    ("messageStop", '{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGH","stopReason":"tool_use"}'),
    (
        "metadata",
        '{"metrics":{"latencyMs":1204},"p":"abcdefghijklmnopqrstu","usage":{"inputTokens":402,"outputTokens":71,"totalTokens":473}}',
    ),
]

TOOL_USE_PARALLEL: Frames = [
    ("messageStart", '{"p":"abcdefghijklmnopqrstuvwxyzABCDEFG","role":"assistant"}'),
    (
        "contentBlockStart",
        '{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwxyzAB","start":{"toolUse":{"name":"get_weather","toolUseId":"tooluse_3fVYvTqgQmOa1xK0cN8bZw","type":"tool_use"}}}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\\"city\\": \\"Paris\\"}"}},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV"}',
    ),
    ("contentBlockStop", '{"contentBlockIndex":0,"p":"abcdefghijklmnop"}'),
    (
        "contentBlockStart",
        '{"contentBlockIndex":1,"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP","start":{"toolUse":{"name":"get_weather","toolUseId":"tooluse_Hq2m8WcYQ0y1l6sVfJx3Tg","type":"tool_use"}}}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\\"city\\": \\"Tok"}},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGH"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":1,"delta":{"toolUse":{"input":"yo\\", \\"unit\\": \\"celsius\\"}"}},"p":"abcdefghijklmnopqrstuvwxyz"}',
    ),
    (
        "contentBlockStop",
        '{"contentBlockIndex":1,"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012"}',
    ),
    ("messageStop", '{"p":"abcdefghijklm","stopReason":"tool_use"}'),
    (
        "metadata",
        '{"metrics":{"latencyMs":1577},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ","usage":{"inputTokens":415,"outputTokens":96,"totalTokens":511}}',
    ),
]

REASONING_FRAMES: Frames = [
    ("messageStart", '{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS","role":"assistant"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":"The user asks for 17 × 23."}},"p":"abcdefghijklmnopqrstuvwxyzA"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":" 17 × 20 = 340, 17 × 3 = 51,"}},"p":"abcdefghijklmnopqrs"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":" so 391."}},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"reasoningContent":{"signature":"EqQBCkgIBxABGAIqQHnQ1n3zJ8m0c2kTqgRZyq5vXo9WcTgN4uMa8LhJdQpVb6sKx1yFz3Ew7RtUoPiAsDfGhJkL0qWeRtYuIoPaSdFgHjEgzL2mN4vB8xC1aQ9kRsTfYhJ0"}},"p":"abcdefghijklmnopqr"}',
    ),
    ("contentBlockStop", '{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwx"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":1,"delta":{"text":"17 × 23 = **391**."},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"}',
    ),
    ("contentBlockStop", '{"contentBlockIndex":1,"p":"abcdefghijklmn"}'),
    ("messageStop", '{"p":"abcdefghijklmnopqrstuvwxyzABCDEF","stopReason":"end_turn"}'),
    (
        "metadata",
        '{"metrics":{"latencyMs":2811},"p":"abcdefghijk","usage":{"inputTokens":44,"outputTokens":97,"totalTokens":141}}',
    ),
]

REDACTED: Frames = [
    ("messageStart", '{"p":"abcdefg","role":"assistant"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"reasoningContent":{"redactedContent":"RXFBRENrZ0lCeEFCR0FJcVFCM2g1R3lISkQ0aG9jUmNoVXEySTQwQ2hSTGRweGpWbDB4Wmt5Vlpycms2SklKV2VJb0l6"}},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"}',
    ),
    (
        "contentBlockStop",
        '{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":1,"delta":{"text":"Hello! What can I do for you?"},"p":"abcdefghijklmnopqrstuvw"}',
    ),
    ("contentBlockStop", '{"contentBlockIndex":1,"p":"abcdefghijklmnopqrstuvwxyzABCD"}'),
    ("messageStop", '{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU","stopReason":"end_turn"}'),
    (
        "metadata",
        '{"metrics":{"latencyMs":4120},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP","usage":{"inputTokens":91,"outputTokens":188,"totalTokens":279}}',
    ),
]

MAX_TOKENS: Frames = [
    ("messageStart", '{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX","role":"assistant"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":"Once upon a time, in a"},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":" kingdom by the sea, there"},"p":"abcdefghijklmn"}',
    ),
    (
        "contentBlockStop",
        '{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"}',
    ),
    ("messageStop", '{"p":"abcdefghijklmnopqrstu","stopReason":"max_tokens"}'),
    (
        "metadata",
        '{"metrics":{"latencyMs":402},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM","usage":{"inputTokens":9,"outputTokens":12,"totalTokens":21}}',
    ),
]

USAGE_CACHE: Frames = [
    ("messageStart", '{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW","role":"assistant"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":"Section 4.2 sets the notice period at"},"p":"abcdefghijklm"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":" 30 days."},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012"}',
    ),
    ("contentBlockStop", '{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwxyzABC"}'),
    (
        "messageStop",
        '{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123","stopReason":"end_turn"}',
    ),
    (
        "metadata",
        '{"metrics":{"latencyMs":655},"p":"abcdefgh","usage":{"cacheReadInputTokens":2048,"cacheWriteInputTokens":0,"inputTokens":37,"outputTokens":14,"totalTokens":2099}}',
    ),
]

GUARDRAIL: Frames = [
    ("messageStart", '{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN","role":"assistant"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":"Sorry, the model cannot answer this question."},"p":"abcdefghijklmnopq"}',
    ),
    ("contentBlockStop", '{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"}'),
    (
        "messageStop",
        '{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ","stopReason":"guardrail_intervened"}',
    ),
    (
        "metadata",
        '{"metrics":{"latencyMs":233},"p":"abcdefghijklmnopqrstuvwx","trace":{"guardrail":{"inputAssessment":{"gr1xq2lq9k2c":{"topicPolicy":{"topics":[{"action":"BLOCKED","name":"Investment advice","type":"DENY"}]}}}}},"usage":{"inputTokens":19,"outputTokens":0,"totalTokens":19}}',
    ),
]

NON_ASCII: Frames = [
    ("messageStart", '{"p":"abcdefghijklmnopqrstuvwxyzABCDEF","role":"assistant"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":"「東京」は日本の首都です。"},"p":"abcdefghijklmnopqrstuvw"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":" Ça coûte 5 €"},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0"}',
    ),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":" 🗼✨\\n\\"Tokyo\\" ≠ Kyoto"},"p":"abcdefghijklmnopqrs"}',
    ),
    (
        "contentBlockStop",
        '{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01"}',
    ),
    ("messageStop", '{"p":"abcdefghijklmnopqrstuvwxy","stopReason":"end_turn"}'),
    (
        "metadata",
        '{"metrics":{"latencyMs":512},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ","usage":{"inputTokens":15,"outputTokens":31,"totalTokens":46}}',
    ),
]

THROTTLING: Frames = [
    ("throttlingException", '{"message":"Too many tokens, please wait before trying again."}'),
]

MODEL_STREAM_ERROR: Frames = [
    ("messageStart", '{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345","role":"assistant"}'),
    (
        "contentBlockDelta",
        '{"contentBlockIndex":0,"delta":{"text":"Here is a summary of the"},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY"}',
    ),
    ("contentBlockDelta", '{"contentBlockIndex":0,"delta":{"text":" report:"},"p":"abcdefghijkl"}'),
    (
        "modelStreamErrorException",
        '{"message":"Model stream error: the model returned an unexpected response.","originalMessage":"Unexpected error from the model provider.","originalStatusCode":500}',
    ),
]

INTERNAL_SERVER: Frames = [
    ("messageStart", '{"p":"abcdefghijklmnopqrs","role":"assistant"}'),
    (
        "internalServerException",
        '{"message":"The server encountered an internal error while processing the request."}',
    ),
]

SERVICE_UNAVAILABLE: Frames = [
    (
        "serviceUnavailableException",
        '{"message":"The service is unavailable. Try your request again later."}',
    ),
]

VALIDATION_BODY = b'{"message":"The provided model identifier is invalid."}'


def cut(frames: Frames, keep_frames: int, extra_bytes: int) -> bytes:
    """The body of the first `keep_frames` frames plus `extra_bytes` of the next one."""
    whole = frames_body(frames[: keep_frames + 1])
    return whole[: len(frames_body(frames[:keep_frames])) + extra_bytes]


USAGE_TOOL = {"input_tokens": 402, "output_tokens": 71, "total_tokens": 473}
WEATHER = {"city": "Zürich", "unit": "celsius"}
CALL = {"id": "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "name": "get_weather"}

CASSETTES = [
    build(
        "text",
        'Plain text in one content block opened by its first delta (no contentBlockStart), end_turn, metadata usage and latency; every payload padded with "p".',
        ["text", "usage"],
        [API, OUTPUT, ENCODING],
        NOVA,
        "What is the capital of France?",
        frames_body(TEXT),
        expect(
            text="The capital of France is Paris.",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 12, "output_tokens": 8, "total_tokens": 20},
            complete=True,
        ),
        n=1,
    ),
    build(
        "tool_use",
        "Text, then a toolUse block: contentBlockStart with toolUseId and name, the input JSON in four contentBlockDelta fragments (the first empty, the non-ASCII city name split between two), stopReason tool_use.",
        ["text", "tool_calls", "usage", "non_ascii"],
        [API, TOOLS, OUTPUT],
        CLAUDE,
        "What's the weather in Zürich?",
        frames_body(TOOL_USE),
        expect(
            text="I'll look up the current weather in Zürich.",
            tool_calls=[{**CALL, "arguments": WEATHER}],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_use",
            usage=USAGE_TOOL,
            complete=True,
        ),
        n=2,
        tools=True,
    ),
    build(
        "tool_use_parallel",
        "Two toolUse blocks (indices 0 and 1) in one message, no text; each opened, filled and stopped in turn.",
        ["tool_calls", "parallel_tool_calls", "usage"],
        [API, TOOLS, OUTPUT],
        CLAUDE,
        "Weather in Paris and in Tokyo (Celsius)?",
        frames_body(TOOL_USE_PARALLEL),
        expect(
            tool_calls=[
                {
                    "id": "tooluse_3fVYvTqgQmOa1xK0cN8bZw",
                    "name": "get_weather",
                    "arguments": {"city": "Paris"},
                },
                {
                    "id": "tooluse_Hq2m8WcYQ0y1l6sVfJx3Tg",
                    "name": "get_weather",
                    "arguments": {"city": "Tokyo", "unit": "celsius"},
                },
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_use",
            usage={"input_tokens": 415, "output_tokens": 96, "total_tokens": 511},
            complete=True,
        ),
        n=3,
        tools=True,
    ),
    build(
        "reasoning",
        "Extended thinking: reasoningContent text deltas, then its signature delta, in block 0; the answer in block 1.",
        ["reasoning", "text", "usage", "non_ascii"],
        [API, REASONING, OUTPUT],
        CLAUDE,
        "What is 17 × 23?",
        frames_body(REASONING_FRAMES),
        expect(
            signatures=[
                {
                    "kind": "signature",
                    "value": "EqQBCkgIBxABGAIqQHnQ1n3zJ8m0c2kTqgRZyq5vXo9WcTgN4uMa8LhJdQpVb6sKx1yFz3Ew7RtUoPiAsDfGhJkL0qWeRtYuIoPaSdFgHjEgzL2mN4vB8xC1aQ9kRsTfYhJ0",
                }
            ],
            text="17 × 23 = **391**.",
            reasoning="The user asks for 17 × 23. 17 × 20 = 340, 17 × 3 = 51, so 391.",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 44, "output_tokens": 97, "total_tokens": 141},
            complete=True,
        ),
        n=4,
        thinking=True,
    ),
    build(
        "reasoning_redacted",
        "A reasoningContent delta holding only redactedContent (encrypted reasoning): nothing to show as reasoning, then the answer.",
        ["reasoning", "text", "usage"],
        [API, REASONING, OUTPUT],
        CLAUDE,
        "Hi",
        frames_body(REDACTED),
        expect(
            signatures=[
                {
                    "kind": "redacted",
                    "value": "RXFBRENrZ0lCeEFCR0FJcVFCM2g1R3lISkQ0aG9jUmNoVXEySTQwQ2hSTGRweGpWbDB4Wmt5Vlpycms2SklKV2VJb0l6",
                }
            ],
            text="Hello! What can I do for you?",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 91, "output_tokens": 188, "total_tokens": 279},
            complete=True,
        ),
        n=5,
        thinking=True,
    ),
    build(
        "max_tokens",
        "The answer cut by inferenceConfig.maxTokens: stopReason max_tokens.",
        ["text", "usage"],
        [API, OUTPUT],
        NOVA,
        "Tell me a long story.",
        frames_body(MAX_TOKENS),
        expect(
            text="Once upon a time, in a kingdom by the sea, there",
            stop_reason="length",
            vendor_stop_reason="max_tokens",
            usage={"input_tokens": 9, "output_tokens": 12, "total_tokens": 21},
            complete=True,
        ),
        n=6,
    ),
    build(
        "usage_cache",
        "Prompt caching: metadata.usage with cacheReadInputTokens and cacheWriteInputTokens beside the token counts.",
        ["text", "usage"],
        [API, OUTPUT, "https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html"],
        CLAUDE,
        "What notice period does section 4.2 set?",
        frames_body(USAGE_CACHE),
        expect(
            text="Section 4.2 sets the notice period at 30 days.",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={
                "input_tokens": 37,
                "output_tokens": 14,
                "total_tokens": 2099,
                "cache_read_tokens": 2048,
                "cache_write_tokens": 0,
            },
            complete=True,
        ),
        n=7,
    ),
    build(
        "guardrail_intervened",
        "A guardrail blocks the prompt: its canned message as text, stopReason guardrail_intervened, the guardrail trace in metadata.",
        ["text", "content_filter", "usage"],
        [
            API,
            OUTPUT,
            "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-use-converse-api.html",
        ],
        NOVA,
        "Which stock should I buy?",
        frames_body(GUARDRAIL),
        expect(
            text="Sorry, the model cannot answer this question.",
            stop_reason="content_filter",
            vendor_stop_reason="guardrail_intervened",
            usage={"input_tokens": 19, "output_tokens": 0, "total_tokens": 19},
            complete=True,
        ),
        n=8,
    ),
    build(
        "non_ascii",
        "Japanese, accented Latin, a euro sign, emoji, an escaped quote and newline, as raw UTF-8 in the payloads.",
        ["text", "non_ascii", "usage"],
        [API, OUTPUT],
        NOVA,
        "Say something about Tokyo in two languages.",
        frames_body(NON_ASCII),
        expect(
            text='「東京」は日本の首都です。 Ça coûte 5 € 🗼✨\n"Tokyo" ≠ Kyoto',
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 15, "output_tokens": 31, "total_tokens": 46},
            complete=True,
        ),
        n=9,
    ),
    build(
        "error_throttling",
        "The stream is one exception frame (:message-type exception, :exception-type throttlingException) and nothing else.",
        ["error"],
        [API, ERRORS, ENCODING],
        CLAUDE,
        "Hello",
        frames_body(THROTTLING),
        expect(
            stop_reason="error",
            error={
                "type": "throttlingException",
                "message": "Too many tokens, please wait before trying again.",
            },
        ),
        n=10,
    ),
    build(
        "error_model_stream",
        "Text, then a modelStreamErrorException frame (with originalStatusCode and originalMessage) ends the stream mid-answer.",
        ["text", "error"],
        [API, ERRORS],
        CLAUDE,
        "Summarize the report.",
        frames_body(MODEL_STREAM_ERROR),
        expect(
            text="Here is a summary of the report:",
            stop_reason="error",
            error={
                "type": "modelStreamErrorException",
                "message": "Model stream error: the model returned an unexpected response.",
            },
        ),
        n=11,
    ),
    build(
        "error_internal_server",
        "messageStart, then an internalServerException frame.",
        ["error"],
        [API, ERRORS],
        NOVA,
        "Hello",
        frames_body(INTERNAL_SERVER),
        expect(
            stop_reason="error",
            error={
                "type": "internalServerException",
                "message": "The server encountered an internal error while processing the request.",
            },
        ),
        n=12,
    ),
    build(
        "error_service_unavailable",
        "A serviceUnavailableException frame in place of the stream.",
        ["error"],
        [API, ERRORS],
        NOVA,
        "Hello",
        frames_body(SERVICE_UNAVAILABLE),
        expect(
            stop_reason="error",
            error={
                "type": "serviceUnavailableException",
                "message": "The service is unavailable. Try your request again later.",
            },
        ),
        n=13,
    ),
    build(
        "error_validation",
        'HTTP 400 before any frame: a JSON body {"message"} (the ValidationException type is only in the x-amzn-ErrorType header).',
        ["error"],
        [API, ERRORS],
        "amazon.nova-lyte-v1:0",
        "Hello",
        VALIDATION_BODY,
        expect(
            stop_reason="error",
            error={"type": "error", "message": "The provided model identifier is invalid."},
        ),
        n=14,
        status=400,
        content_type="application/json",
        extra_headers={
            "x-amzn-ErrorType": ["ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"]
        },
    ),
    build(
        "truncated",
        "The tool_use stream cut 25 bytes into the frame after the second input fragment: no messageStop, a partial frame left over; the arguments so far are best-effort partial JSON.",
        ["text", "tool_calls", "truncated", "non_ascii"],
        [API, ENCODING],
        CLAUDE,
        "What's the weather in Zürich?",
        cut(TOOL_USE, 7, 25),
        expect(
            text="I'll look up the current weather in Zürich.",
            tool_calls=[{**CALL, "arguments": {"city": "Z"}, "arguments_json": '{"city": "Z'}],
        ),
        n=15,
        tools=True,
    ),
]


def check_binary(built: Cassette) -> list[str]:
    if built.status == 200 and built.body[:1] == b"{":
        return ["a 200 body should be event-stream frames"]
    return []


if __name__ == "__main__":
    sys.exit(main(VENDOR, CASSETTES, doc=__doc__, extra=check_binary))
