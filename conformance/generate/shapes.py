"""What each vendor's stream can carry, as data: the `Shape` the message strategy reads.

One `Shape` per encoder (`SHAPES`): the vendor's stop reasons (with and without tool calls),
the usage keys it reports and which always come, whether it streams reasoning or refusals,
what its tool-call ids look like, and what a stream cut before its terminator still holds.
Taken from the adapters' tables where they exist, so the strategies and the parser agree.
No Hypothesis here: this is the data `strategies.messages` draws from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from conformance.adapters import ADAPTERS
from conformance.adapters.anthropic import STOP_REASONS as ANTHROPIC_STOPS
from conformance.adapters.anthropic import USAGE_FIELDS as ANTHROPIC_USAGE
from conformance.adapters.gemini import STOP_REASONS as GEMINI_STOPS
from conformance.adapters.gemini import USAGE_FIELDS as GEMINI_USAGE
from conformance.adapters.mistral import MISTRAL
from conformance.adapters.openai_chat import OpenAIChatAdapter
from conformance.adapters.openai_responses_types import INCOMPLETE_REASONS
from conformance.adapters.openai_responses_types import USAGE_FIELDS as RESPONSES_USAGE
from conformance.generate.encoders import ENCODERS


@dataclass(frozen=True)
class Shape:
    """What one vendor's stream can carry, as data the strategies read."""

    stop_reasons: Mapping[str, str]
    """Vendor stop reason -> normalized, for answers without tool calls."""
    tool_stops: Mapping[str, str]
    """Vendor stop reason -> normalized, for answers with tool calls."""
    usage_keys: tuple[str, ...]
    """Normalized usage keys the vendor can report."""
    usage_always: bool = False
    """Every stream reports usage (Anthropic's `message_start` always does)."""
    usage_required: tuple[str, ...] = ()
    """Keys present whenever usage is reported (the rest are drawn)."""
    reasoning: bool = False
    refusal: bool = False
    parallel_calls: bool = True
    call_id: str | None = "call_"
    """Prefix of tool-call ids; None: ids are optional (Gemini's are)."""
    call_ids: bool = True
    """Tool calls carry ids at all (Ollama's never do)."""
    tools: bool = True
    """The endpoint has tool calls at all (Ollama's `/api/generate` has none)."""
    incomplete_has_stop: bool = True
    """A stream cut before its terminator still carries its stop reason (False for Gemini,
    whose stop reason *is* its end)."""
    usage_at_end: bool = False
    """Usage comes only with the terminator (Responses): an incomplete stream has none."""


def _openai_shape(vendor: str) -> Shape:
    cls = ADAPTERS[vendor]
    assert issubclass(cls, OpenAIChatAdapter)
    profile = cls.profile
    stops = {k: v for k, v in profile.stop_reasons.items() if k in ("stop", "length", "content_filter")}
    # The keys OpenAI's CompletionUsage has; the adapter also reads a `cache_write_tokens` some
    # compatible servers add, which OpenAI never sends.
    keys = tuple(k for k in dict.fromkeys(profile.usage_fields.values()) if k != "cache_write_tokens")
    return Shape(
        stop_reasons=stops,
        tool_stops={"tool_calls": "tool_calls", **({"stop": "stop"} if profile.forced_tool_stop else {})},
        usage_keys=keys,
        usage_required=("input_tokens", "output_tokens", "total_tokens"),  # CompletionUsage requires them
        reasoning=bool(profile.reasoning_fields),
        refusal=profile.refusal,
    )


ANTHROPIC = Shape(
    stop_reasons={
        k: ANTHROPIC_STOPS[k] for k in ("end_turn", "stop_sequence", "max_tokens", "refusal", "pause_turn")
    },
    tool_stops={"tool_use": "tool_calls"},
    usage_keys=tuple(ANTHROPIC_USAGE.values()),
    usage_always=True,
    usage_required=tuple(ANTHROPIC_USAGE.values()),
    reasoning=True,
    call_id="toolu_",
)
GEMINI = Shape(
    stop_reasons={k: GEMINI_STOPS[k] for k in ("STOP", "MAX_TOKENS", "SAFETY", "RECITATION", "OTHER")},
    tool_stops={"STOP": "tool_calls"},
    usage_keys=tuple(GEMINI_USAGE.values()),
    # Every recorded answer has `usageMetadata`, with `promptTokenCount` and `totalTokenCount`
    # (all but one of 117 recorded Gemini and Vertex streams; the rest of the keys come and go).
    usage_always=True,
    usage_required=("input_tokens", "total_tokens"),
    reasoning=True,
    call_id=None,
    incomplete_has_stop=False,
)

