"""What the probe sends: per vendor family, the scenario requests and what each must show.

A scenario is data: a request body built from the model name, and an `Expectation` the
answer must meet. Expectations are about shape, never about wording, since a live model
answers differently each time: "at least one tool call named `get_weather` whose
arguments are a JSON object", not "the text says hello".

Families: every OpenAI-compatible vendor id (`openai-chat`, `vllm`, `groq`, ...) sends the
`openai-chat` requests and is judged by its own adapter profile and schemas; `anthropic`
sends Messages API requests. The request paths follow the official SDKs: the `base_url`
a user gives is the one they give the SDK (`http://host:8000/v1` for OpenAI-compatible
servers, `http://host:8080` for Anthropic-compatible ones).

Sources: https://platform.openai.com/docs/api-reference/chat/create (`stream_options`,
`tool_choice: "required"`, `parallel_tool_calls`, `max_tokens`);
https://docs.anthropic.com/en/api/messages (`tool_choice` `tool`/`any`, `max_tokens`);
error shapes: https://platform.openai.com/docs/guides/error-codes ,
https://docs.anthropic.com/en/api/errors .
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.adapters import ADAPTERS
from conformance.adapters.profiles import PROFILE_ADAPTERS
from conformance.errors import UnknownVendorError

STREAM, INVALID, CANCEL = "stream", "invalid", "cancel"
"""Scenario kinds: a streamed answer judged whole; a request the server must refuse with the
vendor's error document; a stream the probe hangs up on part-way."""


@dataclass(frozen=True)
class Expectation:
    """What the answer to a scenario must show (checked by the `scenario` check)."""

    stop_reasons: frozenset[str] = frozenset()
    """Normalized stop reasons accepted (empty: any)."""
    text: bool = False
    """Some answer text."""
    tool_calls: int = 0
    """At least this many tool calls, each with a JSON object as arguments (names are not
    compared: a server may route to another tool, and that is the model's choice)."""
    distinct_calls: bool = False
    """With two or more calls: distinct ids (the point of a parallel-calls scenario)."""
    usage: bool = False
    """Input and output token counts reported (the request asked for them)."""


@dataclass(frozen=True)
class Scenario:
    """One request the probe sends, and what its answer must show."""

    name: str
    kind: str
    description: str
    path: str
    """Appended to the user's base URL (as the SDK does)."""
    build: Callable[[str], dict[str, Any]]
    """Model name -> JSON request body."""
    expect: Expectation = field(default_factory=Expectation)
    error_statuses: tuple[int, int] = (400, 499)
    """For `invalid`: the range of statuses a refusal may use."""

    def body(self, model: str) -> dict[str, Any]:
        return self.build(model)


WEATHER_TOOL_PARAMETERS: Mapping[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string", "description": "City name, e.g. Paris"}},
    "required": ["city"],
}
TOOL_NAME = "get_weather"
LONG_PROMPT = "Count from 1 to 400 in digits, separated by single spaces, and nothing else."


def _openai_tools() -> list[dict[str, Any]]:
    return [
        {
            "type": "function",
            "function": {
                "name": TOOL_NAME,
                "description": "Current weather in a city.",
                "parameters": dict(WEATHER_TOOL_PARAMETERS),
            },
        }
    ]


