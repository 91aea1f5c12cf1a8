"""The cancel matrix: how the libraries people use stop a stream, judged by the cancel checks.

    pip install -e '.[ecosystem]'
    python -m conformance.suite.cancel_matrix --out docs/cancel-matrix.md

Each `Way` is a way a user stops a stream with one library, written as the user would write
it (`break` out of the loop, leaving a `with` block, `stream.close()`, cancelling a task),
against a long cassette of the library's vendor on the loopback `ReplayServer`. It cancels
after the first text chunk and midway, and `client_suite.run_cancel_check` judges each run
with the cycle collector paused (so a close only the collector would make is reported as
such) after one unjudged warm-up run (so worker threads a library keeps are not counted).
The application's client object stays open until the check is done, as a long-lived one
does in an application, so closing it cannot hide a leak.

A way's consumer counts text chunks, not vendor events, since that is what the library
hands its user; the partial message it reports is the text it got, marked cancelled.
The libraries are imported only when their ways run; a missing one is reported as such.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import functools
import importlib
import importlib.metadata
import os
import platform
import sys
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.live.cancel import CLOSES_AT_ONCE, CancelBounds, CancelVerdict, ClientRun
from conformance.live.clients import Consumer, Target, closing_async, run_async
from conformance.live.replay import ReplayServer
from conformance.message import Message
from conformance.suite.client_suite import run_cancel_check

PROMPT = "Explain in a short paragraph how tide pools work."
CHAT_MODEL = "gpt-4o-mini"
CASSETTES = {
    "openai-chat": ("long_text", 28, 0.5),
    "openai-responses": ("long_text", 28, 0.5),
    "anthropic": ("long_text", 28, 0.5),
    "gemini": ("long_text", 8, 0.1),
}
"""The cassette each vendor's ways read, the midway cancel point (in text chunks), and the
replay speed: slow enough that, even after a cancel midway, the stream outlasts the bound
and the collection after it (five to six seconds; Gemini's 16 events are a phrase each)."""
BOUNDS = CancelBounds(disconnect_s=0.5, allowed_threads=("asyncio_*", "litellm-logging_*"))
"""A close on loopback takes under 10 ms; worker pools that grow on demand are named."""


@dataclass(frozen=True)
class Way:
    """One way to stop a stream with one library."""

    library: str
    """The distribution whose version is reported (`importlib.metadata` name)."""
    name: str
    vendor: str
    code: str
    """What the user writes, in one line."""
    consume: Consumer
    avoid: str = ""
    """How a user avoids the leak today, if this way leaks."""
    avoided_by: tuple[str, ...] = ()
    """Ways of the same library that do what `avoid` says: their verdicts back the advice."""


# -- helpers -------------------------------------------------------------------------------------


class Texts:
    """The text chunks a way got, and when it cancelled."""

    def __init__(self, vendor: str, cancel_after: int | None) -> None:
        self.vendor, self.cancel_after = vendor, cancel_after
        self.parts: list[str] = []
        self.cancelled_at: float | None = None

    def take(self, text: str | None) -> bool:
        """Note a chunk's text; True when the way should cancel now (the time is taken)."""
        if text:
            self.parts.append(text)
        if self.cancel_after is not None and len(self.parts) >= self.cancel_after:
            self.cancelled_at = time.perf_counter()
            return True
        return False

    def run(self, cleanup: Callable[[], None] | None = None) -> ClientRun:
        cancelled = self.cancelled_at is not None
        message = Message(
            vendor=self.vendor,
            text="".join(self.parts),
            stop_reason="cancelled" if cancelled else "stop",
            complete=False,
        )
        return ClientRun(message, None, self.cancelled_at, cleanup=cleanup)


def _module(name: str) -> Any:
    return importlib.import_module(name)


def _openai(target: Target, *, asynchronous: bool = False) -> Any:
    cls = _module("openai").AsyncOpenAI if asynchronous else _module("openai").OpenAI
    return cls(api_key="replay", base_url=target.base_url + "/v1", max_retries=0)


def _anthropic(target: Target, *, asynchronous: bool = False) -> Any:
    module = _module("anthropic")
    cls = module.AsyncAnthropic if asynchronous else module.Anthropic
    return cls(api_key="replay", base_url=target.base_url, max_retries=0)


def _genai(target: Target) -> Any:
    genai, types = _module("google.genai"), _module("google.genai.types")
    return genai.Client(api_key="replay", http_options=types.HttpOptions(base_url=target.base_url))


def _chat_text(chunk: Any) -> str | None:
    return chunk.choices[0].delta.content if chunk.choices else None


def _anthropic_text(event: Any) -> str | None:
    delta = getattr(event, "delta", None) if event.type == "content_block_delta" else None
    return getattr(delta, "text", None)


def _responses_text(event: Any) -> str | None:
    return event.delta if event.type == "response.output_text.delta" else None


MESSAGES = [{"role": "user", "content": PROMPT}]


def _async(make: Callable[[Target, Texts], Coroutine[Any, Any, Any]]) -> Consumer:
    """A consumer running `make` on the async clients' loop (`clients.client_loop`), which
    keeps running after the cancel as an application's loop does. `make` returns its client's
    async close (or None), run by the cleanup once the check is done."""

    def consume(target: Target, cancel_after: int | None) -> ClientRun:
        texts = Texts(target.vendor, cancel_after)
        aclose = run_async(lambda: make(target, texts))
        return texts.run(closing_async(aclose) if aclose is not None else None)

    return consume


# -- openai: Chat Completions --------------------------------------------------------------------


def openai_create_break(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    for chunk in client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True):
        if texts.take(_chat_text(chunk)):
            break
    return texts.run(client.close)


def openai_create_close(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    stream = client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True)
    for chunk in stream:
        if texts.take(_chat_text(chunk)):
            stream.close()
            break
    return texts.run(client.close)


def openai_create_with(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    with client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True) as stream:
        for chunk in stream:
            if texts.take(_chat_text(chunk)):
                break
    return texts.run(client.close)


def openai_stream_with(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    with client.chat.completions.stream(model=CHAT_MODEL, messages=MESSAGES) as stream:
        for event in stream:
            if event.type == "content.delta" and texts.take(event.delta):
                break
    return texts.run(client.close)


async def _openai_async_break(target: Target, texts: Texts) -> Any:
    client = _openai(target, asynchronous=True)
    stream = await client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True)
    async for chunk in stream:
        if texts.take(_chat_text(chunk)):
            break
    del stream
    return client.close


async def _openai_async_close(target: Target, texts: Texts) -> Any:
    client = _openai(target, asynchronous=True)
    stream = await client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True)
    async for chunk in stream:
        if texts.take(_chat_text(chunk)):
            await stream.close()
            break
    return client.close


