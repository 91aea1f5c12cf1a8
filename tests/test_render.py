"""A streamed Message rendered as the vendor's non-streaming response: valid against the
response schema, and read back (batch.py) into an equal Message."""

from __future__ import annotations

import pytest

from conformance.formats.batch import (
    message_from_anthropic,
    message_from_gemini,
    message_from_openai_chat,
    message_from_openai_response,
)
from conformance.formats.cassettes import Cassette
from conformance.formats.render import RENDERABLE, to_vendor_response
from conformance.formats.schemas import check_response
from conformance.message import Message
from tests._bundled import bundled

READ_BACK = {
    "anthropic": message_from_anthropic,
    "openai-chat": message_from_openai_chat,
    "openai-responses": message_from_openai_response,
    "gemini": message_from_gemini,
}


def _finished(vendor: str) -> list[object]:
    """Finished streams the renderer covers: it does not write server tool calls, their results
    or citations yet (issue 22 added them to `Message`; `render.py` is the next step)."""
    return [
        pytest.param(c, id=c.id)
        for c in bundled()
        if c.vendor == vendor
        and c.expected is not None
        and c.expected.complete
        and not (c.expected.server_tool_calls or c.expected.server_tool_results or c.expected.citations)
    ]


@pytest.mark.parametrize("vendor", RENDERABLE)
def test_every_finished_stream_renders_as_a_valid_response_that_reads_back_equal(vendor: str) -> None:
    cassettes = [p.values[0] for p in _finished(vendor)]  # type: ignore[attr-defined]
    if not cassettes:
        pytest.skip(f"no finished {vendor} cassettes bundled")
    for cassette in cassettes:
        assert isinstance(cassette, Cassette)
        expected = cassette.expected
        assert expected is not None
        body = to_vendor_response(expected)
        assert check_response(vendor, body) == [], cassette.id
        assert READ_BACK[vendor](body) == expected, cassette.id


def test_rendering_for_another_vendor_maps_the_stop_reason() -> None:
    message = Message(
        vendor="anthropic", text="hi", stop_reason="length", vendor_stop_reason="max_tokens", complete=True
    )
    body = to_vendor_response(message, "openai-chat")
    assert body["choices"][0]["finish_reason"] == "length"
    assert check_response("openai-chat", body) == []


def test_an_invalid_response_is_reported_with_its_path() -> None:
    body = to_vendor_response(Message(vendor="anthropic", text="hi", complete=True))
    body["usage"]["output_tokens"] = "many"
    problems = check_response("anthropic", body)
    assert problems and problems[0].startswith("$.usage.output_tokens")


def test_unknown_vendor_cannot_be_rendered() -> None:
    with pytest.raises(ValueError, match="renderable"):
        to_vendor_response(Message(vendor="x"), "nobody")
