"""Build the Cohere cassettes (`cassettes/cohere/<scenario>.yaml`) from the bodies held below.

    python dev/build_cassettes_cohere.py [--check]

Each body is written literally as `POST /v2/chat` with `"stream": true` sends it: SSE, an
`event:` line naming the type and a compact JSON `data:` line repeating it in `"type"`,
events separated by a blank line (LF), `message-start` carrying the empty message
skeleton, `message-end` carrying `finish_reason` and `usage` (`billed_units` and `tokens`),
then `data: [DONE]`. Tool-call ids follow Cohere's `<tool name>_<random>` form. The request
is what cohere-python's `ClientV2.chat_stream` sends, without its `Authorization` header.
Ids and counts are made up.
"""

# ruff: noqa: E501  (bodies are held literally, one event per two lines)

from __future__ import annotations

import json
import sys
from typing import Any

from _cassette_builder import cassette, main, message

from conformance.formats.cassettes import Cassette

VENDOR = "cohere"
STREAMING = "https://docs.cohere.com/v2/docs/streaming"
REFERENCE = "https://docs.cohere.com/v2/reference/chat-stream"
TOOLS = "https://docs.cohere.com/v2/docs/tool-use-streaming"
RAG = "https://docs.cohere.com/v2/docs/rag-streaming"
REASONING = "https://docs.cohere.com/v2/docs/reasoning"
SDK = "https://github.com/cohere-ai/cohere-python/blob/main/src/cohere/v2/types/v2chat_stream_response.py"

AGENT = "cohere/5.18.0"

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Gets the weather of a given location",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {
                    "type": "string",
                    "description": "The location to get weather, example: San Francisco, CA",
                }
            },
            "required": ["location"],
        },
    },
}


def build(
    name: str,
    description: str,
    features: list[str],
    source: list[str],
    model: str,
    prompt: str,
    body: str,
    expected: dict[str, Any],
    *,
    date: str,
    tools: bool = False,
    documents: bool = False,
    thinking: bool = False,
) -> Cassette:
    req: dict[str, Any] = {"model": model, "messages": [{"role": "user", "content": prompt}], "stream": True}
    if tools:
        req["tools"] = [WEATHER_TOOL]
    if documents:
        req["documents"] = [
            {"data": {"title": "Tall penguins", "snippet": "Emperor penguins are the tallest."}},
            {"data": {"title": "Penguin habitats", "snippet": "Emperor penguins only live in Antarctica."}},
        ]
    if thinking:
        req["thinking"] = {"type": "enabled", "token_budget": 2000}
    request_body = json.dumps(req, separators=(",", ":"))
    return cassette(
        vendor=VENDOR,
        name=name,
        description=description,
        features=features,
        source=source,
        uri="https://api.cohere.com/v2/chat",
        request_headers={
            "Accept": ["application/json"],
            "Content-Type": ["application/json"],
            "User-Agent": [AGENT],
            "X-Fern-Language": ["Python"],
            "X-Fern-SDK-Name": ["cohere"],
            "X-Fern-SDK-Version": ["5.18.0"],
            "Content-Length": [str(len(request_body.encode()))],
        },
        request_body=request_body,
        response_headers={
            "Content-Type": ["text/event-stream"],
            "Cache-Control": ["no-cache, no-store, no-transform, must-revalidate, private, max-age=0"],
            "Date": [date],
            "Transfer-Encoding": ["chunked"],
            "Vary": ["Origin"],
            "X-Accel-Buffering": ["no"],
            "Via": ["1.1 google"],
            "Num_tokens": ["0"],
            "X-Endpoint-Monthly-Call-Limit": ["1000"],
        },
        body=body.encode("utf-8"),
        expected=expected,
    )


def expect(**fields: Any) -> dict[str, Any]:
    return message(VENDOR, **fields)


START = 'event: message-start\ndata: {"id":"%s","type":"message-start","delta":{"message":{"role":"assistant","content":[],"tool_plan":"","tool_calls":[],"citations":[]}}}\n\n'