def _openai(model: str, prompt: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": model,
        "messages": [{"role": "user", "content": prompt}],
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    body.update(extra)
    return body


OPENAI_CHAT: tuple[Scenario, ...] = (
    Scenario(
        "text",
        STREAM,
        "a short text answer, usage requested",
        "/chat/completions",
        lambda m: _openai(m, "Say hello and offer help, in one short sentence."),
        Expectation(stop_reasons=frozenset({"stop"}), text=True, usage=True),
    ),
    Scenario(
        "tool_call",
        STREAM,
        "one tool call, forced with tool_choice: required",
        "/chat/completions",
        lambda m: _openai(
            m, "What is the weather in Paris? Use the tool.", tools=_openai_tools(), tool_choice="required"
        ),
        # A forced call ends with `tool_calls` on OpenAI; some servers say `stop`: both read fine.
        Expectation(stop_reasons=frozenset({"tool_calls", "stop"}), tool_calls=1, usage=True),
    ),
    Scenario(
        "parallel_tool_calls",
        STREAM,
        "two tool calls in one answer (parallel_tool_calls: true)",
        "/chat/completions",
        lambda m: _openai(
            m,
            "What is the weather in Paris and in Tokyo? Call the tool once per city, in parallel.",
            tools=_openai_tools(),
            tool_choice="required",
            parallel_tool_calls=True,
        ),
        Expectation(stop_reasons=frozenset({"tool_calls", "stop"}), tool_calls=1, distinct_calls=True),
    ),
    Scenario(
        "long_answer",
        STREAM,
        "an answer cut by max_tokens (finish_reason: length)",
        "/chat/completions",
        lambda m: _openai(m, LONG_PROMPT, max_tokens=40),
        Expectation(stop_reasons=frozenset({"length"}), text=True, usage=True),
    ),
    Scenario(
        "invalid_request",
        INVALID,
        "a request without `messages`: must be refused with OpenAI's error document",
        "/chat/completions",
        lambda m: {"model": m, "stream": True},
    ),
    Scenario(
        "cancel",
        CANCEL,
        "a long answer the client hangs up on after its first text: the server must stop",
        "/chat/completions",
        lambda m: _openai(m, LONG_PROMPT, max_tokens=2000),
    ),
)


def _anthropic_tools() -> list[dict[str, Any]]:
    return [
        {
            "name": TOOL_NAME,
            "description": "Current weather in a city.",
            "input_schema": dict(WEATHER_TOOL_PARAMETERS),
        }
    ]


def _anthropic(model: str, prompt: str, max_tokens: int = 256, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": model,
        "max_tokens": max_tokens,
        "messages": [{"role": "user", "content": prompt}],
        "stream": True,
    }
    body.update(extra)
    return body


ANTHROPIC: tuple[Scenario, ...] = (
    Scenario(
        "text",
        STREAM,
        "a short text answer",
        "/v1/messages",
        lambda m: _anthropic(m, "Say hello and offer help, in one short sentence."),
        Expectation(stop_reasons=frozenset({"stop"}), text=True, usage=True),
    ),
    Scenario(
        "tool_call",
        STREAM,
        "one tool call, forced with tool_choice: tool",
        "/v1/messages",
        lambda m: _anthropic(
            m,
            "What is the weather in Paris?",
            tools=_anthropic_tools(),
            tool_choice={"type": "tool", "name": TOOL_NAME},
        ),
        Expectation(stop_reasons=frozenset({"tool_calls"}), tool_calls=1, usage=True),
    ),
    Scenario(
        "parallel_tool_calls",
        STREAM,
        "two tool calls in one answer (tool_choice: any)",
        "/v1/messages",
        lambda m: _anthropic(
            m,
            "What is the weather in Paris and in Tokyo? Call the tool once per city, in parallel.",
            tools=_anthropic_tools(),
            tool_choice={"type": "any"},
        ),
        Expectation(stop_reasons=frozenset({"tool_calls"}), tool_calls=1, distinct_calls=True),
    ),
    Scenario(
        "long_answer",
        STREAM,
        "an answer cut by max_tokens (stop_reason: max_tokens)",
        "/v1/messages",
        lambda m: _anthropic(m, LONG_PROMPT, max_tokens=40),
        Expectation(stop_reasons=frozenset({"length"}), text=True, usage=True),
    ),
    Scenario(
        "invalid_request",
        INVALID,
        "a request without `max_tokens`: must be refused with Anthropic's error document",
        "/v1/messages",
        lambda m: {"model": m, "messages": [{"role": "user", "content": "Hi"}], "stream": True},
    ),
    Scenario(
        "cancel",
        CANCEL,
        "a long answer the client hangs up on after its first text: the server must stop",
        "/v1/messages",
        lambda m: _anthropic(m, LONG_PROMPT, max_tokens=2000),
    ),
)

FAMILIES: dict[str, tuple[Scenario, ...]] = {"openai-chat": OPENAI_CHAT, "anthropic": ANTHROPIC}
"""Vendor family -> its scenarios. Adding a family is one entry here and one in `rules.RULES`."""

OPENAI_COMPATIBLE = frozenset({"openai-chat", *(cls.vendor for cls in PROFILE_ADAPTERS)})


def family_of(vendor: str) -> str:
    """The scenario family a vendor id probes with; `UnknownVendorError` if the probe has none."""
    if vendor in OPENAI_COMPATIBLE:
        return "openai-chat"
    if vendor in FAMILIES:
        return vendor
    known = sorted(OPENAI_COMPATIBLE | set(FAMILIES))
    if vendor in ADAPTERS:
        raise UnknownVendorError(
            f"the probe has no scenarios for {vendor!r} yet; it probes: {', '.join(known)}"
        )
    raise UnknownVendorError(f"unknown vendor {vendor!r}; the probe knows: {', '.join(known)}")


def probe_vendors() -> list[str]:
    """Vendor ids the probe accepts, sorted."""
    return sorted(OPENAI_COMPATIBLE | set(FAMILIES))


def scenarios_for(vendor: str, names: tuple[str, ...] = ()) -> tuple[Scenario, ...]:
    """The scenarios of `vendor`'s family, or only those named (`UnknownVendorError`/`ValueError`)."""
    chosen = FAMILIES[family_of(vendor)]
    if not names:
        return chosen
    by_name = {s.name: s for s in chosen}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValueError(f"unknown scenario {unknown[0]!r} for {vendor}; known: {', '.join(by_name)}")
    return tuple(by_name[n] for n in names)
