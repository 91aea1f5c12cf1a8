"""The official `openai` SDK (openai-python, over `httpx2`), checked whole-client by stream-conformance.

Chat Completions against OpenAI and every OpenAI-compatible vendor the kit has cassettes
for (the SDK with `base_url`, Azure with `AzureOpenAI`), and the Responses API.

    pip install 'stream-conformance[ecosystem]'
    pytest examples/clients/test_openai_sdk.py
"""

from __future__ import annotations

import functools
from typing import Any

import openai
from _common import API_ROOTS, CUT_AT_THE_END, ENDED, HELLO, azure_deployment, model, normalized, suites

from conformance import AdapterSuite, Message, from_openai_chat, from_openai_response


@functools.cache
def client(vendor: str, base_url: str, deployment: str = "") -> Any:
    """One client per vendor and server (making one builds a TLS context)."""
    if vendor == "azure-openai":
        return openai.AzureOpenAI(
            api_key="test",
            azure_endpoint=base_url,
            azure_deployment=deployment,
            api_version="2024-10-21",
            max_retries=0,
        )
    return openai.OpenAI(api_key="test", base_url=base_url + API_ROOTS[vendor], max_retries=0)


class OpenAIChat(AdapterSuite):
    # An error chunk or an HTTP error status makes the SDK raise: how it reports them.
    typed_errors = (openai.APIError,)
    request_examples = 3
    unsupported = frozenset({"truncated_end"})
    notes = {"truncated_end": CUT_AT_THE_END, "normalize": ENDED}
    normalize = normalized()

    def request(self, base_url: str) -> Message:
        deployment = azure_deployment() if self.vendor == "azure-openai" else ""
        chat = client(self.vendor, base_url, deployment).chat
        chunks = list(chat.completions.create(model=model(), messages=HELLO, stream=True))
        return from_openai_chat(chunks, vendor=self.vendor)


UNICODE = (
    "openai's SSE decoder decodes the unfinished last line of a body cut inside a UTF-8 character "
    "strictly and raises UnicodeDecodeError, not an APIError"
)


class OpenAIResponses(AdapterSuite):
    # `get_final_response()` raises RuntimeError when no terminal event came (a cut stream,
    # an `error` event): how the SDK's stream helper reports them.
    typed_errors = (openai.APIError, RuntimeError)
    request_examples = 3
    defects = {
        "truncated_end: raised UnicodeDecodeError": UNICODE,
        "truncated_mid: raised UnicodeDecodeError": UNICODE,
    }

    def request(self, base_url: str) -> Message:
        with client(self.vendor, base_url).responses.stream(model=model(), input="Hi") as stream:
            terminal = None
            for event in stream:
                if event.type in ("response.completed", "response.incomplete", "response.failed"):
                    terminal = event.response
            if terminal is None:
                stream.get_final_response()  # raises: the SDK's word for a stream without an end
        return from_openai_response(terminal)


CHAT_VENDORS: dict[str, dict[str, Any]] = {
    "openai-chat": {},
    "azure-openai": {},
    "openrouter": {},
    "groq": {},
    "deepseek": {},
    "xai": {},
    "vllm": {},
    "mistral": {},
}

globals().update(suites(OpenAIChat, "openai", CHAT_VENDORS))
globals().update(suites(OpenAIResponses, "openai", {"openai-responses": {}}))
