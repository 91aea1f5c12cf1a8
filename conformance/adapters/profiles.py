"""OpenAI-compatible servers as *profiles* of the `openai-chat` adapter: data, not copies.

Each profile is a `ChatProfile` (see `openai_chat.py`) saying what the server does
differently; `PROFILE_ADAPTERS` holds one generated `OpenAIChatAdapter` subclass per profile,
whose only differences are its `vendor` id and its profile. Its event schemas are those in
`schemas/<vendor>/` that differ from openai-chat's, falling back on `schemas/openai-chat/`.
What needs no data (comments such as `: OPENROUTER PROCESSING` and `: keep-alive`, which SSE
ignores; Azure's annotation chunks, which the chat adapter already skips) is noted here so
the quirk is documented once.

Quirks, and where each is documented:

- `azure-openai`: a first chunk with `object: ""`, `choices: []` and `prompt_filter_results`;
  `content_filter_results` on every choice; a `content_filter` finish.
  https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/content-filter
- `openrouter`: `: OPENROUTER PROCESSING` comments; `delta.reasoning` (plus its copy in
  `reasoning_details`, not read); a mid-stream error is a chunk with `error` and
  `finish_reason: "error"`; usage adds `cost`. https://openrouter.ai/docs/api-reference/streaming
- `groq`: usage under `x_groq.usage` (newer streams repeat it in `usage`); `delta.reasoning`
  (`reasoning_format: parsed`); errors as `event: error`.
  https://console.groq.com/docs/api-reference#chat-create
- `deepseek`: `delta.reasoning_content`; `: keep-alive` comments; usage
  `prompt_cache_hit_tokens`; the `insufficient_system_resource` finish.
  https://api-docs.deepseek.com/api/create-chat-completion
- `xai`: `delta.reasoning_content`; tool calls arrive whole in one chunk; chunks omit
  `finish_reason` until the last; HTTP errors as `{"code", "error": "<message>"}`.
  https://docs.x.ai/docs/guides/streaming-response
- `vllm`: `delta.reasoning` plus a copy in `reasoning_content` (older servers: only
  `reasoning_content`); `stream_options.continuous_usage_stats` puts cumulative usage on
  every chunk; older servers send a mid-stream error as the bare error object.
  https://docs.vllm.ai/en/latest/features/reasoning_outputs.html
"""

from __future__ import annotations

from typing import cast

from conformance.adapters.openai_chat import STOP_REASONS, USAGE_FIELDS, ChatProfile, OpenAIChatAdapter

AZURE_OPENAI = ChatProfile(
    name="azure-openai",
    refusal=True,
    forced_tool_stop=True,
    description="Azure OpenAI Chat Completions (SSE; content-filter annotations)",
)

OPENROUTER = ChatProfile(
    name="openrouter",
    reasoning_fields=("reasoning",),
    stop_reasons={**STOP_REASONS, "error": "error"},
    description="OpenRouter Chat Completions (SSE; processing comments, reasoning, error chunks)",
)

GROQ = ChatProfile(
    name="groq",
    reasoning_fields=("reasoning",),
    usage_paths=("x_groq.usage", "usage"),
    description="Groq Chat Completions (SSE; usage under x_groq)",
)

DEEPSEEK = ChatProfile(
    name="deepseek",
    reasoning_fields=("reasoning_content",),
    usage_fields={**USAGE_FIELDS, "prompt_cache_hit_tokens": "cache_read_tokens"},
    # https://api-docs.deepseek.com/api/create-chat-completion (finish_reason)
    stop_reasons={**STOP_REASONS, "insufficient_system_resource": "error"},
    description="DeepSeek Chat Completions (SSE; reasoning_content, keep-alive comments)",
)

XAI = ChatProfile(
    name="xai",
    reasoning_fields=("reasoning_content",),
    description="xAI Grok Chat Completions (SSE; reasoning_content, whole tool calls)",
)

VLLM = ChatProfile(
    name="vllm",
    forced_tool_stop=True,
    reasoning_fields=("reasoning", "reasoning_content"),
    description="vLLM OpenAI-compatible server (SSE; reasoning, continuous usage stats)",
)

PROFILES: tuple[ChatProfile, ...] = (AZURE_OPENAI, OPENROUTER, GROQ, DEEPSEEK, XAI, VLLM)


def profile_adapter(profile: ChatProfile) -> type[OpenAIChatAdapter]:
    """The `openai-chat` adapter under `profile`'s vendor id."""
    name = "".join(part.capitalize() for part in profile.name.split("-")) + "Adapter"
    namespace = {
        "vendor": profile.name,
        "description": profile.description,
        "profile": profile,
        "schemas_from": OpenAIChatAdapter.vendor,
        "__module__": __name__,
        "__doc__": f"`openai-chat` under the {profile.name!r} profile.",
    }
    return cast("type[OpenAIChatAdapter]", type(name, (OpenAIChatAdapter,), namespace))


PROFILE_ADAPTERS: tuple[type[OpenAIChatAdapter], ...] = tuple(profile_adapter(p) for p in PROFILES)
