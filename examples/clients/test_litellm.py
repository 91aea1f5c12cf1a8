"""`litellm`, checked whole-client by stream-conformance.

`litellm.completion(..., stream=True)` against the loopback server, for every vendor litellm
routes to that the kit has cassettes for (its provider prefix, `api_base` at the loopback
server). litellm translates every vendor's stream into OpenAI `ChatCompletionChunk`s, so
all of them go through `conformance.from_openai_chat`: what is checked is litellm's reading
of each vendor's stream, in OpenAI's vocabulary.

    pip install 'stream-conformance[ecosystem]'
    pytest examples/clients/test_litellm.py
"""

from __future__ import annotations

import os
from typing import Any

# Offline: litellm fetches its model cost map, and Hugging Face tokenizers, at first use.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import litellm
import openai
from _common import API_ROOTS, HELLO, azure_deployment, model, suites

from conformance import AdapterSuite, Message, from_openai_chat

litellm.suppress_debug_info = True

PROVIDERS = {
    "openai-chat": "openai",
    "azure-openai": "azure",
    "anthropic": "anthropic",
    "gemini": "gemini",
    "openrouter": "openrouter",
    "groq": "groq",
    "deepseek": "deepseek",
    "xai": "xai",
    "vllm": "hosted_vllm",
    "mistral": "mistral",
    "ollama": "ollama_chat",
}
"""Vendor -> litellm's provider prefix (`<provider>/<model>`)."""

ROOTS = {**API_ROOTS, "gemini": "/v1beta"}
"""litellm's `api_base` replaces the vendor's base URL, version path included."""


class LiteLLMCompletion(AdapterSuite):
    # litellm maps every provider's errors onto its exceptions, all `openai.OpenAIError`s.
    typed_errors = (openai.OpenAIError,)
    request_examples = 3

    def request(self, base_url: str) -> Message:
        provider = PROVIDERS[self.vendor]
        options: dict[str, Any] = {"api_base": base_url + ROOTS.get(self.vendor, "")}
        name = model()
        if self.vendor == "azure-openai":
            options["api_version"], name = "2024-10-21", azure_deployment()
        stream = litellm.completion(
            model=f"{provider}/{name}",
            messages=HELLO,
            api_key="test",
            stream=True,
            stream_options={"include_usage": True},
            num_retries=0,
            **options,
        )
        return from_openai_chat(list(stream), vendor=self.vendor)


globals().update(suites(LiteLLMCompletion, "litellm", {vendor: {} for vendor in PROVIDERS}))
