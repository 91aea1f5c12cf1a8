"""Converters: the result types users hold, from the libraries they use, to the kit's `Message`.

A whole-client suite (`request(base_url)`) ends with the library's own result: an OpenAI
`ChatCompletion` or its `ChatCompletionChunk`s, an Anthropic `Message`, google-genai
`GenerateContentResponse`s, an OpenAI Responses `Response`, a LangChain `AIMessage`, a
pydantic-ai `ModelResponse`. Each `from_*` function maps one of them onto `Message`, with the
vendor's own stop-reason and usage tables (the adapters' tables, so a converter and the
reference parser name a field the same way), and nothing else: what a library invents,
drops or renames stays visible for the checks to judge.

Duck-typed: a result is read as the JSON its model dumps (`model_dump(mode="json", exclude_unset=True,
by_alias=True)`, which keeps the extra fields vendors send beyond the SDK's types), or as a
plain mapping in that shape; no library is imported here. A result type has no terminator,
so `complete` is "a stop reason was reported" unless the caller says otherwise
(`complete=`). Mapping tables per vendor: docs/ecosystem.md.

One module per library family: `openai` (Chat Completions and Responses), `anthropic`,
`google_genai`, `langchain`, `pydantic_ai`; `common` holds what they share. The public
names stay importable from here (and the `from_*` functions from `conformance`).
"""

from __future__ import annotations

from conformance.live.converters.anthropic import from_anthropic
from conformance.live.converters.common import (
    CHAT_PROFILES,
    REASONING_FIELDS,
    STOP_MEANS_CALLS,
    plain,
    stop_table,
)
from conformance.live.converters.google_genai import from_gemini
from conformance.live.converters.langchain import LANGCHAIN_USAGE, from_langchain
from conformance.live.converters.openai import RESPONSES_CALL_ITEMS, from_openai_chat, from_openai_response
from conformance.live.converters.pydantic_ai import (
    PYDANTIC_AI_STOP_REASONS,
    PYDANTIC_AI_USAGE,
    from_pydantic_ai,
)

__all__ = [
    "CHAT_PROFILES",
    "LANGCHAIN_USAGE",
    "PYDANTIC_AI_STOP_REASONS",
    "PYDANTIC_AI_USAGE",
    "REASONING_FIELDS",
    "RESPONSES_CALL_ITEMS",
    "STOP_MEANS_CALLS",
    "from_anthropic",
    "from_gemini",
    "from_langchain",
    "from_openai_chat",
    "from_openai_response",
    "from_pydantic_ai",
    "plain",
    "stop_table",
]
