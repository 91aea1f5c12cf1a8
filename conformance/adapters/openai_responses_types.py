"""The OpenAI Responses API's streaming vocabulary: event and item types, the stop-reason and
usage maps (sources with each table). The adapter (`openai_responses`) reads streams with it;
the oracle, the converters and the stream generator share it.
"""

from __future__ import annotations

# Terminal response -> normalized stop reason. `completed` is `tool_calls` when the output
# holds a client tool call. https://platform.openai.com/docs/api-reference/responses/object
# (`status`, `incomplete_details.reason`); the vendor stop reason is the incomplete reason,
# else the status.
INCOMPLETE_REASONS = {
    "max_output_tokens": "length",
    "content_filter": "content_filter",
}

# ResponseUsage -> normalized keys (openai-python `types/responses/response_usage.py`).
USAGE_FIELDS = {
    "input_tokens": "input_tokens",
    "output_tokens": "output_tokens",
    "total_tokens": "total_tokens",
    "output_tokens_details.reasoning_tokens": "reasoning_tokens",
    "input_tokens_details.cached_tokens": "cache_read_tokens",
    "input_tokens_details.cache_write_tokens": "cache_write_tokens",
}

CALL_ITEMS = ("function_call", "custom_tool_call")
"""Output item types that are tool calls for the client to run."""

SERVER_CALL_ITEMS = {"web_search_call": "web_search"}
"""Hosted-tool items kept as server tool calls -> the tool's name; the arguments are the
item's `action` (`{type: search, query, queries}`), known at `output_item.done`. Other
hosted tools (file search, code interpreter, MCP…) are tolerated and add nothing yet."""

DONE = "[DONE]"
DONE_EVENT = "done"
"""The vendor event type of `data: [DONE]` (OpenRouter; the SDK stops reading there)."""

# Event types of the SDK's `ResponseStreamEvent` union that carry nothing the normalized
# message holds: hosted tools' progress, annotations, audio, done-markers of deltas.
TOLERATED = frozenset(
    {
        "response.content_part.done",
        "response.output_text.done",
        "response.refusal.done",
        "response.function_call_arguments.done",
        "response.reasoning_summary_part.added",
        "response.reasoning_summary_part.done",
        "response.reasoning_summary_text.done",
        "response.reasoning_text.done",
        "response.custom_tool_call_input.done",
        "response.audio.delta",
        "response.audio.done",
        "response.audio.transcript.delta",
        "response.audio.transcript.done",
        "response.code_interpreter_call.in_progress",
        "response.code_interpreter_call.interpreting",
        "response.code_interpreter_call.completed",
        "response.code_interpreter_call_code.delta",
        "response.code_interpreter_call_code.done",
        "response.compaction.compacting",
        "response.file_search_call.in_progress",
        "response.file_search_call.searching",
        "response.file_search_call.completed",
        "response.web_search_call.in_progress",
        "response.web_search_call.searching",
        "response.web_search_call.completed",
        "response.image_generation_call.in_progress",
        "response.image_generation_call.generating",
        "response.image_generation_call.partial_image",
        "response.image_generation_call.completed",
        "response.mcp_call.in_progress",
        "response.mcp_call.completed",
        "response.mcp_call.failed",
        "response.mcp_call_arguments.delta",
        "response.mcp_call_arguments.done",
        "response.mcp_list_tools.in_progress",
        "response.mcp_list_tools.completed",
        "response.mcp_list_tools.failed",
        "response.shell_call_command.added",
        "response.shell_call_command.delta",
        "response.shell_call_command.done",
        "response.shell_call_output_content.delta",
        "response.shell_call_output_content.done",
    }
)