async def _openai_async_stream_with(target: Target, texts: Texts) -> Any:
    client = _openai(target, asynchronous=True)
    async with client.chat.completions.stream(model=CHAT_MODEL, messages=MESSAGES) as stream:
        async for event in stream:
            if event.type == "content.delta" and texts.take(event.delta):
                break
    return client.close


async def _openai_async_task_cancel(target: Target, texts: Texts) -> Any:
    client = _openai(target, asynchronous=True)
    reached = asyncio.Event()

    async def read() -> None:
        stream = await client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True)
        async for chunk in stream:
            texts.take(_chat_text(chunk))
            if texts.cancelled_at is not None:
                reached.set()
                await asyncio.sleep(3600)  # an app's reader busy elsewhere when it is cancelled

    task = asyncio.ensure_future(read())
    await reached.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return client.close


async def _openai_async_task_cancel_with(target: Target, texts: Texts) -> Any:
    client = _openai(target, asynchronous=True)
    reached = asyncio.Event()

    async def read() -> None:
        async with await client.chat.completions.create(
            model=CHAT_MODEL, messages=MESSAGES, stream=True
        ) as stream:
            async for chunk in stream:
                texts.take(_chat_text(chunk))
                if texts.cancelled_at is not None:
                    reached.set()
                    await asyncio.sleep(3600)

    task = asyncio.ensure_future(read())
    await reached.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return client.close