RESPONSES = Shape(
    stop_reasons={"completed": "stop", **INCOMPLETE_REASONS},
    tool_stops={"completed": "tool_calls"},
    usage_keys=tuple(RESPONSES_USAGE.values()),
    usage_required=("input_tokens", "output_tokens", "total_tokens"),
    reasoning=True,
    refusal=True,
    incomplete_has_stop=False,
    usage_at_end=True,
)

MISTRAL_SHAPE = Shape(
    stop_reasons={k: MISTRAL.stop_reasons[k] for k in ("stop", "length", "model_length")},
    tool_stops={"tool_calls": "tool_calls"},
    usage_keys=("input_tokens", "output_tokens", "total_tokens"),
    usage_required=("input_tokens", "output_tokens", "total_tokens"),
    reasoning=True,
    call_id="",
)

OLLAMA = Shape(
    stop_reasons={"stop": "stop", "length": "length"},
    tool_stops={"stop": "tool_calls"},
    usage_keys=("input_tokens", "output_tokens"),
    # The last line always counts the tokens it generated (`eval_count`); Go's `omitempty` leaves
    # out a `prompt_eval_count` of 0, which a prompt served from Ollama's cache has.
    usage_always=True,
    usage_required=("output_tokens",),
    reasoning=True,
    call_id=None,
    incomplete_has_stop=False,
    usage_at_end=True,
    call_ids=False,
)

COHERE = Shape(
    stop_reasons={"COMPLETE": "stop", "STOP_SEQUENCE": "stop", "MAX_TOKENS": "length"},
    tool_stops={"TOOL_CALL": "tool_calls"},
    usage_keys=("input_tokens", "output_tokens", "cache_read_tokens"),
    usage_required=("input_tokens", "output_tokens"),
    reasoning=True,
    call_id="get_weather_",
    incomplete_has_stop=False,
    usage_at_end=True,
)

BEDROCK = Shape(
    stop_reasons={
        "end_turn": "stop",
        "stop_sequence": "stop",
        "max_tokens": "length",
        "guardrail_intervened": "content_filter",
    },
    tool_stops={"tool_use": "tool_calls"},
    usage_keys=("input_tokens", "output_tokens", "total_tokens", "cache_read_tokens", "cache_write_tokens"),
    usage_required=("input_tokens", "output_tokens", "total_tokens"),
    usage_always=True,  # `metadata` requires it
    reasoning=True,
    call_id="tooluse_",
    usage_at_end=True,
)

BEDROCK_CLAUDE = Shape(
    stop_reasons=ANTHROPIC.stop_reasons,
    tool_stops=ANTHROPIC.tool_stops,
    usage_keys=("input_tokens", "output_tokens"),
    usage_always=True,
    usage_required=("input_tokens", "output_tokens"),
    reasoning=True,
    call_id="toolu_bdrk_",
)

INTERACTIONS = Shape(
    stop_reasons={"completed": "stop", "incomplete": "length", "budget_exceeded": "length"},
    tool_stops={"requires_action": "tool_calls"},
    usage_keys=("input_tokens", "output_tokens", "total_tokens", "reasoning_tokens", "cache_read_tokens"),
    usage_required=("input_tokens", "output_tokens", "total_tokens"),
    reasoning=True,
    call_id="",
    incomplete_has_stop=False,
    usage_at_end=True,
)

COHERE_V1 = Shape(
    stop_reasons={"COMPLETE": "stop", "MAX_TOKENS": "length"},
    tool_stops={"COMPLETE": "tool_calls"},
    usage_keys=("input_tokens", "output_tokens"),
    usage_required=("input_tokens", "output_tokens"),
    call_ids=False,
    incomplete_has_stop=False,
    usage_at_end=True,
)

_OWN_SHAPES: dict[str, Shape] = {
    "cohere-v1": COHERE_V1,
    "gemini-interactions": INTERACTIONS,
    "anthropic": ANTHROPIC,
    "openai-responses": RESPONSES,
    "gemini": GEMINI,
    "gemini-array": GEMINI,
    "vertex": GEMINI,
    "mistral": MISTRAL_SHAPE,
    "ollama": OLLAMA,
    "ollama-generate": dataclasses.replace(OLLAMA, tool_stops={}, tools=False),
    "cohere": COHERE,
    "bedrock-converse": BEDROCK,
    "bedrock-invoke": BEDROCK_CLAUDE,
}

SHAPES: dict[str, Shape] = {
    **_OWN_SHAPES,
    # The OpenAI-compatible profiles: their shape follows from the adapter's profile table.
    **{v: _openai_shape(v) for v in ENCODERS if v not in _OWN_SHAPES},
}
"""Vendor id -> what its stream can carry (one entry per encoder)."""
