"""The `gemini-array` adapter: Gemini's `streamGenerateContent` without `alt=sse`, one JSON
array of GenerateContentResponse objects. The same responses give the same Message as the
`gemini` adapter gives over SSE; the closing `]` is the terminator."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance
from conformance.formats.cassettes import load_cassettes
from conformance.suite.strategies import chunkings

VENDOR = "gemini-array"
GEMINI = [c for c in load_cassettes(vendor="gemini") if c.expected is not None]


def as_array(events: list[Any]) -> bytes:
    return ("[" + "\r\n,\r\n".join(json.dumps(e, indent=2) for e in events) + "\r\n]").encode()


@pytest.mark.parametrize(
    "cassette", [c for c in GEMINI if c.scenario != "truncated"], ids=lambda c: c.scenario
)
def test_every_gemini_cassettes_responses_as_an_array_give_the_same_message(cassette: Any) -> None:
    events = [e.data for e in conformance.vendor_events("gemini", [cassette.body])]
    over_sse = conformance.parse("gemini", [cassette.body]).to_dict()
    assert conformance.parse(VENDOR, [as_array(events)]).to_dict() == {**over_sse, "vendor": VENDOR}


TEXT = {"candidates": [{"content": {"parts": [{"text": "Hi"}], "role": "model"}, "index": 0}]}
STOP = {
    "candidates": [
        {"content": {"parts": [{"text": "!"}], "role": "model"}, "finishReason": "STOP", "index": 0}
    ]
}


def test_without_the_closing_bracket_a_finished_answer_is_not_complete() -> None:
    body = as_array([TEXT, STOP])
    assert conformance.parse(VENDOR, [body]).complete
    cut = conformance.parse(VENDOR, [body[:-1]])
    assert (cut.text, cut.stop_reason, cut.complete) == ("Hi!", "stop", False)


def test_a_closed_array_without_a_finish_is_not_complete() -> None:
    message = conformance.parse(VENDOR, [as_array([TEXT])])
    assert (message.text, message.complete) == ("Hi", False)


def test_a_bare_json_error_document_is_the_error() -> None:
    body = b'{"error": {"code": 400, "message": "API key not valid.", "status": "INVALID_ARGUMENT"}}'
    message = conformance.parse(VENDOR, [body[i : i + 5] for i in range(0, len(body), 5)])
    assert message.error == {"type": "INVALID_ARGUMENT", "message": "API key not valid."}


def test_a_body_that_is_neither_array_nor_error_document_is_an_error() -> None:
    with pytest.raises(conformance.VendorEventError, match="not a JSON error document"):
        conformance.parse(VENDOR, [b'{"candidates": []}'])
    with pytest.raises(conformance.FramingError, match="opening"):
        conformance.parse(VENDOR, [b"data: {}\r\n\r\n"])


def test_invalid_json_in_an_element_names_the_element() -> None:
    body = b'[{"candidates": []}\r\n,\r\n{"candidates": [}]'
    with pytest.raises(conformance.InvalidJSONError) as info:
        conformance.parse(VENDOR, [body])
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (
        VENDOR,
        1,
        body.index(b'{"candidates": [}'),
    )


CASSETTES = [c for c in load_cassettes(vendor=VENDOR) if c.expected is not None]


def test_cassettes_cover_text_calls_thinking_errors_and_truncation() -> None:
    assert {c.scenario for c in CASSETTES} >= {
        "text",
        "function_call",
        "thinking",
        "error_mid_stream",
        "error_document",
        "truncated",
    }


@pytest.mark.parametrize("cassette", CASSETTES, ids=[c.scenario for c in CASSETTES])
@given(data=st.data())
def test_any_split_of_a_cassette_gives_its_expected_message(cassette: Any, data: st.DataObject) -> None:
    assert conformance.parse(VENDOR, data.draw(chunkings(cassette.body))) == cassette.expected
