"""The replay server the plugin's `conformance_replay_server` fixture gives: a `ReplayServer`
that also knows the base URL each vendor's usual client wants.

    def test_my_client_cancels(conformance_replay_server):
        server = conformance_replay_server
        server.play("anthropic/text")                  # a bundled cassette's id, or a path
        my_client(base_url=server.client_base_url).stream_and_cancel()
        log = server.wait_for_connection()
        assert log.wait(1.0) and log.disconnected_at is not None

`client_base_url` is the base URL the vendor's usual client wants for the cassette playing
(OpenAI's SDK wants `/v1` at the end, Anthropic's SDK the bare host, ...): see `CLIENT_ENDPOINTS`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from conformance.live.replay.server import ReplayServer

_OPENAI_SDK = r"/chat/completions"

CLIENT_ENDPOINTS: Mapping[str, str] = {
    # What each vendor's usual client appends to the base URL it is given (a regex of the path's
    # end); the replay server's base URL plus the rest of the cassette's path is the client's.
    # anthropic SDK `Anthropic(base_url=...)` posts {base}/v1/messages
    "anthropic": r"/v1/messages",
    # openai SDK `OpenAI(base_url=...)` posts {base}/chat/completions, {base}/responses (base ends in /v1)
    "openai-chat": _OPENAI_SDK,
    "openai-responses": r"/responses",
    "openrouter": _OPENAI_SDK,
    "groq": _OPENAI_SDK,
    "deepseek": _OPENAI_SDK,
    "xai": _OPENAI_SDK,
    "vllm": _OPENAI_SDK,
    # openai SDK `AzureOpenAI(azure_endpoint=...)` posts {base}/openai/deployments/{name}/chat/completions
    "azure-openai": r"/openai/deployments/[^/]+/chat/completions",
    # mistralai `Mistral(server_url=...)` posts {base}/v1/chat/completions
    "mistral": r"/v1/chat/completions",
    # cohere `ClientV2(base_url=...)` posts {base}/v2/chat
    "cohere": r"/v2/chat",
    # ollama `Client(host=...)` posts {base}/api/chat
    "ollama": r"/api/chat",
    # google-genai `HttpOptions(base_url=...)` posts {base}/{api_version}/models/{model}:streamGenerateContent
    "gemini": r"/v1(?:alpha|beta)?/models/[^/]+",
    "gemini-interactions": r"/v1(?:alpha|beta)?/interactions",
    "vertex": r"/v1(?:beta1)?/projects/.+",
    # boto3 `client("bedrock-runtime", endpoint_url=...)` posts {base}/model/{id}/converse-stream
    "bedrock-converse": r"/model/[^/]+/converse-stream",
}
"""Vendor -> the path its usual client appends to its base URL (see the comments for which client)."""


def client_base_url(base_url: str, vendor: str, path: str) -> str:
    """The base URL a `vendor` client needs to send its request to `path` on `base_url`: the part of
    `path` before what the client appends (`CLIENT_ENDPOINTS`); `base_url` alone for a vendor or
    path the table does not cover."""
    pattern = CLIENT_ENDPOINTS.get(vendor)
    found = re.search(f"(?:{pattern})$", urlsplit(path).path) if pattern else None
    return base_url + (urlsplit(path).path[: found.start()] if found else "")


class ReplayFixture(ReplayServer):
    """The `conformance_replay_server` fixture's server: a `ReplayServer` that also knows its
    clients' base URL."""

    @property
    def client_base_url(self) -> str:
        """What to give the vendor's usual client as its base URL for the cassette playing, e.g.
        `http://127.0.0.1:PORT/v1` for OpenAI's SDK, `http://127.0.0.1:PORT` for Anthropic's."""
        program = self.program
        if program is None:
            raise RuntimeError("the replay server plays no cassette yet: call .play(...) first")
        return client_base_url(self.base_url, program.cassette.vendor, program.path)
