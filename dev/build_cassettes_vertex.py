"""Build the Vertex AI cassettes (`cassettes/vertex/<scenario>.yaml`) from the bodies held below.

    python dev/build_cassettes_vertex.py [--check]

Each body is written literally as Vertex AI's `streamGenerateContent?alt=sse` sends it, in
the form of the real recording beside the project (`real-streams/vertex`): SSE with no
`event:` field, one whole `GenerateContentResponse` per `data:` line, every line ended by
CRLF, Google's JSON spacing (`"key": value` joined by a bare `,`), `usageMetadata` with
`trafficType` on every event, `modelVersion`, `createTime`, `responseId`. The streamed
function-call scenarios follow the event sequence of live Vertex recordings published in
vercel/ai (`packages/google/src/__fixtures__/google-stream-tool-call-arguments.chunks.txt`,
`google-vertex-stream-tool-call-arguments-nested.1.chunks.txt`,
`google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt`): a
`functionCall` with `name` and `willContinue`, `partialArgs` pieces whose strings end with
an empty `stringValue` without `willContinue`, then `functionCall: {}` (or nothing). The
request carries no credentials (Vertex takes an OAuth bearer token; it is not written).
Ids, signatures and counts are made up.
"""

# ruff: noqa: E501  (bodies are held literally, one event per line)

from __future__ import annotations

import json
import sys
from typing import Any

from _cassette_builder import cassette, main, message

from conformance.formats.cassettes import Cassette

VENDOR = "vertex"
STREAM = "https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/projects.locations.publishers.models/streamGenerateContent"
CONTENT = "https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/Content"
FUNCTIONS = "https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/function-calling"
STREAM_ARGS = "https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/Content#PartialArg"
SDK_TYPES = "https://github.com/googleapis/python-genai/blob/main/google/genai/types.py"
RECORDINGS = "https://github.com/vercel/ai/tree/main/packages/google/src/__fixtures__"
ERRORS = "https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/api-errors"

AGENT = "google-genai-sdk/1.52.0 gl-python/3.12.7"
MODEL = "gemini-3-flash-preview"
PROJECT = "projects/example-project/locations/global/publishers/google/models"

WEATHER = {
    "name": "getWeather",
    "description": "Get the weather in a location.",
    "parameters": {
        "type": "OBJECT",
        "properties": {"location": {"type": "STRING"}},
        "required": ["location"],
    },
}
RECIPE = {
    "name": "cookRecipe",
    "description": "Write a recipe down.",
    "parameters": {
        "type": "OBJECT",
        "properties": {
            "recipe": {
                "type": "OBJECT",
                "properties": {
                    "name": {"type": "STRING"},
                    "servings": {"type": "NUMBER"},
                    "vegetarian": {"type": "BOOLEAN"},
                    "notes": {"type": "STRING", "nullable": True},
                    "ingredients": {
                        "type": "ARRAY",
                        "items": {
                            "type": "OBJECT",
                            "properties": {"name": {"type": "STRING"}, "amount": {"type": "STRING"}},
                        },
                    },
                    "steps": {"type": "ARRAY", "items": {"type": "STRING"}},
                },
            }
        },
    },
}


