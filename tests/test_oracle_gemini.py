"""google-genai as the Gemini oracle: on every bundled Gemini cassette, fed through an in-memory
transport in small chunks, the official SDK assembles what the adapter does (text, reasoning,
tool calls and arguments, stop reason, usage, error).
Skipped without google-genai (a failure under CI: tests/_oracles.py)."""

from __future__ import annotations

import pytest

from tests._oracles import require_sdk

require_sdk("google.genai", reason="the Gemini oracle needs google-genai (the dev extra)")

from google.genai import errors

import conformance
from conformance.formats.cassettes import Cassette
from conformance.oracles import compare, oracle_for
from conformance.oracles.gemini import sdk_message
from tests._bundled import bundled


def gemini_cassettes(*, truncated: bool) -> list[object]:
    return [
        pytest.param(c, id=c.id)
        for c in bundled()
        if c.vendor == "gemini" and ("truncated" in c.features) == truncated
    ]


def chunks_of(body: bytes, size: int) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)]


def test_the_gemini_oracle_is_registered() -> None:
    assert oracle_for("gemini") is sdk_message


@pytest.mark.parametrize("cassette", gemini_cassettes(truncated=False))
@pytest.mark.parametrize("size", [7, 1 << 20])
def test_the_sdk_agrees_with_the_adapter_on_the_cassette(cassette: Cassette, size: int) -> None:
    ours = conformance.parse("gemini", [cassette.body])
    theirs = sdk_message(cassette.body, chunks=chunks_of(cassette.body, size))
    assert compare(ours, theirs) == []
    assert theirs["text"] or theirs["tool_calls"] or theirs.get("error") or theirs["vendor_stop_reason"]


@pytest.mark.parametrize("cassette", gemini_cassettes(truncated=True))
def test_the_sdk_fails_on_a_cut_event_where_the_adapter_reports_incomplete(cassette: Cassette) -> None:
    # google-genai parses the leftover bytes of an unfinished event as JSON and raises; the
    # kit keeps the whole events and says complete: false.
    assert conformance.parse("gemini", [cassette.body]).complete is False
    with pytest.raises(errors.UnknownApiResponseError):
        sdk_message(cassette.body)


def test_the_sdk_keeps_a_last_event_without_its_blank_line_which_the_adapter_drops() -> None:
    # A documented difference: WHATWG SSE does not dispatch an event the body ends inside.
    event = b'{"candidates": [{"content": {"parts": [{"text": "Hi"}]},"finishReason": "STOP"}]}'
    body = b"data: " + event + b"\r\n"
    assert sdk_message(body)["text"] == "Hi"
    message = conformance.parse("gemini", [body])
    assert (message.text, message.complete) == ("", False)
