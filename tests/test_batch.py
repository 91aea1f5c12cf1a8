"""Batch results and streams of the same answer give equal Messages (stream <=> batch)."""

from __future__ import annotations

import pytest

import conformance
from conformance.formats.batch import BatchFormatError, anthropic_batch_results, openai_batch_output
from conformance.formats.cassettes import bundled_cassette_dir, load_cassette

BATCH = bundled_cassette_dir() / "batch"


def streamed(cassette_id: str) -> conformance.Message:
    cassette = load_cassette(bundled_cassette_dir() / f"{cassette_id}.yaml")
    return conformance.parse(cassette.vendor, [cassette.body])


def test_anthropic_batch_results_equal_the_streams_of_the_same_answers() -> None:
    results = anthropic_batch_results((BATCH / "anthropic-message-batch-results.jsonl").read_bytes())
    assert results["tide-pools"] == streamed("anthropic/text")
    assert results["lisbon-weather"] == streamed("anthropic/tool_use")


def test_anthropic_batch_failures_become_messages_that_say_so() -> None:
    results = anthropic_batch_results((BATCH / "anthropic-message-batch-results.jsonl").read_bytes())
    errored = results["too-long"]
    assert errored.error is not None and errored.error["type"] == "invalid_request_error"
    assert (errored.stop_reason, errored.complete) == ("error", False)
    assert (results["never-ran"].stop_reason, results["never-ran"].vendor_stop_reason) == (
        "cancelled",
        "canceled",
    )
    assert results["too-late"].vendor_stop_reason == "expired" and not results["too-late"].complete


def test_openai_batch_output_equals_the_streams_of_the_same_answers() -> None:
    results = openai_batch_output((BATCH / "openai-batch-output.jsonl").read_bytes())
    assert results["hello"] == streamed("openai-chat/text")
    assert results["paris-weather"] == streamed("openai-chat/tool_call")


def test_openai_batch_errors_keep_their_codes() -> None:
    results = openai_batch_output((BATCH / "openai-batch-output.jsonl").read_bytes())
    assert results["bad-model"].error == {
        "type": "invalid_request_error",
        "message": "The model `gpt-0` does not exist or you do not have access to it.",
    }
    assert results["expired"].error is not None and results["expired"].error["type"] == "batch_expired"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            b'{"custom_id": "a", "result": {"type": "succeeded", "message": {}}}\nnot json\n',
            "line 2 is not JSON",
        ),
        (b'{"result": {}}\n', "no custom_id"),
        (b'{"custom_id": "a", "result": {"type": "exploded"}}\n', "unknown batch result type"),
    ],
)
def test_malformed_anthropic_batch_lines_are_typed_errors(data: bytes, reason: str) -> None:
    with pytest.raises(BatchFormatError, match=reason) as info:
        anthropic_batch_results(data)
    assert info.value.offset is not None


def test_openai_batch_body_of_an_unknown_object_is_refused() -> None:
    line = (
        b'{"custom_id": "x", "response": {"status_code": 200, "body": {"object": "embedding"}}, '
        b'"error": null}\n'
    )
    with pytest.raises(BatchFormatError, match=r"neither chat\.completion nor response"):
        openai_batch_output(line)
