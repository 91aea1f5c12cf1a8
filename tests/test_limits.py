"""`conformance.limits`: the JSON depth and integer checks, linear whatever the text holds.

The checks read JSON text before it is parsed, skipping strings; `reference_check` below is
the plain character-by-character reading of the same rules, and the fast regex version must
agree with it on any text, JSON or not. The issue 16 reproductions (an unclosed string of
escaped quotes, which the old backtracking pattern took quadratic time over) run here at
the issue's size: milliseconds when linear, seconds when not; the assertion is the typed
outcome, the linearity itself is measured by `bench/linear.py`.
"""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance
from conformance.errors import LimitExceededError
from conformance.framing.eventstream import encode_message
from conformance.limits import INT_DIGITS_LIMIT, Limits, check_json, check_json_depth

DIGITS = sys.get_int_max_str_digits()


def reference_check(text: str, limits: Limits, *, integers: bool = True) -> str | None:
    """The limit `check_json` must name for `text` (None: within limits), one character at a time.

    Strings run from a quote to the next unescaped quote, or to the end of the text; outside
    them each `[`/`{` opens a level and each `]`/`}` closes one. An integer is a run of
    digits outside strings that is no fraction or exponent: not after `.`, `e`, `E`, `+`
    or `e-`, not before `.`, `e`, `E`.
    """
    bare: list[str] = []  # the text with each string replaced by one quote
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
            bare.append('"')
        else:
            bare.append(char)
    depth = deepest = 0
    for char in bare:
        depth += 1 if char in "[{" else -1 if char in "]}" else 0
        deepest = max(deepest, depth)
    if deepest > limits.max_json_depth:
        return "max_json_depth"
    if not integers:
        return None
    run_start = None
    for i, char in enumerate([*bare, " "]):
        if char.isascii() and char.isdigit():
            run_start = i if run_start is None else run_start
            continue
        if run_start is not None:
            before = "".join(bare[max(0, run_start - 2) : run_start])
            fraction_or_exponent = before[-1:] in (".", "e", "E", "+") or before in ("e-", "E-")
            if not fraction_or_exponent and char not in ".eE" and i - run_start > DIGITS:
                return INT_DIGITS_LIMIT
            run_start = None
    return None


def outcome(text: str, limits: Limits, *, integers: bool = True) -> str | None:
    try:
        check_json(text, limits, integers=integers)
    except LimitExceededError as exc:
        return exc.limit
    return None


SMALL = Limits(max_json_depth=3)
# Text made of what the checks look at: brackets, quotes, escapes, digits and what may sit
# around a number, with long runs of digits (over the interpreter's limit) now and then.
_PIECES = st.sampled_from(
    ['"', "\\", "\\\\", '\\"', "[", "]", "{", "}", ".", "e", "E", "-", "+", "1", " ", ",", "a", "\x01"]
)  # "\x01": the mark check_json's shortcut gives escaped quotes, so the text must not hold it
_LONG_RUN = st.integers(DIGITS - 1, DIGITS + 2).map(lambda n: "7" * n)
_TEXTS = st.lists(st.one_of(_PIECES, _LONG_RUN), max_size=40).map("".join)


@given(_TEXTS, st.booleans())
def test_check_json_agrees_with_the_plain_reading_on_any_text(text: str, integers: bool) -> None:
    assert outcome(text, SMALL, integers=integers) == reference_check(text, SMALL, integers=integers)


@given(st.recursive(st.none() | st.integers() | st.text(max_size=3), lambda kids: st.lists(kids, max_size=2)))
def test_valid_json_is_refused_exactly_when_it_nests_deeper_than_the_limit(value: object) -> None:
    def depth(v: object) -> int:
        return 1 + max(map(depth, v), default=0) if isinstance(v, list) else 0

    expected = "max_json_depth" if depth(value) > SMALL.max_json_depth else None
    assert outcome(json.dumps(value), SMALL) == expected


def test_an_integer_one_digit_over_the_limit_is_refused_and_a_float_that_long_is_not() -> None:
    number = "9" * (DIGITS + 1)
    assert outcome(f'{{"n": -{number}}}', SMALL) == INT_DIGITS_LIMIT
    assert outcome(f'{{"n": {number[1:]}}}', SMALL) is None
    for float_text in (f"{number}.5", f"1.{number}", f"1e{number}", f"1E-{number}", f"{number}e2"):
        assert outcome(f"[{float_text}]", SMALL) is None, float_text
    assert outcome(f'["{number}"]', SMALL) is None  # digits in a string are text


def test_depth_alone_leaves_integers_to_json_loads() -> None:
    check_json_depth("[" + "9" * (DIGITS + 1) + "]", SMALL)  # no error: json.loads reports it
    with pytest.raises(LimitExceededError):
        check_json_depth("[[[[1]]]]", SMALL)


