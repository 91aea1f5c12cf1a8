"""The ways to stop an OpenAI stream with the official SDK: Chat Completions (sync, async, and a
cancelled task) and Responses, against the `openai-chat` and `openai-responses` cassettes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

from conformance.live.cancel.verdict import ClientRun
from conformance.live.clients import Endpoint
from conformance.suite.cancel_matrix.way import MESSAGES, PROMPT, Texts, Way, import_library, on_client_loop

CHAT_MODEL = "gpt-4o-mini"
"""The model the Chat Completions ways ask for (the LiteLLM, langchain and pydantic-ai ways too)."""


def chat_text(chunk: Any) -> str | None:
    """The text of a Chat Completions chunk (OpenAI's SDK and LiteLLM hand the same shape)."""
    return chunk.choices[0].delta.content if chunk.choices else None


def _openai(target: Endpoint, *, asynchronous: bool = False) -> Any:
    cls = import_library("openai").AsyncOpenAI if asynchronous else import_library("openai").OpenAI
    return cls(api_key="replay", base_url=target.base_url + "/v1", max_retries=0)


def _responses_text(event: Any) -> str | None:
    return event.delta if event.type == "response.output_text.delta" else None


# -- openai: Chat Completions --------------------------------------------------------------------


def openai_create_break(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    for chunk in client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True):
        if texts.take(chat_text(chunk)):
            break
    return texts.run(client.close)


def openai_create_close(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    stream = client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True)
    for chunk in stream:
        if texts.take(chat_text(chunk)):
            stream.close()
            break
    return texts.run(client.close)


def openai_create_with(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    with client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True) as stream:
        for chunk in stream:
            if texts.take(chat_text(chunk)):
                break
    return texts.run(client.close)


def openai_stream_with(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    with client.chat.completions.stream(model=CHAT_MODEL, messages=MESSAGES) as stream:
        for event in stream:
            if event.type == "content.delta" and texts.take(event.delta):
                break
    return texts.run(client.close)


async def _openai_async_break(target: Endpoint, texts: Texts) -> Any:
    client = _openai(target, asynchronous=True)
    stream = await client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True)
    async for chunk in stream:
        if texts.take(chat_text(chunk)):
            break
    del stream
    return client.close


async def _openai_async_close(target: Endpoint, texts: Texts) -> Any:
    client = _openai(target, asynchronous=True)
    stream = await client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True)
    async for chunk in stream:
        if texts.take(chat_text(chunk)):
            await stream.close()
            break
    return client.close


async def _openai_async_stream_with(target: Endpoint, texts: Texts) -> Any:
    client = _openai(target, asynchronous=True)
    async with client.chat.completions.stream(model=CHAT_MODEL, messages=MESSAGES) as stream:
        async for event in stream:
            if event.type == "content.delta" and texts.take(event.delta):
                break
    return client.close


async def _take_or_wait(texts: Texts, text: str | None, reached: asyncio.Event) -> None:
    """Note a chunk; at the cancel point, tell the canceller and wait as an app's reader busy
    elsewhere would, so the cancellation finds it mid-stream."""
    texts.take(text)
    if texts.cancelled_at is not None:
        reached.set()
        await asyncio.sleep(3600)


async def _cancel_once_reached(read: Callable[[asyncio.Event], Coroutine[Any, Any, None]]) -> None:
    """Run `read` as a task and cancel it once it reaches the cancel point, as an app cancels
    the task that reads a stream."""
    reached = asyncio.Event()
    task = asyncio.ensure_future(read(reached))
    await reached.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _openai_async_task_cancel(target: Endpoint, texts: Texts) -> Any:
    client = _openai(target, asynchronous=True)

    async def read(reached: asyncio.Event) -> None:
        stream = await client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True)
        async for chunk in stream:
            await _take_or_wait(texts, chat_text(chunk), reached)

    await _cancel_once_reached(read)
    return client.close


