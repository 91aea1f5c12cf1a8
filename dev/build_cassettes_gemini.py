"""Build the Gemini cassettes (`cassettes/gemini/<scenario>.yaml`) from the bodies held below.

    python dev/build_cassettes_gemini.py [--check]

Each body is written out literally as `streamGenerateContent?alt=sse` sends it, shaped on
the wire format of the docs and of real traffic: no `event:` field, one whole
`GenerateContentResponse` per `data:` line, every line ended by CRLF, Google's JSON spacing
(`"key": value` joined by a bare `,`), field order `candidates`, `promptFeedback`,
`usageMetadata`, `modelVersion`, `responseId`; inside a candidate `content`,
`finishReason`, `index`, then the rest; `usageMetadata` on every event and growing
(`candidatesTokenCount` absent while the model only thinks); non-ASCII as raw UTF-8. Gemini
sends no keep-alives and no terminator. Ids, signatures and token counts are made up.

Before saving, every body is parsed (whole, byte by byte and in random splits) and must give
the expected Message written out by hand here, every event must validate against
`schemas/gemini/` and every line must end with CRLF (dev/_cassette_builder.py); anything
else stops the script with the difference. `--check` verifies without writing.
Requests carry no credentials: the SDK's `x-goog-api-key` header is left out entirely.
"""

# ruff: noqa: E501, RUF001  (bodies are held literally, one event per line, as the vendor sends them)

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

from _cassette_builder import cassette, main
from _cassette_builder import message as _message

from conformance.formats.cassettes import Cassette

VENDOR = "gemini"

STREAM_DOC = "https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent"
RESPONSE_DOC = "https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse"
FINISH_DOC = "https://ai.google.dev/api/generate-content#FinishReason"
USAGE_DOC = "https://ai.google.dev/api/generate-content#UsageMetadata"
SDK_SSE = "https://github.com/googleapis/python-genai/blob/main/google/genai/_api_client.py"
SDK_TYPES = "https://github.com/googleapis/python-genai/blob/main/google/genai/types.py"
FUNCTION_DOC = "https://ai.google.dev/gemini-api/docs/function-calling"
THINKING_DOC = "https://ai.google.dev/gemini-api/docs/thinking"
SAFETY_DOC = "https://ai.google.dev/gemini-api/docs/safety-settings"
ERRORS_DOC = "https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes"

SDK_AGENT = "google-genai-sdk/1.52.0 gl-python/3.12.7"


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    features: list[str]
    source: list[str]
    model: str
    request: dict[str, Any]
    body: str
    expected: dict[str, Any]
    date: str
    duration_ms: int


def message(**fields: Any) -> dict[str, Any]:
    """An expected Message as `Message.to_dict()` writes it; unnamed fields are empty."""
    return _message(VENDOR, **fields)


def user(text: str) -> list[dict[str, Any]]:
    return [{"parts": [{"text": text}], "role": "user"}]


