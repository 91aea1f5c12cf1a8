"""Vendor adapters: one sans-IO state machine per vendor, all behind `Adapter`.

`ADAPTERS` is the registry (vendor id -> adapter class); `make_adapter` builds one.
"""

from __future__ import annotations

from conformance.adapters._base import Adapter, SSEAdapter, VendorEvent
from conformance.adapters.anthropic import AnthropicAdapter
from conformance.adapters.gemini import GeminiAdapter
from conformance.adapters.openai_chat import OpenAIChatAdapter
from conformance.errors import UnknownVendorError
from conformance.limits import DEFAULT_LIMITS, Limits

ADAPTERS: dict[str, type[Adapter]] = {
    cls.vendor: cls
    for cls in (
        AnthropicAdapter,
        OpenAIChatAdapter,
        GeminiAdapter,
    )
}


def make_adapter(vendor: str, *, limits: Limits = DEFAULT_LIMITS, strict: bool = True) -> Adapter:
    """A fresh adapter for `vendor` (see `vendors()` for the ids)."""
    try:
        cls = ADAPTERS[vendor]
    except KeyError:
        known = ", ".join(sorted(ADAPTERS))
        raise UnknownVendorError(f"no adapter for vendor {vendor!r}; known vendors: {known}") from None
    return cls(limits=limits, strict=strict)


__all__ = ["ADAPTERS", "Adapter", "SSEAdapter", "VendorEvent", "make_adapter"]
