"""Secret scrubbing: nothing that could be a credential is ever written into a cassette.

Applied by the recorder to every recording before a cassette is built, and usable on its
own (`scrub_cassette`). Three layers, because a key's *format* is not enough to find it:

- **By value.** Every credential the recorder sent this run (`secrets`: the API key, an
  AWS secret and its signature, whatever its format) is replaced wherever it appears —
  URL, headers, request and response bodies, metadata (the expected message too) — in
  each form a server may echo it (raw, percent-encoded, JSON-escaped).
- **By allowlist.** Response headers are kept only when known to be harmless
  (`KEPT_RESPONSE_HEADERS`, per vendor); request/trace/correlation ids that change on every
  call are normalized (`NORMALIZED_HEADERS`); everything else is dropped. Request headers
  named in `SECRET_HEADERS` are dropped; a query parameter whose name says it carries a
  credential (`api-key`, `key`, `sig`, …: `SECRET_QUERY_NAME`) gets the `PLACEHOLDER`.
- **By format.** Anything that matches `CREDENTIAL_PATTERNS` is replaced too, so a key
  pasted into a prompt (not sent by this run) is caught as well.

`secrets_found` is the final check: it names what survived (never printing the value).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

from conformance.errors import StreamError
from conformance.formats.cassettes import Cassette
from conformance.framing.eventstream import (
    EventStreamDecoder,
    EventStreamMessage,
    HeaderValue,
    encode_message,
)

PLACEHOLDER = "<scrubbed>"

MIN_SECRET_CHARS = 8
"""A credential shorter than this cannot be replaced by value without mangling the body."""

# Credential headers of each vendor (their API references) and generic auth headers.
SECRET_HEADERS = frozenset(
    {
        "authorization",  # OpenAI, Mistral, Groq, Cohere, OpenRouter, DeepSeek, xAI: Bearer
        "proxy-authorization",
        "x-api-key",  # Anthropic
        "x-goog-api-key",  # Gemini
        "api-key",  # Azure OpenAI
        "openai-organization",
        "openai-project",
        "anthropic-organization-id",
        "cookie",
        "set-cookie",
        "x-amz-security-token",  # Bedrock (SigV4)
        "x-amz-date",
        "x-amz-content-sha256",
    }
)

SECRET_QUERY_NAME = re.compile(r"key|token|secret|sig|auth|password|credential|session", re.IGNORECASE)
"""A query parameter whose name contains one of these carries a credential (`api-key`,
`key`, `access_token`, `X-Amz-Signature`, `sig`…): its value is replaced, whatever it is."""

# Response headers known to be harmless, per vendor (their API references: rate limits,
# processing time, versions). A name ending in "*" is a prefix. Everything not listed here
# or in NORMALIZED_HEADERS is dropped: an unknown header may echo anything.
_COMMON_KEPT = ("content-type", "retry-after", "x-ratelimit-*")
_OPENAI_KEPT = ("openai-processing-ms", "openai-version", "x-envoy-upstream-service-time")
KEPT_RESPONSE_HEADERS: dict[str, tuple[str, ...]] = {
    "anthropic": ("anthropic-ratelimit-*",),
    "openai-chat": _OPENAI_KEPT,
    "openai-responses": _OPENAI_KEPT,
    "azure-openai": ("x-ms-region", "azureml-model-session", "x-ms-deployment-name"),
    "gemini": ("server-timing",),
    "gemini-interactions": ("server-timing",),
    "vertex": ("server-timing",),
    "mistral": ("ratelimitbysize-*", "x-ratelimitbysize-*", "x-envoy-upstream-service-time"),
    "cohere": ("num_chars", "num_tokens", "x-envoy-upstream-service-time"),
    "groq": ("x-groq-region",),
    "openrouter": (),
    "deepseek": (),
    "xai": (),
    "vllm": (),
    "ollama": (),
    "bedrock-converse": (),
}

# Response headers whose values change on every call (request, trace and correlation ids,
# the date) and mean nothing on replay: kept under their name with a fixed value, since
# SDKs read some of them (`request-id` becomes `_request_id` in the Anthropic SDK).
NORMALIZED_HEADERS = {
    "request-id": "req_scrubbed",
    "x-request-id": "req_scrubbed",
    "apim-request-id": "00000000-0000-0000-0000-000000000000",  # Azure API Management
    "x-ms-client-request-id": "00000000-0000-0000-0000-000000000000",
    "x-amzn-requestid": "00000000-0000-0000-0000-000000000000",  # AWS
    "x-amz-request-id": "00000000-0000-0000-0000-000000000000",
    "mistral-correlation-id": "00000000-0000-0000-0000-000000000000",
    "x-cloud-trace-context": "00000000000000000000000000000000",  # Google
    "x-goog-request-id": "scrubbed",
    "x-trace-id": "scrubbed",
    "x-correlation-id": "scrubbed",
    "cf-ray": "scrubbed",
    "date": "Thu, 01 Jan 2026 00:00:00 GMT",
}

CREDENTIAL_PATTERNS = (
    re.compile(r"sk-ant-[A-Za-z0-9_\-]{10,}"),  # Anthropic
    re.compile(r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"),  # OpenAI and compatibles
    re.compile(r"AIza[0-9A-Za-z_\-]{30,}"),  # Google API keys
    re.compile(r"gsk_[A-Za-z0-9]{20,}"),  # Groq
    re.compile(r"xai-[A-Za-z0-9]{20,}"),  # xAI
    re.compile(r"(?:AKIA|ASIA)[0-9A-Z]{16}"),  # AWS access key ids
    re.compile(r"Bearer\s+[A-Za-z0-9._\-]{16,}"),
)

Secrets = Mapping[str, str]
"""What this run sent: a label naming each credential (its variable) -> its value."""


def secret_forms(value: str) -> list[str]:
    """The forms a server may echo `value` in: raw, percent-encoded, JSON-escaped (also with
    `\\/`), longest first. Other encodings are caught after parsing (see `live.record.recorder`)."""
    forms = {
        value,
        quote(value, safe=""),
        quote_plus(value),
        json.dumps(value)[1:-1],
        value.replace("/", "\\/"),
    }
    forms |= {json.dumps(form)[1:-1] for form in list(forms)}
    return sorted(forms, key=len, reverse=True)


def scrub_text(text: str, secrets: Secrets | None = None) -> str:
    """`text` with every secret value (in any of its forms) and every key-like string replaced."""
    for value in (secrets or {}).values():
        for form in secret_forms(value):
            text = text.replace(form, PLACEHOLDER)
    for pattern in CREDENTIAL_PATTERNS:
        text = pattern.sub(PLACEHOLDER, text)
    return text


def secrets_found(text: str, secrets: Secrets | None = None) -> list[str]:
    """What in `text` is still a credential: the secrets' labels, or the patterns matched."""
    found = [
        f"the value of {label}"
        for label, value in (secrets or {}).items()
        if any(form in text for form in secret_forms(value))
    ]
    return found + [f"text like /{p.pattern}/" for p in CREDENTIAL_PATTERNS if p.search(text)]


