"""Build the Ollama cassettes (`cassettes/ollama/<scenario>.yaml`) from the bodies held below.

    python dev/build_cassettes_ollama.py [--check]

Each body is written literally as `POST /api/chat` streams it: NDJSON, one `ChatResponse`
per line, every line ended by LF, in Go's `encoding/json` form (compact, struct field
order `model`, `created_at`, `message`, `done_reason`, `done`, then the counters; `<`, `>`
and `&` escaped as `\\u003c`, `\\u003e`, `\\u0026`; other non-ASCII as raw UTF-8). Tool
calls arrive whole with their arguments as an object; the last line has `done: true`.
The request is what ollama-python sends to a local server (no credentials exist).
Timestamps, durations and counts are made up.
"""

# ruff: noqa: E501  (bodies are held literally, one line per NDJSON line)

from __future__ import annotations

import json
import sys
from typing import Any

from _cassette_builder import cassette, main, message

from conformance.formats.cassettes import Cassette

VENDOR = "ollama"
API = "https://docs.ollama.com/api/chat"
API_MD = "https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion"
STREAMING = "https://docs.ollama.com/capabilities/streaming"
TOOLS = "https://ollama.com/blog/streaming-tool"
THINKING = "https://docs.ollama.com/capabilities/thinking"
ERRORS = "https://docs.ollama.com/api/errors"
SDK = "https://github.com/ollama/ollama-python/blob/main/ollama/_client.py"

AGENT = "ollama-python/0.6.0 (x86_64 linux) Python/3.12.7"

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_current_weather",
        "description": "Get the current weather for a location",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {
                    "type": "string",
                    "description": "The location to get the weather for, e.g. San Francisco, CA",
                },
                "format": {
                    "type": "string",
                    "description": "The format to return the weather in, e.g. 'celsius' or 'fahrenheit'",
                    "enum": ["celsius", "fahrenheit"],
                },
            },
            "required": ["location", "format"],
        },
    },
}


def request(model: str, prompt: str, *, tools: bool = False, think: bool = False) -> str:
    body: dict[str, Any] = {
        "model": model,
        "messages": [{"role": "user", "content": prompt}],
        "tools": [WEATHER_TOOL] if tools else [],
        "stream": True,
    }
    if think:
        body["think"] = True
    return json.dumps(body, separators=(",", ":"))


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
    think: bool = False,
    status: int = 200,
) -> Cassette:
    req = request(model, prompt, tools=tools, think=think)
    content_type = "application/x-ndjson" if status == 200 else "application/json; charset=utf-8"
    headers = {"Content-Type": [content_type], "Date": [date]}
    if status == 200:
        headers["Transfer-Encoding"] = ["chunked"]
    else:
        headers["Content-Length"] = [str(len(body.encode()))]
    return cassette(
        vendor=VENDOR,
        name=name,
        description=description,
        features=features,
        source=source,
        uri="http://127.0.0.1:11434/api/chat",
        request_headers={
            "Host": ["127.0.0.1:11434"],
            "Accept": ["application/json"],
            "Accept-Encoding": ["gzip, deflate"],
            "Connection": ["keep-alive"],
            "User-Agent": [AGENT],
            "Content-Type": ["application/json"],
            "Content-Length": [str(len(req.encode()))],
        },
        request_body=req,
        response_headers=headers,
        body=body.encode("utf-8"),
        expected=expected,
        status=status,
    )


def expect(**fields: Any) -> dict[str, Any]:
    return message(VENDOR, **fields)


TEXT = """\
{"model":"llama3.2","created_at":"2025-10-21T09:14:02.101913Z","message":{"role":"assistant","content":"The"},"done":false}
{"model":"llama3.2","created_at":"2025-10-21T09:14:02.118054Z","message":{"role":"assistant","content":" sky"},"done":false}
{"model":"llama3.2","created_at":"2025-10-21T09:14:02.134470Z","message":{"role":"assistant","content":" is blue because of"},"done":false}
{"model":"llama3.2","created_at":"2025-10-21T09:14:02.150391Z","message":{"role":"assistant","content":" Rayleigh scattering."},"done":false}
{"model":"llama3.2","created_at":"2025-10-21T09:14:02.166711Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":412558250,"load_duration":21496417,"prompt_eval_count":31,"prompt_eval_duration":98112000,"eval_count":9,"eval_duration":287365000}
"""