SCENARIOS = [
    Scenario(
        name="text",
        description="Plain text in three events; CRLF line ends; usageMetadata repeated and growing on every event; STOP on the last.",
        features=["text", "usage"],
        source=[STREAM_DOC, RESPONSE_DOC, USAGE_DOC, SDK_SSE],
        model="gemini-2.5-flash",
        request={"contents": user("Explain in two sentences why the sky is blue.")},
        body=(
            r'data: {"candidates": [{"content": {"parts": [{"text": "The sky looks blue because sunlight is scattered by the nitrogen and oxygen molecules in the air, and"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 11,"candidatesTokenCount": 20,"totalTokenCount": 264,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 11}],"thoughtsTokenCount": 233},"modelVersion": "gemini-2.5-flash","responseId": "9zYdf2GNFTLnDiDipmaN5_Q"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": " short blue wavelengths scatter far more strongly than long red ones (Rayleigh scattering)."}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 11,"candidatesTokenCount": 39,"totalTokenCount": 283,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 11}],"thoughtsTokenCount": 233},"modelVersion": "gemini-2.5-flash","responseId": "9zYdf2GNFTLnDiDipmaN5_Q"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": " That scattered blue light reaches your eyes from every direction, so the whole sky appears blue."}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 11,"candidatesTokenCount": 58,"totalTokenCount": 302,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 11}],"thoughtsTokenCount": 233},"modelVersion": "gemini-2.5-flash","responseId": "9zYdf2GNFTLnDiDipmaN5_Q"}'
            "\r\n\r\n"
        ),
        expected=message(
            text=(
                "The sky looks blue because sunlight is scattered by the nitrogen and oxygen molecules in the air, and"
                " short blue wavelengths scatter far more strongly than long red ones (Rayleigh scattering)."
                " That scattered blue light reaches your eyes from every direction, so the whole sky appears blue."
            ),
            stop_reason="stop",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 11, "output_tokens": 58, "total_tokens": 302, "reasoning_tokens": 233},
            complete=True,
        ),
        date="Tue, 14 Oct 2025 09:12:41 GMT",
        duration_ms=1388,
    ),
    Scenario(
        name="function_call",
        description="One functionCall part (no id, as Gemini 2.5 sends it) with object, array, integer and boolean args and a thoughtSignature; finishReason STOP with finishMessage in the same event.",
        features=["tool_calls", "usage"],
        source=[STREAM_DOC, FUNCTION_DOC, RESPONSE_DOC, SDK_TYPES],
        model="gemini-2.5-flash",
        request={
            "contents": user("What's the weather in Zurich for the next 3 days? Celsius, no hourly data."),
            "tools": [
                {
                    "functionDeclarations": [
                        {
                            "description": "Get the weather forecast for a location.",
                            "name": "get_weather",
                            "parameters": {
                                "properties": {
                                    "location": {
                                        "description": "City and country code, e.g. Paris, FR",
                                        "type": "STRING",
                                    },
                                    "unit": {"enum": ["celsius", "fahrenheit"], "type": "STRING"},
                                    "days": {"type": "INTEGER"},
                                    "include_hourly": {"type": "BOOLEAN"},
                                    "fields": {"items": {"type": "STRING"}, "type": "ARRAY"},
                                },
                                "required": ["location"],
                                "type": "OBJECT",
                            },
                        }
                    ]
                }
            ],
        },
        body=(
            r'data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather","args": {"location": "Zurich, CH","unit": "celsius","days": 3,"include_hourly": false,"fields": ["temperature","precipitation"]}},"thoughtSignature": "CpwB5+7nYV7zXzDkm0guFcrnUAcgHhJhew/tp+Fkd5b/AivqjtAqgqF1kw8jN803lMUiCABtaxrwwMvWJWWKrCyfqgfRPER+MwUe7vlaYOVhQ9bEO8rXbACKmwprX8kzFUpt4oQEqJfFJSYuanwHvL7oQfdFxV1On3R/YVFkxvco1xg1NxOCesiD1/uWWSNAdPUlj2xoCCOJ0uR/Hhda"}],"role": "model"},"finishReason": "STOP","index": 0,"finishMessage": "Model generated function call(s)."}],"usageMetadata": {"promptTokenCount": 96,"candidatesTokenCount": 41,"totalTokenCount": 228,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 96}],"thoughtsTokenCount": 91},"modelVersion": "gemini-2.5-flash","responseId": "foRn5UbVPsjioSV72yVsmz4"}'
            "\r\n\r\n"
        ),
        expected=message(
            tool_calls=[
                {
                    "id": None,
                    "name": "get_weather",
                    "arguments": {
                        "location": "Zurich, CH",
                        "unit": "celsius",
                        "days": 3,
                        "include_hourly": False,
                        "fields": ["temperature", "precipitation"],
                    },
                    "signature": "CpwB5+7nYV7zXzDkm0guFcrnUAcgHhJhew/tp+Fkd5b/AivqjtAqgqF1kw8jN803lMUiCABtaxrwwMvWJWWKrCyfqgfRPER+MwUe7vlaYOVhQ9bEO8rXbACKmwprX8kzFUpt4oQEqJfFJSYuanwHvL7oQfdFxV1On3R/YVFkxvco1xg1NxOCesiD1/uWWSNAdPUlj2xoCCOJ0uR/Hhda",
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 96, "output_tokens": 41, "total_tokens": 228, "reasoning_tokens": 91},
            complete=True,
        ),
        date="Tue, 14 Oct 2025 09:14:03 GMT",
        duration_ms=1712,
    ),
    Scenario(
        name="function_calls_parallel",
        description="Two functionCall parts in one response, with ids (Gemini 3); the finishReason follows on its own event with an empty text part.",
        features=["tool_calls", "parallel_tool_calls", "usage"],
        source=[STREAM_DOC, FUNCTION_DOC + "#parallel_function_calling", RESPONSE_DOC, SDK_TYPES],
        model="gemini-3-flash-preview",
        request={
            "contents": user("What's the weather in Paris, and what time is it in Tokyo?"),
            "tools": [
                {
                    "functionDeclarations": [
                        {
                            "description": "Current weather for a city.",
                            "name": "get_weather",
                            "parameters": {
                                "properties": {"city": {"type": "STRING"}},
                                "required": ["city"],
                                "type": "OBJECT",
                            },
                        },
                        {
                            "description": "Current local time in an IANA time zone.",
                            "name": "get_time",
                            "parameters": {
                                "properties": {"timezone": {"type": "STRING"}},
                                "required": ["timezone"],
                                "type": "OBJECT",
                            },
                        },
                    ]
                }
            ],
        },
        body=(
            r'data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather","args": {"city": "Paris"},"id": "k2v8x1qd"},"thoughtSignature": "EqABCp0BkLxDL7lG5qlHEQnzt58RCib2Ip+jRSUm57wWQq60K/In1Q//B8PCBiQpLjuD1anG6uHsKg+eLPYLdTn++IIFvJpJZ1av4v97p8+AZdxmbcRwomtFRP6zFCCNVjnm8Yxt08P8oeekJhCOFY+1nglFz+hhDIh5SBg75De8"},{"functionCall": {"name": "get_time","args": {"timezone": "Asia/Tokyo"},"id": "p7m3c9rz"}}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 74,"candidatesTokenCount": 29,"totalTokenCount": 215,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 74}],"thoughtsTokenCount": 112},"modelVersion": "gemini-3-flash-preview","responseId": "T7tJgUbvcDDL-VNyUtzOrdc"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": ""}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 74,"candidatesTokenCount": 29,"totalTokenCount": 215,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 74}],"thoughtsTokenCount": 112},"modelVersion": "gemini-3-flash-preview","responseId": "T7tJgUbvcDDL-VNyUtzOrdc"}'
            "\r\n\r\n"
        ),
        expected=message(
            tool_calls=[
                {"id": "k2v8x1qd", "name": "get_weather", "arguments": {"city": "Paris"}, "signature": "EqABCp0BkLxDL7lG5qlHEQnzt58RCib2Ip+jRSUm57wWQq60K/In1Q//B8PCBiQpLjuD1anG6uHsKg+eLPYLdTn++IIFvJpJZ1av4v97p8+AZdxmbcRwomtFRP6zFCCNVjnm8Yxt08P8oeekJhCOFY+1nglFz+hhDIh5SBg75De8"},
                {"id": "p7m3c9rz", "name": "get_time", "arguments": {"timezone": "Asia/Tokyo"}},
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 74, "output_tokens": 29, "total_tokens": 215, "reasoning_tokens": 112},
            complete=True,
        ),
        date="Wed, 15 Oct 2025 16:40:22 GMT",
        duration_ms=2260,
    ),
    Scenario(
        name="thinking",
        description='Thought summaries ("thought": true parts, includeThoughts) in two events, then the answer in two; candidatesTokenCount is absent until answer text flows; thoughtsTokenCount grows.',
        features=["reasoning", "text", "usage"],
        source=[STREAM_DOC, THINKING_DOC, USAGE_DOC, SDK_TYPES],
        model="gemini-2.5-flash",
        request={
            "contents": user("How many prime numbers are there between 90 and 110?"),
            "generationConfig": {"thinkingConfig": {"includeThoughts": True}},
        },
        body=(
            r'data: {"candidates": [{"content": {"parts": [{"text": "**Listing the candidates**\n\nI need the primes between 90 and 110. Only odd numbers that are not multiples of 5 can qualify: 91, 93, 97, 99, 101, 103, 107 and 109.\n\n\n","thought": true}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 16,"totalTokenCount": 190,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 16}],"thoughtsTokenCount": 174},"modelVersion": "gemini-2.5-flash","responseId": "ZLajL7sJrerhCcSplyA5dTU"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": "**Testing divisibility**\n\n91 is 7 times 13, 93 is 3 times 31 and 99 is 9 times 11, so those are out. 97, 101, 103, 107 and 109 have no divisor up to their square roots, so five primes remain.\n\n\n","thought": true}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 16,"totalTokenCount": 418,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 16}],"thoughtsTokenCount": 402},"modelVersion": "gemini-2.5-flash","responseId": "ZLajL7sJrerhCcSplyA5dTU"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": "There are **5** prime numbers between 90 and 110:"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 16,"candidatesTokenCount": 13,"totalTokenCount": 431,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 16}],"thoughtsTokenCount": 402},"modelVersion": "gemini-2.5-flash","responseId": "ZLajL7sJrerhCcSplyA5dTU"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": " 97, 101, 103, 107 and 109."}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 16,"candidatesTokenCount": 28,"totalTokenCount": 446,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 16}],"thoughtsTokenCount": 402},"modelVersion": "gemini-2.5-flash","responseId": "ZLajL7sJrerhCcSplyA5dTU"}'
            "\r\n\r\n"
        ),
        expected=message(
            text="There are **5** prime numbers between 90 and 110: 97, 101, 103, 107 and 109.",
            reasoning=(
                "**Listing the candidates**\n\nI need the primes between 90 and 110. Only odd numbers that are not"
                " multiples of 5 can qualify: 91, 93, 97, 99, 101, 103, 107 and 109.\n\n\n"
                "**Testing divisibility**\n\n91 is 7 times 13, 93 is 3 times 31 and 99 is 9 times 11, so those are"
                " out. 97, 101, 103, 107 and 109 have no divisor up to their square roots, so five primes remain.\n\n\n"
            ),
            stop_reason="stop",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 16, "output_tokens": 28, "total_tokens": 446, "reasoning_tokens": 402},
            complete=True,
        ),
        date="Thu, 16 Oct 2025 11:02:57 GMT",
        duration_ms=4105,
    ),
    Scenario(
        name="error_mid_stream",
        description='Two text events, then {"error": {"code": 503, "status": "UNAVAILABLE"}} as an event of a 200 stream; no finishReason.',
        features=["text", "usage", "error"],
        source=[STREAM_DOC, ERRORS_DOC, SDK_SSE],
        model="gemini-2.5-pro",
        request={"contents": user("Write a haiku about autumn rain, then explain its imagery.")},
        body=(
            r'data: {"candidates": [{"content": {"parts": [{"text": "Cold drops on the eaves,\nmaple leaves drift in gutters,\nthe year exhales slow.\n\n"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 12,"candidatesTokenCount": 24,"totalTokenCount": 646,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 12}],"thoughtsTokenCount": 610},"modelVersion": "gemini-2.5-pro","responseId": "K4eLFFyKQtiEz0z9py2OHV0"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": "**Imagery:** The first line sets a quiet, chilly scene"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 12,"candidatesTokenCount": 37,"totalTokenCount": 659,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 12}],"thoughtsTokenCount": 610},"modelVersion": "gemini-2.5-pro","responseId": "K4eLFFyKQtiEz0z9py2OHV0"}'
            "\r\n\r\n"
            r'data: {"error": {"code": 503,"message": "The model is overloaded. Please try again later.","status": "UNAVAILABLE"}}'
            "\r\n\r\n"
        ),
        expected=message(
            text=(
                "Cold drops on the eaves,\nmaple leaves drift in gutters,\nthe year exhales slow.\n\n"
                "**Imagery:** The first line sets a quiet, chilly scene"
            ),
            stop_reason="error",
            usage={"input_tokens": 12, "output_tokens": 37, "total_tokens": 659, "reasoning_tokens": 610},
            error={"type": "UNAVAILABLE", "message": "The model is overloaded. Please try again later."},
            complete=False,
        ),
        date="Thu, 16 Oct 2025 13:27:09 GMT",
        duration_ms=9874,
    ),
    Scenario(
        name="safety_block",
        description="Text, then a candidate with no content, finishReason SAFETY and safetyRatings (one HIGH, blocked): the output was filtered mid-answer.",
        features=["text", "usage", "content_filter"],
        source=[STREAM_DOC, FINISH_DOC, SAFETY_DOC, RESPONSE_DOC],
        model="gemini-2.5-flash",
        request={
            "contents": user(
                "Which household cleaners should never be mixed, and what exactly happens if you do?"
            )
        },
        body=(
            r'data: {"candidates": [{"content": {"parts": [{"text": "Mixing household cleaners is dangerous because some combinations release toxic gases. For example,"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 16,"candidatesTokenCount": 17,"totalTokenCount": 91,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 16}],"thoughtsTokenCount": 58},"modelVersion": "gemini-2.5-flash","responseId": "Fno4UoYZXGefnGmU5FuKsQk"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"finishReason": "SAFETY","index": 0,"safetyRatings": [{"category": "HARM_CATEGORY_SEXUALLY_EXPLICIT","probability": "NEGLIGIBLE"},{"category": "HARM_CATEGORY_HATE_SPEECH","probability": "NEGLIGIBLE"},{"category": "HARM_CATEGORY_HARASSMENT","probability": "NEGLIGIBLE"},{"category": "HARM_CATEGORY_DANGEROUS_CONTENT","probability": "HIGH","blocked": true}]}],"usageMetadata": {"promptTokenCount": 16,"candidatesTokenCount": 17,"totalTokenCount": 91,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 16}],"thoughtsTokenCount": 58},"modelVersion": "gemini-2.5-flash","responseId": "Fno4UoYZXGefnGmU5FuKsQk"}'
            "\r\n\r\n"
        ),
        expected=message(
            text="Mixing household cleaners is dangerous because some combinations release toxic gases. For example,",
            stop_reason="content_filter",
            vendor_stop_reason="SAFETY",
            usage={"input_tokens": 16, "output_tokens": 17, "total_tokens": 91, "reasoning_tokens": 58},
            complete=True,
        ),
        date="Fri, 17 Oct 2025 08:51:30 GMT",
        duration_ms=1544,
    ),
    Scenario(
        name="prompt_blocked",
        description="One event with no candidates: promptFeedback.blockReason SAFETY with safetyRatings, and prompt-only usage.",
        features=["usage", "content_filter"],
        source=[STREAM_DOC, RESPONSE_DOC, SAFETY_DOC, SDK_TYPES],
        model="gemini-2.5-flash",
        request={"contents": user("Give detailed step-by-step instructions for synthesizing a nerve agent.")},
        body=(
            r'data: {"promptFeedback": {"blockReason": "SAFETY","safetyRatings": [{"category": "HARM_CATEGORY_SEXUALLY_EXPLICIT","probability": "NEGLIGIBLE"},{"category": "HARM_CATEGORY_HATE_SPEECH","probability": "NEGLIGIBLE"},{"category": "HARM_CATEGORY_HARASSMENT","probability": "LOW"},{"category": "HARM_CATEGORY_DANGEROUS_CONTENT","probability": "HIGH","blocked": true}]},"usageMetadata": {"promptTokenCount": 13,"totalTokenCount": 13,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 13}]},"modelVersion": "gemini-2.5-flash","responseId": "gBIHCWHzfeQ23f3JnW51r2U"}'
            "\r\n\r\n"
        ),
        expected=message(
            stop_reason="content_filter",
            vendor_stop_reason="SAFETY",
            usage={"input_tokens": 13, "total_tokens": 13},
            complete=True,
        ),
        date="Fri, 17 Oct 2025 08:53:12 GMT",
        duration_ms=412,
    ),
    Scenario(
        name="non_ascii",
        description='Answer text in French, Japanese, Greek and Arabic with emoji (4-byte UTF-8, a skin-tone modifier, a variation selector) sent as raw UTF-8, plus JSON escapes (\\n, \\").',
        features=["text", "usage", "non_ascii"],
        source=[STREAM_DOC, RESPONSE_DOC, SDK_SSE],
        model="gemini-2.5-flash",
        request={
            "contents": user("Say good morning in French, Japanese, Greek and Arabic, each with an emoji.")
        },
        body=(
            r'data: {"candidates": [{"content": {"parts": [{"text": "Bien sûr ! Voici « bonjour » en quatre langues :\n\n* Français : Bonjour ☀️\n* 日本語：おはようございます 🌅\n"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 17,"candidatesTokenCount": 31,"totalTokenCount": 355,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 17}],"thoughtsTokenCount": 307},"modelVersion": "gemini-2.5-flash","responseId": "R8-xG0IHJILcUxwrw5B8lhc"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": "* Ελληνικά : Καλημέρα 🌞\n* العربية : صباح الخير 🌄\n\nBonne journée 👋🏽 \"et à demain\" !"}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 17,"candidatesTokenCount": 62,"totalTokenCount": 386,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 17}],"thoughtsTokenCount": 307},"modelVersion": "gemini-2.5-flash","responseId": "R8-xG0IHJILcUxwrw5B8lhc"}'
            "\r\n\r\n"
        ),
        expected=message(
            text=(
                "Bien sûr ! Voici « bonjour » en quatre langues :\n\n* Français : Bonjour ☀️\n* 日本語：おはようございます 🌅\n"
                '* Ελληνικά : Καλημέρα 🌞\n* العربية : صباح الخير 🌄\n\nBonne journée 👋🏽 "et à demain" !'
            ),
            stop_reason="stop",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 17, "output_tokens": 62, "total_tokens": 386, "reasoning_tokens": 307},
            complete=True,
        ),
        date="Fri, 17 Oct 2025 10:05:44 GMT",
        duration_ms=1930,
    ),
    Scenario(
        name="truncated",
        description="Two whole events, then the body stops inside the third event's JSON string, before its CRLF CRLF and before any finishReason.",
        features=["text", "usage", "truncated"],
        source=[STREAM_DOC, SDK_SSE],
        model="gemini-2.5-flash",
        request={"contents": user("List the planets of the solar system in order.")},
        body=(
            r'data: {"candidates": [{"content": {"parts": [{"text": "Here are the planets in order from the Sun:\n\n1. Mercury\n2. Venus\n"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 10,"candidatesTokenCount": 21,"totalTokenCount": 156,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 10}],"thoughtsTokenCount": 125},"modelVersion": "gemini-2.5-flash","responseId": "615QieQBhrqopX0Rnm-2XQA"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": "3. Earth\n4. Mars\n5. Jupiter\n"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 10,"candidatesTokenCount": 35,"totalTokenCount": 170,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 10}],"thoughtsTokenCount": 125},"modelVersion": "gemini-2.5-flash","responseId": "615QieQBhrqopX0Rnm-2XQA"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": "6. Saturn\n7. Uran'
        ),
        expected=message(
            text="Here are the planets in order from the Sun:\n\n1. Mercury\n2. Venus\n3. Earth\n4. Mars\n5. Jupiter\n",
            usage={"input_tokens": 10, "output_tokens": 35, "total_tokens": 170, "reasoning_tokens": 125},
            complete=False,
        ),
        date="Fri, 17 Oct 2025 10:31:18 GMT",
        duration_ms=930,
    ),
    Scenario(
        name="max_tokens",
        description="maxOutputTokens 32 with thinking off (no thoughtsTokenCount): the answer stops mid-sentence with finishReason MAX_TOKENS.",
        features=["text", "usage"],
        source=[STREAM_DOC, FINISH_DOC, USAGE_DOC],
        model="gemini-2.5-flash",
        request={
            "contents": user("Summarize the French Revolution."),
            "generationConfig": {"maxOutputTokens": 32, "thinkingConfig": {"thinkingBudget": 0}},
        },
        body=(
            r'data: {"candidates": [{"content": {"parts": [{"text": "The French Revolution (1789-1799) was a period of radical political and social change in France"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 6,"candidatesTokenCount": 18,"totalTokenCount": 24,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 6}]},"modelVersion": "gemini-2.5-flash","responseId": "9xQw3Lk2ZmVhYzE4NTQyODk"}'
            "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"text": " that ended the absolute monarchy, spread the ideas of liberty and equality, and"}],"role": "model"},"finishReason": "MAX_TOKENS","index": 0}],"usageMetadata": {"promptTokenCount": 6,"candidatesTokenCount": 32,"totalTokenCount": 38,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 6}]},"modelVersion": "gemini-2.5-flash","responseId": "9xQw3Lk2ZmVhYzE4NTQyODk"}'
            "\r\n\r\n"
        ),
        expected=message(
            text=(
                "The French Revolution (1789-1799) was a period of radical political and social change in France"
                " that ended the absolute monarchy, spread the ideas of liberty and equality, and"
            ),
            stop_reason="length",
            vendor_stop_reason="MAX_TOKENS",
            usage={"input_tokens": 6, "output_tokens": 32, "total_tokens": 38},
            complete=True,
        ),
        date="Fri, 17 Oct 2025 11:48:05 GMT",
        duration_ms=702,
    ),
    Scenario(
        name="finish_without_parts",
        description="Thinking used up maxOutputTokens: the only event has finishReason MAX_TOKENS and a content with no parts (as live Gemini 2.5 sends it), and no candidatesTokenCount; the message is empty, complete, length.",
        features=["usage"],
        source=[STREAM_DOC, FINISH_DOC, USAGE_DOC, THINKING_DOC, SDK_TYPES],
        model="gemini-2.5-flash",
        request={
            "contents": user("List every prime below 10000."),
            "generationConfig": {"maxOutputTokens": 64},
        },
        body=(
            r'data: {"candidates": [{"content": {"role": "model"},"finishReason": "MAX_TOKENS","index": 0}],"usageMetadata": {"promptTokenCount": 8,"totalTokenCount": 72,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 8}],"thoughtsTokenCount": 64},"modelVersion": "gemini-2.5-flash","responseId": "b3Rk2aWxNmZjYTg0MzE1NzI"}' "\r\n\r\n"
        ),
        expected=message(
            stop_reason="length",
            vendor_stop_reason="MAX_TOKENS",
            usage={"input_tokens": 8, "total_tokens": 72, "reasoning_tokens": 64},
            complete=True,
        ),
        date="Mon, 20 Oct 2025 07:55:12 GMT",
        duration_ms=911,
    ),
    Scenario(
        name="function_calls_across_events",
        description="Text, then two functionCall parts in two later events (the first call with a thoughtSignature); the first event has no usageMetadata (optional in the API reference); finishReason STOP with the last call.",
        features=["text", "tool_calls", "parallel_tool_calls", "usage"],
        source=[STREAM_DOC, FUNCTION_DOC + "#parallel_function_calling", RESPONSE_DOC, USAGE_DOC, SDK_TYPES],
        model="gemini-2.5-flash",
        request={
            "contents": user("What's the weather in Paris, and what time is it in Tokyo?"),
            "tools": [
                {
                    "functionDeclarations": [
                        {
                            "description": "Current weather for a city.",
                            "name": "get_weather",
                            "parameters": {"properties": {"city": {"type": "STRING"}}, "required": ["city"], "type": "OBJECT"},
                        },
                        {
                            "description": "Current local time in an IANA time zone.",
                            "name": "get_time",
                            "parameters": {"properties": {"timezone": {"type": "STRING"}}, "required": ["timezone"], "type": "OBJECT"},
                        },
                    ]
                }
            ],
        },
        body=(
            r'data: {"candidates": [{"content": {"parts": [{"text": "I\u0027ll look both up."}],"role": "model"},"index": 0}],"modelVersion": "gemini-2.5-flash","responseId": "Zm9vYmFyQmF6UXV4MTIzNDU"}' "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather","args": {"city": "Paris"}},"thoughtSignature": "CqQB7n9+0XIR3UarCibfA/cJImheizifEEW/3l3rHU5nuYOfv4Q3FroMJT2H4AQgPBf7wYi1vr4qfw5C/bcBjbIJPvmA13VA5jK3GcNxUNqGmY1mBK4CUT1CH9IHa1kUK64fYiRNiojNdWLzQfuOBXUp4XVX2ANnoWWw"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 71,"candidatesTokenCount": 19,"totalTokenCount": 158,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 71}],"thoughtsTokenCount": 68},"modelVersion": "gemini-2.5-flash","responseId": "Zm9vYmFyQmF6UXV4MTIzNDU"}' "\r\n\r\n"
            r'data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_time","args": {"timezone": "Asia/Tokyo"}}}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 71,"candidatesTokenCount": 33,"totalTokenCount": 172,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 71}],"thoughtsTokenCount": 68},"modelVersion": "gemini-2.5-flash","responseId": "Zm9vYmFyQmF6UXV4MTIzNDU"}' "\r\n\r\n"
        ),
        expected=message(
            text="I'll look both up.",
            tool_calls=[
                {"id": None, "name": "get_weather", "arguments": {"city": "Paris"}, "signature": "CqQB7n9+0XIR3UarCibfA/cJImheizifEEW/3l3rHU5nuYOfv4Q3FroMJT2H4AQgPBf7wYi1vr4qfw5C/bcBjbIJPvmA13VA5jK3GcNxUNqGmY1mBK4CUT1CH9IHa1kUK64fYiRNiojNdWLzQfuOBXUp4XVX2ANnoWWw"},
                {"id": None, "name": "get_time", "arguments": {"timezone": "Asia/Tokyo"}},
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="STOP",
            usage={"input_tokens": 71, "output_tokens": 33, "total_tokens": 172, "reasoning_tokens": 68},
            complete=True,
        ),
        date="Mon, 20 Oct 2025 08:03:37 GMT",
        duration_ms=1544,
    ),
]


