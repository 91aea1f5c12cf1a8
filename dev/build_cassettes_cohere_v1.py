"""Build the Cohere Chat API v1 cassettes (`cassettes/cohere-v1/<scenario>.yaml`).

    python dev/build_cassettes_cohere_v1.py [--check]

Each body is written literally as `POST /v1/chat` with `"stream": true` sends it
(https://docs.cohere.com/v1/reference/chat-stream), in the shape of real traffic: NDJSON,
one event per line ended by LF, compact JSON with `is_finished` first and `event_type`
second, `&`, `<`, `>` escaped as `\\u0026`, `\\u003c`, `\\u003e` (Go's encoder), `stream-end`
carrying the whole `response` with `meta.api_version`, `meta.billed_units` and
`meta.tokens`. The request is what cohere-python's `Client.chat_stream` sends, minus the
`Authorization` header. Ids and counts are made up.
"""

# ruff: noqa: E501  (bodies are held literally, one line per event)

from __future__ import annotations

import json
import sys
from typing import Any

from _cassette_builder import cassette, main, message

from conformance.formats.cassettes import Cassette

VENDOR = "cohere-v1"
API = "https://docs.cohere.com/v1/reference/chat-stream"
TOOLS = "https://docs.cohere.com/v1/docs/tool-use"
CITATIONS = "https://docs.cohere.com/v1/docs/retrieval-augmented-generation-rag"
SDK = "https://github.com/cohere-ai/cohere-python/blob/main/src/cohere/types/streamed_chat_response.py"
AGENT = "cohere-python/5.15.0"


def build(name: str, description: str, features: list[str], source: list[str], request: dict[str, Any], body: str,
          expected: dict[str, Any], *, status: int = 200) -> Cassette:  # fmt: skip
    req = json.dumps({"model": "command-r-plus", "stream": True, **request}, separators=(",", ":"))
    content_type = "application/stream+json" if status == 200 else "application/json"
    return cassette(
        vendor=VENDOR, name=name, description=description, features=features, source=source,
        uri="https://api.cohere.com/v1/chat",
        request_headers={"Accept": ["application/json"], "Content-Type": ["application/json"], "User-Agent": [AGENT],
                         "X-Fern-Language": ["Python"], "X-Fern-SDK-Name": ["cohere"], "Content-Length": [str(len(req.encode()))]},
        request_body=req,
        response_headers={"Content-Type": [content_type], "Date": ["Tue, 21 Oct 2025 10:15:02 GMT"], "x-api-warning": ["model 'command-r-plus' is deprecated"]},
        body=body.encode("utf-8"), expected=expected, status=status,
    )  # fmt: skip


def expect(**fields: Any) -> dict[str, Any]:
    return message(VENDOR, **fields)


TEXT = """{"is_finished":false,"event_type":"stream-start","generation_id":"6f1d3c2a-8b4e-4f7a-9c1d-2e3f4a5b6c7d"}
{"is_finished":false,"event_type":"text-generation","text":"The"}
{"is_finished":false,"event_type":"text-generation","text":" mistral"}
{"is_finished":false,"event_type":"text-generation","text":" is"}
{"is_finished":false,"event_type":"text-generation","text":" a"}
{"is_finished":false,"event_type":"text-generation","text":" cold"}
{"is_finished":false,"event_type":"text-generation","text":" wind"}
{"is_finished":false,"event_type":"text-generation","text":" \\u0026 a dry one."}
{"is_finished":true,"event_type":"stream-end","response":{"response_id":"0b9e2f4c-1a3d-4e5f-8a7b-9c0d1e2f3a4b","text":"The mistral is a cold wind \\u0026 a dry one.","generation_id":"6f1d3c2a-8b4e-4f7a-9c1d-2e3f4a5b6c7d","chat_history":[{"role":"USER","message":"What is the mistral?"},{"role":"CHATBOT","message":"The mistral is a cold wind \\u0026 a dry one."}],"finish_reason":"COMPLETE","meta":{"api_version":{"version":"1"},"billed_units":{"input_tokens":6,"output_tokens":11},"tokens":{"input_tokens":72,"output_tokens":11}}},"finish_reason":"COMPLETE"}
"""

TOOL_CALLS = """{"is_finished":false,"event_type":"stream-start","generation_id":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"}
{"is_finished":false,"event_type":"text-generation","text":"I will look up the weather."}
{"is_finished":false,"event_type":"tool-calls-chunk","tool_call_delta":{"index":0,"name":"get_weather"}}
{"is_finished":false,"event_type":"tool-calls-chunk","tool_call_delta":{"index":0,"parameters":"{\\"city\\": \\"Lyon\\"}"}}
{"is_finished":false,"event_type":"tool-calls-generation","text":"I will look up the weather.","tool_calls":[{"name":"get_weather","parameters":{"city":"Lyon"}}]}
{"is_finished":true,"event_type":"stream-end","response":{"response_id":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","text":"I will look up the weather.","generation_id":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","chat_history":[],"finish_reason":"COMPLETE","meta":{"api_version":{"version":"1"},"billed_units":{"input_tokens":41,"output_tokens":19},"tokens":{"input_tokens":903,"output_tokens":19}},"tool_calls":[{"name":"get_weather","parameters":{"city":"Lyon"}}]},"finish_reason":"COMPLETE"}
"""

