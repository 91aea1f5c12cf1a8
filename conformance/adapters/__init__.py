"""Vendor adapters: one sans-IO state machine per vendor, all behind `Adapter`.

`ADAPTERS` is the registry (vendor id -> adapter class); `make_adapter` builds one.

The bases, lowest first: `_base` (the contract `Adapter`: dispatch by table, errors located
at their event, the tool-call ledger), `_framed` (`FramedAdapter`: one base over any framing
decoder, sniffing as a hook), `_sse` (`SSEAdapter`, most vendors). Beside them: `_payload`
(`require`/`optional`/`usage_from`, the one JSON reading of a payload) and `_sniff` (what a
body is when it is not a stream). May import `errors`, `limits`, `events`, `framing`, `json`
and `tool_calls`.
"""

from __future__ import annotations

from conformance.adapters._base import Adapter, VendorEvent
from conformance.adapters._sse import SSEAdapter
from conformance.adapters.anthropic import AnthropicAdapter
from conformance.adapters.bedrock_converse import BedrockConverseAdapter
from conformance.adapters.bedrock_invoke import BedrockInvokeAdapter
from conformance.adapters.cohere import CohereAdapter
from conformance.adapters.cohere_v1 import CohereV1Adapter
from conformance.adapters.gemini import GeminiAdapter
from conformance.adapters.gemini_array import GeminiArrayAdapter
from conformance.adapters.gemini_interactions import GeminiInteractionsAdapter
from conformance.adapters.mistral import MistralAdapter
from conformance.adapters.ollama import OllamaAdapter
from conformance.adapters.ollama_generate import OllamaGenerateAdapter
from conformance.adapters.openai_chat import OpenAIChatAdapter
from conformance.adapters.openai_responses import OpenAIResponsesAdapter
from conformance.adapters.profiles import PROFILE_ADAPTERS
from conformance.adapters.vertex import VertexAdapter
from conformance.errors import UnknownVendorError
from conformance.limits import DEFAULT_LIMITS, Limits

_ADAPTER_CLASSES: tuple[type[Adapter], ...] = (
    AnthropicAdapter,
    OpenAIChatAdapter,
    GeminiAdapter,
    OpenAIResponsesAdapter,
    MistralAdapter,
    *PROFILE_ADAPTERS,
    BedrockConverseAdapter,
    OllamaAdapter,
    CohereAdapter,
    GeminiInteractionsAdapter,
    VertexAdapter,
    BedrockInvokeAdapter,
    OllamaGenerateAdapter,
    GeminiArrayAdapter,
    CohereV1Adapter,
)
ADAPTERS: dict[str, type[Adapter]] = {cls.vendor: cls for cls in _ADAPTER_CLASSES}


def make_adapter(vendor: str, *, limits: Limits = DEFAULT_LIMITS, strict: bool = True) -> Adapter:
    """A fresh adapter for `vendor` (see `vendors()` for the ids)."""
    try:
        cls = ADAPTERS[vendor]
    except KeyError:
        known = ", ".join(sorted(ADAPTERS))
        raise UnknownVendorError(f"no adapter for vendor {vendor!r}; known vendors: {known}") from None
    return cls(limits=limits, strict=strict)


__all__ = ["ADAPTERS", "Adapter", "SSEAdapter", "VendorEvent", "make_adapter"]