def build(
    name: str,
    description: str,
    features: list[str],
    source: list[str],
    prompt: str,
    body: str,
    expected: dict[str, Any],
    *,
    date: str,
    tools: list[dict[str, Any]] | None = None,
    stream_args: bool = False,
) -> Cassette:
    req: dict[str, Any] = {"contents": [{"parts": [{"text": prompt}], "role": "user"}]}
    if tools:
        req["tools"] = [{"functionDeclarations": tools}]
    if stream_args:
        req["toolConfig"] = {"functionCallingConfig": {"streamFunctionCallArguments": True}}
    request_body = json.dumps(req)
    return cassette(
        vendor=VENDOR,
        name=name,
        description=description,
        features=features,
        source=source,
        uri=f"https://aiplatform.googleapis.com/v1/{PROJECT}/{MODEL}:streamGenerateContent?alt=sse",
        request_headers={
            "accept": ["*/*"],
            "accept-encoding": ["gzip, deflate"],
            "connection": ["keep-alive"],
            "content-length": [str(len(request_body.encode()))],
            "content-type": ["application/json"],
            "host": ["aiplatform.googleapis.com"],
            "user-agent": [AGENT],
            "x-goog-api-client": [AGENT],
        },
        request_body=request_body,
        response_headers={
            "Content-Type": ["text/event-stream"],
            "Content-Disposition": ["attachment"],
            "Vary": ["Origin", "X-Origin", "Referer"],
            "Transfer-Encoding": ["chunked"],
            "Date": [date],
            "Server": ["scaffolding on HTTPServer2"],
            "X-XSS-Protection": ["0"],
            "X-Frame-Options": ["SAMEORIGIN"],
            "X-Content-Type-Options": ["nosniff"],
            "Alt-Svc": ['h3=":443"; ma=2592000,h3-29=":443"; ma=2592000'],
        },
        body=body.replace("\n", "\r\n").encode("utf-8"),
        expected=expected,
    )


def expect(**fields: Any) -> dict[str, Any]:
    return message(VENDOR, **fields)


TAIL = '"modelVersion": "gemini-3-flash-preview","createTime": "2026-04-02T17:03:50.399550Z","responseId": "dqHOab6xGLzWodAPkPuViA4"}'
U0 = '"usageMetadata": {"trafficType": "ON_DEMAND"},'

TEXT = (
    """\
data: {"candidates": [{"content": {"role": "model","parts": [{"text": "The Eiffel Tower is 330 m"}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"text": " tall.","thoughtSignature": "CiQBjz1rX+z7CAOCNB0aLI7ypObFNPY+MRlb2NP1K12YF4ii184="}]},"finishReason": "STOP"}],"usageMetadata": {"promptTokenCount": 9,"candidatesTokenCount": 11,"totalTokenCount": 62,"trafficType": "ON_DEMAND","promptTokensDetails": [{"modality": "TEXT","tokenCount": 9}],"candidatesTokensDetails": [{"modality": "TEXT","tokenCount": 11}],"thoughtsTokenCount": 42},"""
    + TAIL
    + """

"""
)

STREAMED = (
    """\
data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"name": "getWeather","willContinue": true},"thoughtSignature": "CiMBjz1rX25KieIB4d4AwFn8/WbsHTRNHBXso88PtemwfsSfRAp6AY89a1/e2FrmrE2H"}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.location","stringValue": "Boston","willContinue": true}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.location","stringValue": ", MA","willContinue": true}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.location","stringValue": ""}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {}}]},"finishReason": "STOP"}],"usageMetadata": {"promptTokenCount": 26,"candidatesTokenCount": 23,"totalTokenCount": 181,"trafficType": "ON_DEMAND","promptTokensDetails": [{"modality": "TEXT","tokenCount": 26}],"candidatesTokensDetails": [{"modality": "TEXT","tokenCount": 23}],"thoughtsTokenCount": 132},"""
    + TAIL
    + """

"""
)

NESTED = (
    """\
data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"name": "cookRecipe","willContinue": true},"thoughtSignature": "CmIBjz1rX0OQAtrZnJaEf6TJDpx1JAJjzEFcwemmrHxHlN4pz/cD9DTMhQQ="}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.ingredients[0].amount","stringValue": "16 oz","willContinue": true}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.ingredients[0].amount","stringValue": ""},{"jsonPath": "$.recipe.ingredients[0].name","stringValue": "Lasagna noodles","willContinue": true}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.ingredients[0].name","stringValue": ""}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.ingredients[1].amount","stringValue": "1 lb","willContinue": true}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.ingredients[1].amount","stringValue": ""},{"jsonPath": "$.recipe.ingredients[1]['name']","stringValue": "Ground beef"}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.name","stringValue": "Lasa","willContinue": true}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.name","stringValue": "gna"}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.servings","numberValue": 6},{"jsonPath": "$.recipe.vegetarian","boolValue": false},{"jsonPath": "$.recipe.notes","nullValue": "NULL_VALUE"}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.steps[0]","stringValue": "Preheat oven to 375°F (190°C).","willContinue": true}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.steps[0]","stringValue": ""},{"jsonPath": "$.recipe.steps[1]","stringValue": "Layer and bake 25 min."}]}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"text": ""}]},"finishReason": "STOP"}],"usageMetadata": {"promptTokenCount": 31,"candidatesTokenCount": 84,"totalTokenCount": 341,"trafficType": "ON_DEMAND","thoughtsTokenCount": 226},"""
    + TAIL
    + """

"""
)

