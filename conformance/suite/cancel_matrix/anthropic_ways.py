"""The ways to stop an Anthropic stream with the official SDK, sync and async, against the
`anthropic` cassette."""

from __future__ import annotations

from typing import Any

from conformance.live.cancel.verdict import ClientRun
from conformance.live.clients import Endpoint
from conformance.suite.cancel_matrix.way import MESSAGES, Texts, Way, import_library, on_client_loop


def _anthropic(target: Endpoint, *, asynchronous: bool = False) -> Any:
    module = import_library("anthropic")
    cls = module.AsyncAnthropic if asynchronous else module.Anthropic
    return cls(api_key="replay", base_url=target.base_url, max_retries=0)


def _anthropic_text(event: Any) -> str | None:
    delta = getattr(event, "delta", None) if event.type == "content_block_delta" else None
    return getattr(delta, "text", None)


ANTHROPIC = {"model": "claude-sonnet-4-6", "max_tokens": 1024, "messages": MESSAGES}


def anthropic_create_break(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _anthropic(target), Texts(target.vendor, cancel_after)
    for event in client.messages.create(**ANTHROPIC, stream=True):
        if texts.take(_anthropic_text(event)):
            break
    return texts.run(client.close)


def anthropic_create_close(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _anthropic(target), Texts(target.vendor, cancel_after)
    stream = client.messages.create(**ANTHROPIC, stream=True)
    for event in stream:
        if texts.take(_anthropic_text(event)):
            stream.close()
            break
    return texts.run(client.close)


def anthropic_stream_with(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _anthropic(target), Texts(target.vendor, cancel_after)
    with client.messages.stream(**ANTHROPIC) as stream:
        for text in stream.text_stream:
            if texts.take(text):
                break
    return texts.run(client.close)


async def _anthropic_async_break(target: Endpoint, texts: Texts) -> Any:
    client = _anthropic(target, asynchronous=True)
    stream = await client.messages.create(**ANTHROPIC, stream=True)
    async for event in stream:
        if texts.take(_anthropic_text(event)):
            break
    del stream
    return client.close


async def _anthropic_async_stream_with(target: Endpoint, texts: Texts) -> Any:
    client = _anthropic(target, asynchronous=True)
    async with client.messages.stream(**ANTHROPIC) as stream:
        async for text in stream.text_stream:
            if texts.take(text):
                break
    return client.close


ANTHROPIC_WAYS: tuple[Way, ...] = (
    Way(
        "anthropic",
        "create-break",
        "anthropic",
        "for event in client.messages.create(..., stream=True): ... break",
        anthropic_create_break,
        "call `stream.close()` when you stop, or use the `with` form",
        ("create-close", "stream-with"),
    ),
    Way(
        "anthropic",
        "create-close",
        "anthropic",
        "stream = client.messages.create(..., stream=True); ... stream.close()",
        anthropic_create_close,
    ),
    Way(
        "anthropic",
        "stream-with",
        "anthropic",
        "with client.messages.stream(...) as stream: for text in stream.text_stream: ... break",
        anthropic_stream_with,
    ),
    Way(
        "anthropic",
        "async-create-break",
        "anthropic",
        "async for event in await client.messages.create(..., stream=True): ... break",
        on_client_loop(_anthropic_async_break),
        "use `async with client.messages.stream(...)`",
        ("async-stream-with",),
    ),
    Way(
        "anthropic",
        "async-stream-with",
        "anthropic",
        "async with client.messages.stream(...) as stream: ... break",
        on_client_loop(_anthropic_async_stream_with),
    ),
)
