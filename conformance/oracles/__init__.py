"""Official SDKs as oracles: run a vendor's own SDK on a body and say what it assembled.

Each module `conformance.oracles.<vendor module>` defines

    def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]

which feeds the body (in those chunks, if given) to the official SDK through an in-memory
`httpx2.MockTransport` (no network: `_sdk.mock_client`, a client per call; or, where the
SDK's client costs far more to build than a read, as google-genai's and mistralai's do, one
client per thread, `_sdk.shared_client` fed by `_sdk.serving`) and returns the fields the
SDK knows in the normalized vocabulary: `text`, `reasoning`, `tool_calls` (`[{id, name,
arguments}]`), `vendor_stop_reason`, `usage` (normalized keys), and where the SDK exposes
them the reasoning `signatures` (`[{kind, value}]`, as `Message.to_dict` gives them) and a
tool call's `signature`. `compare(ours, theirs)` lists differences.

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
    "gemini-array": "conformance.oracles.gemini_array",
    "bedrock-converse": "conformance.oracles.bedrock_converse",
    "bedrock-invoke": "conformance.oracles.bedrock_invoke",
    "azure-openai": "conformance.oracles.openai_compatible",
    "openrouter": "conformance.oracles.openai_compatible",
    "groq": "conformance.oracles.openai_compatible",
    "deepseek": "conformance.oracles.openai_compatible",
    "xai": "conformance.oracles.openai_compatible",
    "vllm": "conformance.oracles.openai_compatible",
    "mistral": "conformance.oracles.mistral",
    "cohere": "conformance.oracles.cohere",
    "cohere-v1": "conformance.oracles.cohere_v1",
    "ollama": "conformance.oracles.ollama",
    "ollama-generate": "conformance.oracles.ollama_generate",
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
    `sdk_error`, the exception it raised, or `sdk_unsupported`, a body no SDK reads) and are
    not fields of a Message.
    """
    mine = ours.to_dict()
    diffs = []
    for key, value in theirs.items():
        if key.startswith("sdk_"):
            continue
        got = mine.get(key, [] if isinstance(value, list) else None)  # to_dict leaves out empty lists
        if key in ("tool_calls", "server_tool_calls"):
            sdk_calls = list(value or [])
            got = [
                _as_sdk_call(c, sdk_calls[i] if i < len(sdk_calls) else None) for i, c in enumerate(got or [])
            ]
        if got != value:
            diffs.append(f"{key}: ours {got!r} != sdk {value!r}")
    return diffs


def _as_sdk_call(call: Mapping[str, Any], sdk_call: Any) -> dict[str, Any]:
    """Our call in the SDK oracles' keys. Arguments that never became JSON: ours keeps a
    partial value in `arguments` and the raw text in `arguments_json`; an SDK keeps one or
    the other (the OpenAI SDKs the raw text, Anthropic's a partial value), so the one the
    SDK chose is compared."""
    arguments = call["arguments"]
    raw = call.get("arguments_json")
    if raw is not None and isinstance(sdk_call, Mapping) and sdk_call.get("arguments") == raw:
        arguments = raw
    out = {"id": call["id"], "name": call["name"], "arguments": arguments}
    if isinstance(sdk_call, Mapping) and "signature" in sdk_call:  # the SDK exposes call signatures
        out["signature"] = call.get("signature")
    return out
