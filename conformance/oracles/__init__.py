"""Official SDKs as oracles: run a vendor's own SDK on a body and say what it assembled.

Each module `conformance.oracles.<vendor module>` defines

    def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]

which feeds the body (in those chunks, if given) to the official SDK through an in-memory
`httpx2.MockTransport` (no network) and returns the fields the SDK knows in the normalized
vocabulary: `text`, `reasoning`, `tool_calls` (`[{id, name, arguments}]`),
`vendor_stop_reason`, `usage` (normalized keys), and where the SDK exposes them the
reasoning `signatures` (`[{kind, value}]`, as `Message.to_dict` gives them) and a tool
call's `signature`. `compare(ours, theirs)` lists differences.

The SDKs are optional (the `dev` extra); importing an oracle without its SDK raises
ImportError naming the package to install.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from conformance.message import Message

ORACLE_MODULES = {
    "anthropic": "conformance.oracles.anthropic",
    "openai-chat": "conformance.oracles.openai_chat",
    "openai-responses": "conformance.oracles.openai_responses",
    "gemini": "conformance.oracles.gemini",
    "bedrock-converse": "conformance.oracles.bedrock_converse",
    "azure-openai": "conformance.oracles.openai_compatible",
    "openrouter": "conformance.oracles.openai_compatible",
    "groq": "conformance.oracles.openai_compatible",
    "deepseek": "conformance.oracles.openai_compatible",
    "xai": "conformance.oracles.openai_compatible",
    "vllm": "conformance.oracles.openai_compatible",
    "mistral": "conformance.oracles.mistral",
    "cohere": "conformance.oracles.cohere",
    "ollama": "conformance.oracles.ollama",
    "gemini-interactions": "conformance.oracles.gemini_interactions",
    "vertex": "conformance.oracles.vertex",
}
"""Vendor id -> module holding its `sdk_message` (or, for the OpenAI-compatible profiles,
an `oracle(vendor)` factory that makes one: one module serves them all)."""

SdkMessage = Callable[..., dict[str, Any]]


def oracle_for(vendor: str) -> SdkMessage:
    """The `sdk_message` function for `vendor`; KeyError if the kit has no oracle for it."""
    module = importlib.import_module(ORACLE_MODULES[vendor])
    factory = getattr(module, "oracle", None)
    if factory is not None:
        return factory(vendor)  # type: ignore[no-any-return]
    return module.sdk_message  # type: ignore[no-any-return]


def compare(ours: Message, theirs: Mapping[str, Any]) -> list[str]:
    """Human-readable differences between our Message and an SDK's view, field by field.

    Only the fields the SDK reported are compared (an SDK that has no reasoning field does
    not make ours wrong); `sdk_*` keys are the oracle's notes about the SDK itself (such as
    `sdk_error`, the exception it raised) and are not fields of a Message.
    """
    mine = ours.to_dict()
    mine.setdefault("signatures", [])  # to_dict leaves an empty list out
    diffs = []
    for key, value in theirs.items():
        if key.startswith("sdk_"):
            continue
        got = mine.get(key)
        if key == "tool_calls":
            keys = ["id", "name", "arguments"]
            if any("signature" in call for call in value):  # the SDK exposes call signatures
                keys.append("signature")
            got = [{k: c.get(k) for k in keys} for c in got or []]
        if got != value:
            diffs.append(f"{key}: ours {got!r} != sdk {value!r}")
    return diffs
