"""Encoders: a `Message` written as one vendor's stream, its strings cut by a `Fragmentation`.

`ENCODERS` maps a vendor id to its encoder, `encode(vendor, message, fragmentation) ->
bytes`. An encoder writes only what the vendor can say: a message with a field its vendor
does not stream (reasoning for plain OpenAI chat) is refused with `ValueError`, and
`strategies.messages(vendor)` draws only messages its encoder can write.
"""

from __future__ import annotations

from collections.abc import Callable

from conformance.adapters.profiles import PROFILE_ADAPTERS
from conformance.generate.encoders import (
    anthropic,
    bedrock_converse,
    bedrock_invoke,
    cohere,
    cohere_v1,
    gemini,
    gemini_array,
    gemini_interactions,
    mistral,
    ollama,
    openai_chat,
    openai_responses,
)
from conformance.generate.fragments import Fragmentation
from conformance.message import Message

Encoder = Callable[[str, Message, Fragmentation], bytes]

ENCODERS: dict[str, Encoder] = {
    "anthropic": anthropic.encode,
    "openai-chat": openai_chat.encode,
    **{cls.vendor: openai_chat.encode for cls in PROFILE_ADAPTERS},
    "openai-responses": openai_responses.encode,
    "mistral": mistral.encode,
    "ollama": ollama.encode,
    "ollama-generate": ollama.encode,
    "cohere": cohere.encode,
    "cohere-v1": cohere_v1.encode,
    "bedrock-converse": bedrock_converse.encode,
    "bedrock-invoke": bedrock_invoke.encode,
    "gemini": gemini.encode,
    "gemini-array": gemini_array.encode,
    "gemini-interactions": gemini_interactions.encode,
    "vertex": gemini.encode,
}
"""Vendor id -> encoder. Adding a vendor is one entry here and one in `shapes.SHAPES`."""


def encodable_vendors() -> list[str]:
    """Vendor ids with an encoder, sorted."""
    return sorted(ENCODERS)


def encode_stream(vendor: str, message: Message, fragmentation: Fragmentation | None = None) -> bytes:
    """The body `vendor` would stream for `message`, its strings cut as `fragmentation` says."""
    try:
        encoder = ENCODERS[vendor]
    except KeyError:
        raise ValueError(
            f"no stream encoder for {vendor!r}; encoders: {', '.join(encodable_vendors())}"
        ) from None
    return encoder(vendor, message, fragmentation or Fragmentation())