def looks_secret(text: str) -> bool:
    return bool(secrets_found(text))


def _kept(vendor: str, name: str) -> bool:
    for entry in _COMMON_KEPT + KEPT_RESPONSE_HEADERS.get(vendor, ()):
        if (entry.endswith("*") and name.startswith(entry[:-1])) or name == entry:
            return True
    return False


def scrub_headers(
    headers: Mapping[str, list[str]], secrets: Secrets | None = None, *, normalize_volatile: bool = True
) -> dict[str, list[str]]:
    """Request headers: credential headers dropped, ids normalized, values scrubbed."""
    out: dict[str, list[str]] = {}
    for name, values in headers.items():
        lower = name.lower()
        if lower in SECRET_HEADERS:
            continue
        if normalize_volatile and lower in NORMALIZED_HEADERS:
            out[name] = [NORMALIZED_HEADERS[lower]]
            continue
        out[name] = [scrub_text(v, secrets) for v in values]
    return out


def scrub_response_headers(
    vendor: str, headers: Mapping[str, list[str]], secrets: Secrets | None = None
) -> dict[str, list[str]]:
    """Response headers: only the harmless ones of `vendor` kept (scrubbed), ids normalized."""
    out: dict[str, list[str]] = {}
    for name, values in headers.items():
        lower = name.lower()
        if lower in NORMALIZED_HEADERS:
            out[name] = [NORMALIZED_HEADERS[lower]]
        elif _kept(vendor, lower) and lower not in SECRET_HEADERS:
            out[name] = [scrub_text(v, secrets) for v in values]
    return out


def scrub_url(url: str, secrets: Secrets | None = None) -> str:
    """`url` with credential-named query parameters replaced and secret values scrubbed."""
    parts = urlsplit(url)
    query = [
        (k, PLACEHOLDER if SECRET_QUERY_NAME.search(k) else scrub_text(v, secrets))
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return scrub_text(urlunsplit(parts._replace(query=urlencode(query, safe="<>:"))), secrets)


def without_secret_params(url: str) -> str:
    """`url` without its credential-named query parameters (what is sent upstream)."""
    parts = urlsplit(url)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not SECRET_QUERY_NAME.search(k)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe=":")))


