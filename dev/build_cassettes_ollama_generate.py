"""Build the Ollama `/api/generate` cassettes (`cassettes/ollama-generate/<scenario>.yaml`).

    python dev/build_cassettes_ollama_generate.py [--check]

Each body is written literally as `POST /api/generate` streams it: NDJSON, one
`GenerateResponse` per line, every line ended by LF, in Go's `encoding/json` form (compact,
struct field order `model`, `created_at`, `response`, `thinking`, `done`, `done_reason`,
then `context` and the counters on the last line; `<`, `>` and `&` escaped as `\\u003c`,
`\\u003e`, `\\u0026`; other non-ASCII as raw UTF-8). The request is what ollama-python's
`Client.generate` sends to a local server (no credentials exist). Timestamps, durations,
context token ids and counts are made up.
"""

# ruff: noqa: E501  (bodies are held literally, one line per NDJSON line)

from __future__ import annotations

import json
import sys
from typing import Any

from _cassette_builder import cassette, main, message

from conformance.formats.cassettes import Cassette

VENDOR = "ollama-generate"
API_MD = "https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-completion"
THINKING = "https://docs.ollama.com/capabilities/thinking"
ERRORS = "https://docs.ollama.com/api/errors"
SDK = "https://github.com/ollama/ollama-python/blob/main/ollama/_client.py"

AGENT = "ollama-python/0.6.0 (x86_64 linux) Python/3.12.7"


def build(
    name: str, description: str, features: list[str], source: list[str], model: str, prompt: str, body: str,
    expected: dict[str, Any], *, date: str, think: bool = False, status: int = 200,
) -> Cassette:  # fmt: skip
    request: dict[str, Any] = {"model": model, "prompt": prompt, "stream": True}
    if think:
        request["think"] = True
    req = json.dumps(request, separators=(",", ":"))
    content_type = "application/x-ndjson" if status == 200 else "application/json; charset=utf-8"
    headers = {"Content-Type": [content_type], "Date": [date]}
    if status == 200:
        headers["Transfer-Encoding"] = ["chunked"]
    else:
        headers["Content-Length"] = [str(len(body.encode()))]
    return cassette(
        vendor=VENDOR, name=name, description=description, features=features, source=source,
        uri="http://127.0.0.1:11434/api/generate",
        request_headers={
            "Host": ["127.0.0.1:11434"],
            "Accept": ["application/json"],
            "Accept-Encoding": ["gzip, deflate"],
            "Connection": ["keep-alive"],
            "User-Agent": [AGENT],
            "Content-Type": ["application/json"],
            "Content-Length": [str(len(req.encode()))],
        },
        request_body=req, response_headers=headers, body=body.encode("utf-8"), expected=expected, status=status,
    )  # fmt: skip


def expect(**fields: Any) -> dict[str, Any]:
    return message(VENDOR, **fields)


TEXT = """{"model":"llama3.2","created_at":"2025-10-21T08:02:11.104325Z","response":"The","done":false}
{"model":"llama3.2","created_at":"2025-10-21T08:02:11.121908Z","response":" mistral","done":false}
{"model":"llama3.2","created_at":"2025-10-21T08:02:11.139772Z","response":" is","done":false}
{"model":"llama3.2","created_at":"2025-10-21T08:02:11.157340Z","response":" a","done":false}
{"model":"llama3.2","created_at":"2025-10-21T08:02:11.175019Z","response":" cold","done":false}
{"model":"llama3.2","created_at":"2025-10-21T08:02:11.192687Z","response":" wind","done":false}
{"model":"llama3.2","created_at":"2025-10-21T08:02:11.210311Z","response":".","done":false}
{"model":"llama3.2","created_at":"2025-10-21T08:02:11.228004Z","response":"","done":true,"done_reason":"stop","context":[128006,882,128007,271,3923,374,279,8770,30,128009,128006,78191,128007,271,791,8770,374,264,9439,10160,13],"total_duration":402518333,"load_duration":41207625,"prompt_eval_count":14,"prompt_eval_duration":93810000,"eval_count":7,"eval_duration":123901000}
"""

THINKING_BODY = """{"model":"qwen3:4b","created_at":"2025-10-21T09:30:02.501124Z","response":"","thinking":"17","done":false}
{"model":"qwen3:4b","created_at":"2025-10-21T09:30:02.518830Z","response":"","thinking":" × 3 = 51,","done":false}
{"model":"qwen3:4b","created_at":"2025-10-21T09:30:02.536402Z","response":"","thinking":" so 51.","done":false}
{"model":"qwen3:4b","created_at":"2025-10-21T09:30:02.554017Z","response":"17 × 3 ","done":false}
{"model":"qwen3:4b","created_at":"2025-10-21T09:30:02.571690Z","response":"= **51**","done":false}
{"model":"qwen3:4b","created_at":"2025-10-21T09:30:02.589344Z","response":"","done":true,"done_reason":"stop","context":[151644,872,198,1003,553,220,18,30,151645],"total_duration":1204733583,"load_duration":60219459,"prompt_eval_count":16,"prompt_eval_duration":101444000,"eval_count":11,"eval_duration":905112000}
"""