TEXT = (
    (START % "29f14a5a-11de-4cae-9800-25e4747408ea")
    + """\
event: content-start
data: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"A large language model"}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":" (LLM) is a neural network"}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":" trained on vast amounts of text."}}}}

event: content-end
data: {"type":"content-end","index":0}

event: message-end
data: {"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":7,"output_tokens":19},"tokens":{"input_tokens":501,"output_tokens":21},"cached_tokens":448}}}

data: [DONE]

"""
)

TOOL_CALL = (
    (START % "ea7a6f2b-6b2e-4c27-a1a4-9f4c4f0b9ad5")
    + """\
event: tool-plan-delta
data: {"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will look up"}}}

event: tool-plan-delta
data: {"type":"tool-plan-delta","delta":{"message":{"tool_plan":" the weather in Toronto."}}}

event: tool-call-start
data: {"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"get_weather_1byjy32y4hvq","type":"function","function":{"name":"get_weather","arguments":""}}}}}

event: tool-call-delta
data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\\n    \\""}}}}}

event: tool-call-delta
data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"location"}}}}}

event: tool-call-delta
data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"\\": \\"Toronto"}}}}}

event: tool-call-delta
data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"\\"\\n}"}}}}}

event: tool-call-end
data: {"type":"tool-call-end","index":0}

event: message-end
data: {"type":"message-end","delta":{"finish_reason":"TOOL_CALL","usage":{"billed_units":{"input_tokens":37,"output_tokens":28},"tokens":{"input_tokens":1468,"output_tokens":50}}}}

data: [DONE]

"""
)

TOOL_CALLS_PARALLEL = (
    (START % "0b5d3a2c-6a35-44f8-a6e6-5a5f6c1e7d21")
    + """\
event: tool-plan-delta
data: {"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will check Toronto and Madrid."}}}

event: tool-call-start
data: {"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"get_weather_8d0v0h7c1z1g","type":"function","function":{"name":"get_weather","arguments":""}}}}}

event: tool-call-delta
data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\\"location\\": \\"Toronto\\"}"}}}}}

event: tool-call-end
data: {"type":"tool-call-end","index":0}

event: tool-call-start
data: {"type":"tool-call-start","index":1,"delta":{"message":{"tool_calls":{"id":"get_weather_2k7qxb3s0m4n","type":"function","function":{"name":"get_weather","arguments":""}}}}}

event: tool-call-delta
data: {"type":"tool-call-delta","index":1,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\\"location\\": \\"Mad"}}}}}

event: tool-call-delta
data: {"type":"tool-call-delta","index":1,"delta":{"message":{"tool_calls":{"function":{"arguments":"rid\\"}"}}}}}

event: tool-call-end
data: {"type":"tool-call-end","index":1}

event: message-end
data: {"type":"message-end","delta":{"finish_reason":"TOOL_CALL","usage":{"billed_units":{"input_tokens":41,"output_tokens":36},"tokens":{"input_tokens":1475,"output_tokens":62}}}}

data: [DONE]

"""
)

THINKING = (
    (START % "5c3c0f7e-7f67-4a3b-9e0d-2d1e3c4b5a69")
    + """\
event: content-start
data: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"thinking","thinking":""}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"thinking":"1071 = 2·462 + 147; 462 = 3·147 + 21;"}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"thinking":" 147 = 7·21. So the GCD is 21."}}}}

event: content-end
data: {"type":"content-end","index":0}

event: content-start
data: {"type":"content-start","index":1,"delta":{"message":{"content":{"type":"text","text":""}}}}

event: content-delta
data: {"type":"content-delta","index":1,"delta":{"message":{"content":{"text":"The greatest common divisor of 1071 and 462 is 21."}}}}

event: content-end
data: {"type":"content-end","index":1}

event: message-end
data: {"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":17,"output_tokens":58},"tokens":{"input_tokens":530,"output_tokens":60}}}}

data: [DONE]

"""
)

