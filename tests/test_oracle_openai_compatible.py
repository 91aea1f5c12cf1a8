"""The official `openai` SDK, pointed at the OpenAI-compatible profiles' bodies (Azure OpenAI,
OpenRouter, Groq, DeepSeek, xAI, vLLM), agrees with `conformance.parse` on every complete
bundled cassette: text, refusal, reasoning (read from the SDK's extra fields), tool calls,
stop reason, usage (Groq's `x_groq.usage` included). Where the SDK itself fails on what
these servers really send, the failure is pinned here beside what we report.

One test module for the six profiles, as one source module (`openai_compatible`) serves them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests._oracles import require_sdk

require_sdk("openai", reason="the SDK oracle needs the dev extra")
require_sdk("httpx2", reason="the SDK oracle needs the dev extra")

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import ORACLE_MODULES, compare, oracle_for
from conformance.oracles.openai_compatible import COMPATIBLE

PROFILES = ("azure-openai", "openrouter", "groq", "deepseek", "xai", "vllm")


def complete_cassettes() -> list[Any]:
    return [
        pytest.param(c, id=c.id)
        for vendor in PROFILES
        for c in load_cassettes(vendor=vendor)
        if c.expected is not None and c.expected.complete
    ]


def cassette(vendor: str, scenario: str) -> Cassette:
    (found,) = [c for c in load_cassettes(vendor=vendor) if c.scenario == scenario]
    return found


def sse(*events: dict[str, Any]) -> bytes:
    return b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in events) + b"data: [DONE]\n\n"


def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
    head = {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    return {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}


@pytest.mark.parametrize("vendor", PROFILES)
def test_every_profile_has_its_oracle_registered(vendor: str) -> None:
    assert vendor in COMPATIBLE
    assert ORACLE_MODULES[vendor] == "conformance.oracles.openai_compatible"
    sdk_message = oracle_for(vendor)
    assert sdk_message.__qualname__.startswith("oracle.")  # made by the factory for this profile


def test_every_profile_has_complete_cassettes_to_compare() -> None:
    covered = {c.values[0].vendor for c in complete_cassettes()}
    assert covered == set(PROFILES)


@pytest.mark.parametrize("cassette", complete_cassettes())
def test_sdk_agrees_with_parse_and_the_expected_message(cassette: Cassette) -> None:
    ours = conformance.parse(cassette.vendor, [cassette.body])
    theirs = oracle_for(cassette.vendor)(cassette.body)
    assert "sdk_error" not in theirs
    assert {"text", "refusal", "tool_calls", "vendor_stop_reason", "usage"} <= set(theirs)
    assert compare(ours, theirs) == []
    assert cassette.expected is not None
    assert compare(cassette.expected, theirs) == []


@pytest.mark.parametrize("cassette", complete_cassettes())
def test_sdk_agrees_when_the_body_arrives_in_small_chunks(cassette: Cassette) -> None:
    body = cassette.body
    chunks = [body[i : i + 7] for i in range(0, len(body), 7)]
    theirs = oracle_for(cassette.vendor)(body, chunks=chunks)
    assert compare(conformance.parse(cassette.vendor, chunks), theirs) == []


@pytest.mark.parametrize("cassette", [p for p in complete_cassettes() if "reasoning" in p.values[0].features])
def test_reasoning_is_judged_from_the_sdks_extra_fields_not_assumed(cassette: Cassette) -> None:
    theirs = oracle_for(cassette.vendor)(cassette.body)
    assert theirs["reasoning"]
    assert theirs["reasoning"] == conformance.parse(cassette.vendor, [cassette.body]).reasoning


def test_groq_usage_under_x_groq_is_read_from_the_chunks_extra_fields() -> None:
    # Older Groq streams report usage only under `x_groq`; the SDK's `usage` stays None.
    usage = {"prompt_tokens": 21, "completion_tokens": 4, "total_tokens": 25}
    body = sse(chunk({"content": "Hi"}), chunk({}, "stop", x_groq={"id": "req_1", "usage": usage}))
    theirs = oracle_for("groq")(body)
    assert theirs["usage"] == {"input_tokens": 21, "output_tokens": 4, "total_tokens": 25}
    assert compare(conformance.parse("groq", [body]), theirs) == []


def test_vllm_reasoning_sent_twice_is_read_once() -> None:
    # vLLM sends `reasoning` and a copy in `reasoning_content`; the SDK accumulates both keys.
    body = sse(
        chunk({"reasoning": "Two ", "reasoning_content": "Two "}),
        chunk({"reasoning": "primes.", "reasoning_content": "primes."}),
        chunk({"content": "2, 3"}, "stop"),
    )
    theirs = oracle_for("vllm")(body)
    assert theirs["reasoning"] == "Two primes."
    assert compare(conformance.parse("vllm", [body]), theirs) == []


def test_done_without_any_finish_reason_is_no_stop_reason_for_the_sdk_and_for_us() -> None:
    # vLLM (now and then) and vLLM-API servers end with [DONE] and no finish_reason: the SDK's
    # accumulator keeps the call and leaves finish_reason None; we keep the call, give no stop
    # reason, and call the message complete (its terminator arrived).
    c = cassette("vllm", "tool_call_without_finish_reason")
    ours = conformance.parse("vllm", [c.body])
    theirs = oracle_for("vllm")(c.body)
    assert theirs["vendor_stop_reason"] is None
    assert [call["name"] for call in theirs["tool_calls"]] == ["get_weather"]
    assert (ours.stop_reason, ours.vendor_stop_reason, ours.complete) == (None, None, True)
    assert compare(ours, theirs) == []


def test_sdk_raises_on_an_error_chunk_without_reading_its_choices_but_we_keep_them() -> None:
    # openai-python `_streaming.py` raises APIError as soon as a payload has `error`, so the
    # rest of OpenRouter's error chunk (its `finish_reason: "error"`, its `usage`) never
    # reaches the SDK's accumulator. The adapter keeps both; the error itself agrees.
    c = cassette("openrouter", "error_mid_stream")
    ours = conformance.parse("openrouter", [c.body])
    theirs = oracle_for("openrouter")(c.body)
    assert theirs["sdk_error"].startswith("APIError: ")
    assert theirs["error"] == {"type": "server_error", "message": "Provider disconnected unexpectedly"}
    assert ours.error == theirs["error"]
    assert (ours.vendor_stop_reason, theirs["vendor_stop_reason"]) == ("error", None)


def test_sdk_drops_the_usage_of_an_error_chunk_which_we_report() -> None:
    # Shape of a live OpenRouter stream (pydantic-ai test_openrouter_stream_error cassette).
    error = {"code": 400, "message": "Token limit reached"}
    usage = {"prompt_tokens": 43, "completion_tokens": 10, "total_tokens": 53}
    body = sse(chunk({"reasoning": "We need"}, "length"), chunk({"content": ""}, error=error, usage=usage))
    theirs = oracle_for("openrouter")(body)
    ours = conformance.parse("openrouter", [body])
    assert theirs["error"] == ours.error == {"type": "400", "message": "Token limit reached"}
    assert (theirs["usage"], ours.usage) == (
        None,
        {"input_tokens": 43, "output_tokens": 10, "total_tokens": 53},
    )


def test_sdk_fails_on_a_second_delta_list_without_index_which_we_parse() -> None:
    # openai-python `lib/streaming/_deltas.py` `accumulate_delta` merges lists of objects by
    # their `index` and raises RuntimeError("Expected list delta entry to have an `index` key")
    # for any that has none. OpenRouter's web-search streams send `delta.annotations`
    # (url_citation objects, no index) in several chunks: the SDK fails at the second one.
    def citation(url: str) -> dict[str, Any]:
        return {"type": "url_citation", "url_citation": {"url": url, "title": "", "start_index": 0}}

    body = sse(
        chunk({"content": "", "annotations": [citation("https://a.example")]}),
        chunk({"content": "", "annotations": [citation("https://b.example")]}),
        chunk({"content": "See the docs."}, "stop"),
    )
    theirs = oracle_for("openrouter")(body)
    assert theirs["sdk_error"].startswith("RuntimeError: Expected list delta entry to have an `index` key")
    assert theirs["text"] == ""
    ours = conformance.parse("openrouter", [body])
    assert (ours.text, ours.vendor_stop_reason, ours.complete) == ("See the docs.", "stop", True)


@pytest.mark.parametrize("vendor", PROFILES)
def test_sdk_fails_on_a_tool_call_delta_without_index_and_so_do_we(vendor: str) -> None:
    # ChatCompletionStreamState indexes its snapshot's tool calls by the delta's `index`
    # (lib/streaming/chat/_completions.py): None is a TypeError. Mistral's SDK reads such a
    # delta (index 0, tests/test_oracle_mistral.py); for the openai SDK's servers it is an error.
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": '{"a": 1}'}}
    body = sse(chunk({"role": "assistant", "content": ""}), chunk({"tool_calls": [call]}, "tool_calls"))
    theirs = oracle_for(vendor)(body)
    assert theirs["sdk_error"].startswith("TypeError: list indices must be integers")
    with pytest.raises(conformance.VendorEventError, match="missing field 'index'"):
        conformance.parse(vendor, [body])


def test_the_oracle_refuses_chunks_that_are_not_the_body() -> None:
    with pytest.raises(ValueError, match="do not add up"):
        oracle_for("groq")(b"data: [DONE]\n\n", chunks=[b"data: "])
