"""The `ollama-generate` adapter: `/api/generate`'s NDJSON lines, read as the `ollama`
adapter reads `/api/chat` but with the text in the top-level `response` and the reasoning
in the top-level `thinking`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance
from conformance import ProtocolError
from conformance.formats.cassettes import load_cassettes
from conformance.suite.strategies import chunkings

VENDOR = "ollama-generate"


def ndjson(*lines: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(line).encode() + b"\n" for line in lines)


def line(response: str = "", *, done: bool = False, **extra: Any) -> dict[str, Any]:
    return {
        "model": "llama3.2",
        "created_at": "2025-10-21T08:02:11Z",
        "response": response,
        "done": done,
        **extra,
    }


DONE = line(done=True, done_reason="stop", context=[1, 2, 3], prompt_eval_count=5, eval_count=2)


def test_response_pieces_are_the_text_and_the_done_line_ends_the_stream() -> None:
    message = conformance.parse(VENDOR, [ndjson(line("Hi"), line(" there"), DONE)])
    assert (message.text, message.stop_reason, message.complete) == ("Hi there", "stop", True)
    assert message.usage == {"input_tokens": 5, "output_tokens": 2}


def test_top_level_thinking_is_the_reasoning() -> None:
    message = conformance.parse(VENDOR, [ndjson(line(thinking="Hmm."), line("42"), DONE)])
    assert (message.reasoning, message.text) == ("Hmm.", "42")


def test_a_chat_shaped_line_gives_no_text_to_the_generate_adapter() -> None:
    # /api/chat puts its text in `message.content`; /api/generate never does.
    chat = {
        "model": "llama3.2",
        "created_at": "x",
        "message": {"role": "assistant", "content": "hi"},
        "done": False,
    }
    assert conformance.parse(VENDOR, [ndjson(chat, DONE)]).text == ""


def test_a_line_after_the_done_line_is_a_protocol_error() -> None:
    first = ndjson(line("a"), DONE)
    with pytest.raises(ProtocolError, match="after the done line") as info:
        conformance.parse(VENDOR, [first + ndjson(line("b"))])
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (VENDOR, 2, len(first))


def test_a_response_that_is_not_a_string_names_the_field() -> None:
    with pytest.raises(conformance.VendorEventError, match="'response' should be a string"):
        conformance.parse(VENDOR, [ndjson(line() | {"response": 7})])


CASSETTES = [c for c in load_cassettes(vendor=VENDOR) if c.expected is not None]


def test_cassettes_cover_text_thinking_length_errors_and_truncation() -> None:
    assert {c.scenario for c in CASSETTES} >= {
        "text",
        "thinking",
        "length",
        "error_mid_stream",
        "error_model_not_found",
        "truncated",
    }


@pytest.mark.parametrize("cassette", CASSETTES, ids=[c.scenario for c in CASSETTES])
@given(data=st.data())
def test_any_split_of_a_cassette_gives_its_expected_message(cassette: Any, data: st.DataObject) -> None:
    assert conformance.parse(VENDOR, data.draw(chunkings(cassette.body))) == cassette.expected