THINKING_BODY = """\
{"model":"qwen3","created_at":"2025-10-21T10:02:11.40311Z","message":{"role":"assistant","content":"","thinking":"Okay"},"done":false}
{"model":"qwen3","created_at":"2025-10-21T10:02:11.42085Z","message":{"role":"assistant","content":"","thinking":", 9.11 vs 9.9:"},"done":false}
{"model":"qwen3","created_at":"2025-10-21T10:02:11.43851Z","message":{"role":"assistant","content":"","thinking":" compare tenths, 1 \\u003c 9."},"done":false}
{"model":"qwen3","created_at":"2025-10-21T10:02:11.45617Z","message":{"role":"assistant","content":"9.9 is larger"},"done":false}
{"model":"qwen3","created_at":"2025-10-21T10:02:11.47389Z","message":{"role":"assistant","content":" than 9.11."},"done":false}
{"model":"qwen3","created_at":"2025-10-21T10:02:11.49155Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":1804220958,"load_duration":1012381875,"prompt_eval_count":18,"prompt_eval_duration":301224000,"eval_count":27,"eval_duration":488610000}
"""

TOOL_CALL = """\
{"model":"qwen3","created_at":"2025-05-27T22:54:57.641643Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_current_weather","arguments":{"format":"celsius","location":"Toronto"}}}]},"done":false}
{"model":"qwen3","created_at":"2025-05-27T22:54:57.673559Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":2043166208,"load_duration":33094833,"prompt_eval_count":219,"prompt_eval_duration":405712042,"eval_count":30,"eval_duration":1602745375}
"""

TOOL_CALLS_PARALLEL = """\
{"model":"qwen3","created_at":"2025-10-21T11:20:41.008273Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_current_weather","arguments":{"format":"celsius","location":"Paris, FR"}}},{"function":{"name":"get_current_weather","arguments":{"format":"fahrenheit","location":"New York, NY"}}}]},"done":false}
{"model":"qwen3","created_at":"2025-10-21T11:20:41.046902Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":3112802917,"load_duration":29113583,"prompt_eval_count":233,"prompt_eval_duration":512004125,"eval_count":58,"eval_duration":2569712959}
"""

LENGTH = """\
{"model":"llama3.2","created_at":"2025-10-21T12:00:00.500121Z","message":{"role":"assistant","content":"Once upon a time"},"done":false}
{"model":"llama3.2","created_at":"2025-10-21T12:00:00.517832Z","message":{"role":"assistant","content":", a fox"},"done":false}
{"model":"llama3.2","created_at":"2025-10-21T12:00:00.534077Z","message":{"role":"assistant","content":""},"done_reason":"length","done":true,"total_duration":198004791,"load_duration":19512250,"prompt_eval_count":12,"prompt_eval_duration":80112000,"eval_count":8,"eval_duration":97331000}
"""

NON_ASCII = """\
{"model":"llama3.2","created_at":"2025-10-21T13:10:05.221304Z","message":{"role":"assistant","content":"Grüße aus "},"done":false}
{"model":"llama3.2","created_at":"2025-10-21T13:10:05.238511Z","message":{"role":"assistant","content":"Zürich 🇨🇭 — "},"done":false}
{"model":"llama3.2","created_at":"2025-10-21T13:10:05.255903Z","message":{"role":"assistant","content":"日本語も。\\n\\u003cb\\u003eA \\u0026 B\\u003c/b\\u003e"},"done":false}
{"model":"llama3.2","created_at":"2025-10-21T13:10:05.272688Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":301448750,"load_duration":18803833,"prompt_eval_count":22,"prompt_eval_duration":90004000,"eval_count":17,"eval_duration":190112000}
"""

ERROR_MID_STREAM = """\
{"model":"llama3.2","created_at":"2025-10-21T14:45:30.118702Z","message":{"role":"assistant","content":"Here are"},"done":false}
{"model":"llama3.2","created_at":"2025-10-21T14:45:30.135512Z","message":{"role":"assistant","content":" three"},"done":false}
{"error":"an error was encountered while running the model: unexpected EOF"}
"""

ERROR_NOT_FOUND = '{"error":"model \\"llama9\\" not found, try pulling it first"}'

TRUNCATED = TEXT[: TEXT.index('{"model":"llama3.2","created_at":"2025-10-21T09:14:02.150391Z"') + 70]

USAGE_TEXT = {"input_tokens": 31, "output_tokens": 9}

