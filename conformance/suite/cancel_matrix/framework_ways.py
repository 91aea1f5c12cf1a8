"""The ways to stop a stream with the frameworks over the OpenAI SDK: LiteLLM, langchain-openai
and pydantic-ai, all against the `openai-chat` cassette."""

from __future__ import annotations

import os
from typing import Any

from conformance.live.cancel.verdict import ClientRun
from conformance.live.clients import Endpoint
from conformance.suite.cancel_matrix.openai_ways import CHAT_MODEL, chat_text
from conformance.suite.cancel_matrix.way import MESSAGES, PROMPT, Texts, Way, import_library, on_client_loop


def _litellm() -> Any:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no download at import
    return import_library("litellm")


def _litellm_request(target: Endpoint) -> dict[str, Any]:
    """What every LiteLLM way asks for: a chat stream from the replay server, no retries."""
    return {
        "model": f"openai/{CHAT_MODEL}",
        "messages": MESSAGES,
        "api_base": target.base_url + "/v1",
        "api_key": "replay",
        "stream": True,
        "max_retries": 0,
    }


def litellm_break(target: Endpoint, cancel_after: int | None) -> ClientRun:
    texts = Texts(target.vendor, cancel_after)
    response = _litellm().completion(**_litellm_request(target))
    for chunk in response:
        if texts.take(chat_text(chunk)):
            break
    del response
    return texts.run()


async def _litellm_async_break(target: Endpoint, texts: Texts) -> Any:
    response = await _litellm().acompletion(**_litellm_request(target))
    async for chunk in response:
        if texts.take(chat_text(chunk)):
            break
    del response
    return None


def litellm_close(target: Endpoint, cancel_after: int | None) -> ClientRun:
    texts = Texts(target.vendor, cancel_after)
    response = _litellm().completion(**_litellm_request(target))
    for chunk in response:
        if texts.take(chat_text(chunk)):
            response.close()
            break
    return texts.run()


async def _litellm_async_aclose(target: Endpoint, texts: Texts) -> Any:
    response = await _litellm().acompletion(**_litellm_request(target))
    async for chunk in response:
        if texts.take(chat_text(chunk)):
            await response.aclose()
            break
    return None


def _chat_openai(target: Endpoint) -> Any:
    return import_library("langchain_openai").ChatOpenAI(
        model=CHAT_MODEL, base_url=target.base_url + "/v1", api_key="replay", max_retries=0
    )


def langchain_break(target: Endpoint, cancel_after: int | None) -> ClientRun:
    llm, texts = _chat_openai(target), Texts(target.vendor, cancel_after)
    for chunk in llm.stream(PROMPT):
        if texts.take(chunk.content if isinstance(chunk.content, str) else None):
            break
    return texts.run()  # langchain-openai shares one httpx client across instances: leave it open


async def _langchain_async_break(target: Endpoint, texts: Texts) -> Any:
    llm = _chat_openai(target)
    async for chunk in llm.astream(PROMPT):
        if texts.take(chunk.content if isinstance(chunk.content, str) else None):
            break
    return None  # the shared client stays open (see `langchain_break`)


def _agent(target: Endpoint) -> Any:
    model = import_library("pydantic_ai.models.openai").OpenAIChatModel(
        CHAT_MODEL,
        provider=import_library("pydantic_ai.providers.openai").OpenAIProvider(
            base_url=target.base_url + "/v1", api_key="replay"
        ),
    )
    return import_library("pydantic_ai").Agent(model)


async def _pydantic_ai_run_stream(target: Endpoint, texts: Texts) -> Any:
    agent = _agent(target)
    async with agent.run_stream(PROMPT) as result:
        async for delta in result.stream_text(delta=True, debounce_by=None):
            if texts.take(delta):
                break
    return None


def pydantic_ai_run_stream_sync(target: Endpoint, cancel_after: int | None) -> ClientRun:
    agent, texts = _agent(target), Texts(target.vendor, cancel_after)
    result = agent.run_stream_sync(PROMPT)
    for delta in result.stream_text(delta=True, debounce_by=None):
        if texts.take(delta):
            break
    del result
    return texts.run()


FRAMEWORK_WAYS: tuple[Way, ...] = (
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
        on_client_loop(_litellm_async_break),
        "keep the response and `await response.aclose()` when you stop",
        ("acompletion-aclose",),
    ),
    Way(
        "litellm",
        "acompletion-aclose",
        "openai-chat",
        "response = await litellm.acompletion(..., stream=True); ... await response.aclose()",
        on_client_loop(_litellm_async_aclose),
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
        on_client_loop(_langchain_async_break),
        "`await gen.aclose()` on the generator `llm.astream(...)` returns",
        (),
    ),
    Way(
        "pydantic-ai-slim",
        "run-stream-with",
        "openai-chat",
        "async with agent.run_stream(prompt) as r: async for d in r.stream_text(delta=True): ... break",
        on_client_loop(_pydantic_ai_run_stream),
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