PARALLEL = (
    """\
data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"name": "getWeather","willContinue": true},"thoughtSignature": "CiMBjz1rX25KieIB4d4AwFn8/WbsHTRN"}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.location","stringValue": "Boston","willContinue": true}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.location","stringValue": ""}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"name": "getWeather","willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.location","stringValue": "San Francisco","willContinue": true}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.location","stringValue": ""}],"willContinue": true}}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {}}]},"finishReason": "STOP"}],"usageMetadata": {"promptTokenCount": 26,"candidatesTokenCount": 23,"totalTokenCount": 181,"trafficType": "ON_DEMAND","thoughtsTokenCount": 132},"""
    + TAIL
    + """

"""
)

WHOLE = (
    """\
data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"id": "fc_7a1c2e","name": "getWeather","args": {"location": "Zurich, CH"}},"thoughtSignature": "CpwB5+7nYV7zXzDkm0guFcrnUAcg"}]},"finishReason": "STOP"}],"usageMetadata": {"promptTokenCount": 24,"candidatesTokenCount": 17,"totalTokenCount": 98,"trafficType": "ON_DEMAND","thoughtsTokenCount": 57},"""
    + TAIL
    + """

"""
)

THINKING = (
    """\
data: {"candidates": [{"content": {"role": "model","parts": [{"text": "**Checking the arithmetic**\\n\\n2^10 = 1024, so 2^11 = 2048.","thought": true}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"text": "2^11 = 2048."}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"text": "","thoughtSignature": "CiQBjz1rX+z7CAOCNB0aLI7ypObF"}]},"finishReason": "STOP"}],"usageMetadata": {"promptTokenCount": 8,"candidatesTokenCount": 9,"totalTokenCount": 111,"trafficType": "ON_DEMAND","thoughtsTokenCount": 94},"""
    + TAIL
    + """

"""
)

ERROR = (
    """\
data: {"candidates": [{"content": {"role": "model","parts": [{"text": "Rome was founded"}]}}],"""
    + U0
    + TAIL
    + """

data: {"error": {"code": 429,"message": "Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.","status": "RESOURCE_EXHAUSTED"}}

"""
)

NON_ASCII = (
    """\
data: {"candidates": [{"content": {"role": "model","parts": [{"text": "Zürich → Genève: "}]}}],"""
    + U0
    + TAIL
    + """

data: {"candidates": [{"content": {"role": "model","parts": [{"text": "約3時間 🚆 (≈ 3 h)"}]},"finishReason": "STOP"}],"usageMetadata": {"promptTokenCount": 12,"candidatesTokenCount": 14,"totalTokenCount": 26,"trafficType": "ON_DEMAND"},"""
    + TAIL
    + """

"""
)

TRUNCATED = NESTED[
    : NESTED.index(
        'data: {"candidates": [{"content": {"role": "model","parts": [{"functionCall": {"partialArgs": [{"jsonPath": "$.recipe.name","stringValue": "gna"'
    )
]

INGREDIENTS = [{"amount": "16 oz", "name": "Lasagna noodles"}, {"amount": "1 lb", "name": "Ground beef"}]
RECIPE_ARGS = {
    "recipe": {
        "ingredients": INGREDIENTS,
        "name": "Lasagna",
        "servings": 6,
        "vegetarian": False,
        "notes": None,
        "steps": ["Preheat oven to 375°F (190°C).", "Layer and bake 25 min."],
    }
}

