"""Build the Gemini JSON-array cassettes (`cassettes/gemini-array/<scenario>.yaml`).

    python dev/build_cassettes_gemini_array.py [--check]

`streamGenerateContent` without `alt=sse` answers with the same `GenerateContentResponse`
objects as the SSE stream, written as the elements of one JSON array while the answer grows
(https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent). The
responses here are those of the `gemini` cassettes (dev/build_cassettes_gemini.py, held
literally there), re-framed as the REST API frames them: `[`, each response pretty-printed
with two-space indentation and CRLF line ends, `\\r\\n,\\r\\n` between elements, `\\r\\n]`
at the end, `Content-Type: application/json; charset=UTF-8`. So the two vendors' cassettes
describe the same answers and must give the same Message. Scenarios of their own: an error
document wrapped in a one-element array (HTTP 429) and a body cut inside an element.
"""

# ruff: noqa: E501

from __future__ import annotations

import json
import sys
from typing import Any

from _cassette_builder import cassette, main
from _cassette_builder import message as _message
from build_cassettes_gemini import ERRORS_DOC, SCENARIOS, STREAM_DOC, Scenario, request_headers, response_headers

from conformance.formats.cassettes import Cassette

VENDOR = "gemini-array"
TAKEN = ("text", "function_call", "thinking", "non_ascii", "prompt_blocked", "error_mid_stream")
"""The `gemini` scenarios re-framed as arrays (the SSE `truncated` body, cut inside an
event, has no array form: `truncated` here is cut on its own)."""


def element(response: Any) -> str:
    return json.dumps(response, indent=2, ensure_ascii=False).replace("\n", "\r\n")


def array_body(responses: list[Any]) -> str:
    return "[" + "\r\n,\r\n".join(element(r) for r in responses) + "\r\n]"


def responses_of(sse_body: str) -> list[Any]:
    return [json.loads(line[len("data: ") :]) for line in sse_body.split("\r\n") if line.startswith("data: ")]


def build(name: str, description: str, features: list[str], source: list[str], model: str,
          request: dict[str, Any], body: str, expected: dict[str, Any], *, like: Scenario, status: int = 200) -> Cassette:  # fmt: skip
    request_body = json.dumps(request)
    headers = {**response_headers(like), "Content-Type": ["application/json; charset=UTF-8"]}
    return cassette(
        vendor=VENDOR,
        name=name,
        description=description,
        features=features,
        source=source,
        uri=f"https://generativelanguage.googleapis.com/v1beta/models/{model}:streamGenerateContent",
        request_headers=request_headers(request_body),
        request_body=request_body,
        response_headers=headers,
        body=body.encode("utf-8"),
        expected=expected,
        status=status,
    )


BY_NAME = {s.name: s for s in SCENARIOS}
TEXT = BY_NAME["text"]

CASSETTES = [
    build(s.name, s.description.replace("CRLF line ends; ", "") + " (As a JSON array, no alt=sse.)", s.features, [*s.source, STREAM_DOC],
          s.model, s.request, array_body(responses_of(s.body)), {**s.expected, "vendor": VENDOR}, like=s)
    for s in (BY_NAME[name] for name in TAKEN)
] + [
    build("error_document", "HTTP 429 before any response: the error document wrapped in a one-element array, as the REST API wraps errors of a JSON-array stream.",
          ["error"], [STREAM_DOC, ERRORS_DOC], TEXT.model, TEXT.request,
          array_body([{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}]),
          _message(VENDOR, stop_reason="error", error={"type": "RESOURCE_EXHAUSTED", "message": "Resource has been exhausted (e.g. check quota)."}),
          like=TEXT, status=429),
    build("truncated", "The text answer cut 40 bytes into its second element: no closing ], the partial element left over; the first element's text stands.",
          ["text", "usage", "truncated"], [STREAM_DOC], TEXT.model, TEXT.request,
          (lambda body: body[: body.index("\r\n,\r\n{", 1) + 45])(array_body(responses_of(TEXT.body))),
          _message(VENDOR, text="The sky looks blue because sunlight is scattered by the nitrogen and oxygen molecules in the air, and",
                   usage={"input_tokens": 11, "output_tokens": 20, "total_tokens": 264, "reasoning_tokens": 233}),
          like=TEXT),
]  # fmt: skip


if __name__ == "__main__":
    sys.exit(main(VENDOR, CASSETTES, doc=__doc__))