CITATIONS = (
    (START % "8a3b2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
    + """\
event: content-start
data: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"The tallest penguins are"}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":" Emperor penguins, which only live in Antarctica."}}}}

event: citation-start
data: {"type":"citation-start","index":0,"delta":{"message":{"citations":{"start":25,"end":41,"text":"Emperor penguins","sources":[{"type":"document","id":"doc:0","document":{"id":"doc:0","snippet":"Emperor penguins are the tallest.","title":"Tall penguins"}}],"type":"TEXT_CONTENT"}}}}

event: citation-end
data: {"type":"citation-end","index":0}

event: citation-start
data: {"type":"citation-start","index":1,"delta":{"message":{"citations":{"start":54,"end":72,"text":"live in Antarctica","sources":[{"type":"document","id":"doc:1","document":{"id":"doc:1","snippet":"Emperor penguins only live in Antarctica.","title":"Penguin habitats"}}],"type":"TEXT_CONTENT"}}}}

event: citation-end
data: {"type":"citation-end","index":1}

event: content-end
data: {"type":"content-end","index":0}

event: message-end
data: {"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":34,"output_tokens":17},"tokens":{"input_tokens":1102,"output_tokens":49}}}}

data: [DONE]

"""
)

MAX_TOKENS = (
    (START % "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f")
    + """\
event: content-start
data: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Once upon a time"}}}}

event: content-end
data: {"type":"content-end","index":0}

event: message-end
data: {"type":"message-end","delta":{"finish_reason":"MAX_TOKENS","usage":{"billed_units":{"input_tokens":5,"output_tokens":4},"tokens":{"input_tokens":496,"output_tokens":4}}}}

data: [DONE]

"""
)

NON_ASCII = (
    (START % "f0e1d2c3-b4a5-4968-8778-695a4b3c2d1e")
    + """\
event: content-start
data: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Très bien — "}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"これは日本語です 😀, \\"quoted\\"\\ttab"}}}}

event: content-end
data: {"type":"content-end","index":0}

event: message-end
data: {"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":9,"output_tokens":15},"tokens":{"input_tokens":498,"output_tokens":17}}}}

data: [DONE]

"""
)

ERROR = (
    (START % "a9b8c7d6-e5f4-4321-9876-0fedcba98765")
    + """\
event: content-start
data: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}

event: content-delta
data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"The report covers"}}}}

event: message-end
data: {"type":"message-end","delta":{"finish_reason":"ERROR","error":"internal server error, this has been reported to our developers","usage":{"billed_units":{"input_tokens":12,"output_tokens":3},"tokens":{"input_tokens":509,"output_tokens":3}}}}

data: [DONE]

"""
)

TRUNCATED = TOOL_CALL[
    : TOOL_CALL.index(
        'event: tool-call-delta\ndata: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"\\": \\"Toronto'
    )
]

MODEL = "command-a-03-2025"

CASSETTES = [
    build(
        "text",
        "message-start with the empty message skeleton, one text content block in three deltas, message-end COMPLETE with billed units, tokens and cached_tokens, data: [DONE].",
        ["text", "usage"],
        [STREAMING, REFERENCE, SDK],
        MODEL,
        "What is an LLM?",
        TEXT,
        expect(
            text="A large language model (LLM) is a neural network trained on vast amounts of text.",
            stop_reason="stop",
            vendor_stop_reason="COMPLETE",
            usage={"input_tokens": 501, "output_tokens": 21, "cache_read_tokens": 448},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 08:00:01 GMT",
    ),
    build(
        "tool_call",
        "A tool plan in two tool-plan-delta events (reasoning), one tool call whose arguments stream as four JSON-text fragments (pretty-printed, as Command models write them), finish_reason TOOL_CALL.",
        ["reasoning", "tool_calls", "usage"],
        [TOOLS, REFERENCE, SDK],
        MODEL,
        "What's the weather in Toronto?",
        TOOL_CALL,
        expect(
            reasoning="I will look up the weather in Toronto.",
            tool_calls=[
                {
                    "id": "get_weather_1byjy32y4hvq",
                    "name": "get_weather",
                    "arguments": {"location": "Toronto"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="TOOL_CALL",
            usage={"input_tokens": 1468, "output_tokens": 50},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 08:05:12 GMT",
        tools=True,
    ),
    build(
        "tool_calls_parallel",
        "Two tool calls (indices 0 and 1) after one tool plan.",
        ["reasoning", "tool_calls", "parallel_tool_calls", "usage"],
        [TOOLS, REFERENCE],
        MODEL,
        "Weather in Toronto and Madrid?",
        TOOL_CALLS_PARALLEL,
        expect(
            reasoning="I will check Toronto and Madrid.",
            tool_calls=[
                {
                    "id": "get_weather_8d0v0h7c1z1g",
                    "name": "get_weather",
                    "arguments": {"location": "Toronto"},
                },
                {
                    "id": "get_weather_2k7qxb3s0m4n",
                    "name": "get_weather",
                    "arguments": {"location": "Madrid"},
                },
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="TOOL_CALL",
            usage={"input_tokens": 1475, "output_tokens": 62},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 08:06:40 GMT",
        tools=True,
    ),
    build(
        "thinking",
        "A reasoning model: content block 0 of type thinking (content.thinking deltas), block 1 of type text.",
        ["reasoning", "text", "usage", "non_ascii"],
        [REASONING, STREAMING],
        "command-a-reasoning-08-2025",
        "GCD of 1071 and 462?",
        THINKING,
        expect(
            text="The greatest common divisor of 1071 and 462 is 21.",
            reasoning="1071 = 2·462 + 147; 462 = 3·147 + 21; 147 = 7·21. So the GCD is 21.",
            stop_reason="stop",
            vendor_stop_reason="COMPLETE",
            usage={"input_tokens": 530, "output_tokens": 60},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 08:10:00 GMT",
        thinking=True,
    ),
    build(
        "citations",
        "RAG with documents: citation-start / citation-end pairs (start, end, text, document sources) after the text they cite.",
        ["text", "usage"],
        [RAG, REFERENCE],
        MODEL,
        "Where do the tallest penguins live?",
        CITATIONS,
        expect(
            text="The tallest penguins are Emperor penguins, which only live in Antarctica.",
            stop_reason="stop",
            vendor_stop_reason="COMPLETE",
            usage={"input_tokens": 1102, "output_tokens": 49},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 08:12:00 GMT",
        documents=True,
    ),
    build(
        "max_tokens",
        "Cut by max_tokens: finish_reason MAX_TOKENS.",
        ["text", "usage"],
        [STREAMING, REFERENCE],
        MODEL,
        "Tell me a story.",
        MAX_TOKENS,
        expect(
            text="Once upon a time",
            stop_reason="length",
            vendor_stop_reason="MAX_TOKENS",
            usage={"input_tokens": 496, "output_tokens": 4},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 08:15:00 GMT",
    ),
    build(
        "non_ascii",
        "Accents, an em dash, Japanese and an emoji as raw UTF-8; escaped quotes and a tab.",
        ["text", "non_ascii", "usage"],
        [STREAMING],
        MODEL,
        "Say something in French and Japanese.",
        NON_ASCII,
        expect(
            text='Très bien — これは日本語です 😀, "quoted"\ttab',
            stop_reason="stop",
            vendor_stop_reason="COMPLETE",
            usage={"input_tokens": 498, "output_tokens": 17},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 08:16:00 GMT",
    ),
    build(
        "error",
        "A generation error: message-end with finish_reason ERROR and delta.error, after some text (no content-end).",
        ["text", "error", "usage"],
        [
            REFERENCE,
            "https://github.com/cohere-ai/cohere-python/blob/main/src/cohere/types/chat_message_end_event_delta.py",
        ],
        MODEL,
        "Summarize the report.",
        ERROR,
        expect(
            text="The report covers",
            stop_reason="error",
            vendor_stop_reason="ERROR",
            error={
                "type": "ERROR",
                "message": "internal server error, this has been reported to our developers",
            },
            usage={"input_tokens": 509, "output_tokens": 3},
        ),
        date="Tue, 21 Oct 2025 08:20:00 GMT",
    ),
    build(
        "truncated",
        "The tool_call stream cut after its second argument fragment: no message-end; the arguments so far are partial JSON.",
        ["reasoning", "tool_calls", "truncated"],
        [TOOLS],
        MODEL,
        "What's the weather in Toronto?",
        TRUNCATED,
        expect(
            reasoning="I will look up the weather in Toronto.",
            tool_calls=[
                {
                    "id": "get_weather_1byjy32y4hvq",
                    "name": "get_weather",
                    "arguments": {},
                    "arguments_json": '{\n    "location',
                }
            ],
        ),
        date="Tue, 21 Oct 2025 08:05:12 GMT",
        tools=True,
    ),
]

if __name__ == "__main__":
    sys.exit(main(VENDOR, CASSETTES, doc=__doc__))
