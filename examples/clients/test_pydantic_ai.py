"""`pydantic-ai` models, checked whole-client by stream-conformance.

`pydantic_ai.direct.model_request_stream_sync(model, ...)` against the loopback server, with
the model class pydantic-ai has for each vendor (OpenAI Chat and Responses, Anthropic,
Google; OpenAI-compatible vendors through `OpenAIChatModel` and their provider); the final
`ModelResponse` goes through `conformance.from_pydantic_ai`.

    pip install 'stream-conformance[ecosystem]'
    pytest examples/clients/test_pydantic_ai.py
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from _common import API_ROOTS, model, suites
from google import genai
from google.genai import types
from pydantic_ai.direct import model_request_stream_sync
from pydantic_ai.exceptions import ModelAPIError, UnexpectedModelBehavior
from pydantic_ai.messages import ModelRequest
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.models.google import GoogleModel
from pydantic_ai.models.openai import OpenAIChatModel, OpenAIResponsesModel
from pydantic_ai.providers.anthropic import AnthropicProvider
from pydantic_ai.providers.google import GoogleProvider
from pydantic_ai.providers.openai import OpenAIProvider

from conformance import AdapterSuite, Message, from_pydantic_ai


def openai_chat(vendor: str) -> Callable[[str], Any]:
    def make(base_url: str) -> Any:
        return OpenAIChatModel(model(), provider=openai_provider(base_url + API_ROOTS[vendor]))

    return make


@functools.cache
def openai_provider(base_url: str) -> OpenAIProvider:
    """One provider (and SDK client) per base URL: making one builds a TLS context."""
    return OpenAIProvider(api_key="test", base_url=base_url)


@functools.cache
def anthropic_provider(base_url: str) -> AnthropicProvider:
    return AnthropicProvider(api_key="test", base_url=base_url)


@functools.cache
def google_provider(base_url: str) -> GoogleProvider:
    return GoogleProvider(
        client=genai.Client(api_key="test", http_options=types.HttpOptions(base_url=base_url))
    )


MODELS: dict[str, Callable[[str], Any]] = {
    "openai-chat": openai_chat("openai-chat"),
    "openai-responses": lambda url: OpenAIResponsesModel(
        model(), provider=OpenAIProvider(api_key="test", base_url=url + "/v1")
    ),
    "anthropic": lambda url: AnthropicModel(
        model(), provider=AnthropicProvider(api_key="test", base_url=url)
    ),
    "gemini": lambda url: GoogleModel(
        model(),
        provider=GoogleProvider(
            client=genai.Client(api_key="test", http_options=types.HttpOptions(base_url=url))
        ),
    ),
    **{vendor: openai_chat(vendor) for vendor in ("openrouter", "groq", "deepseek", "xai", "vllm")},
}
"""Vendor -> the pydantic-ai model for the loopback server at a base URL."""


class PydanticAIStream(AdapterSuite):
    # pydantic-ai wraps the vendors' errors in ModelAPIError (ModelHTTPError and the like),
    # and a stream it cannot read in UnexpectedModelBehavior.
    typed_errors = (ModelAPIError, UnexpectedModelBehavior)
    request_examples = 3

    def request(self, base_url: str) -> Message:
        messages = [ModelRequest.user_text_prompt("Hi")]
        with model_request_stream_sync(MODELS[self.vendor](base_url), messages) as stream:
            for _ in stream:
                pass
            return from_pydantic_ai(stream.response, vendor=self.vendor)


globals().update(suites(PydanticAIStream, "pydantic-ai", {vendor: {} for vendor in MODELS}))
