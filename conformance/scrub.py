"""Secret scrubbing: nothing that could be a credential is ever written into a cassette.

Applied by the recorder to every request and response before a cassette is built, and
usable on its own (`scrub_cassette`). Headers named in `SECRET_HEADERS` are removed;
query parameters named in `SECRET_QUERY_PARAMS` get the fixed `PLACEHOLDER`; anything
anywhere (header values, URL, bodies) that matches `CREDENTIAL_PATTERNS` is replaced too,
so a key pasted into a prompt is caught as well. Request ids that change on every call
are normalized (`VOLATILE_HEADERS`), since no SDK relies on them when replaying.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from conformance.cassettes import Cassette

PLACEHOLDER = "<scrubbed>"

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
SECRET_QUERY_PARAMS = frozenset({"key", "api_key", "apikey", "access_token", "token", "sig", "signature"})

# Headers whose values change on every call and mean nothing on replay.
VOLATILE_HEADERS = {
    "request-id": "req_scrubbed",
    "x-request-id": "req_scrubbed",
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


def scrub_text(text: str) -> str:
    """Replace everything that looks like a credential."""
    for pattern in CREDENTIAL_PATTERNS:
        text = pattern.sub(PLACEHOLDER, text)
    return text


def looks_secret(text: str) -> bool:
    return any(p.search(text) for p in CREDENTIAL_PATTERNS)


def scrub_headers(
    headers: Mapping[str, list[str]], *, normalize_volatile: bool = True
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, values in headers.items():
        lower = name.lower()
        if lower in SECRET_HEADERS:
            continue
        if normalize_volatile and lower in VOLATILE_HEADERS:
            out[name] = [VOLATILE_HEADERS[lower]]
            continue
        out[name] = [scrub_text(v) for v in values]
    return out


def scrub_url(url: str) -> str:
    parts = urlsplit(url)
    query = [
        (k, PLACEHOLDER if k.lower() in SECRET_QUERY_PARAMS else scrub_text(v))
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return scrub_text(urlunsplit(parts._replace(query=urlencode(query, safe="<>:"))))


def scrub_body(body: bytes) -> bytes:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return body  # binary framings: only text patterns could hide here, and bytes keep CRCs
    scrubbed = scrub_text(text)
    return body if scrubbed == text else scrubbed.encode("utf-8")


def scrub_cassette(cassette: Cassette) -> Cassette:
    """A copy with credentials removed from request and response."""
    return replace(
        cassette,
        uri=scrub_url(cassette.uri),
        request_headers=scrub_headers(cassette.request_headers),
        request_body=scrub_text(cassette.request_body) if cassette.request_body else cassette.request_body,
        response_headers=scrub_headers(cassette.response_headers),
        body=scrub_body(cassette.body),
    )