# -- openai: Responses ---------------------------------------------------------------------------


def responses_create_break(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    for event in client.responses.create(model="gpt-4.1", input=PROMPT, stream=True):
        if texts.take(_responses_text(event)):
            break
    return texts.run(client.close)


def responses_create_close(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    stream = client.responses.create(model="gpt-4.1", input=PROMPT, stream=True)
    for event in stream:
        if texts.take(_responses_text(event)):
            stream.close()
            break
    return texts.run(client.close)


def responses_stream_with(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _openai(target), Texts(target.vendor, cancel_after)
    with client.responses.stream(model="gpt-4.1", input=PROMPT) as stream:
        for event in stream:
            if texts.take(_responses_text(event)):
                break
    return texts.run(client.close)


# -- anthropic -----------------------------------------------------------------------------------

ANTHROPIC = {"model": "claude-sonnet-4-6", "max_tokens": 1024, "messages": MESSAGES}


def anthropic_create_break(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _anthropic(target), Texts(target.vendor, cancel_after)
    for event in client.messages.create(**ANTHROPIC, stream=True):
        if texts.take(_anthropic_text(event)):
            break
    return texts.run(client.close)


def anthropic_create_close(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _anthropic(target), Texts(target.vendor, cancel_after)
    stream = client.messages.create(**ANTHROPIC, stream=True)
    for event in stream:
        if texts.take(_anthropic_text(event)):
            stream.close()
            break
    return texts.run(client.close)


def anthropic_stream_with(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _anthropic(target), Texts(target.vendor, cancel_after)
    with client.messages.stream(**ANTHROPIC) as stream:
        for text in stream.text_stream:
            if texts.take(text):
                break
    return texts.run(client.close)


async def _anthropic_async_break(target: Target, texts: Texts) -> Any:
    client = _anthropic(target, asynchronous=True)
    stream = await client.messages.create(**ANTHROPIC, stream=True)
    async for event in stream:
        if texts.take(_anthropic_text(event)):
            break
    del stream
    return client.close


async def _anthropic_async_stream_with(target: Target, texts: Texts) -> Any:
    client = _anthropic(target, asynchronous=True)
    async with client.messages.stream(**ANTHROPIC) as stream:
        async for text in stream.text_stream:
            if texts.take(text):
                break
    return client.close


# -- google-genai --------------------------------------------------------------------------------

GEMINI_MODEL = "gemini-2.5-flash"


def _genai_close(client: Any) -> Callable[[], None]:
    return lambda: client.close() if hasattr(client, "close") else None


def genai_break(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _genai(target), Texts(target.vendor, cancel_after)
    for chunk in client.models.generate_content_stream(model=GEMINI_MODEL, contents=PROMPT):
        if texts.take(chunk.text):
            break
    return texts.run(_genai_close(client))


def genai_close(target: Target, cancel_after: int | None) -> ClientRun:
    client, texts = _genai(target), Texts(target.vendor, cancel_after)
    stream = client.models.generate_content_stream(model=GEMINI_MODEL, contents=PROMPT)
    for chunk in stream:
        if texts.take(chunk.text):
            stream.close()
            break
    return texts.run(_genai_close(client))


async def _genai_async_break(target: Target, texts: Texts) -> Any:
    client = _genai(target)
    stream = await client.aio.models.generate_content_stream(model=GEMINI_MODEL, contents=PROMPT)
    async for chunk in stream:
        if texts.take(chunk.text):
            break
    del stream
    return client.aio.aclose


async def _genai_async_aclose(target: Target, texts: Texts) -> Any:
    client = _genai(target)
    stream = await client.aio.models.generate_content_stream(model=GEMINI_MODEL, contents=PROMPT)
    async for chunk in stream:
        if texts.take(chunk.text):
            await stream.aclose()
            break
    return client.aio.aclose


async def _genai_async_client_aclose(target: Target, texts: Texts) -> Any:
    client = _genai(target)
    stream = await client.aio.models.generate_content_stream(model=GEMINI_MODEL, contents=PROMPT)
    async for chunk in stream:
        if texts.take(chunk.text):
            break
    await client.aio.aclose()
    return None


# -- litellm, langchain-openai, pydantic-ai --------------------------------------------------------


def _litellm() -> Any:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no download at import
    return _module("litellm")


def litellm_break(target: Target, cancel_after: int | None) -> ClientRun:
    texts = Texts(target.vendor, cancel_after)
    response = _litellm().completion(
        model=f"openai/{CHAT_MODEL}",
        messages=MESSAGES,
        api_base=target.base_url + "/v1",
        api_key="replay",
        stream=True,
        max_retries=0,
    )
    for chunk in response:
        if texts.take(_chat_text(chunk)):
            break
    del response
    return texts.run()


async def _litellm_async_break(target: Target, texts: Texts) -> Any:
    response = await _litellm().acompletion(
        model=f"openai/{CHAT_MODEL}",
        messages=MESSAGES,
        api_base=target.base_url + "/v1",
        api_key="replay",
        stream=True,
        max_retries=0,
    )
    async for chunk in response:
        if texts.take(_chat_text(chunk)):
            break
    del response
    return None


def litellm_close(target: Target, cancel_after: int | None) -> ClientRun:
    texts = Texts(target.vendor, cancel_after)
    response = _litellm().completion(
        model=f"openai/{CHAT_MODEL}",
        messages=MESSAGES,
        api_base=target.base_url + "/v1",
        api_key="replay",
        stream=True,
        max_retries=0,
    )
    for chunk in response:
        if texts.take(_chat_text(chunk)):
            response.close()
            break
    return texts.run()


async def _litellm_async_aclose(target: Target, texts: Texts) -> Any:
    response = await _litellm().acompletion(
        model=f"openai/{CHAT_MODEL}",
        messages=MESSAGES,
        api_base=target.base_url + "/v1",
        api_key="replay",
        stream=True,
        max_retries=0,
    )
    async for chunk in response:
        if texts.take(_chat_text(chunk)):
            await response.aclose()
            break
    return None


def _chat_openai(target: Target) -> Any:
    return _module("langchain_openai").ChatOpenAI(
        model=CHAT_MODEL, base_url=target.base_url + "/v1", api_key="replay", max_retries=0
    )


def langchain_break(target: Target, cancel_after: int | None) -> ClientRun:
    llm, texts = _chat_openai(target), Texts(target.vendor, cancel_after)
    for chunk in llm.stream(PROMPT):
        if texts.take(chunk.content if isinstance(chunk.content, str) else None):
            break
    return texts.run()  # langchain-openai shares one httpx client across instances: leave it open


async def _langchain_async_break(target: Target, texts: Texts) -> Any:
    llm = _chat_openai(target)
    async for chunk in llm.astream(PROMPT):
        if texts.take(chunk.content if isinstance(chunk.content, str) else None):
            break
    return None  # the shared client stays open (see `langchain_break`)


def _agent(target: Target) -> Any:
    model = _module("pydantic_ai.models.openai").OpenAIChatModel(
        CHAT_MODEL,
        provider=_module("pydantic_ai.providers.openai").OpenAIProvider(
            base_url=target.base_url + "/v1", api_key="replay"
        ),
    )
    return _module("pydantic_ai").Agent(model)


async def _pydantic_ai_run_stream(target: Target, texts: Texts) -> Any:
    agent = _agent(target)
    async with agent.run_stream(PROMPT) as result:
        async for delta in result.stream_text(delta=True, debounce_by=None):
            if texts.take(delta):
                break
    return None


def pydantic_ai_run_stream_sync(target: Target, cancel_after: int | None) -> ClientRun:
    agent, texts = _agent(target), Texts(target.vendor, cancel_after)
    result = agent.run_stream_sync(PROMPT)
    for delta in result.stream_text(delta=True, debounce_by=None):
        if texts.take(delta):
            break
    del result
    return texts.run()


WAYS: tuple[Way, ...] = (
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
        _async(_openai_async_break),
        "`await stream.close()` when you stop, or use `async with`",
        ("async-create-close", "async-stream-with"),
    ),
    Way(
        "openai",
        "async-create-close",
        "openai-chat",
        "stream = await client.chat.completions.create(..., stream=True); ... await stream.close()",
        _async(_openai_async_close),
    ),
    Way(
        "openai",
        "async-stream-with",
        "openai-chat",
        "async with client.chat.completions.stream(...) as stream: ... break",
        _async(_openai_async_stream_with),
    ),
    Way(
        "openai",
        "async-task-cancel",
        "openai-chat",
        "task.cancel() on a task running: async for chunk in await ...create(..., stream=True): ...",
        _async(_openai_async_task_cancel),
        "read inside `async with stream:`, so the cancellation closes it",
        ("async-task-cancel-with",),
    ),
    Way(
        "openai",
        "async-task-cancel-with",
        "openai-chat",
        "task.cancel() on a task running: async with await ...create(..., stream=True) as s: ...",
        _async(_openai_async_task_cancel_with),
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
        _async(_anthropic_async_break),
        "use `async with client.messages.stream(...)`",
        ("async-stream-with",),
    ),
    Way(
        "anthropic",
        "async-stream-with",
        "anthropic",
        "async with client.messages.stream(...) as stream: ... break",
        _async(_anthropic_async_stream_with),
    ),
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
        _async(_genai_async_break),
        "close the client: `await client.aio.aclose()`",
        ("async-break-client-aclose",),
    ),
    Way(
        "google-genai",
        "async-aclose",
        "gemini",
        "stream = await client.aio.models.generate_content_stream(...); ... await stream.aclose()",
        _async(_genai_async_aclose),
        "close the client: `await client.aio.aclose()`",
        ("async-break-client-aclose",),
    ),
    Way(
        "google-genai",
        "async-break-client-aclose",
        "gemini",
        "async for c in await client.aio.models.generate_content_stream(...): break;"
        " await client.aio.aclose()",
        _async(_genai_async_client_aclose),
    ),
    Way(
        "litellm",
        "completion-break",
        "openai-chat",
        "for chunk in litellm.completion(..., stream=True): ... break",
        litellm_break,
        "keep the response and call `response.close()` when you stop",
        ("completion-close",),
    ),
    Way(
        "litellm",
        "completion-close",
        "openai-chat",
        "response = litellm.completion(..., stream=True); ... response.close()",
        litellm_close,
    ),
    Way(
        "litellm",
        "acompletion-break",
        "openai-chat",
        "async for chunk in await litellm.acompletion(..., stream=True): ... break",
        _async(_litellm_async_break),
        "keep the response and `await response.aclose()` when you stop",
        ("acompletion-aclose",),
    ),
    Way(
        "litellm",
        "acompletion-aclose",
        "openai-chat",
        "response = await litellm.acompletion(..., stream=True); ... await response.aclose()",
        _async(_litellm_async_aclose),
    ),
    Way(
        "langchain-openai",
        "stream-break",
        "openai-chat",
        "for chunk in ChatOpenAI(...).stream(prompt): ... break",
        langchain_break,
        "call `.close()` on the generator `llm.stream(...)` returns",
        (),
    ),
    Way(
        "langchain-openai",
        "astream-break",
        "openai-chat",
        "async for chunk in ChatOpenAI(...).astream(prompt): ... break",
        _async(_langchain_async_break),
        "`await gen.aclose()` on the generator `llm.astream(...)` returns",
        (),
    ),
    Way(
        "pydantic-ai-slim",
        "run-stream-with",
        "openai-chat",
        "async with agent.run_stream(prompt) as r: async for d in r.stream_text(delta=True): ... break",
        _async(_pydantic_ai_run_stream),
    ),
    Way(
        "pydantic-ai-slim",
        "run-stream-sync-break",
        "openai-chat",
        "for d in agent.run_stream_sync(prompt).stream_text(delta=True): ... break",
        pydantic_ai_run_stream_sync,
        "use the async `async with agent.run_stream(...)` form",
        ("run-stream-with",),
    ),
)


# -- running and reporting -------------------------------------------------------------------------


@dataclass
class Row:
    """One way, one cancel point: the verdict, or why it could not run."""

    way: Way
    cancel_after: int
    verdict: CancelVerdict | None = None
    error: str = ""


@dataclass
class Matrix:
    rows: list[Row] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    bounds: CancelBounds = BOUNDS


def _cassette(vendor: str) -> Cassette:
    scenario, _, _ = CASSETTES[vendor]
    found = [c for c in load_cassettes(vendor=vendor) if c.scenario == scenario]
    if not found:
        raise LookupError(f"no bundled cassette {vendor}/{scenario}")
    return found[0]


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _consume_at(consume: Consumer, target: Target, cancel_after: int | None) -> ClientRun:
    return consume(target, cancel_after)


def run_matrix(
    ways: Sequence[Way] = WAYS,
    *,
    bounds: CancelBounds = BOUNDS,
    midway: bool = True,
    progress: Callable[[Row], None] | None = None,
) -> Matrix:
    """Run every way after the first text chunk and (`midway`) halfway; a way whose library
    is missing is reported, not run."""
    matrix = Matrix(bounds=bounds)
    for way in ways:
        matrix.versions[way.library] = _version(way.library)
    with ReplayServer() as server:
        for way in ways:
            cassette = _cassette(way.vendor)
            warm = True
            for point in (1, CASSETTES[way.vendor][1]) if midway else (1,):
                row = Row(way, point)
                if matrix.versions[way.library] == "not installed":
                    row.error = f"{way.library} is not installed (pip install -e '.[ecosystem]')"
                else:
                    speed = CASSETTES[way.vendor][2]
                    server.play(cassette, speed=speed)
                    target = Target.of(server)
                    try:
                        row.verdict = run_cancel_check(
                            server,
                            cassette,
                            functools.partial(_consume_at, way.consume, target),
                            cancel_after=point,
                            speed=speed,
                            bounds=bounds,
                            warm_up=warm,
                            workload=f"{way.library} {way.name}",
                        )
                    except Exception as exc:  # a library's own failure is a row, not a crash
                        row.error = f"{type(exc).__name__}: {exc}"[:300]
                    warm = False
                matrix.rows.append(row)
                if progress is not None:
                    progress(row)
    return matrix


def _latency(verdict: CancelVerdict) -> str:
    if verdict.disconnect_latency_s is not None:
        return f"{verdict.disconnect_latency_s * 1000:.1f} ms"
    if verdict.gc_close_s is not None:
        return f"at gc.collect() (+{verdict.gc_close_s * 1000:.0f} ms)"
    return "—"


CONSEQUENCES = (
    "disconnect",
    "garbage collector",
    "ran to its end",
    "written after the cancel",
    "socket left open",
)
"""Failures that follow from how the connection ended (shown by `closing` and the counts)."""


def _others(verdict: CancelVerdict) -> list[str]:
    """Failures with another cause than how the connection ended (a thread left, a wrong message)."""
    return [f for f in verdict.failures if not any(w in f for w in CONSEQUENCES)]


def _verdict_cell(row: Row) -> str:
    if row.verdict is None:
        return f"not run: {row.error}"
    verdict = row.verdict
    cell = "**pass**: closes at once" if verdict.passed else verdict.closing
    others = _others(verdict)
    if others:
        cell += "; " + "; ".join(others)
    return cell.replace("|", "\\|")


def markdown(matrix: Matrix, *, when: datetime.datetime | None = None) -> str:
    """The matrix as Markdown: versions, the table, then one line per leak."""
    when = when or datetime.datetime.now(datetime.UTC)
    python = f"Python {platform.python_version()} ({platform.system()} {platform.machine()})"
    played = ", ".join(f"`{v}/{name}` at {x}x its recorded pace" for v, (name, _, x) in CASSETTES.items())
    header = "| library | way | what the user writes | cancel after | verdict | time to disconnect |"
    lines = [
        "# Cancel matrix: how the libraries people use stop a stream",
        "",
        "Generated by `python -m conformance.suite.cancel_matrix --out docs/cancel-matrix.md` "
        f"on {when:%Y-%m-%d}, {python}, with the `[ecosystem]` extra: "
        + ", ".join(f"{lib} {ver}" for lib, ver in sorted(matrix.versions.items()))
        + ".",
        "",
        "Each way is the code a user writes to stop reading, run against a long bundled cassette "
        f"({played}) on the loopback replay server, cancelling after the first text chunk and midway. The "
        "application's client stays open; the cycle collector is paused during each run (a close "
        "that only `gc.collect()` makes is reported as such); one unjudged warm-up run per way "
        f"starts any worker pool first. Bound: disconnect within {matrix.bounds.disconnect_s} s. "
        "Time to disconnect: from the cancel to the server seeing the connection close, on loopback.",
        "",
        header + " chunks sent after |",
        "| --- | --- | --- | ---: | --- | ---: | ---: |",
    ]
    for row in matrix.rows:
        way = row.way
        latency = _latency(row.verdict) if row.verdict is not None else "—"
        after = str(row.verdict.chunks_after_cancel) if row.verdict is not None else "—"
        lines.append(
            f"| {way.library} | {way.name} | `{way.code}` | {row.cancel_after} | "
            f"{_verdict_cell(row)} | {latency} | {after} |"
        )
    leaks = _leaks(matrix)
    lines += ["", "## Leaks, and how to avoid them today", ""]
    lines += leaks or ["None found."]
    return "\n".join(lines) + "\n"


WHAT_HAPPENS = {
    "closes only when the garbage collector runs": (
        "the connection stays open after the cancel, and the vendor goes on generating and "
        "billing, until Python's cycle collector happens to run"
    ),
    "never closes": "the connection stays open after the cancel, even after `gc.collect()`",
    "reads to the end": "the library reads the whole response after the cancel",
    "closes late": "the connection closes, but later than the bound",
    "no close within the bound; gc not told apart": "no close within the bound",
}


def _leaks(matrix: Matrix) -> list[str]:
    out = []
    seen: set[tuple[str, str]] = set()
    for row in matrix.rows:
        verdict, way = row.verdict, row.way
        if verdict is None or verdict.passed or (way.library, way.name) in seen:
            continue
        seen.add((way.library, way.name))
        what = WHAT_HAPPENS.get(verdict.closing, "")
        if verdict.closing == CLOSES_AT_ONCE:
            what = "the connection closes at once, but: " + "; ".join(_others(verdict))
        avoid = f" Today: {way.avoid}" if way.avoid else ""
        if way.avoid:
            backing = [
                r for r in matrix.rows if r.way.library == way.library and r.way.name in way.avoided_by
            ]
            passed = sorted({r.way.name for r in backing if r.verdict is not None and r.verdict.passed})
            failed = sorted({r.way.name for r in backing} - set(passed))
            if passed and not failed:
                avoid += f" ({', '.join(f'`{n}`' for n in passed)} pass above)."
            elif failed:
                avoid += f" (but {', '.join(f'`{n}`' for n in failed)} did not pass here)."
            else:
                avoid += " (not verified here)."
        lines = f"- **{way.library} {way.name}** (`{way.code}`): {what}.{avoid}"
        out.append(lines)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m conformance.suite.cancel_matrix", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, help="write the Markdown here (default: print it)")
    parser.add_argument("--only", default="", help="comma-separated libraries to run (default: all)")
    args = parser.parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    known = {way.library for way in WAYS}
    if only - known:
        parser.error(f"unknown libraries {sorted(only - known)}; known: {', '.join(sorted(known))}")
    ways = [way for way in WAYS if not only or way.library in only]

    def progress(row: Row) -> None:
        status = _verdict_cell(row) + (f", {_latency(row.verdict)}" if row.verdict is not None else "")
        print(f"{row.way.library} {row.way.name} @{row.cancel_after}: {status}", file=sys.stderr, flush=True)

    text = markdown(run_matrix(ways, progress=progress))
    if args.out is None:
        print(text)
    else:
        tmp = args.out.with_suffix(args.out.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(args.out)  # nothing good is overwritten by a half-written file
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