CITED = """{"is_finished":false,"event_type":"stream-start","generation_id":"1f2e3d4c-5b6a-4798-8a6b-5c4d3e2f1a0b"}
{"is_finished":false,"event_type":"text-generation","text":"Tram 28 runs"}
{"is_finished":false,"event_type":"text-generation","text":" to Prazeres."}
{"is_finished":false,"event_type":"citation-generation","citations":[{"start":0,"end":25,"text":"Tram 28 runs to Prazeres","document_ids":["doc_0"]}]}
{"is_finished":true,"event_type":"stream-end","response":{"response_id":"7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b","text":"Tram 28 runs to Prazeres.","generation_id":"1f2e3d4c-5b6a-4798-8a6b-5c4d3e2f1a0b","chat_history":[],"finish_reason":"COMPLETE","meta":{"api_version":{"version":"1"},"billed_units":{"input_tokens":58,"output_tokens":7},"tokens":{"input_tokens":812,"output_tokens":7}},"citations":[{"start":0,"end":25,"text":"Tram 28 runs to Prazeres","document_ids":["doc_0"]}],"documents":[{"id":"doc_0","title":"Tram 28","snippet":"Tram 28 runs between Martim Moniz and Prazeres."}]},"finish_reason":"COMPLETE"}
"""

MAX_TOKENS = """{"is_finished":false,"event_type":"stream-start","generation_id":"5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"}
{"is_finished":false,"event_type":"text-generation","text":"Once upon"}
{"is_finished":false,"event_type":"text-generation","text":" a time"}
{"is_finished":true,"event_type":"stream-end","response":{"response_id":"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e","text":"Once upon a time","generation_id":"5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a","chat_history":[],"finish_reason":"MAX_TOKENS","meta":{"api_version":{"version":"1"},"billed_units":{"input_tokens":5,"output_tokens":4},"tokens":{"input_tokens":71,"output_tokens":4}}},"finish_reason":"MAX_TOKENS"}
"""

ERROR_DOCUMENT = '{"message":"invalid api token"}'

TRUNCATED = """{"is_finished":false,"event_type":"stream-start","generation_id":"8c7b6a5f-4e3d-4c2b-9a1f-0e9d8c7b6a5f"}
{"is_finished":false,"event_type":"text-generation","text":"Blue"}
{"is_finished":false,"event_type":"text-generation","text":" light"}
{"is_finished":false,"event_type":"text-gener"""

CASSETTES = [
    build("text", "stream-start, seven text-generation pieces (one with & as \\u0026), then stream-end with the whole response: finish_reason COMPLETE, meta.tokens counts.",
          ["text", "usage"], [API, SDK], {"message": "What is the mistral?"}, TEXT,
          expect(text="The mistral is a cold wind & a dry one.", stop_reason="stop", vendor_stop_reason="COMPLETE",
                 usage={"input_tokens": 72, "output_tokens": 11}, complete=True)),
    build("tool_calls", "A text piece, tool-calls-chunk pieces (name, then parameter text), then tool-calls-generation with the call whole (no id in v1), stream-end COMPLETE.",
          ["text", "tool_calls", "usage"], [API, TOOLS, SDK], {"message": "Weather in Lyon?", "tools": [{"name": "get_weather", "description": "Current weather.", "parameter_definitions": {"city": {"type": "str", "required": True}}}]}, TOOL_CALLS,
          expect(text="I will look up the weather.", tool_calls=[{"id": None, "name": "get_weather", "arguments": {"city": "Lyon"}}],
                 stop_reason="tool_calls", vendor_stop_reason="COMPLETE", usage={"input_tokens": 903, "output_tokens": 19}, complete=True)),
    build("citations", "RAG with documents: text pieces, then citation-generation with a span of the text and its document id; stream-end repeats them in the response.",
          ["text", "usage", "citations"], [API, CITATIONS, SDK], {"message": "Where does tram 28 go?", "documents": [{"title": "Tram 28", "snippet": "Tram 28 runs between Martim Moniz and Prazeres."}]}, CITED,
          expect(text="Tram 28 runs to Prazeres.", stop_reason="stop", vendor_stop_reason="COMPLETE", usage={"input_tokens": 812, "output_tokens": 7},
                 citations=[{"start": 0, "end": 25, "text": "Tram 28 runs to Prazeres", "document_ids": ["doc_0"]}], complete=True)),
    build("max_tokens", "Cut by max_tokens: stream-end with finish_reason MAX_TOKENS.",
          ["text", "usage"], [API, SDK], {"message": "Tell me a story.", "max_tokens": 4}, MAX_TOKENS,
          expect(text="Once upon a time", stop_reason="length", vendor_stop_reason="MAX_TOKENS", usage={"input_tokens": 71, "output_tokens": 4}, complete=True)),
    build("error_invalid_token", "HTTP 401: the body is the error document {message}, no event.",
          ["error"], [API], {"message": "Hello"}, ERROR_DOCUMENT,
          expect(stop_reason="error", error={"type": "error", "message": "invalid api token"}), status=401),
    build("truncated", "The stream cut inside its fourth line: no stream-end, the partial line left over.",
          ["text", "truncated"], [API], {"message": "Why is the sky blue?"}, TRUNCATED,
          expect(text="Blue light")),
]  # fmt: skip


if __name__ == "__main__":
    sys.exit(main(VENDOR, CASSETTES, doc=__doc__))
