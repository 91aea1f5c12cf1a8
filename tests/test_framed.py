"""The framed adapters' base: the sniffing hook, the document a server sends in place of frames,
and errors placed at their event."""

from __future__ import annotations

import json

import pytest

import conformance
from conformance.adapters._sniff import ERROR_DOCUMENT_BYTES
from conformance.errors import InvalidJSONError, StreamError, VendorEventError

GOOGLE_ERROR = {"error": {"code": 400, "message": "API key not valid.", "status": "INVALID_ARGUMENT"}}


@pytest.mark.parametrize("size", [1, 3, 1000])
def test_an_error_document_after_blank_chunks_is_the_error_at_any_split(size: int) -> None:
    body = b"\r\n  " + json.dumps(GOOGLE_ERROR).encode()
    chunks = [b"", *(body[i : i + size] for i in range(0, len(body), size))]
    message = conformance.parse("gemini-array", chunks)
    assert message.error == {"type": "INVALID_ARGUMENT", "message": "API key not valid."}
    assert not message.complete


@pytest.mark.parametrize(
    ("vendor", "instead_of"), [("gemini-array", "an array"), ("bedrock-converse", "frames")]
)
def test_a_document_over_the_bound_is_an_error_not_a_growing_buffer(vendor: str, instead_of: str) -> None:
    chunks = [b'{"message": "', b"x" * ERROR_DOCUMENT_BYTES]
    with pytest.raises(VendorEventError) as info:
        conformance.parse(vendor, chunks)
    what = f"a JSON error document, not {instead_of}"
    assert info.value.reason == f"a body starting with '{{' ({what}) over {ERROR_DOCUMENT_BYTES} bytes"
    assert (info.value.vendor, info.value.offset) == (vendor, 0)


def test_at_places_an_error_over_what_the_raising_layer_knew() -> None:
    error = StreamError("x", event_index=1, event_type="a", offset=2)
    assert error.at(event_index=5, event_type="b", offset=9) is error
    assert (error.vendor, error.event_index, error.event_type, error.offset) == (None, 5, "b", 9)
    error.at(event_index=0, event_type=None, offset=0, vendor="anthropic")
    assert str(error) == "x [vendor anthropic, event #0, byte offset 0]"


def test_invalid_json_names_its_frame_in_every_framing() -> None:
    # One JSON reading for all framings: SSE says "in data", the others do not.
    with pytest.raises(InvalidJSONError) as sse:
        conformance.parse("anthropic", [b"event: ping\ndata: {nope}\n\n"])
    assert sse.value.reason.startswith("invalid JSON in data: ")
    assert (sse.value.event_index, sse.value.event_type, sse.value.offset) == (0, "ping", 0)
    with pytest.raises(InvalidJSONError) as ndjson:
        conformance.parse("ollama", [b'{"model": "m"}\n{nope}\n'])
    assert ndjson.value.reason.startswith("invalid JSON: ")
    assert (ndjson.value.vendor, ndjson.value.event_index, ndjson.value.offset) == ("ollama", 1, 15)