# Issue 16's reproduction: an unclosed string of escaped quotes behind 300 brackets, which
# took 7.3 s (16,000 escapes) through the old backtracking string pattern.
ESCAPED_QUOTES = 16_000
ISSUE_PAYLOAD = b"[" * 300 + b'"' + b'\\"' * ESCAPED_QUOTES


def test_issue_reproduction_in_an_event_payload_is_a_depth_error_at_the_event() -> None:
    with pytest.raises(LimitExceededError) as info:
        conformance.parse("openai-chat", [b"data: " + ISSUE_PAYLOAD + b"\n\n"])
    assert (info.value.limit, info.value.vendor, info.value.event_index, info.value.offset) == (
        "max_json_depth",
        "openai-chat",
        0,
        0,
    )


def _anthropic_tool_call(arguments: str) -> bytes:
    def sse(event: str, data: object) -> bytes:
        return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()

    message = {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5"}
    message |= {"content": [], "stop_reason": None, "usage": {"input_tokens": 1, "output_tokens": 1}}
    block = {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {}}
    delta = {"type": "input_json_delta", "partial_json": arguments}
    return b"".join(
        [
            sse("message_start", {"type": "message_start", "message": message}),
            sse("content_block_start", {"type": "content_block_start", "index": 0, "content_block": block}),
            sse("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta}),
            sse("content_block_stop", {"type": "content_block_stop", "index": 0}),
        ]
    )


def test_issue_reproduction_in_tool_arguments_is_a_depth_error_naming_the_call() -> None:
    body = _anthropic_tool_call(ISSUE_PAYLOAD.decode())
    with pytest.raises(LimitExceededError) as info:
        conformance.parse("anthropic", [body])
    assert info.value.limit == "max_json_depth"
    assert info.value.reason.startswith("tool call 0 arguments:")
    assert info.value.event_type == "content_block_stop"


def test_an_unclosed_string_of_escaped_quotes_in_long_tool_arguments_passes_the_integer_check() -> None:
    # Longer than the digit limit, so the integer check reads it (the old pattern: quadratic).
    body = _anthropic_tool_call('{"q": "' + '\\"' * ESCAPED_QUOTES)
    message = conformance.parse("anthropic", [body])
    assert message.tool_calls[0].arguments == {"q": '"' * ESCAPED_QUOTES}  # the partial value


@given(_TEXTS.map(lambda t: t.replace("a", "\u00e9\u4e2d")))  # non-ASCII: multi-byte in UTF-8
def test_depth_of_utf8_bytes_is_the_depth_of_their_text(text: str) -> None:
    def refused(value: str | bytes) -> bool:
        try:
            check_json_depth(value, SMALL)
        except LimitExceededError:
            return True
        return False

    assert refused(text.encode()) == refused(text)


DEEP = "[" * 300 + "]" * 300  # over the default max_json_depth (256), under json.loads' recursion limit


def test_an_ndjson_line_nested_deeper_than_the_limit_is_refused_at_its_line() -> None:
    # Before: NDJSON and event-stream payloads were only stopped by json.loads' RecursionError.
    first = {
        "model": "m",
        "created_at": "2025-01-01T00:00:00Z",
        "message": {"role": "assistant", "content": "hi"},
    }
    body = (json.dumps({**first, "done": False}) + "\n").encode()
    body += b'{"model": "m", "deep": ' + DEEP.encode() + b', "done": false}\n'
    with pytest.raises(LimitExceededError) as info:
        conformance.parse("ollama", [body])
    assert (info.value.limit, info.value.vendor, info.value.event_index) == ("max_json_depth", "ollama", 1)


def test_an_event_stream_payload_nested_deeper_than_the_limit_is_refused_at_its_frame() -> None:
    headers = {
        ":event-type": "contentBlockDelta",
        ":content-type": "application/json",
        ":message-type": "event",
    }
    payload = b'{"contentBlockIndex": 0, "delta": {"text": "\\u00e9"}, "deep": ' + DEEP.encode() + b"}"
    with pytest.raises(LimitExceededError) as info:
        conformance.parse("bedrock-converse", [encode_message(headers, payload)])
    assert (info.value.limit, info.value.vendor, info.value.event_index) == (
        "max_json_depth",
        "bedrock-converse",
        0,
    )


@pytest.mark.parametrize("size", [1_000, 2 * 1024 * 1024])  # under and over the shortcut's 1 MiB
def test_deep_text_with_escapes_is_refused_the_same_on_either_side_of_the_shortcut(size: int) -> None:
    inside = '"a \\" [[[ \\\\", '  # brackets in a string holding an escaped quote and backslash
    padding = inside * (size // len(inside))
    deep = "[" * 4 + padding + "]" * 4
    assert outcome(deep, SMALL) == reference_check(deep, SMALL) == "max_json_depth"
    shallow = "[" * 3 + padding + "]" * 3
    assert outcome(shallow, SMALL) is None and reference_check(shallow, SMALL) is None