CASSETTES = [
    build(
        "text",
        "Content in four lines, then the done line with done_reason stop and the eval counts as usage.",
        ["text", "usage"],
        [API, API_MD, STREAMING],
        "llama3.2",
        "Why is the sky blue?",
        TEXT,
        expect(
            text="The sky is blue because of Rayleigh scattering.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage=USAGE_TEXT,
            complete=True,
        ),
        date="Tue, 21 Oct 2025 09:14:02 GMT",
    ),
    build(
        "thinking",
        '"think": true: message.thinking pieces (one with Go\'s escaped <) before the content pieces.',
        ["reasoning", "text", "usage"],
        [API, THINKING],
        "qwen3",
        "Which is larger, 9.9 or 9.11?",
        THINKING_BODY,
        expect(
            text="9.9 is larger than 9.11.",
            reasoning="Okay, 9.11 vs 9.9: compare tenths, 1 < 9.",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={"input_tokens": 18, "output_tokens": 27},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 10:02:11 GMT",
        think=True,
    ),
    build(
        "tool_call",
        "One whole tool call, arguments as an object, in a line of its own (the weather example of Ollama's streaming tool-calling post); done_reason stop.",
        ["tool_calls", "usage"],
        [API, TOOLS],
        "qwen3",
        "What is the weather today in Toronto?",
        TOOL_CALL,
        expect(
            tool_calls=[
                {
                    "id": None,
                    "name": "get_current_weather",
                    "arguments": {"format": "celsius", "location": "Toronto"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="stop",
            usage={"input_tokens": 219, "output_tokens": 30},
            complete=True,
        ),
        date="Tue, 27 May 2025 22:54:57 GMT",
        tools=True,
    ),
    build(
        "tool_calls_parallel",
        "Two whole tool calls in one line's message.tool_calls.",
        ["tool_calls", "parallel_tool_calls", "usage"],
        [API, TOOLS],
        "qwen3",
        "Weather in Paris (C) and New York (F)?",
        TOOL_CALLS_PARALLEL,
        expect(
            tool_calls=[
                {
                    "id": None,
                    "name": "get_current_weather",
                    "arguments": {"format": "celsius", "location": "Paris, FR"},
                },
                {
                    "id": None,
                    "name": "get_current_weather",
                    "arguments": {"format": "fahrenheit", "location": "New York, NY"},
                },
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="stop",
            usage={"input_tokens": 233, "output_tokens": 58},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 11:20:41 GMT",
        tools=True,
    ),
    build(
        "length",
        "Cut by options.num_predict: done_reason length.",
        ["text", "usage"],
        [API, API_MD],
        "llama3.2",
        "Tell me a story.",
        LENGTH,
        expect(
            text="Once upon a time, a fox",
            stop_reason="length",
            vendor_stop_reason="length",
            usage={"input_tokens": 12, "output_tokens": 8},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 12:00:00 GMT",
    ),
    build(
        "non_ascii",
        "Umlauts, a flag emoji (two regional indicators), an em dash and Japanese as raw UTF-8; <, > and & as Go's \\u003c escapes.",
        ["text", "non_ascii", "usage"],
        [API],
        "llama3.2",
        "Greet me from Zürich.",
        NON_ASCII,
        expect(
            text="Grüße aus Zürich 🇨🇭 — 日本語も。\n<b>A & B</b>",
            stop_reason="stop",
            vendor_stop_reason="stop",
            usage={"input_tokens": 22, "output_tokens": 17},
            complete=True,
        ),
        date="Tue, 21 Oct 2025 13:10:05 GMT",
    ),
    build(
        "error_mid_stream",
        'Two content lines, then an {"error"} line (the runner died): no done line.',
        ["text", "error"],
        [API, ERRORS, SDK],
        "llama3.2",
        "List three fruits.",
        ERROR_MID_STREAM,
        expect(
            text="Here are three",
            stop_reason="error",
            error={
                "type": "error",
                "message": "an error was encountered while running the model: unexpected EOF",
            },
        ),
        date="Tue, 21 Oct 2025 14:45:30 GMT",
    ),
    build(
        "error_model_not_found",
        'HTTP 404: the whole body is one {"error"} document without a newline.',
        ["error"],
        [API, ERRORS],
        "llama9",
        "Hello",
        ERROR_NOT_FOUND,
        expect(
            stop_reason="error",
            error={"type": "error", "message": 'model "llama9" not found, try pulling it first'},
        ),
        date="Tue, 21 Oct 2025 15:00:00 GMT",
        status=404,
    ),
    build(
        "truncated",
        "The text stream cut in the middle of its fourth line: no done line, the partial line left over.",
        ["text", "truncated"],
        [API, STREAMING],
        "llama3.2",
        "Why is the sky blue?",
        TRUNCATED,
        expect(text="The sky is blue because of"),
        date="Tue, 21 Oct 2025 09:14:02 GMT",
    ),
]


def check_lines(built: Cassette) -> list[str]:
    if built.status == 200 and built.scenario != "truncated" and not built.body.endswith(b"}\n"):
        return ["Ollama ends every line with LF"]
    return []


if __name__ == "__main__":
    sys.exit(main(VENDOR, CASSETTES, doc=__doc__, extra=check_lines))
