"""Converters on the objects real libraries make from the bundled cassettes.

Each library is pointed at the kit's loopback `ReplayServer` playing a cassette, and its own
result (an SDK's `ChatCompletionChunk`s, `Message`, `Response`, `GenerateContentResponse`s; a
LangChain `AIMessageChunk`; a pydantic-ai `ModelResponse`) goes through the converter. Where
the library keeps what the vendor sent, the converted message must equal the cassette's
expected message, field for field; where it does not, the test pins what the library does
(and so what the converter must show, not hide). The official SDKs are in the `dev` extra;
LangChain, litellm and pydantic-ai in the `ecosystem` extra, and their tests skip without it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import conformance
from conformance import Message, ToolCall
from conformance.formats.cassettes import Cassette
from conformance.generate import encode_stream
from conformance.generate.fragments import Fragmentation
from conformance.live import converters
from conformance.live.replay import ReplayServer
from tests._bundled import bundled

HELLO = [{"role": "user", "content": "Hi"}]
BASE_PATHS = {"openai-chat": "/v1", "openrouter": "/api/v1", "groq": "/openai/v1", "deepseek": "/v1"}
"""Where each OpenAI-compatible vendor's API sits under its host (the SDK's `base_url` suffix)."""


@pytest.fixture(scope="module")
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as running:
        yield running


def cassettes(*vendors: str, skip: tuple[str, ...] = ()) -> list[Any]:
    return [pytest.param(c, id=c.id) for c in bundled() if c.vendor in vendors and c.id not in skip]


def served(server: ReplayServer, cassette: Cassette, call: Callable[[str], Message]) -> Message:
    server.play(cassette, speed=None)
    return call(server.base_url)


def assert_same(expected: Message | None, got: Message) -> None:
    assert expected is not None
    assert {**got.to_dict(), "vendor": None} == {**expected.to_dict(), "vendor": None}


# -- the official SDKs -----------------------------------------------------------------------------

# Cassettes whose stream the SDK turns into an exception (an error event, an HTTP error, a
# body cut inside an event): no result object to convert.
SDK_RAISES = {
    "openai-chat/error_mid_stream",
    "anthropic/error_overloaded",
    "anthropic/error_before_message_start",
    "gemini/error_mid_stream",
    "gemini/truncated",
    "openrouter/error_mid_stream",
    "groq/error_tool_use_failed",
    "deepseek/insufficient_balance",
    "xai/rate_limited",
    "vllm/error_mid_stream",
    "azure-openai/rate_limited",
}
CHAT_VENDORS = ("openai-chat", "openrouter", "groq", "deepseek", "xai", "vllm")
NO_FINISH_REASON = "vllm/tool_call_without_finish_reason"
"""A stream that ends with `data: [DONE]` and no finish reason: the SDK consumes `[DONE]`, so
its chunks are those of a stream cut after the last call fragment (pinned below)."""


def openai_chat_chunks(vendor: str, **convert: Any) -> Callable[[str], Message]:
    openai = pytest.importorskip("openai")

    def call(base_url: str) -> Message:
        client = openai.OpenAI(
            api_key="test", base_url=base_url + BASE_PATHS.get(vendor, "/v1"), max_retries=0
        )
        with client:
            chunks = list(client.chat.completions.create(model="m", messages=HELLO, stream=True))
        return converters.from_openai_chat(chunks, vendor=vendor, **convert)

    return call


@pytest.mark.parametrize("cassette", cassettes(*CHAT_VENDORS, skip=(*SDK_RAISES, NO_FINISH_REASON)))
def test_openai_sdk_chunks_convert_to_the_expected_message(server: ReplayServer, cassette: Cassette) -> None:
    assert_same(cassette.expected, served(server, cassette, openai_chat_chunks(cassette.vendor)))


def test_sdk_chunks_without_a_finish_reason_read_as_complete_only_when_the_caller_says_so(
    server: ReplayServer,
) -> None:
    # No chunk says the stream ended: the converter reads "no stop reason" as incomplete, which
    # keeps a cut stream from passing as a whole one; a caller who knows the stream ended (it saw
    # `data: [DONE]` on the wire) passes complete=True, and then every field is the expected one.
    (cassette,) = [c for c in bundled() if c.id == NO_FINISH_REASON]
    assert cassette.expected is not None and cassette.expected.complete
    assert cassette.expected.stop_reason is None and cassette.expected.tool_calls
    as_cut = served(server, cassette, openai_chat_chunks("vllm"))
    assert (as_cut.complete, as_cut.stop_reason, as_cut.tool_calls) == (
        False,
        None,
        cassette.expected.tool_calls,
    )
    assert_same(cassette.expected, served(server, cassette, openai_chat_chunks("vllm", complete=True)))


@pytest.mark.parametrize("cassette", cassettes("azure-openai", skip=tuple(SDK_RAISES)))
def test_azure_openai_chunks_convert_to_the_expected_message(
    server: ReplayServer, cassette: Cassette
) -> None:
    openai = pytest.importorskip("openai")

    def call(base_url: str) -> Message:
        client = openai.AzureOpenAI(
            api_key="test", azure_endpoint=base_url, azure_deployment="gpt-4o", api_version="2024-10-21"
        )
        chunks = list(client.chat.completions.create(model="gpt-4o", messages=HELLO, stream=True))
        return converters.from_openai_chat(chunks, vendor="azure-openai")

    assert_same(cassette.expected, served(server, cassette, call))


@pytest.mark.parametrize("cassette", cassettes("openai-chat", skip=tuple(SDK_RAISES)))
def test_openai_sdk_final_completion_converts_like_its_chunks(
    server: ReplayServer, cassette: Cassette
) -> None:
    """The SDK's own accumulator (`ChatCompletionStreamState`) gives a `ChatCompletion`: the
    converter reads it as it reads the chunks, `complete` aside (a completion has no terminator)."""
    openai = pytest.importorskip("openai")
    from openai.lib.streaming.chat import ChatCompletionStreamState

    def call(base_url: str) -> Message:
        client = openai.OpenAI(api_key="test", base_url=base_url + "/v1", max_retries=0)
        state: Any = ChatCompletionStreamState()
        for chunk in client.chat.completions.create(model="m", messages=HELLO, stream=True):
            state.handle_chunk(chunk)
        return converters.from_openai_chat(state.current_completion_snapshot)

    assert_same(cassette.expected, served(server, cassette, call))


@pytest.mark.parametrize("cassette", cassettes("anthropic", skip=tuple(SDK_RAISES)))
def test_anthropic_message_converts_to_the_expected_message(server: ReplayServer, cassette: Cassette) -> None:
    anthropic = pytest.importorskip("anthropic")

    def call(base_url: str) -> Message:
        client = anthropic.Anthropic(api_key="test", base_url=base_url, max_retries=0)
        with client.messages.stream(model="m", max_tokens=64, messages=HELLO) as stream:
            for _ in stream:
                pass
            return converters.from_anthropic(stream.current_message_snapshot)

    assert_same(cassette.expected, served(server, cassette, call))


def responses_terminal(base_url: str) -> Any:
    """The `Response` of the stream's terminal event (completed, incomplete or failed); the
    SDK's `get_final_response()` raises RuntimeError when there is none."""
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(api_key="test", base_url=base_url + "/v1", max_retries=0)
    with client.responses.stream(model="m", input="Hi") as stream:
        terminal = None
        for event in stream:
            if event.type in ("response.completed", "response.incomplete", "response.failed"):
                terminal = event.response
        if terminal is None:
            stream.get_final_response()
    return terminal


