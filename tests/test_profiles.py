"""The OpenAI-compatible servers are profiles of the `openai-chat` adapter — data, not copies —
and each profile's data makes its server's quirk parse right (and only its server's)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance
from conformance.adapters import ADAPTERS
from conformance.adapters.openai_chat import OpenAIChatAdapter
from conformance.adapters.profiles import PROFILE_ADAPTERS, PROFILES
from conformance.formats.cassettes import load_cassettes
from conformance.formats.schemas import event_types_with_schemas

PROFILE_IDS = ["azure-openai", "openrouter", "groq", "deepseek", "xai", "vllm"]
DONE = b"data: [DONE]\n\n"


def data(payload: dict[str, Any]) -> bytes:
    return f"data: {json.dumps(payload)}\n\n".encode()


def chunk(
    delta: dict[str, Any] | None = None,
    finish: str | None = None,
    *,
    choice: dict[str, Any] | None = None,
    **top: Any,
) -> bytes:
    """A chunk with one choice (index 0); `choice` adds fields to the choice, `top` to the chunk."""
    out = {
        "id": "chatcmpl-P1",
        "object": "chat.completion.chunk",
        "created": 1770000000,
        "model": "some-model",
        "choices": [{"index": 0, "delta": delta or {}, "finish_reason": finish, **(choice or {})}],
    }
    out.update(top)
    return data(out)


def usage_chunk(usage: dict[str, Any], **top: Any) -> bytes:
    return data(
        {
            "id": "chatcmpl-P1",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "m",
            "choices": [],
            "usage": usage,
            **top,
        }
    )


def parse(vendor: str, *parts: bytes) -> conformance.Message:
    body = b"".join(parts)
    return conformance.parse(vendor, [body[i : i + 5] for i in range(0, len(body), 5)])


# -- profiles are data ---------------------------------------------------------------------------


@pytest.mark.parametrize("vendor", PROFILE_IDS)
def test_each_profile_is_registered_as_the_chat_adapter_with_only_data_changed(vendor: str) -> None:
    cls = ADAPTERS[vendor]
    assert issubclass(cls, OpenAIChatAdapter)
    assert cls.profile.name == vendor
    overridden = {name for name, value in vars(cls).items() if callable(value)}
    assert overridden == set(), f"{vendor} overrides {overridden}: a profile must be data only"


def test_the_profiles_and_their_adapters_line_up() -> None:
    assert [p.name for p in PROFILES] == PROFILE_IDS
    assert [cls.vendor for cls in PROFILE_ADAPTERS] == PROFILE_IDS
    assert len({id(p) for p in PROFILES}) == len(PROFILES)


@pytest.mark.parametrize("vendor", [*PROFILE_IDS, "mistral"])
def test_each_profile_has_a_schema_for_every_event_type_own_or_inherited(vendor: str) -> None:
    assert ADAPTERS[vendor].schemas_from == "openai-chat"
    assert conformance.adapters.make_adapter(vendor).event_types <= event_types_with_schemas(vendor)


@pytest.mark.parametrize("vendor", PROFILE_IDS)
def test_each_profile_bundles_text_tool_call_error_and_truncated_cassettes(vendor: str) -> None:
    features = [c.features for c in load_cassettes(vendor=vendor)]
    for wanted in ("text", "tool_calls", "error", "truncated", "usage"):
        assert any(wanted in f for f in features), f"{vendor}: no cassette with {wanted}"
    if vendor in ("openrouter", "groq", "deepseek", "xai", "vllm"):
        assert any("reasoning" in f for f in features), f"{vendor}: no reasoning cassette"


def test_a_reasoning_field_of_one_profile_means_nothing_to_plain_openai() -> None:
    body = chunk({"reasoning_content": "think", "reasoning": "think", "content": "hi"}, "stop") + DONE
    assert parse("openai-chat", body).reasoning == ""
    assert parse("deepseek", body).reasoning == "think"


# -- each server's quirk -------------------------------------------------------------------------


def test_azure_annotation_chunk_first_and_content_filter_finish() -> None:
    annotation = data(
        {
            "choices": [],
            "created": 0,
            "id": "",
            "model": "",
            "object": "",
            "prompt_filter_results": [
                {
                    "prompt_index": 0,
                    "content_filter_results": {"hate": {"filtered": False, "severity": "safe"}},
                }
            ],
        }
    )
    safe = {"content_filter_results": {"violence": {"filtered": False, "severity": "safe"}}}
    filtered = {"content_filter_results": {"violence": {"filtered": True, "severity": "high"}}}
    body = (
        annotation
        + chunk({"content": "The knight"}, choice=safe)
        + chunk({}, "content_filter", choice=filtered)
        + DONE
    )
    events = list(conformance.stream_events("azure-openai", [body]))
    assert events[0] == conformance.StreamStart(
        "azure-openai", "some-model", "chatcmpl-P1"
    )  # not the annotation's empty model
    message = parse("azure-openai", body)
    assert (message.text, message.stop_reason, message.complete) == ("The knight", "content_filter", True)


def test_openrouter_comments_are_ignored_and_reasoning_is_read_once() -> None:
    comment = b": OPENROUTER PROCESSING\n\n"
    step = {
        "reasoning": "17*24",
        "reasoning_details": [{"type": "reasoning.text", "text": "17*24"}],
        "content": "",
    }
    body = comment + comment + chunk(step) + comment + chunk({"content": "408"}) + chunk({}, "stop") + DONE
    message = parse("openrouter", body)
    assert (message.reasoning, message.text, message.complete) == ("17*24", "408", True)


def test_openrouter_error_chunk_reports_the_error_and_its_finish_reason() -> None:
    error = {"code": "server_error", "message": "Provider disconnected unexpectedly"}
    body = chunk({"content": "The"}) + chunk({"content": ""}, "error", error=error) + DONE
    message = parse("openrouter", body)
    assert message.error == {"type": "server_error", "message": "Provider disconnected unexpectedly"}
    assert (message.stop_reason, message.vendor_stop_reason, message.complete) == ("error", "error", False)


def test_groq_usage_under_x_groq_is_the_usage() -> None:
    x_groq = {
        "id": "req_1",
        "usage": {"queue_time": 0.02, "prompt_tokens": 42, "completion_tokens": 11, "total_tokens": 53},
    }
    body = chunk({"content": "Hi"}) + chunk({}, "stop", x_groq=x_groq) + DONE
    assert parse("groq", body).usage == {"input_tokens": 42, "output_tokens": 11, "total_tokens": 53}
    assert parse("openai-chat", body).usage is None  # plain OpenAI does not look there


def test_groq_error_as_a_named_sse_event() -> None:
    error = {
        "message": "Failed to call a function.",
        "type": "invalid_request_error",
        "code": "tool_use_failed",
    }
    body = chunk({"content": ""}) + b"event: error\n" + data({"error": error})
    message = parse("groq", body)
    assert message.error == {"type": "invalid_request_error", "message": "Failed to call a function."}


def test_deepseek_reasoning_content_keepalives_and_cache_hits() -> None:
    usage = {
        "prompt_tokens": 1303,
        "completion_tokens": 10,
        "total_tokens": 1313,
        "prompt_cache_hit_tokens": 1280,
        "prompt_cache_miss_tokens": 23,
    }
    keepalive = b": keep-alive\n\n"
    body = (
        keepalive
        + chunk({"content": None, "reasoning_content": "Hmm"})
        + keepalive
        + chunk({"content": "Hi", "reasoning_content": None})
    )
    message = parse("deepseek", body + chunk({"content": ""}, "stop", usage=usage) + DONE)
    assert (message.reasoning, message.text) == ("Hmm", "Hi")
    assert message.usage == {
        "input_tokens": 1303,
        "output_tokens": 10,
        "total_tokens": 1313,
        "cache_read_tokens": 1280,
    }


def test_deepseek_insufficient_system_resource_is_an_error_stop() -> None:
    message = parse("deepseek", chunk({"content": "The"}) + chunk({}, "insufficient_system_resource") + DONE)
    assert (message.stop_reason, message.vendor_stop_reason, message.complete) == (
        "error",
        "insufficient_system_resource",
        True,
    )
    assert parse("openai-chat", chunk({}, "insufficient_system_resource") + DONE).stop_reason == "other"


def test_xai_chunks_without_finish_reason_and_whole_parallel_tool_calls() -> None:
    calls = [
        {
            "id": "call_1",
            "function": {"name": "get_weather", "arguments": '{"location":"Rome"}'},
            "index": 0,
            "type": "function",
        },
        {
            "id": "call_2",
            "function": {"name": "get_weather", "arguments": '{"location":"Nice"}'},
            "index": 1,
            "type": "function",
        },
    ]
    no_finish = data(
        {
            "id": "x",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "grok-4",
            "choices": [{"index": 0, "delta": {"tool_calls": calls}}],
        }
    )
    message = parse("xai", no_finish + chunk({}, "tool_calls") + DONE)
    assert [c.arguments for c in message.tool_calls] == [{"location": "Rome"}, {"location": "Nice"}]
    assert message.stop_reason == "tool_calls"


def test_xai_string_error_document_is_the_error() -> None:
    body = b'{"code":"Some resource has been exhausted","error":"Your team has used all available credits."}'
    message = conformance.parse("xai", [body])
    assert message.error == {
        "type": "Some resource has been exhausted",
        "message": "Your team has used all available credits.",
    }


def test_vllm_reasoning_and_its_copy_count_once() -> None:
    body = (
        chunk({"reasoning": "Okay", "reasoning_content": "Okay"})
        + chunk({"content": "56"})
        + chunk({}, "stop")
        + DONE
    )
    assert parse("vllm", body).reasoning == "Okay"


def test_vllm_older_servers_send_only_reasoning_content() -> None:
    assert parse("vllm", chunk({"reasoning_content": "old"}) + chunk({}, "stop") + DONE).reasoning == "old"


def test_vllm_continuous_usage_stats_leave_the_last_report() -> None:
    body = b"".join(
        chunk({"content": c}, usage={"prompt_tokens": 5, "completion_tokens": i, "total_tokens": 5 + i})
        for i, c in enumerate("abc", 1)
    )
    message = parse(
        "vllm",
        body
        + chunk({}, "stop", usage={"prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9})
        + DONE,
    )
    assert message.usage == {"input_tokens": 5, "output_tokens": 4, "total_tokens": 9}


def test_vllm_error_object_sent_bare_is_reported() -> None:
    error = {
        "object": "error",
        "message": "CUDA out of memory.",
        "type": "InternalServerError",
        "param": None,
        "code": 500,
    }
    message = parse("vllm", chunk({"content": "The"}) + data(error) + DONE)
    assert message.error == {"type": "InternalServerError", "message": "CUDA out of memory."}
    assert (message.text, message.complete) == ("The", False)


@pytest.mark.parametrize("vendor", ["openai-chat", *PROFILE_IDS])
def test_a_tool_call_delta_without_index_is_an_error_as_the_openai_sdk_finds(vendor: str) -> None:
    # The openai SDK, which users of these servers stream with, raises TypeError on such a
    # delta (pinned in tests/test_oracle_openai_compatible.py); only Mistral's SDK reads it.
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    with pytest.raises(conformance.VendorEventError, match="missing field 'index'") as info:
        parse(vendor, chunk({"tool_calls": [call]}, "tool_calls") + DONE)
    assert (info.value.vendor, info.value.event_index) == (vendor, 0)


# -- bad input: a typed error naming the vendor, never another exception ---------------------------

CHAT_VENDORS = [*PROFILE_IDS, "mistral"]


@pytest.mark.parametrize("vendor", CHAT_VENDORS)
def test_invalid_json_names_the_vendor_event_and_offset(vendor: str) -> None:
    first = chunk({"content": "hi"})
    with pytest.raises(conformance.InvalidJSONError) as info:
        conformance.parse(vendor, [first + b'data: {"choices": oops}\n\n'])
    assert (info.value.vendor, info.value.event_index, info.value.offset) == (vendor, 1, len(first))


@pytest.mark.parametrize("vendor", CHAT_VENDORS)
def test_invalid_utf8_is_a_typed_error_at_its_byte(vendor: str) -> None:
    body = chunk({"content": "hi"}) + b'data: {"x": "\xc3\x28"}\n\n'
    with pytest.raises(conformance.InvalidUTF8Error) as info:
        conformance.parse(vendor, [body[i : i + 4] for i in range(0, len(body), 4)])
    assert (info.value.vendor, info.value.offset) == (vendor, body.index(b"\xc3"))


@pytest.mark.parametrize("vendor", CHAT_VENDORS)
@given(data=st.data())
def test_a_corrupted_cassette_gives_a_message_or_a_stream_error(vendor: str, data: st.DataObject) -> None:
    cassettes = load_cassettes(vendor=vendor)
    body = bytearray(data.draw(st.sampled_from(cassettes)).body)
    for _ in range(data.draw(st.integers(1, 3))):
        body[data.draw(st.integers(0, len(body) - 1))] = data.draw(st.integers(0, 255))
    try:
        conformance.parse(vendor, [bytes(body)])
    except conformance.StreamError as exc:
        assert exc.vendor == vendor
