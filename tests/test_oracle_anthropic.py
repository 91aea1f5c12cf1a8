"""The official `anthropic` SDK agrees with `conformance.parse` on every bundled Anthropic
cassette (text, reasoning, tool calls and arguments, stop reason, usage); where the stream
breaks, the SDK's own behaviour is pinned next to ours."""

from __future__ import annotations

from functools import partial

import pytest

from tests._oracles import require_sdk

require_sdk("anthropic")
require_sdk("httpx2")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare, oracle_for
from conformance.oracles.anthropic import sdk_message
from conformance.suite.strategies import split_at
from tests._bundled import one_scenario

CASSETTES = load_cassettes(vendor="anthropic")
COMPLETE = [
    pytest.param(c, id=c.scenario) for c in CASSETTES if c.expected is not None and c.expected.complete
]


cassette = partial(one_scenario, CASSETTES)


def test_the_oracle_is_registered_for_anthropic() -> None:
    assert oracle_for("anthropic") is sdk_message


def test_complete_cassettes_cover_text_tools_thinking_and_usage() -> None:
    scenarios = {c.scenario for c in CASSETTES if c.expected is not None and c.expected.complete}
    assert {"text", "tool_use", "tool_use_parallel", "thinking", "usage_cache", "non_ascii"} <= scenarios


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_final_message_agrees_with_ours(cassette: Cassette) -> None:
    ours = conformance.parse("anthropic", [cassette.body])
    theirs = sdk_message(cassette.body)
    assert set(theirs) == {
        "text",
        "reasoning",
        "tool_calls",
        "vendor_stop_reason",
        "usage",
        "server_tool_calls",
        "server_tool_results",
        "citations",
        "signatures",
    }
    assert compare(ours, theirs) == []
    assert ours == cassette.expected


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_when_the_body_arrives_in_awkward_chunks(cassette: Cassette) -> None:
    body = cassette.body
    cuts = [i for i in range(1, len(body)) if body[i] >= 0x80 or body[i - 1] in b"\\\n"]
    chunks = split_at(body, cuts[::3] + list(range(7, len(body), 97)))
    assert compare(conformance.parse("anthropic", chunks), sdk_message(body, chunks=chunks)) == []


def test_sdk_raises_on_the_error_event_and_we_report_the_same_error() -> None:
    c = cassette("error_overloaded")
    ours = conformance.parse("anthropic", [c.body])
    theirs = sdk_message(c.body)
    assert theirs["sdk_error"].startswith("APIStatusError: ")
    assert theirs["error"] == ours.error == {"type": "overloaded_error", "message": "Overloaded"}
    assert theirs["text"] == ours.text == "Ishmael joins the whaling ship Pequod, whose captain, Ahab,"
    assert theirs["vendor_stop_reason"] is ours.vendor_stop_reason is None
    assert (ours.stop_reason, ours.complete) == ("error", False)
    assert compare(ours, {k: v for k, v in theirs.items() if k != "sdk_error"}) == []


def test_sdk_ends_a_truncated_stream_quietly_where_we_say_incomplete() -> None:
    c = cassette("truncated")
    ours = conformance.parse("anthropic", [c.body])
    theirs = sdk_message(c.body)
    assert "sdk_error" not in theirs  # the SDK raises nothing: its message just has no stop reason
    assert compare(ours, theirs) == []
    assert (ours.complete, ours.stop_reason, theirs["vendor_stop_reason"]) == (False, None, None)


def test_an_error_before_message_start_leaves_the_sdk_nothing_but_the_error() -> None:
    body = b'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"Internal error"}}\n\n'
    theirs = sdk_message(body)
    assert set(theirs) == {"sdk_error", "error"}
    assert theirs["error"] == conformance.parse("anthropic", [body]).error


def test_chunks_must_add_up_to_the_body() -> None:
    with pytest.raises(ValueError, match="add up"):
        sdk_message(b"abc", chunks=[b"ab"])


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(b"data:\n\n", id="unnamed-empty"),
        pytest.param(b"data: not json\n\n", id="unnamed-not-json"),
        pytest.param(b"event: content_block_delta\ndata:\n\n", id="named-empty"),
    ],
)
def test_lenient_mode_skips_unread_what_the_sdk_skips_unread(extra: bytes) -> None:
    """The SDK's `Stream.__stream__` skips an event without an `event:` line, and one with
    empty data, before parsing the data. Lenient mode (the probe's, when it judges a server)
    reads them the same; strict mode still calls them invalid JSON."""
    body = cassette("text").body
    first_end = body.index(b"\n\n") + 2  # after message_start
    odd = body[:first_end] + extra + body[first_end:]
    lenient = conformance.parse("anthropic", [odd], strict=False)
    assert lenient == conformance.parse("anthropic", [body])
    assert compare(lenient, sdk_message(odd)) == []
    with pytest.raises(conformance.StreamError, match="invalid JSON"):
        conformance.parse("anthropic", [odd])


def test_lenient_mode_shows_a_skipped_event_s_raw_data_in_the_vendor_events() -> None:
    """`vendor_events` (decoded leniently, for the schema check) keeps what the skipped event
    held, as text that a report or JSON can show."""
    import json

    body = cassette("text").body
    first_end = body.index(b"\n\n") + 2
    events = conformance.vendor_events(
        "anthropic", [body[:first_end] + b"data: not json\n\n" + body[first_end:]]
    )
    skipped = events[1]
    assert (skipped.type, skipped.data) == ("message", "not json")
    assert json.dumps(skipped.data) == '"not json"'
