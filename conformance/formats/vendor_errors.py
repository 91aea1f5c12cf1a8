"""The error answers each vendor documents, as cassettes a client can be served.

Why: the lifecycle check serves a client every error status its vendor uses, and a vendor's
bundled cassettes hold at most one or two of them. `error_cassettes(base)` makes, from a
vendor's streaming cassette, one cassette per status in `VENDOR_ERRORS` (same request; the
status and the vendor's JSON error document as the body, `provenance: hand`). Vendors not in
the table are served their bundled error-status cassettes only.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from conformance.formats.cassettes import Cassette


def _anthropic(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}, "request_id": "req_replay"}


def _openai(kind: str, code: str | None, message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def _google(status: int, name: str, message: str) -> dict[str, Any]:
    return {"error": {"code": status, "message": message, "status": name}}


_OPENAI_ERRORS: dict[int, dict[str, Any]] = {
    400: _openai("invalid_request_error", None, "Invalid value for 'messages'."),
    401: _openai("invalid_request_error", "invalid_api_key", "Incorrect API key provided."),
    403: _openai(
        "invalid_request_error",
        "unsupported_country_region_territory",
        "Country, region, or territory not supported",
    ),
    404: _openai("invalid_request_error", "model_not_found", "The model `gpt-0` does not exist."),
    429: _openai("requests", "rate_limit_exceeded", "Rate limit reached for requests."),
    500: _openai("server_error", None, "The server had an error while processing your request."),
    503: _openai("server_error", None, "The engine is currently overloaded, please try again later."),
}

_GOOGLE_ERRORS: dict[int, dict[str, Any]] = {
    400: _google(400, "INVALID_ARGUMENT", "Request contains an invalid argument."),
    403: _google(403, "PERMISSION_DENIED", "The caller does not have permission."),
    404: _google(404, "NOT_FOUND", "models/gemini-0 is not found."),
    429: _google(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."),
    500: _google(500, "INTERNAL", "An internal error has occurred."),
    503: _google(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
    504: _google(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete."),
}

# Each vendor's documented error statuses and the JSON document it answers them with.
# Sources: https://docs.anthropic.com/en/api/errors (HTTP errors; `{"type": "error", "error":
# {type, message}, "request_id"}`); https://platform.openai.com/docs/guides/error-codes (API
# errors; `{"error": {message, type, param, code}}`, as openai-python's `APIStatusError` reads);
# https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes (`{"error": {code, message,
# status}}`, as google-genai's `APIError` reads; Vertex AI answers the same).
VENDOR_ERRORS: dict[str, dict[int, dict[str, Any]]] = {
    "anthropic": {
        400: _anthropic("invalid_request_error", "messages: field required"),
        401: _anthropic("authentication_error", "invalid x-api-key"),
        403: _anthropic(
            "permission_error", "Your API key does not have permission to use the specified resource."
        ),
        404: _anthropic("not_found_error", "model: claude-0"),
        413: _anthropic("request_too_large", "Request exceeds the maximum allowed number of bytes."),
        429: _anthropic(
            "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit."
        ),
        500: _anthropic("api_error", "Internal server error"),
        529: _anthropic("overloaded_error", "Overloaded"),
    },
    "openai-chat": _OPENAI_ERRORS,
    "openai-responses": _OPENAI_ERRORS,
    "gemini": _GOOGLE_ERRORS,
    "vertex": _GOOGLE_ERRORS,
}


def error_cassettes(base: Cassette) -> list[Cassette]:
    """One cassette per error status `base.vendor` documents (`VENDOR_ERRORS`), answering
    `base`'s request; none for a vendor not in the table."""
    out = []
    for status, document in VENDOR_ERRORS.get(base.vendor, {}).items():
        out.append(
            replace(
                base,
                path=None,
                scenario=f"http_{status}",
                status=status,
                response_headers={"Content-Type": ["application/json"]},
                body=json.dumps(document, separators=(",", ":")).encode(),
                metadata={
                    "description": f"HTTP {status}, the vendor's documented error document",
                    "provenance": "hand",
                },
            )
        )
    return out