@pytest.mark.parametrize(
    "cassette",
    cassettes("openai-responses", skip=("openai-responses/error_event", "openai-responses/truncated")),
)
def test_openai_response_converts_to_the_expected_message(server: ReplayServer, cassette: Cassette) -> None:
    got = served(server, cassette, lambda url: converters.from_openai_response(responses_terminal(url)))
    assert_same(cassette.expected, got)


@pytest.mark.parametrize("scenario", ["error_event", "truncated"])
def test_openai_responses_stream_without_a_terminal_event_raises_in_the_sdk(
    server: ReplayServer, scenario: str
) -> None:
    (cassette,) = [c for c in bundled() if c.id == f"openai-responses/{scenario}"]
    with pytest.raises(RuntimeError, match=r"response\.completed"):
        served(server, cassette, responses_terminal)


@pytest.mark.parametrize("cassette", cassettes("gemini", skip=tuple(SDK_RAISES)))
def test_gemini_responses_convert_to_the_expected_message(server: ReplayServer, cassette: Cassette) -> None:
    genai = pytest.importorskip("google.genai")

    def call(base_url: str) -> Message:
        client = genai.Client(api_key="test", http_options=genai.types.HttpOptions(base_url=base_url))
        responses = list(client.models.generate_content_stream(model="gemini-2.5-pro", contents="Hi"))
        return converters.from_gemini(responses)

    assert_same(cassette.expected, served(server, cassette, call))


# -- duck typing -----------------------------------------------------------------------------------


def test_plain_mappings_in_the_wire_shape_convert_too() -> None:
    chunk = {"choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": "stop"}]}
    assert converters.from_openai_chat([chunk]).text == "Hi"


