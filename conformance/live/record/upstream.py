"""What a scenario sends upstream: its method, path, query and body and only its protocol
headers (`SCENARIO_HEADERS`), never anything else stored in it; which cassettes are synthetic
and never re-recorded; the cost estimate shown before recording; and when to retry."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit, urlunsplit

from conformance.formats.cassettes import Cassette
from conformance.live.scrub import (
    without_secret_params,
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 529})
"""Statuses worth another try: rate limits, overload (Anthropic's 529), transient 5xx."""

SYNTHETIC_FEATURES = frozenset({"truncated", "error"})
"""Cassettes with these features were cut or faked on purpose: they are not re-recorded."""


SCENARIO_HEADERS = frozenset({"content-type", "accept", "anthropic-version", "anthropic-beta", "openai-beta"})
"""The only request headers taken from a scenario: the protocol it speaks. Everything else
stored there (an old authorization, cookies, organization ids, `host`) is never sent."""

# Rough list prices in USD per million tokens (input, output) by model-name prefix, for
# the estimate shown before recording; unknown models use the last, pessimistic row.
PRICES_PER_MTOK: tuple[tuple[str, float, float], ...] = (
    ("claude-haiku", 1.0, 5.0),
    ("claude-sonnet", 3.0, 15.0),
    ("claude-opus", 15.0, 75.0),
    ("gpt-4o-mini", 0.15, 0.6),
    ("gpt-4.1-nano", 0.1, 0.4),
    ("gpt-5-nano", 0.05, 0.4),
    ("gpt-5-mini", 0.25, 2.0),
    ("gemini-2.5-flash-lite", 0.1, 0.4),
    ("gemini-2.5-flash", 0.3, 2.5),
    ("", 5.0, 20.0),
)


def upstream_request(cassette: Cassette, base_url: str | None) -> tuple[str, str, dict[str, str], bytes]:
    """(method, url, headers, body) to send for a scenario, before credentials: its method,
    path, query (minus credential parameters) and body, and only its `SCENARIO_HEADERS`."""
    headers = {
        k.lower(): v[0] for k, v in cassette.request_headers.items() if v and k.lower() in SCENARIO_HEADERS
    }
    body = (cassette.request_body or "").encode("utf-8")
    if body:
        headers.setdefault("content-type", "application/json")
    return cassette.method, with_base_url(without_secret_params(cassette.uri), base_url), headers, body


def is_synthetic(cassette: Cassette) -> bool:
    return bool(cassette.features & SYNTHETIC_FEATURES) or bool(cassette.metadata.get("synthetic"))


def estimate_cost_usd(cassettes: Iterable[Cassette]) -> float:
    """A rough upper estimate: input ≈ request bytes / 4 tokens, output = the request's max tokens."""
    total = 0.0
    for cassette in cassettes:
        try:
            request = json.loads(cassette.request_body or "{}")
        except ValueError:
            request = {}
        model = str(request.get("model", "")) if isinstance(request, dict) else ""
        out_tokens = 1024
        if isinstance(request, dict):
            for key in ("max_tokens", "max_completion_tokens", "max_output_tokens"):
                if isinstance(request.get(key), int):
                    out_tokens = request[key]
        in_tokens = len(cassette.request_body or "") / 4
        _, price_in, price_out = next(row for row in PRICES_PER_MTOK if model.startswith(row[0]))
        total += (in_tokens * price_in + out_tokens * price_out) / 1_000_000
    return total


def with_base_url(uri: str, base_url: str | None) -> str:
    """`uri` sent to another host (a local fake vendor, a proxy), path and query kept."""
    if not base_url:
        return uri
    base, parts = urlsplit(base_url), urlsplit(uri)
    return urlunsplit((base.scheme, base.netloc, base.path.rstrip("/") + parts.path, parts.query, ""))


def retry_after_s(headers: Mapping[str, list[str]]) -> float | None:
    for name, values in headers.items():
        if name.lower() == "retry-after" and values:
            try:
                return float(values[0])
            except ValueError:
                return None
    return None
