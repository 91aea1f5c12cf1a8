"""JSON text that may be cut short: complete parsing and best-effort partial parsing.

Tool-call arguments arrive as JSON text in fragments. While they stream, a UI (and the
snapshot API) wants "what the arguments look like so far"; at the end, the arguments
must be valid JSON. Complete parsing is `json.loads`. Partial parsing is the incremental
parser in `incremental_json`, whose snapshots equal jiter's partial mode with incomplete
strings kept ("trailing-strings"), the parser the official SDKs re-run on the whole
buffer after every fragment: so our snapshots are what theirs are, without the quadratic
re-parsing (see docs/performance.md).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from conformance.events import JSONValue
from conformance.json.incremental import IncompleteJSON, IncrementalJSON

__all__ = ["IncompleteJSON", "PartialArguments", "parse_complete", "parse_partial"]


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
    except (ValueError, RecursionError) as exc:  # ValueError: also an integer over Python's digit limit
        raise IncompleteJSON(str(exc)) from None


def parse_partial(text: str) -> JSONValue:
    """Best-effort value of a JSON prefix; never raises on a prefix of valid JSON.

    Returns `{}` for empty text, as SDKs show a tool call whose arguments have not begun.
    Text that can never become JSON (not a prefix of any document) raises `IncompleteJSON`,
    as does a prefix jiter refuses (a top-level `tru` or `1.`).
    """
    if not text.strip():
        return {}
    parser = IncrementalJSON()
    parser.feed(text)
    return parser.snapshot()


class PartialArguments:
    """`parse_partial` of a growing list of fragments, reading each fragment once.

    `value(fragments)` reads only the fragments appended since the last call, so a
    snapshot after every fragment costs what that fragment adds (plus the open containers'
    shallow copies), where re-parsing the joined text would cost the whole text each time.
    Fed lazily: a stream assembled without snapshots never pays for partial parsing.
    """

    __slots__ = ("_blank", "_parser", "_read")

    def __init__(self, *, max_depth: int = 256) -> None:
        self._parser = IncrementalJSON(max_depth=max_depth)
        self._read = 0  # fragments fed so far
        self._blank = True  # every fragment so far is whitespace (parse_partial's `{}` case)

    def value(self, fragments: Sequence[str]) -> JSONValue:
        """`parse_partial("".join(fragments))`, given the same list, grown, on every call."""
        read = self._read
        if len(fragments) > read:
            parser = self._parser
            for fragment in fragments[read:]:
                if self._blank and fragment.strip():
                    self._blank = False
                try:
                    parser.feed(fragment)
                except IncompleteJSON:
                    break  # kept by the parser: snapshot() raises it (unless all is blank)
            self._read = len(fragments)
        return {} if self._blank else self._parser.snapshot()
