"""The ways to stop a Gemini stream with google-genai, sync and async, against the `gemini`
cassette."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conformance.live.cancel.verdict import ClientRun
from conformance.live.clients import Endpoint
from conformance.suite.cancel_matrix.way import PROMPT, Texts, Way, import_library, on_client_loop


def _genai(target: Endpoint) -> Any:
    genai, types = import_library("google.genai"), import_library("google.genai.types")
    return genai.Client(api_key="replay", http_options=types.HttpOptions(base_url=target.base_url))


GEMINI_MODEL = "gemini-2.5-flash"


def _genai_close(client: Any) -> Callable[[], None]:
    return lambda: client.close() if hasattr(client, "close") else None


def genai_break(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _genai(target), Texts(target.vendor, cancel_after)
    for chunk in client.models.generate_content_stream(model=GEMINI_MODEL, contents=PROMPT):
        if texts.take(chunk.text):
            break
    return texts.run(_genai_close(client))


def genai_close(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _genai(target), Texts(target.vendor, cancel_after)
    stream = client.models.generate_content_stream(model=GEMINI_MODEL, contents=PROMPT)
    for chunk in stream:
        if texts.take(chunk.text):
            stream.close()
            break
    return texts.run(_genai_close(client))


async def _genai_async_break(target: Endpoint, texts: Texts) -> Any:
    client = _genai(target)
    stream = await client.aio.models.generate_content_stream(model=GEMINI_MODEL, contents=PROMPT)
    async for chunk in stream:
        if texts.take(chunk.text):
            break
    del stream
    return client.aio.aclose


async def _genai_async_aclose(target: Endpoint, texts: Texts) -> Any:
    client = _genai(target)
    stream = await client.aio.models.generate_content_stream(model=GEMINI_MODEL, contents=PROMPT)
    async for chunk in stream:
        if texts.take(chunk.text):
            await stream.aclose()
            break
    return client.aio.aclose


async def _genai_async_client_aclose(target: Endpoint, texts: Texts) -> Any:
    client = _genai(target)
    stream = await client.aio.models.generate_content_stream(model=GEMINI_MODEL, contents=PROMPT)
    async for chunk in stream:
        if texts.take(chunk.text):
            break
    await client.aio.aclose()
    return None


GENAI_WAYS: tuple[Way, ...] = (
    Way(
        "google-genai",
        "break",
        "gemini",
        "for chunk in client.models.generate_content_stream(...): ... break",
        genai_break,
        "call `.close()` on the generator `generate_content_stream` returns",
        ("close",),
    ),
    Way(
        "google-genai",
        "close",
        "gemini",
        "stream = client.models.generate_content_stream(...); ... stream.close()",
        genai_close,
    ),
    Way(
        "google-genai",
        "async-break",
        "gemini",
        "async for chunk in await client.aio.models.generate_content_stream(...): ... break",
        on_client_loop(_genai_async_break),
        "close the client: `await client.aio.aclose()`",
        ("async-break-client-aclose",),
    ),
    Way(
        "google-genai",
        "async-aclose",
        "gemini",
        "stream = await client.aio.models.generate_content_stream(...); ... await stream.aclose()",
        on_client_loop(_genai_async_aclose),
        "close the client: `await client.aio.aclose()`",
        ("async-break-client-aclose",),
    ),
    Way(
        "google-genai",
        "async-break-client-aclose",
        "gemini",
        "async for c in await client.aio.models.generate_content_stream(...): break;"
        " await client.aio.aclose()",
        on_client_loop(_genai_async_client_aclose),
    ),
)