async def _openai_async_task_cancel_with(target: Endpoint, texts: Texts) -> Any:
    client = _openai(target, asynchronous=True)

    async def read(reached: asyncio.Event) -> None:
        async with await client.chat.completions.create(
            model=CHAT_MODEL, messages=MESSAGES, stream=True
        ) as stream:
            async for chunk in stream:
                await _take_or_wait(texts, chat_text(chunk), reached)

    await _cancel_once_reached(read)
    return client.close


# -- openai: Responses ---------------------------------------------------------------------------


def responses_create_break(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    for event in client.responses.create(model="gpt-4.1", input=PROMPT, stream=True):
        if texts.take(_responses_text(event)):
            break
    return texts.run(client.close)


def responses_create_close(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    stream = client.responses.create(model="gpt-4.1", input=PROMPT, stream=True)
    for event in stream:
        if texts.take(_responses_text(event)):
            stream.close()
            break
    return texts.run(client.close)


def responses_stream_with(target: Endpoint, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    with client.responses.stream(model="gpt-4.1", input=PROMPT) as stream:
        for event in stream:
            if texts.take(_responses_text(event)):
                break
    return texts.run(client.close)


OPENAI_WAYS: tuple[Way, ...] = (
    Way(
        "openai",
        "create-break",
        "openai-chat",
        "for chunk in client.chat.completions.create(..., stream=True): ... break",
        openai_create_break,
        "call `stream.close()` when you stop, or use the `with` form",
        ("create-close", "create-with", "stream-with"),
    ),
    Way(
        "openai",
        "create-close",
        "openai-chat",
        "stream = client.chat.completions.create(..., stream=True); ... stream.close()",
        openai_create_close,
    ),
    Way(
        "openai",
        "create-with",
        "openai-chat",
        "with client.chat.completions.create(..., stream=True) as stream: ... break",
        openai_create_with,
    ),
    Way(
        "openai",
        "stream-with",
        "openai-chat",
        "with client.chat.completions.stream(...) as stream: ... break",
        openai_stream_with,
    ),
    Way(
        "openai",
        "async-create-break",
        "openai-chat",
        "async for chunk in await client.chat.completions.create(..., stream=True): ... break",
        on_client_loop(_openai_async_break),
        "`await stream.close()` when you stop, or use `async with`",
        ("async-create-close", "async-stream-with"),
    ),
    Way(
        "openai",
        "async-create-close",
        "openai-chat",
        "stream = await client.chat.completions.create(..., stream=True); ... await stream.close()",
        on_client_loop(_openai_async_close),
    ),
    Way(
        "openai",
        "async-stream-with",
        "openai-chat",
        "async with client.chat.completions.stream(...) as stream: ... break",
        on_client_loop(_openai_async_stream_with),
    ),
    Way(
        "openai",
        "async-task-cancel",
        "openai-chat",
        "task.cancel() on a task running: async for chunk in await ...create(..., stream=True): ...",
        on_client_loop(_openai_async_task_cancel),
        "read inside `async with stream:`, so the cancellation closes it",
        ("async-task-cancel-with",),
    ),
    Way(
        "openai",
        "async-task-cancel-with",
        "openai-chat",
        "task.cancel() on a task running: async with await ...create(..., stream=True) as s: ...",
        on_client_loop(_openai_async_task_cancel_with),
    ),
    Way(
        "openai",
        "responses-create-break",
        "openai-responses",
        "for event in client.responses.create(..., stream=True): ... break",
        responses_create_break,
        "call `stream.close()`, or use `with client.responses.stream(...)`",
        ("responses-create-close", "responses-stream-with"),
    ),
    Way(
        "openai",
        "responses-create-close",
        "openai-responses",
        "stream = client.responses.create(..., stream=True); ... stream.close()",
        responses_create_close,
    ),
    Way(
        "openai",
        "responses-stream-with",
        "openai-responses",
        "with client.responses.stream(...) as stream: ... break",
        responses_stream_with,
    ),
)