def scrub_body(body: bytes, secrets: Secrets | None = None) -> bytes:
    """A text body scrubbed as text; a binary (AWS event-stream) one frame by frame."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _scrub_event_stream(body, secrets)
    scrubbed = scrub_text(text, secrets)
    return body if scrubbed == text else scrubbed.encode("utf-8")


def _scrub_event_stream(body: bytes, secrets: Secrets | None) -> bytes:
    """Re-encode (with fresh CRCs) only the frames holding a secret; the others stay byte for byte.

    A frame's payload is searched as text and, for InvokeModelWithResponseStream's
    `{"bytes": "<base64>"}` chunks, inside the decoded model event too, where no text search
    of the body would see it. A body that is not a whole event stream is returned as it is:
    the recorder's final check (`searchable_text`) then refuses it if a secret survived.
    """
    frames = _frames(body)
    if frames is None:
        return body
    out = bytearray()
    for frame in frames:
        raw = body[frame.offset : frame.offset + frame.total_length]
        if not secrets_found(_frame_text(raw, frame.payload), secrets):
            out += raw
            continue
        headers: dict[str, HeaderValue] = {
            name: scrub_text(value, secrets) if isinstance(value, str) else value
            for name, value in frame.headers.items()
        }
        try:
            out += encode_message(headers, _scrub_payload(frame.payload, secrets))
        except TypeError:  # a header type the encoder does not write: leave it for the final check
            out += raw
    return bytes(out)


def _frames(body: bytes) -> list[EventStreamMessage] | None:
    """The whole frames of an AWS event-stream body, or None if it is not one."""
    decoder = EventStreamDecoder()
    try:
        frames = decoder.feed(body) + decoder.close()
    except StreamError:
        return None
    return None if decoder.leftover_bytes else frames


def _wrapped_bytes(payload: bytes) -> tuple[dict[str, Any], bytes] | None:
    """`({"bytes": …}, decoded)` for an InvokeModelWithResponseStream chunk, else None."""
    try:
        wrapper = json.loads(payload)
        if isinstance(wrapper, dict) and isinstance(wrapper.get("bytes"), str):
            return wrapper, base64.b64decode(wrapper["bytes"], validate=True)
    except (ValueError, binascii.Error):
        pass
    return None


def _frame_text(raw: bytes, payload: bytes) -> str:
    wrapped = _wrapped_bytes(payload)
    inner = wrapped[1] if wrapped is not None else b""
    return (raw + b"\n" + inner).decode("utf-8", "replace")


def _scrub_payload(payload: bytes, secrets: Secrets | None) -> bytes:
    wrapped = _wrapped_bytes(payload)
    if wrapped is not None:
        wrapper, inner = wrapped
        clean = scrub_text(inner.decode("utf-8", "replace"), secrets).encode("utf-8")
        payload = json.dumps({**wrapper, "bytes": base64.b64encode(clean).decode("ascii")}).encode()
    return scrub_text(payload.decode("utf-8", "replace"), secrets).encode("utf-8")


def searchable_text(body: bytes) -> str:
    """A body as text in which a secret can be searched for: a text body itself; an
    event-stream body with each frame's decoded `bytes` model event beside it."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    frames = _frames(body) or []
    inner = [_frame_text(b"", frame.payload) for frame in frames]
    return "\n".join([body.decode("utf-8", "replace"), *inner])


def scrub_value(value: Any, secrets: Secrets | None = None) -> Any:
    """Every string inside a JSON-like value (metadata, the expected message) scrubbed."""
    if isinstance(value, str):
        return scrub_text(value, secrets)
    if isinstance(value, Mapping):
        return {k: scrub_value(v, secrets) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub_value(v, secrets) for v in value]
    return value


def scrub_cassette(cassette: Cassette, secrets: Secrets | None = None) -> Cassette:
    """A copy with credentials removed from request, response and metadata (see the module doc)."""
    return replace(
        cassette,
        uri=scrub_url(cassette.uri, secrets),
        request_headers=scrub_headers(cassette.request_headers, secrets),
        request_body=(
            scrub_text(cassette.request_body, secrets) if cassette.request_body else cassette.request_body
        ),
        response_headers=scrub_response_headers(cassette.vendor, cassette.response_headers, secrets),
        body=scrub_body(cassette.body, secrets),
        metadata=scrub_value(dict(cassette.metadata), secrets),
    )


def scrub_chunks(chunks: list[bytes], secrets: Secrets | None = None) -> list[bytes]:
    """The recorded chunks of a body, scrubbed: chunk by chunk when that gives the same bytes
    as scrubbing the whole body, else one chunk (a secret straddled a chunk boundary, or a
    binary frame was re-encoded), because a chunking must add up to the body written."""
    body = b"".join(chunks)
    whole = scrub_body(body, secrets)
    if whole == body:
        return list(chunks)
    pieces = [scrub_body(chunk, secrets) for chunk in chunks]
    return pieces if b"".join(pieces) == whole else [whole]
