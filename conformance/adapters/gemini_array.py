"""Gemini API streaming without SSE (`POST /v1beta/models/{model}:streamGenerateContent`, no `alt=sse`).

Wire format (docs: https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent):
the same `GenerateContentResponse` objects as the SSE stream (`gemini.py`), written as the
elements of one JSON array while the answer grows (`[{...}\\r\\n,\\r\\n{...}\\r\\n]`), as
clients that do not ask for `alt=sse` receive it. Elements are split by
`framing/json_array.py` and read by the `gemini` adapter's own handlers (one vendor's
rules, one place), so the same responses give the same `Message` in both framings. An
error mid-stream is an element `{"error": {"code", "message", "status"}}`; an HTTP error is
a JSON error document, bare or wrapped in a one-element array.

Unlike SSE, this framing has a terminator, the closing `]`: the stream is complete when
candidate 0 gave a `finishReason` (or the prompt was blocked) *and* the array was closed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from conformance.adapters._base import Handler, VendorEvent
from conformance.adapters._framed import Decoder, FramedAdapter
from conformance.adapters._sniff import error_document
from conformance.adapters.gemini import ERROR_EVENT, RESPONSE, GeminiAdapter
from conformance.errors import VendorEventError
from conformance.events import Event, StreamEnd
from conformance.framing.json_array import JSONArrayDecoder, JSONArrayElement


class GeminiArrayAdapter(FramedAdapter[JSONArrayElement]):
    vendor = "gemini-array"
    description = "Gemini API streamGenerateContent without alt=sse (one JSON array, written incrementally)"
    schemas_from = GeminiAdapter.vendor

    def __init__(self, **kwargs: Any) -> None:
        self._gemini = GeminiAdapter(**kwargs)
        super().__init__(**kwargs)

    def make_decoder(self) -> Decoder[JSONArrayElement]:
        self._array = JSONArrayDecoder(self.limits)  # kept typed: `array_closed` is its own
        return self._array

    def _handler_table(self) -> Mapping[str, Handler]:
        return {RESPONSE: self._forward, ERROR_EVENT: self._forward}

    def _sniff(self, chunk: bytes) -> bool:
        return self._hold_document(chunk, first=chunk.lstrip(b" \t\r\n"), instead_of="an array")

    def _close(self) -> list[Event]:
        if self._document is None:
            out = self._dispatch_frames(self._decoder.close())
            self._terminated = self._gemini._terminated and self._array.array_closed
            if self._array.array_closed and not self._terminated:
                return [
                    *out,
                    StreamEnd(complete=False, reason="the array closed before candidate 0 finished"),
                ]
            return [*out, *self._end(self._decoder.leftover_bytes)]
        error = error_document(bytes(self._document))
        if error is None:
            raise VendorEventError("a body starting with '{' that is not a JSON error document", offset=0)
        return [error, StreamEnd(complete=False, reason="the body is an error document, not a stream")]

    def vendor_events_of(self, frame: JSONArrayElement) -> Iterable[VendorEvent]:
        payload = self.parse_json(frame.text, index=frame.index, event_type=None, offset=frame.offset)
        if isinstance(payload, dict) and "error" in payload and "candidates" not in payload:
            kind = ERROR_EVENT
        else:
            kind = RESPONSE
        return [VendorEvent(kind, payload, frame.index, frame.offset)]

    def _forward(self, event: VendorEvent) -> list[Event]:
        return self._gemini._dispatch(event)
