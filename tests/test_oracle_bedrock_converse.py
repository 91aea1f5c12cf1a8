"""botocore as the Bedrock oracle: what it makes of bodies it cannot fold whole. A body that
is not event-stream frames and a stream cut inside a frame are answers (`sdk_error`, or the
fold so far), never an exception out of the oracle. (The agreement on every complete bundled
cassette is pinned in tests/test_adapter_bedrock_converse.py.)
Skipped without botocore (a failure under CI: tests/_oracles.py)."""

from __future__ import annotations

from functools import partial

from tests._oracles import require_sdk

require_sdk("botocore", reason="the Bedrock oracle needs botocore (the dev extra)")

import conformance
from conformance.formats.cassettes import load_cassettes
from conformance.oracles import oracle_for
from conformance.oracles.bedrock_converse import sdk_message
from tests._bundled import one_scenario

CASSETTES = load_cassettes(vendor="bedrock-converse")


cassette = partial(one_scenario, CASSETTES)


def test_the_bedrock_oracle_is_registered() -> None:
    assert oracle_for("bedrock-converse") is sdk_message


def test_a_json_error_document_in_place_of_frames_is_an_sdk_error_not_an_exception() -> None:
    # HTTP 400 with {"message": ...}: botocore reads the JSON's first bytes as a frame prelude.
    body = cassette("error_validation").body
    assert body.startswith(b'{"message"')
    theirs = sdk_message(body)
    assert theirs["sdk_error"].startswith("ChecksumMismatch: ")
    assert (theirs["text"], theirs["tool_calls"]) == ("", [])


def test_a_stream_cut_inside_a_frame_keeps_what_came_before_and_the_arguments_as_text() -> None:
    entry = cassette("truncated")
    theirs = sdk_message(entry.body)
    ours = conformance.parse("bedrock-converse", [entry.body])
    assert "sdk_error" not in theirs  # botocore drops a partial frame at the end silently
    assert "vendor_stop_reason" not in theirs and not ours.complete
    assert theirs["text"] == ours.text == "I'll look up the current weather in Zürich."
    (call,) = theirs["tool_calls"]
    (our_call,) = ours.tool_calls
    assert call["arguments"] == our_call.arguments_json == '{"city": "Z'
    assert (call["id"], call["name"]) == (our_call.id, our_call.name)
