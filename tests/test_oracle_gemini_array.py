"""The `google-genai` SDK as the oracle of Gemini's JSON-array streaming: the array read whole
with `json.loads`, its elements given to the SDK as SSE events, agree with
`conformance.parse` on every complete bundled `gemini-array` cassette. Skipped without
google-genai."""

from __future__ import annotations

from functools import partial

import pytest

from tests._oracles import require_sdk

require_sdk("google.genai", reason="the Gemini oracle needs google-genai (the dev extra)")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import compare, oracle_for
from conformance.oracles.gemini_array import as_sse, sdk_message
from tests._bundled import one_scenario

VENDOR = "gemini-array"
CASSETTES = load_cassettes(vendor=VENDOR)
COMPLETE = [
    pytest.param(c, id=c.scenario) for c in CASSETTES if c.expected is not None and c.expected.complete
]

cassette = partial(one_scenario, CASSETTES)


def test_the_oracle_is_registered() -> None:
    assert oracle_for(VENDOR) is sdk_message


@pytest.mark.parametrize("cassette", COMPLETE)
def test_sdk_agrees_with_parse_and_the_expected_message(cassette: Cassette) -> None:
    theirs = sdk_message(cassette.body)
    assert not {k for k in theirs if k.startswith("sdk_")}
    assert compare(conformance.parse(VENDOR, [cassette.body]), theirs) == []
    assert cassette.expected is not None
    assert compare(cassette.expected, theirs) == []


@pytest.mark.parametrize("scenario", ["error_mid_stream", "error_document"])
def test_errors_in_the_array_are_the_sdks_api_errors(scenario: str) -> None:
    entry = cassette(scenario)
    theirs = sdk_message(entry.body)
    assert theirs["error"] == conformance.parse(VENDOR, [entry.body]).error


def test_a_body_cut_short_is_not_something_the_sdk_reads() -> None:
    body = cassette("truncated").body
    assert as_sse(body) is None
    assert set(sdk_message(body)) == {"sdk_unsupported"}
