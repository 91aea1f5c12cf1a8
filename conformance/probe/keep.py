"""Keep what the probe saw as cassettes (`conformance probe --record DIR`), scrubbed.

A kept exchange is evidence, not a reference: it carries no `expected` message (a server
under test is not a source of truth), only what was sent and received, so that a failure
can be replayed to a client or attached to a bug report. Credentials never reach it: the
request's auth headers are not kept at all, every value the probe sent as a credential is
replaced wherever the server echoed it, and the recorder's format-based scrub runs after.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from conformance.formats.cassettes import Cassette, save_cassette
from conformance.live.scrub import scrub_cassette
from conformance.probe.judge import Exchange

REDACTED = "REDACTED"
KEPT_RESPONSE_HEADERS = frozenset({"content-type"})
"""Response headers worth keeping: what a replay needs. Ids and trace headers stay behind."""


def cassette_of(exchange: Exchange, secrets: Sequence[str] = ()) -> Cassette:
    """One exchange as a cassette, with every secret value replaced and known formats scrubbed."""
    headers = {k: [v] for k, v in exchange.headers.items() if k in KEPT_RESPONSE_HEADERS}
    cassette = Cassette(
        path=None,
        vendor=exchange.vendor,
        scenario=f"probe-{exchange.scenario.name}",
        method="POST",
        uri=exchange.url,
        request_headers={"content-type": ["application/json"]},
        request_body=json.dumps(exchange.request, ensure_ascii=False),
        status=exchange.status or 0,
        response_headers=headers,
        body=exchange.body,
        metadata={
            "vendor": exchange.vendor,
            "scenario": f"probe-{exchange.scenario.name}",
            "description": f"conformance probe: {exchange.scenario.description}",
            "features": [],
            "source": f"conformance probe of {exchange.url}",
        },
    )
    return scrub_cassette(_without(cassette, secrets))


def _without(cassette: Cassette, secrets: Iterable[str]) -> Cassette:
    values = [s for s in secrets if s]
    if not values:
        return cassette

    def clean(text: str) -> str:
        for value in values:
            text = text.replace(value, REDACTED)
        return text

    body = cassette.body
    for value in values:
        body = body.replace(value.encode(), REDACTED.encode())
    return replace(
        cassette,
        uri=clean(cassette.uri),
        request_body=clean(cassette.request_body or ""),
        response_headers={k: [clean(v) for v in vs] for k, vs in cassette.response_headers.items()},
        body=body,
    )


def keep_exchanges(exchanges: Iterable[Exchange], folder: Path, *, secrets: Sequence[str] = ()) -> list[Path]:
    """Write each exchange that got an answer to `folder/<vendor>/probe-<scenario>.yaml`."""
    written = []
    for exchange in exchanges:
        if exchange.status is None:
            continue
        path = folder / exchange.vendor / f"probe-{exchange.scenario.name}.yaml"
        save_cassette(cassette_of(exchange, secrets), path)
        written.append(path)
    return written
