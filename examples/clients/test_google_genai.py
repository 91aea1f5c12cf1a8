"""The official `google-genai` SDK, checked whole-client by stream-conformance.

`client.models.generate_content_stream(...)` against the loopback server (the Gemini API's
`/v1beta` path); its `GenerateContentResponse`s go through `conformance.from_gemini`.

    pip install 'stream-conformance[ecosystem]'
    pytest examples/clients/test_google_genai.py
"""

from __future__ import annotations

import functools

from _common import CUT_AT_THE_END, ENDED, UNTERMINATED, model, normalized, suites
from google import genai
from google.genai import errors, types

from conformance import AdapterSuite, Message, from_gemini


@functools.cache
def client(base_url: str) -> genai.Client:
    """One client per server: making one costs half a second (its TLS context)."""
    return genai.Client(
        api_key="test", http_options=types.HttpOptions(base_url=base_url, api_version="v1beta")
    )


class GeminiGenerateContent(AdapterSuite):
    # An error event or an HTTP error status makes the SDK raise `APIError`; a body cut inside
    # an event, `UnknownApiResponseError` (it cannot parse the rest): how it reports them.
    typed_errors = (errors.APIError, errors.UnknownApiResponseError)
    request_examples = 3
    unsupported = frozenset({"truncated_end"})
    notes = {"truncated_end": CUT_AT_THE_END, "normalize": ENDED}
    normalize = normalized()
    defects = {
        "truncated_mid: stop_reason": UNTERMINATED,
        "keepalive: raised UnknownApiResponseError": (
            "google-genai takes an SSE comment line (`: keep-alive`, which proxies add) for data and "
            "raises; Gemini itself sends none"
        ),
    }

    def request(self, base_url: str) -> Message:
        responses = list(client(base_url).models.generate_content_stream(model=model(), contents="Hi"))
        return from_gemini(responses)


globals().update(suites(GeminiGenerateContent, "google-genai", {"gemini": {}}))
