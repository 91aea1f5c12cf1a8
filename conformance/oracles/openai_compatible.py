"""The official `openai` SDK as the oracle for the OpenAI-compatible profiles.

Users of Azure OpenAI, OpenRouter, Groq, DeepSeek, xAI and vLLM stream with the `openai` SDK
pointed at the server's `base_url`, so the openai-chat oracle's path is this one's:
`client.chat.completions.stream(...)` on an in-memory `httpx2.MockTransport` (no network),
the SDK's own accumulator (`ChatCompletionStreamState`), the final completion read with the
openai-chat oracle's reader. What a profile adds is read where an SDK user reads it:

- reasoning: the SDK merges every `delta` key it does not know into the message snapshot
  (`lib/streaming/_deltas.py` `accumulate_delta` concatenates strings), so
  `message.model_extra[<field>]` holds the whole reasoning text (`COMPATIBLE` names the field);
- usage: the SDK keeps the last chunk's `usage`; where a server reports usage elsewhere
  (Groq's `x_groq.usage`), the chunks' `model_extra` give it, and it is taken when the
  SDK's `usage` is empty. Keys are normalized with the profile's own `usage_fields`, so only
  the values are compared, never the naming.

Errors are reported as the openai-chat oracle reports them (`sdk_error`, `error`, the
snapshot so far). Where the SDK fails on what these servers really send (pinned in
tests/test_oracle_openai_compatible.py): it raises on a chunk holding `error` before reading
the rest of it (OpenRouter's error chunk carries `finish_reason` and `usage`), and
`accumulate_delta` raises RuntimeError on a second `delta` list of objects without `index`
(OpenRouter's `delta.annotations`).

`ORACLE_MODULES` names this module for every profile; `oracle_for` calls its `oracle(vendor)`
factory to get the profile's `sdk_message`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import openai

from conformance.adapters._payload import usage_from
from conformance.adapters.profiles import PROFILES
from conformance.oracles import openai_chat

SOURCE = "https://github.com/openai/openai-python/blob/main/src/openai/lib/streaming/chat/_completions.py"
"""Where the SDK accumulates a chat stream: what this oracle reports."""

MODEL = "oracle-model"
"""The model named in the request; the SDK never checks it against the body."""


@dataclass(frozen=True)
class Compatible:
    """Where an SDK user finds what the server sends beyond OpenAI's chunk."""

    source: str
    reasoning: tuple[str, ...] = ()
    """`delta` keys with reasoning text, read from the accumulated `message.model_extra`; the
    first one with text wins (vLLM sends `reasoning` and a copy in `reasoning_content`)."""
    usage: str | None = None
    """A dotted path in a chunk's extra fields holding usage when `usage` is absent."""


COMPATIBLE: Mapping[str, Compatible] = {
    "azure-openai": Compatible(
        "https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference#chat-completions"
    ),
    "openrouter": Compatible("https://openrouter.ai/docs/use-cases/reasoning-tokens", ("reasoning",)),
    "groq": Compatible("https://console.groq.com/docs/reasoning", ("reasoning",), usage="x_groq.usage"),
    "deepseek": Compatible("https://api-docs.deepseek.com/guides/reasoning_model", ("reasoning_content",)),
    "xai": Compatible("https://docs.x.ai/docs/guides/reasoning", ("reasoning_content",)),
    "vllm": Compatible(
        "https://docs.vllm.ai/en/latest/features/reasoning_outputs.html", ("reasoning", "reasoning_content")
    ),
}
"""Profile vendor id -> where its extras sit, with the documentation saying so."""

_USAGE_FIELDS = {profile.name: profile.usage_fields for profile in PROFILES}


def oracle(vendor: str) -> Callable[..., dict[str, Any]]:
    """The `sdk_message(body, *, chunks=None)` of one profile."""
    facts = COMPATIBLE[vendor]
    usage_fields = _USAGE_FIELDS[vendor]

    def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
        """What the official `openai` SDK makes of `body` (served in `chunks`, if given)."""
        return _run(body, chunks, facts, usage_fields)

    sdk_message.__doc__ = f"What the official `openai` SDK makes of a {vendor} body."
    return sdk_message


def _run(
    body: bytes, chunks: list[bytes] | None, facts: Compatible, usage_fields: Mapping[str, str]
) -> dict[str, Any]:
    extra_usage: dict[str, Any] | None = None

    def on_chunk(chunk: Any) -> None:
        nonlocal extra_usage
        found = _dig(chunk.model_extra or {}, facts.usage) if facts.usage is not None else None
        if isinstance(found, dict):
            extra_usage = found

    completion, failure = openai_chat.final_completion(
        body, chunks, model=MODEL, on_chunk=on_chunk, error=_api_error
    )
    return {**_normalized(completion, facts, usage_fields, extra_usage), **failure}


def _api_error(exc: Exception) -> dict[str, str] | None:
    if isinstance(exc, openai.APIError):
        kind = exc.type or exc.code or "error"
        return {"type": str(kind), "message": exc.message}
    return None


def _normalized(
    completion: Any,
    facts: Compatible,
    usage_fields: Mapping[str, str],
    extra_usage: dict[str, Any] | None,
) -> dict[str, Any]:
    if completion is None:
        out: dict[str, Any] = openai_chat.no_completion()
        usage = None
        extras: Mapping[str, Any] = {}
    else:
        out = openai_chat._normalized(completion)  # text, refusal, tool calls, finish_reason
        usage = completion.usage.to_dict() if completion.usage is not None else None
        choice = next((c for c in completion.choices if c.index == 0), None)
        extras = (choice.message.model_extra if choice is not None else None) or {}
    if usage is None:
        usage = extra_usage
    out["usage"] = usage_from(usage, usage_fields) if usage is not None else None
    if facts.reasoning:
        texts = (extras.get(name) for name in facts.reasoning)
        out["reasoning"] = next((t for t in texts if isinstance(t, str) and t), "")
    return out


def _dig(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data
