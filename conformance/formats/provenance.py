"""Where an expected message came from, and how a recording earns one.

A verdict is only as good as its expected message, and an expected message written by the
parser under test can never fail it. So every expected message carries a *provenance*
(`metadata.conformance.formats.provenance` in the cassette):

- `hand`: written and reviewed by a person (every bundled cassette, checked against the
  official SDK by the oracle tests);
- `sdk:<package>==<version>`: the official SDK's answer on that body, which the kit's
  reference parser agreed with when it was recorded;
- `reference`: the kit's own reference parser, allowed only where no official SDK could be
  run, and flagged wherever it shows (record output, drift report, failed checks) for a
  person to review.

`expected_for(vendor, chunks)` is what `conformance record` uses: it runs the reference
parser and, when installed, the vendor's SDK (`conformance.oracles`), and says whether
they agree field by field.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.message import Message

HAND = "hand"
REFERENCE = "reference"
SDK_PREFIX = "sdk:"

# vendor -> the distribution whose version an `sdk:` provenance names (the package each
# `conformance.oracles` module imports).
SDK_DISTRIBUTIONS: dict[str, str] = {
    "anthropic": "anthropic",
    "openai-chat": "openai",
    "openai-responses": "openai",
    "azure-openai": "openai",
    "openrouter": "openai",
    "groq": "openai",
    "deepseek": "openai",
    "xai": "openai",
    "vllm": "openai",
    "gemini": "google-genai",
    "gemini-interactions": "google-genai",
    "vertex": "google-genai",
    "bedrock-converse": "botocore",
    "bedrock-invoke": "anthropic",  # AnthropicBedrock (Claude bodies; others: sdk_unsupported)
    "mistral": "mistralai",
    "cohere": "cohere",
    "ollama": "ollama",
    "ollama-generate": "ollama",
    "gemini-array": "google-genai",
    "cohere-v1": "cohere",
}


def is_valid(provenance: object) -> bool:
    """`hand`, `reference`, or `sdk:<package>==<version>`."""
    if provenance in (HAND, REFERENCE):
        return True
    if not isinstance(provenance, str) or not provenance.startswith(SDK_PREFIX):
        return False
    package, sep, version = provenance[len(SDK_PREFIX) :].partition("==")
    return bool(package and sep and version)


def is_independent(provenance: object) -> bool:
    """True when the expected message did not come from the kit's own parser."""
    return provenance == HAND or (is_valid(provenance) and str(provenance).startswith(SDK_PREFIX))


def field_differences(parsed: Message, expected: Message) -> list[str]:
    """`field: parsed … != expected …` for each field of two messages that differs."""
    mine, theirs = parsed.to_dict(), expected.to_dict()
    return [
        f"{k}: parsed {mine[k]!r} != expected {theirs.get(k)!r}" for k in mine if mine[k] != theirs.get(k)
    ]


def describe(provenance: object) -> str:
    """One line for reports: what the provenance means for trusting a verdict."""
    if provenance is None:
        return "unknown (no provenance in the cassette)"
    if provenance == HAND:
        return "hand (written and reviewed by a person)"
    if provenance == REFERENCE:
        return "reference (the kit's own parser, not independent: review it)"
    return f"{provenance} (the official SDK's answer)"


def sdk_provenance(vendor: str) -> str:
    """`sdk:<package>==<version>` of the installed SDK that is `vendor`'s oracle."""
    package = SDK_DISTRIBUTIONS[vendor]
    return f"{SDK_PREFIX}{package}=={importlib.metadata.version(package)}"


@dataclass(frozen=True)
class ExpectedVerdict:
    """The expected message for a recording, and whether it may be written.

    `disagreements` (field by field, the SDK's answer beside ours) non-empty: refuse.
    `warning` non-empty: written, but with `reference` provenance.
    """

    expected: dict[str, Any]
    provenance: str
    sdk_answer: Mapping[str, Any] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)
    warning: str = ""


def expected_for(vendor: str, chunks: list[bytes]) -> ExpectedVerdict:
    """The reference parser's message, vouched for by the official SDK when it is installed.

    Raises the reference parser's `StreamError` (the caller refuses such a body anyway).
    """
    from conformance.api import parse  # here, so that formats.cassettes can use `is_valid` cheaply
    from conformance.oracles import compare, oracle_for

    ours: Message = parse(vendor, chunks)
    body = b"".join(chunks)
    try:
        theirs = oracle_for(vendor)(body, chunks=chunks)
        provenance = sdk_provenance(vendor)
    except (KeyError, ImportError, importlib.metadata.PackageNotFoundError) as exc:
        reason = f"no official SDK oracle for {vendor}" if isinstance(exc, KeyError) else str(exc)
        return ExpectedVerdict(
            ours.to_dict(),
            REFERENCE,
            warning=f"{reason}: expected written by the kit's reference parser "
            "(provenance 'reference'): review it by hand",
        )
    if "sdk_unsupported" in theirs:  # the SDK exists but does not read this body: it vouches for nothing
        return ExpectedVerdict(
            ours.to_dict(),
            REFERENCE,
            warning=f"{theirs['sdk_unsupported']}: expected written by the kit's reference parser "
            "(provenance 'reference'): review it by hand",
        )
    disagreements = compare(ours, theirs)
    if "sdk_error" in theirs:
        disagreements.insert(0, f"the SDK raised {theirs['sdk_error']}")
    return ExpectedVerdict(ours.to_dict(), provenance, dict(theirs), disagreements)
