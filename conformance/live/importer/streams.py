"""Finding streams among recordings: the vendor whose streaming endpoint a request went to
(`ROUTES`, by host and path), and whether the response is a stream."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from conformance.live.importer.sources import Recording, header_value

# (vendor, host pattern, path pattern, query must contain) — the first match wins, so the
# specific routes come before the generic OpenAI-compatible ones. Sources: each vendor's API
# reference (the adapters' module docs name them).
_AWS = r"bedrock-runtime\.[a-z0-9-]+\.amazonaws\.com"
ROUTES: tuple[tuple[str, str, str, str], ...] = (
    ("anthropic", r"api\.anthropic\.com", r"/v1/messages$", ""),
    ("bedrock-converse", _AWS, r"/model/[^/]+/converse-stream$", ""),
    ("bedrock-invoke", _AWS, r"/model/[^/]+/invoke-with-response-stream$", ""),
    ("vertex", r"aiplatform\.googleapis\.com", r":streamGenerateContent$", ""),
    ("gemini", r"generativelanguage\.googleapis\.com", r":streamGenerateContent$", "alt=sse"),
    ("gemini-array", r"generativelanguage\.googleapis\.com", r":streamGenerateContent$", ""),
    ("gemini-interactions", r"generativelanguage\.googleapis\.com", r"/interactions(/[^/]+)?$", ""),
    ("azure-openai", r"\.openai\.azure\.com|\.cognitiveservices\.azure\.com", r"/chat/completions$", ""),
    ("openrouter", r"openrouter\.ai", r"/chat/completions$", ""),
    ("groq", r"api\.groq\.com", r"/chat/completions$", ""),
    ("deepseek", r"api\.deepseek\.com", r"/chat/completions$", ""),
    ("xai", r"api\.x\.ai", r"/chat/completions$", ""),
    ("mistral", r"api\.mistral\.ai", r"/v1/chat/completions$", ""),
    ("cohere", r"api\.cohere\.(com|ai)", r"/v2/chat$", ""),
    ("cohere-v1", r"api\.cohere\.(com|ai)", r"/v1/chat$", ""),
    ("ollama-generate", r".*", r"/api/generate$", ""),
    ("ollama", r".*", r"/api/chat$", ""),
    ("openai-responses", r".*", r"/responses$", ""),
    ("openai-chat", r".*", r"/chat/completions$", ""),
)  # fmt: skip

STREAM_TYPES = (
    "text/event-stream",
    "application/x-ndjson",
    "application/stream+json",  # Cohere v1
    "application/vnd.amazon.eventstream",
)
"""Response content types of a streamed response (Gemini's JSON array is `application/json`)."""


def vendor_of(recording: Recording) -> str | None:
    """The vendor whose streaming endpoint the request went to (`ROUTES`), or None."""
    parts = urlsplit(recording.uri)
    host, path = parts.hostname or "", parts.path.rstrip("/")
    for vendor, host_pattern, path_pattern, query in ROUTES:
        if re.fullmatch(host_pattern, host) and re.search(path_pattern, path):
            if query and query not in parts.query:
                continue
            return vendor
    return None


def looks_streamed(recording: Recording, vendor: str) -> bool:
    """The response is a stream: a streaming content type, or (Gemini's array, servers that
    send no type) a body that opens like one."""
    kind = header_value(recording.response_headers, "content-type").lower()
    if any(t in kind for t in STREAM_TYPES):
        return True
    head = recording.body.lstrip()[:16]
    if vendor == "gemini-array":
        return head.startswith(b"[")
    return head.startswith((b"data:", b"event:", b":"))