def request_headers(body: str) -> dict[str, list[str]]:
    """What google-genai sends, minus the x-goog-api-key header (never written)."""
    return {
        "accept": ["*/*"],
        "accept-encoding": ["gzip, deflate"],
        "connection": ["keep-alive"],
        "content-length": [str(len(body.encode()))],
        "content-type": ["application/json"],
        "host": ["generativelanguage.googleapis.com"],
        "user-agent": [SDK_AGENT],
        "x-goog-api-client": [SDK_AGENT],
    }


def response_headers(scenario: Scenario) -> dict[str, list[str]]:
    """The headers the Gemini API answers a stream with (uncompressed, chunked)."""
    return {
        "Content-Type": ["text/event-stream"],
        "Content-Disposition": ["attachment"],
        "Vary": ["Origin", "X-Origin", "Referer"],
        "Transfer-Encoding": ["chunked"],
        "Date": [scenario.date],
        "Server": ["scaffolding on HTTPServer2"],
        "X-XSS-Protection": ["0"],
        "X-Frame-Options": ["SAMEORIGIN"],
        "X-Content-Type-Options": ["nosniff"],
        "Server-Timing": [f"gfet4t7; dur={scenario.duration_ms}"],
        "Alt-Svc": ['h3=":443"; ma=2592000,h3-29=":443"; ma=2592000'],
    }


def build(scenario: Scenario) -> Cassette:
    request_body = json.dumps(scenario.request)  # the SDK's json.dumps spacing
    return cassette(
        vendor=VENDOR,
        name=scenario.name,
        description=scenario.description,
        features=scenario.features,
        source=scenario.source,
        uri=f"https://generativelanguage.googleapis.com/v1beta/models/{scenario.model}:streamGenerateContent?alt=sse",
        request_headers=request_headers(request_body),
        request_body=request_body,
        response_headers=response_headers(scenario),
        body=scenario.body.encode("utf-8"),
        expected=scenario.expected,
    )


def check_crlf(built: Cassette) -> list[str]:
    body = built.body
    if b"\r\n" not in body or any(c in body.replace(b"\r\n", b"") for c in (b"\r", b"\n")):
        return ["Gemini ends every line with CRLF"]
    return []


if __name__ == "__main__":
    sys.exit(main(VENDOR, [build(s) for s in SCENARIOS], doc=__doc__, extra=check_crlf))
