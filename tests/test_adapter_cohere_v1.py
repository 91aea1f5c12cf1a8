"""The `cohere-v1` adapter: Cohere's deprecated Chat API v1 stream, NDJSON events typed by
`event_type`: text pieces, whole tool calls, citations, `stream-end` as the terminator."""

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

VENDOR = "cohere-v1"


def ndjson(*events: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(e).encode() + b"\n" for e in events)


START = {"is_finished": False, "event_type": "stream-start", "generation_id": "g1"}


def text(piece: str) -> dict[str, Any]:
    return {"is_finished": False, "event_type": "text-generation", "text": piece}


def end(reason: str = "COMPLETE", **response: Any) -> dict[str, Any]:
    meta = {
        "tokens": {"input_tokens": 3, "output_tokens": 2},
        "billed_units": {"input_tokens": 1, "output_tokens": 2},
    }
    return {
        "is_finished": True,
        "event_type": "stream-end",
        "finish_reason": reason,
        "response": {"meta": meta, **response},
    }


def test_text_pieces_and_the_end_event_give_the_message_with_token_counts() -> None:
    message = conformance.parse(VENDOR, [ndjson(START, text("Hi"), text(" there"), end())])
    assert (message.text, message.stop_reason, message.complete) == ("Hi there", "stop", True)
    assert message.usage == {"input_tokens": 3, "output_tokens": 2}


def test_whole_tool_calls_have_no_id_and_make_the_stop_tool_calls() -> None:
    calls = {"event_type": "tool-calls-generation", "tool_calls": [{"name": "f", "parameters": {"a": 1}}]}
    message = conformance.parse(VENDOR, [ndjson(START, calls, end())])
    assert [(c.id, c.name, c.arguments) for c in message.tool_calls] == [(None, "f", {"a": 1})]
    assert (message.stop_reason, message.vendor_stop_reason) == ("tool_calls", "COMPLETE")


@pytest.mark.parametrize(
    ("reason", "normalized"),
    [("MAX_TOKENS", "length"), ("ERROR_TOXIC", "content_filter"), ("ERROR", "error"), ("NEW_ONE", "other")],
)
def test_finish_reasons_are_normalized(reason: str, normalized: str) -> None:
    assert conformance.parse(VENDOR, [ndjson(START, end(reason))]).stop_reason == normalized


def test_an_event_after_the_end_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="after stream-end"):
        conformance.parse(VENDOR, [ndjson(START, end(), text("late"))])


def test_a_line_without_event_type_is_an_error_naming_it() -> None:
    with pytest.raises(conformance.VendorEventError, match="without a string 'event_type'") as info:
        conformance.parse(VENDOR, [ndjson(START, {"text": "x"})])
    assert info.value.event_index == 1


CASSETTES = [c for c in load_cassettes(vendor=VENDOR) if c.expected is not None]


def test_cassettes_cover_text_tools_citations_errors_and_truncation() -> None:
    assert {c.scenario for c in CASSETTES} >= {
        "text",
        "tool_calls",
        "citations",
        "error_invalid_token",
        "truncated",
    }


@pytest.mark.parametrize("cassette", CASSETTES, ids=[c.scenario for c in CASSETTES])
@given(data=st.data())
def test_any_split_of_a_cassette_gives_its_expected_message(cassette: Any, data: st.DataObject) -> None:
    assert conformance.parse(VENDOR, data.draw(chunkings(cassette.body))) == cassette.expected