@pytest.mark.parametrize("vendor", ["vllm", "groq"])
def test_sdk_chunks_of_calls_sharing_index_zero_convert_to_the_calls_the_kit_reads(vendor: str) -> None:
    """Servers that send every parallel call at `index: 0` (Ollama, SGLang, Dynamo) tell the
    calls apart by id: the fold keeps them apart as the kit's adapter does, so a client that
    hands over its raw chunks is not blamed for the converter's merge."""
    openai = pytest.importorskip("openai")
    calls = (
        ToolCall(id="call_a1", name="read_file", arguments={"path": "a.rs"}),
        ToolCall(id="call_b2", name="read_file", arguments={"path": "b.rs"}),
    )
    stop = {"stop_reason": "tool_calls", "vendor_stop_reason": "tool_calls"}
    message = Message(vendor=vendor, tool_calls=calls, complete=True, **stop)
    body = encode_stream(vendor, message, Fragmentation(shared_index=True, cuts={"args:0": (2, 9)}))
    events = [block.removeprefix("data: ") for block in body.decode().split("\n\n") if block]
    chunks = [openai.types.chat.ChatCompletionChunk.model_validate_json(e) for e in events if e != "[DONE]"]
    assert {
        c.choices[0].delta.tool_calls[0].index for c in chunks if c.choices and c.choices[0].delta.tool_calls
    } == {0}
    assert converters.from_openai_chat(chunks, vendor=vendor, complete=True) == conformance.parse(
        vendor, [body]
    )
    assert converters.from_openai_chat(chunks, vendor=vendor, complete=True).tool_calls == calls


def test_a_result_that_is_neither_a_mapping_nor_a_model_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="cannot read a object"):
        converters.from_anthropic(object())


def test_arguments_that_are_not_json_are_kept_as_text() -> None:
    chunk = {"choices": [{"delta": {"tool_calls": [{"index": 0, "id": "c", "function": {"name": "f"}}]}}]}
    broken = {"choices": [{"delta": {"tool_calls": [{"index": 0, "function": {"arguments": '{"a": '}}]}}]}
    (call,) = converters.from_openai_chat([chunk, broken]).tool_calls
    assert (call.arguments, call.arguments_json) == ('{"a": ', '{"a": ')