CASSETTES = [
    build(
        "text",
        "Text in two events, the second with the thoughtSignature and finishReason STOP; usageMetadata with trafficType on every event.",
        ["text", "usage"],
        [STREAM, CONTENT],
        "How tall is the Eiffel Tower?",
        TEXT,
        expect(
            signatures=[
                {"kind": "thought_signature", "value": "CiQBjz1rX+z7CAOCNB0aLI7ypObFNPY+MRlb2NP1K12YF4ii184="}
            ],
            text="The Eiffel Tower is 330 m tall.",
            stop_reason="stop",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 9, "output_tokens": 11, "total_tokens": 62, "reasoning_tokens": 42},
            complete=True,
        ),
        date="Thu, 02 Apr 2026 17:03:50 GMT",
    ),
    build(
        "function_call_streamed",
        "streamFunctionCallArguments: functionCall {name, willContinue}, then partialArgs pieces of $.location (two strings continued, closed by an empty stringValue without willContinue), then functionCall {} and STOP.",
        ["tool_calls", "usage"],
        [FUNCTIONS, STREAM_ARGS, SDK_TYPES, RECORDINGS],
        "What's the weather in Boston?",
        STREAMED,
        expect(
            tool_calls=[
                {
                    "id": None,
                    "name": "getWeather",
                    "arguments": {"location": "Boston, MA"},
                    "signature": "CiMBjz1rX25KieIB4d4AwFn8/WbsHTRNHBXso88PtemwfsSfRAp6AY89a1/e2FrmrE2H",
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 26, "output_tokens": 23, "total_tokens": 181, "reasoning_tokens": 132},
            complete=True,
        ),
        date="Thu, 02 Apr 2026 17:03:50 GMT",
        tools=[WEATHER],
        stream_args=True,
    ),
    build(
        "function_call_streamed_nested",
        "Streamed arguments at nested paths: array elements created in order ($.recipe.ingredients[1]), a bracket-quoted member, two pieces in one event, a continued string, numberValue, boolValue and nullValue; a bare functionCall {willContinue}; the last piece without willContinue ends the call and no functionCall {} follows (as live Vertex streams sometimes do).",
        ["tool_calls", "usage", "non_ascii"],
        [FUNCTIONS, STREAM_ARGS, SDK_TYPES, RECORDINGS],
        "Write down a lasagna recipe.",
        NESTED,
        expect(
            tool_calls=[
                {
                    "id": None,
                    "name": "cookRecipe",
                    "arguments": RECIPE_ARGS,
                    "signature": "CmIBjz1rX0OQAtrZnJaEf6TJDpx1JAJjzEFcwemmrHxHlN4pz/cD9DTMhQQ=",
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 31, "output_tokens": 84, "total_tokens": 341, "reasoning_tokens": 226},
            complete=True,
        ),
        date="Tue, 07 Apr 2026 16:49:58 GMT",
        tools=[RECIPE],
        stream_args=True,
    ),
    build(
        "function_calls_streamed_parallel",
        "Two streamed calls in sequence, each closed by functionCall {}, the second named again with willContinue.",
        ["tool_calls", "parallel_tool_calls", "usage"],
        [FUNCTIONS, STREAM_ARGS, RECORDINGS],
        "Weather in Boston and San Francisco?",
        PARALLEL,
        expect(
            tool_calls=[
                {
                    "id": None,
                    "name": "getWeather",
                    "arguments": {"location": "Boston"},
                    "signature": "CiMBjz1rX25KieIB4d4AwFn8/WbsHTRN",
                },
                {"id": None, "name": "getWeather", "arguments": {"location": "San Francisco"}},
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 26, "output_tokens": 23, "total_tokens": 181, "reasoning_tokens": 132},
            complete=True,
        ),
        date="Thu, 02 Apr 2026 17:03:50 GMT",
        tools=[WEATHER],
        stream_args=True,
    ),
    build(
        "function_call_whole",
        "Without streamFunctionCallArguments: one whole functionCall (id, name, args), as on the Gemini API.",
        ["tool_calls", "usage"],
        [FUNCTIONS, CONTENT],
        "Weather in Zurich?",
        WHOLE,
        expect(
            tool_calls=[
                {
                    "id": "fc_7a1c2e",
                    "name": "getWeather",
                    "arguments": {"location": "Zurich, CH"},
                    "signature": "CpwB5+7nYV7zXzDkm0guFcrnUAcg",
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 24, "output_tokens": 17, "total_tokens": 98, "reasoning_tokens": 57},
            complete=True,
        ),
        date="Thu, 02 Apr 2026 17:10:00 GMT",
        tools=[WEATHER],
    ),
    build(
        "thinking",
        "includeThoughts: a thought part, the answer, and a closing empty text part with the signature.",
        ["reasoning", "text", "usage"],
        [STREAM, "https://cloud.google.com/vertex-ai/generative-ai/docs/thinking"],
        "What is 2^11?",
        THINKING,
        expect(
            signatures=[{"kind": "thought_signature", "value": "CiQBjz1rX+z7CAOCNB0aLI7ypObF"}],
            text="2^11 = 2048.",
            reasoning="**Checking the arithmetic**\n\n2^10 = 1024, so 2^11 = 2048.",
            stop_reason="stop",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 8, "output_tokens": 9, "total_tokens": 111, "reasoning_tokens": 94},
            complete=True,
        ),
        date="Thu, 02 Apr 2026 17:20:00 GMT",
    ),
    build(
        "error_mid_stream",
        'Text, then {"error": {code 429, RESOURCE_EXHAUSTED}} as an event.',
        ["text", "error"],
        [STREAM, ERRORS],
        "Tell me about Rome.",
        ERROR,
        expect(
            text="Rome was founded",
            stop_reason="error",
            usage={},
            error={
                "type": "RESOURCE_EXHAUSTED",
                "message": "Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.",
            },
        ),
        date="Thu, 02 Apr 2026 17:30:00 GMT",
    ),
    build(
        "non_ascii",
        "Umlauts, accents, an arrow, Japanese and an emoji as raw UTF-8.",
        ["text", "non_ascii", "usage"],
        [STREAM],
        "How long from Zürich to Geneva by train?",
        NON_ASCII,
        expect(
            text="Zürich → Genève: 約3時間 🚆 (≈ 3 h)",
            stop_reason="stop",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 12, "output_tokens": 14, "total_tokens": 26},
            complete=True,
        ),
        date="Thu, 02 Apr 2026 17:40:00 GMT",
    ),
    build(
        "truncated",
        "The nested streamed call cut after the first piece of $.recipe.name: the arguments are the values so far (the open string included), no finish.",
        ["tool_calls", "truncated"],
        [STREAM_ARGS, RECORDINGS],
        "Write down a lasagna recipe.",
        TRUNCATED,
        expect(
            tool_calls=[
                {
                    "id": None,
                    "name": "cookRecipe",
                    "arguments": {"recipe": {"ingredients": INGREDIENTS, "name": "Lasa"}},
                    "signature": "CmIBjz1rX0OQAtrZnJaEf6TJDpx1JAJjzEFcwemmrHxHlN4pz/cD9DTMhQQ=",
                }
            ],
            usage={},
        ),
        date="Tue, 07 Apr 2026 16:49:58 GMT",
        tools=[RECIPE],
        stream_args=True,
    ),
]


def check_crlf(built: Cassette) -> list[str]:
    body = built.body
    if b"\r\n" not in body or any(c in body.replace(b"\r\n", b"") for c in (b"\r", b"\n")):
        return ["Vertex ends every line with CRLF"]
    return []


if __name__ == "__main__":
    sys.exit(main(VENDOR, CASSETTES, doc=__doc__, extra=check_crlf))
