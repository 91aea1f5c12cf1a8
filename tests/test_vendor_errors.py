"""The documented error answers (`conformance.formats.vendor_errors`), read by the official SDKs:
each SDK raises its own class for the status and reads the vendor's error type or status name
from the document, so the lifecycle check serves what the SDKs expect. Also: one cassette per
status, answering the base cassette's request."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.formats.cassettes import load_cassettes
from conformance.formats.vendor_errors import VENDOR_ERRORS, error_cassettes
from tests._bundled import one_scenario

httpx2 = pytest.importorskip("httpx2")

# status -> (the SDK's exception class, what it reads from the document)
ANTHROPIC = {
    400: ("BadRequestError", "invalid_request_error"),
    401: ("AuthenticationError", "authentication_error"),
    403: ("PermissionDeniedError", "permission_error"),
    404: ("NotFoundError", "not_found_error"),
    413: ("ContentTooLargeError", "request_too_large"),
    429: ("RateLimitError", "rate_limit_error"),
    500: ("InternalServerError", "api_error"),
    529: ("OverloadedError", "overloaded_error"),
}
OPENAI = {
    400: ("BadRequestError", None),
    401: ("AuthenticationError", "invalid_api_key"),
    403: ("PermissionDeniedError", "unsupported_country_region_territory"),
    404: ("NotFoundError", "model_not_found"),
    429: ("RateLimitError", "rate_limit_exceeded"),
    500: ("InternalServerError", None),
    503: ("InternalServerError", None),
}
GOOGLE = {
    400: ("ClientError", "INVALID_ARGUMENT"),
    403: ("ClientError", "PERMISSION_DENIED"),
    404: ("ClientError", "NOT_FOUND"),
    429: ("ClientError", "RESOURCE_EXHAUSTED"),
    500: ("ServerError", "INTERNAL"),
    503: ("ServerError", "UNAVAILABLE"),
    504: ("ServerError", "DEADLINE_EXCEEDED"),
}


def client_for(status: int, document: dict[str, Any]) -> Any:
    return httpx2.Client(transport=httpx2.MockTransport(lambda _: httpx2.Response(status, json=document)))


def test_every_vendor_in_the_table_has_its_sdk_reading_pinned_below() -> None:
    assert set(VENDOR_ERRORS["anthropic"]) == set(ANTHROPIC)
    assert set(VENDOR_ERRORS["openai-chat"]) == set(OPENAI)
    assert set(VENDOR_ERRORS["gemini"]) == set(GOOGLE)


@pytest.mark.parametrize("status", sorted(ANTHROPIC))
def test_the_anthropic_sdk_raises_its_class_and_reads_the_error_type(status: int) -> None:
    anthropic = pytest.importorskip("anthropic")
    http = client_for(status, VENDOR_ERRORS["anthropic"][status])
    sdk = anthropic.Anthropic(api_key="replay", max_retries=0, http_client=http)
    with (
        pytest.raises(anthropic.APIStatusError) as raised,
        sdk.messages.stream(
            model="claude-sonnet-4-6", max_tokens=8, messages=[{"role": "user", "content": "Hi"}]
        ),
    ):
        pass
    name, kind = ANTHROPIC[status]
    assert (type(raised.value).__name__, raised.value.status_code, raised.value.body["error"]["type"]) == (
        name,
        status,
        kind,
    )


@pytest.mark.parametrize("vendor", ["openai-chat", "openai-responses"])
@pytest.mark.parametrize("status", sorted(OPENAI))
def test_the_openai_sdk_raises_its_class_and_reads_the_error_code(vendor: str, status: int) -> None:
    openai = pytest.importorskip("openai")
    sdk = openai.OpenAI(
        api_key="replay", max_retries=0, http_client=client_for(status, VENDOR_ERRORS[vendor][status])
    )
    with pytest.raises(openai.APIStatusError) as raised:
        if vendor == "openai-chat":
            sdk.chat.completions.create(
                model="gpt-4.1", messages=[{"role": "user", "content": "Hi"}], stream=True
            )
        else:
            sdk.responses.create(model="gpt-4.1", input="Hi", stream=True)
    name, code = OPENAI[status]
    assert (type(raised.value).__name__, raised.value.status_code, raised.value.code) == (name, status, code)


@pytest.mark.parametrize("vendor", ["gemini", "vertex"])
@pytest.mark.parametrize("status", sorted(GOOGLE))
def test_google_genai_raises_its_class_and_reads_the_status_name(vendor: str, status: int) -> None:
    genai = pytest.importorskip("google.genai")
    from google.genai import errors, types

    options = types.HttpOptions(
        httpx_client=client_for(status, VENDOR_ERRORS[vendor][status]),
        retry_options=types.HttpRetryOptions(attempts=1),
    )
    sdk = genai.Client(api_key="replay", http_options=options)
    with pytest.raises(errors.APIError) as raised:
        list(sdk.models.generate_content_stream(model="gemini-2.5-flash", contents="Hi"))
    name, status_name = GOOGLE[status]
    assert (type(raised.value).__name__, raised.value.code, raised.value.status) == (
        name,
        status,
        status_name,
    )


def test_one_cassette_per_status_answering_the_base_request() -> None:
    base = one_scenario(load_cassettes(vendor="anthropic"), "text")
    made = error_cassettes(base)
    assert [c.status for c in made] == sorted(ANTHROPIC)
    for cassette in made:
        assert (cassette.method, cassette.uri, cassette.request_body) == (
            base.method,
            base.uri,
            base.request_body,
        )
        assert cassette.scenario == f"http_{cassette.status}" and cassette.provenance == "hand"
        assert cassette.response_headers == {"Content-Type": ["application/json"]}
    assert error_cassettes(one_scenario(load_cassettes(vendor="mistral"), "text")) == []  # not in the table