LENGTH = """{"model":"llama3.2","created_at":"2025-10-21T10:11:40.000101Z","response":"Once","done":false}
{"model":"llama3.2","created_at":"2025-10-21T10:11:40.017853Z","response":" upon a","done":false}
{"model":"llama3.2","created_at":"2025-10-21T10:11:40.035512Z","response":" time \\u003cin Zürich\\u003e","done":false}
{"model":"llama3.2","created_at":"2025-10-21T10:11:40.053239Z","response":"","done":true,"done_reason":"length","context":[128006,882,128007,271,41551,757,264,3446],"total_duration":210944291,"load_duration":39854083,"prompt_eval_count":12,"prompt_eval_duration":80117000,"eval_count":6,"eval_duration":88204000}
"""

ERROR_MID_STREAM = """{"model":"llama3.2","created_at":"2025-10-21T11:45:30.410023Z","response":"Here are","done":false}
{"error":"an error was encountered while running the model: unexpected EOF"}
"""

ERROR_NOT_FOUND = '{"error":"model \\"llama9\\" not found, try pulling it first"}'

TRUNCATED = """{"model":"llama3.2","created_at":"2025-10-21T12:02:51.330114Z","response":"Blue","done":false}
{"model":"llama3.2","created_at":"2025-10-21T12:02:51.347820Z","response":" light","done":false}
{"model":"llama3.2","created_at":"2025-10-21T12:02:51.365509Z","respo"""

CASSETTES = [
    build("text", "Seven response pieces, then the done line (done_reason stop, context token ids, counters in tokens and durations in ns).",
          ["text", "usage"], [API_MD, SDK], "llama3.2", "What is the mistral?", TEXT,
          expect(text="The mistral is a cold wind.", stop_reason="stop", vendor_stop_reason="stop",
                 usage={"input_tokens": 14, "output_tokens": 7}, complete=True), date="Tue, 21 Oct 2025 08:02:11 GMT"),
    build("thinking", "A thinking model with think: true: top-level thinking pieces (response empty) before the response pieces.",
          ["reasoning", "text", "usage", "non_ascii"], [API_MD, THINKING, SDK], "qwen3:4b", "What is 17 times 3?", THINKING_BODY,
          expect(text="17 × 3 = **51**", reasoning="17 × 3 = 51, so 51.", stop_reason="stop", vendor_stop_reason="stop",
                 usage={"input_tokens": 16, "output_tokens": 11}, complete=True), date="Tue, 21 Oct 2025 09:30:02 GMT", think=True),
    build("length", "Cut by options.num_predict: done_reason length; < and > as Go's \\u003c escapes, ü raw.",
          ["text", "usage", "non_ascii"], [API_MD], "llama3.2", "Tell me a story.", LENGTH,
          expect(text="Once upon a time <in Zürich>", stop_reason="length", vendor_stop_reason="length",
                 usage={"input_tokens": 12, "output_tokens": 6}, complete=True), date="Tue, 21 Oct 2025 10:11:40 GMT"),
    build("error_mid_stream", "One response line, then an {\"error\"} line (the runner died): no done line.",
          ["text", "error"], [API_MD, ERRORS, SDK], "llama3.2", "List three fruits.", ERROR_MID_STREAM,
          expect(text="Here are", stop_reason="error", error={"type": "error", "message": "an error was encountered while running the model: unexpected EOF"}),
          date="Tue, 21 Oct 2025 11:45:30 GMT"),
    build("error_model_not_found", "HTTP 404: the whole body is one {\"error\"} document without a newline.",
          ["error"], [API_MD, ERRORS], "llama9", "Hello", ERROR_NOT_FOUND,
          expect(stop_reason="error", error={"type": "error", "message": "model \"llama9\" not found, try pulling it first"}),
          date="Tue, 21 Oct 2025 11:50:00 GMT", status=404),
    build("truncated", "The stream cut inside its third line: no done line, the partial line left over.",
          ["text", "truncated"], [API_MD], "llama3.2", "Why is the sky blue?", TRUNCATED,
          expect(text="Blue light"), date="Tue, 21 Oct 2025 12:02:51 GMT"),
]  # fmt: skip


def check_lines(built: Cassette) -> list[str]:
    if built.status == 200 and built.scenario != "truncated" and not built.body.endswith(b"}\n"):
        return ["Ollama ends every line with LF"]
    return []


if __name__ == "__main__":
    sys.exit(main(VENDOR, CASSETTES, doc=__doc__, extra=check_lines))
