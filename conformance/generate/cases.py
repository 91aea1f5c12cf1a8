"""The `generated` check's stand-in cassette: one per vendor with an encoder.

A case of the suite is a check on a cassette; generated streams have no cassette, so each
vendor with an encoder gets a synthetic one, `<vendor>/generated` (empty body, feature
`generated`), which only the `generated` check applies to. Its test id reads
`test_generated[anthropic/generated]`, and reports list it like any other case.
"""

from __future__ import annotations

from conformance.formats.cassettes import Cassette
from conformance.generate.encoders import ENCODERS

GENERATED = "generated"


def generated_cassette(vendor: str) -> Cassette | None:
    """The stand-in cassette of `vendor`'s generated streams (None: no encoder for it)."""
    if vendor not in ENCODERS:
        return None
    return Cassette(
        path=None,
        vendor=vendor,
        scenario=GENERATED,
        method="POST",
        uri="",
        request_headers={},
        request_body=None,
        status=200,
        response_headers={},
        body=b"",
        metadata={
            "vendor": vendor,
            "scenario": GENERATED,
            "description": f"messages drawn by Hypothesis, written as {vendor} streams them, split anywhere",
            "features": [GENERATED],
        },
    )


def is_generated(cassette: Cassette) -> bool:
    return cassette.path is None and cassette.scenario == GENERATED and GENERATED in cassette.features