def test_no_library_is_imported_with_the_kit() -> None:
    import subprocess
    import sys

    code = (
        "import sys, conformance, conformance.live.converters; "
        "print(sorted(m for m in ('openai', 'anthropic', 'google.genai', 'langchain_core', 'litellm', "
        "'pydantic_ai') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


# -- LangChain, litellm, pydantic-ai (the `ecosystem` extra) ---------------------------------------


def one(cassette_id: str) -> Cassette:
    (found,) = [c for c in bundled() if c.id == cassette_id]
    return found


def langchain_openai(vendor: str) -> Callable[[str], Message]:
    lc = pytest.importorskip("langchain_openai")

    def call(base_url: str) -> Message:
        model = lc.ChatOpenAI(
            model="gpt-4o",
            api_key="test",
            base_url=base_url + "/v1",
            max_retries=0,
            stream_usage=True,
            use_responses_api=vendor == "openai-responses",
        )
        total = None
        for chunk in model.stream("Hi"):
            total = chunk if total is None else total + chunk
        return converters.from_langchain(total, vendor=vendor)

    return call


@pytest.mark.parametrize("cassette_id", ["openai-chat/tool_calls_parallel", "openai-chat/usage"])
def test_langchain_openai_chat_chunks_convert_to_the_expected_message(
    server: ReplayServer, cassette_id: str
) -> None:
    cassette = one(cassette_id)
    assert_same(cassette.expected, served(server, cassette, langchain_openai("openai-chat")))


@pytest.mark.parametrize("scenario", ["max_output_tokens", "refusal", "tool_call", "reasoning"])
def test_langchain_openai_responses_api_converts_to_the_expected_message(
    server: ReplayServer, scenario: str
) -> None:
    cassette = one(f"openai-responses/{scenario}")
    assert_same(cassette.expected, served(server, cassette, langchain_openai("openai-responses")))


def test_langchain_openai_streaming_drops_a_chat_refusal(server: ReplayServer) -> None:
    """langchain-openai keeps `delta.refusal` nowhere when it streams: the converter shows it."""
    cassette = one("openai-chat/refusal")
    got = served(server, cassette, langchain_openai("openai-chat"))
    assert cassette.expected is not None and cassette.expected.refusal
    assert (got.refusal, got.text, got.stop_reason) == ("", "", "stop")


def test_langchain_anthropic_counts_cache_tokens_inside_input_tokens(server: ReplayServer) -> None:
    lc = pytest.importorskip("langchain_anthropic")
    cassette = one("anthropic/usage_cache")

    def call(base_url: str) -> Message:
        model = lc.ChatAnthropic(model="claude-sonnet-4-6", api_key="test", base_url=base_url, max_retries=0)
        total = None
        for chunk in model.stream("Hi"):
            total = chunk if total is None else total + chunk
        return converters.from_langchain(total, vendor="anthropic")

    got = served(server, cassette, call)
    expected = cassette.expected
    assert expected is not None and expected.usage is not None and got.usage is not None
    cached = expected.usage["cache_read_tokens"] + expected.usage["cache_write_tokens"]
    assert got.usage["input_tokens"] == expected.usage["input_tokens"] + cached
    assert {**got.to_dict(), "usage": None, "vendor": None} == {
        **expected.to_dict(),
        "usage": None,
        "vendor": None,
    }


def litellm_chunks(vendor: str, model: str, api_base: Callable[[str], str]) -> Callable[[str], Message]:
    litellm = pytest.importorskip("litellm")

    def call(base_url: str) -> Message:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            stream = litellm.completion(
                model=model, messages=HELLO, api_base=api_base(base_url), api_key="test", stream=True
            )
            return converters.from_openai_chat(list(stream), vendor=vendor)

    return call


def test_litellm_openai_chunks_convert_to_the_expected_message(server: ReplayServer) -> None:
    cassette = one("openai-chat/tool_calls_parallel")
    call = litellm_chunks("openai-chat", "openai/gpt-4o", lambda url: url + "/v1")
    got = served(server, cassette, call)
    assert_same(cassette.expected, Message.from_dict({**got.to_dict(), "usage": None}))
    assert [c.name for c in got.tool_calls] == ["get_weather", "get_local_time"]


def test_litellm_anthropic_chunks_come_in_openai_vocabulary(server: ReplayServer) -> None:
    """litellm translates Anthropic's stream into OpenAI chunks: text and tool calls survive,
    the vendor's own stop reason does not (`tool_use` arrives as `tool_calls`)."""
    cassette = one("anthropic/tool_use")
    call = litellm_chunks("anthropic", "anthropic/claude-sonnet-4-6", lambda url: url)
    got = served(server, cassette, call)
    expected = cassette.expected
    assert expected is not None
    assert (got.text, got.tool_calls) == (expected.text, expected.tool_calls)
    assert (expected.vendor_stop_reason, got.vendor_stop_reason) == ("tool_use", "tool_calls")
    assert got.stop_reason == expected.stop_reason == "tool_calls"


def pydantic_ai_response(make_model: Callable[[str], Any], vendor: str) -> Callable[[str], Message]:
    direct = pytest.importorskip("pydantic_ai.direct")
    messages = pytest.importorskip("pydantic_ai.messages")

    def call(base_url: str) -> Message:
        request = [messages.ModelRequest.user_text_prompt("Hi")]
        with direct.model_request_stream_sync(make_model(base_url), request) as stream:
            for _ in stream:
                pass
            return converters.from_pydantic_ai(stream.response, vendor=vendor)

    return call


def pydantic_ai_anthropic(base_url: str) -> Any:
    from pydantic_ai.models.anthropic import AnthropicModel
    from pydantic_ai.providers.anthropic import AnthropicProvider

    return AnthropicModel("claude-sonnet-4-6", provider=AnthropicProvider(api_key="test", base_url=base_url))


def pydantic_ai_openai(base_url: str) -> Any:
    from pydantic_ai.models.openai import OpenAIChatModel
    from pydantic_ai.providers.openai import OpenAIProvider

    return OpenAIChatModel("gpt-4o", provider=OpenAIProvider(api_key="test", base_url=base_url + "/v1"))


@pytest.mark.parametrize("scenario", ["tool_use_parallel", "thinking", "stop_refusal"])
def test_pydantic_ai_anthropic_response_converts_to_the_expected_message(
    server: ReplayServer, scenario: str
) -> None:
    pytest.importorskip("pydantic_ai")
    cassette = one(f"anthropic/{scenario}")
    assert_same(
        cassette.expected, served(server, cassette, pydantic_ai_response(pydantic_ai_anthropic, "anthropic"))
    )


def test_pydantic_ai_reports_zeros_for_usage_the_vendor_never_sent(server: ReplayServer) -> None:
    pytest.importorskip("pydantic_ai")
    cassette = one("openai-chat/length")
    assert cassette.expected is not None and cassette.expected.usage is None
    got = served(server, cassette, pydantic_ai_response(pydantic_ai_openai, "openai-chat"))
    assert got.usage == {
        "input_tokens": 0,
        "output_tokens": 0,
        "cache_read_tokens": 0,
        "cache_write_tokens": 0,
    }
    assert (got.text, got.stop_reason, got.vendor_stop_reason) == (
        cassette.expected.text,
        "length",
        "length",
    )
