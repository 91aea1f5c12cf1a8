"""JSON text that may be cut short: complete parsing and best-effort partial parsing.

Tool-call arguments arrive as JSON text in fragments. While they stream, a UI (and the
snapshot API) wants "what the arguments look like so far"; at the end, the arguments
must be valid JSON. Partial parsing uses jiter's partial mode, the parser the official
SDKs use, with incomplete strings kept ("trailing-strings"), so our snapshots are what
theirs are.
"""

from __future__ import annotations

import json

import jiter

from conformance.events import JSONValue


class IncompleteJSON(ValueError):
    """The text is not a complete JSON document."""


def parse_complete(text: str) -> JSONValue:
    """Parse a whole JSON document; empty text means "no arguments" (an empty object).

    Anthropic streams `input_json_delta` with `partial_json: ""` for a tool that takes no
    input, and its SDK then reports `{}`; OpenAI-compatible servers do the same with
    `arguments: ""`.
    """
    if not text.strip():
        return {}
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise IncompleteJSON(str(exc)) from None


def parse_partial(text: str) -> JSONValue:
    """Best-effort value of a JSON prefix; never raises on a prefix of valid JSON.

    Returns `{}` for empty text, as SDKs show a tool call whose arguments have not begun.
    Text that can never become JSON (not a prefix of any document) raises `IncompleteJSON`.
    """
    if not text.strip():
        return {}
    try:
        return jiter.from_json(text.encode("utf-8"), partial_mode="trailing-strings")
    except ValueError as exc:
        raise IncompleteJSON(str(exc)) from None
