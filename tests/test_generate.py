"""Generated streams: every encoder is faithful, and the kit's parser reads every message back.

For each vendor with an encoder, Hypothesis draws a message the vendor can stream
(`messages(vendor)`), cuts of its strings (`fragmentations`) and a chunking of the encoded
bytes (`chunkings`), and three things must hold:

1. the kit's reference parser, fed those chunks, returns exactly the drawn message;
2. every encoded event validates against the vendor's JSON schemas;
3. the vendor's official SDK reads the encoded stream to the same message (the proof that
   the encoder writes what the vendor writes, not what our parser happens to read).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.api import parse, vendor_events
from conformance.formats.schemas import check_events
from conformance.generate import encodable_vendors, encode_stream
from conformance.generate.fragments import Fragmentation, split_at
from conformance.generate.shapes import SHAPES
from conformance.generate.strategies import (
    SHARED_INDEX,
    SSE_INTERLUDES,
    USAGE_WITHOUT_CHOICES,
    fragmentations,
    messages,
)
from conformance.message import Message, ToolCall
from conformance.oracles import ORACLE_MODULES, compare, oracle_for
from conformance.suite.strategies import chunkings


@pytest.mark.parametrize("vendor", encodable_vendors())
@given(data=st.data())
def test_every_generated_stream_reads_back_under_any_split_matches_the_schemas_and_the_sdk(
    vendor: str, data: st.DataObject
) -> None:
    """One draw, three properties: checking them on the same stream keeps the suite's cost at
    one message, one encoding and one chunking per example."""
    message = data.draw(messages(vendor), label="message")
    fragmentation = data.draw(fragmentations(message), label="fragmentation")
    body = encode_stream(vendor, message, fragmentation)
    chunks = data.draw(chunkings(body), label="chunks")
    assert parse(vendor, chunks) == message, "the kit's parser disagrees with the generated message"
    # A usage chunk without `choices` is what some compatible servers send, outside every
    # vendor's documented schema and a known openai SDK bug (pinned below).
    no_choices = fragmentation.usage_without_choices and message.usage is not None
    violations = [] if no_choices else check_events(vendor, vendor_events(vendor, [body]))
    assert not violations, "\n".join(map(str, violations))
    sdk_blind = no_choices or fragmentation.shared_index  # both pinned below as SDK bugs
    if vendor in ORACLE_MODULES and not known_sdk_bug(vendor, body) and not sdk_blind:
        differences = compare(message, oracle_for(vendor)(body))
        assert not differences, "the official SDK reads the encoded stream differently: " + "; ".join(
            differences
        )


def known_sdk_bug(vendor: str, body: bytes) -> bool:
    """Streams an official SDK is known to misread (pinned below): not evidence against the encoder.
    ollama-python and cohere-python (v1) both read NDJSON with httpx's `iter_lines`."""
    return vendor in ("ollama", "ollama-generate", "cohere-v1") and "\x85".encode() in body


def test_the_ollama_sdk_splits_lines_at_a_next_line_character_pinned() -> None:
    """ollama-python reads NDJSON with httpx's `iter_lines`, which also splits at U+0085 (NEL),
    a character Go's JSON encoder leaves raw: a model answer holding one loses the line.
    Found by the generated streams; the kit reads the stream right. If this test fails, the
    SDK was fixed: drop `known_sdk_bug`."""
    message = Message(
        vendor="ollama", text="a\x85b", stop_reason="stop", vendor_stop_reason="stop", complete=True
    )
    body = encode_stream("ollama", message)
    assert parse("ollama", [body]) == message
    assert compare(message, oracle_for("ollama")(body)), "the ollama SDK now reads U+0085 right"


def test_every_encoder_has_a_message_shape_and_every_shape_an_encoder() -> None:
    assert set(SHAPES) == set(encodable_vendors())


@given(st.text(), st.lists(st.integers(-3, 50), max_size=8))
def test_split_at_loses_nothing_whatever_the_offsets(value: str, offsets: list[int]) -> None:
    assert "".join(split_at(value, offsets)) == value


def test_repeated_offsets_give_the_empty_deltas_vendors_send() -> None:
    assert split_at("abc", [1, 1, 3]) == ["a", "", "bc", ""]


def test_arguments_are_cut_inside_escapes_and_literals_as_drawn() -> None:
    """The cuts land where the offsets say, in the JSON text: inside `\\ud83d` and `true`."""
    message = Message(
        vendor="openai-chat",
        tool_calls=(ToolCall(id="call_1", name="f", arguments={"a": "😀", "b": True}),),
        stop_reason="tool_calls",
        vendor_stop_reason="tool_calls",
        complete=True,
    )
    text = '{"a":"\\ud83d\\ude00","b":true}'
    cut = Fragmentation(cuts={"args:0": (9, text.index("true") + 2)})
    body = encode_stream("openai-chat", message, cut).decode()
    fragments = [
        json.loads(line[6:])["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"]
        for line in body.splitlines()
        if '"arguments"' in line
    ]
    assert fragments == ["", '{"a":"\\ud', '83d\\ude00","b":tr', "ue}"]  # inside \ud83d, inside `true`
    assert parse("openai-chat", [body.encode()]) == message


def test_an_encoder_refuses_what_its_vendor_cannot_stream() -> None:
    with pytest.raises(ValueError, match="openai-chat streams no reasoning"):
        encode_stream("openai-chat", Message(vendor="openai-chat", reasoning="hmm", complete=True))
    with pytest.raises(ValueError, match="no stream encoder for 'nosuch'"):
        encode_stream("nosuch", Message(vendor="nosuch"))


@pytest.mark.parametrize(
    ("style", "first_function"),
    [
        ("{}", {"name": "get_time", "arguments": ""}),
        ("", {"name": "get_time", "arguments": ""}),
        ("null", {"name": "get_time", "arguments": None}),
        ("absent", {"name": "get_time"}),
    ],
)
def test_a_call_without_arguments_streams_as_openai_compatible_servers_write_it(
    style: str, first_function: dict[str, object]
) -> None:
    """`{}` as OpenAI streams it (a fragment after the first delta); `""` never filled, `null`
    and no key at all, as OpenAI-compatible servers do: the kit and the openai SDK read `{}`."""
    message = Message(
        vendor="openai-chat",
        tool_calls=(ToolCall(id="call_1", name="get_time", arguments={}),),
        stop_reason="tool_calls",
        vendor_stop_reason="tool_calls",
        complete=True,
    )
    body = encode_stream("openai-chat", message, Fragmentation(no_arguments=style))
    deltas = [
        call
        for line in body.decode().splitlines()
        if line.startswith("data: {")
        for choice in json.loads(line[6:])["choices"]
        for call in choice["delta"].get("tool_calls", ())
    ]
    assert deltas[0]["function"] == first_function
    assert len(deltas) == (2 if style == "{}" else 1)  # only OpenAI's own `{}` has a fragment
    assert parse("openai-chat", [body]) == message
    if "openai-chat" in ORACLE_MODULES:
        assert not compare(message, oracle_for("openai-chat")(body))


def test_data_without_the_space_reads_the_same_to_the_kit_and_the_sdk() -> None:
    message = Message(
        vendor="openai-chat", text="hi", stop_reason="stop", vendor_stop_reason="stop", complete=True
    )
    body = encode_stream("openai-chat", message, Fragmentation(data_space=False))
    lines = [line for line in body.decode().splitlines() if line]
    assert lines and all(line.startswith("data:") and not line.startswith("data: ") for line in lines)
    assert lines[-1] == "data:[DONE]"
    assert parse("openai-chat", [body]) == message
    if "openai-chat" in ORACLE_MODULES:
        assert not compare(message, oracle_for("openai-chat")(body))


def _text_message(vendor: str) -> Message:
    stop = "end_turn" if vendor == "anthropic" else "stop"
    usage = {"input_tokens": 3, "output_tokens": 2} if vendor == "anthropic" else None
    return Message(
        vendor=vendor,
        text="hi\n",
        stop_reason="stop",
        vendor_stop_reason=stop,
        usage=usage,
        complete=True,
    )


@pytest.mark.parametrize("vendor", ["openai-chat", "deepseek", "anthropic"])
def test_a_payload_over_several_data_lines_reads_the_same_to_the_kit_and_the_sdk(vendor: str) -> None:
    """SSE joins an event's `data:` lines with a newline, which JSON allows between tokens."""
    message = _text_message(vendor)
    body = encode_stream(vendor, message, Fragmentation(data_lines=True, data_space=False))
    events = [block.splitlines() for block in body.decode().split("\n\n") if block]
    assert all(len([ln for ln in lines if ln.startswith("data:")]) > 2 for lines in events[:-1])
    assert "data:}" in body.decode() and "data:{" in body.decode()
    assert parse(vendor, [body]) == message
    assert not compare(message, oracle_for(vendor)(body))


@pytest.mark.parametrize(
    ("vendor", "kinds", "lines"),
    [
        ("openai-chat", ("comment",), [":", ": keep-alive"]),
        ("openrouter", ("comment", "comment"), [":", ": keep-alive"]),
        ("anthropic", ("comment", "id", "retry"), [":", ": keep-alive", "id: 1", "retry: 3000"]),
    ],
)
def test_blocks_without_data_between_events_read_the_same_to_the_kit_and_the_sdk(
    vendor: str, kinds: tuple[str, ...], lines: list[str]
) -> None:
    """A bare `:` and a `: keep-alive` comment, an event of only `id:` or `retry:`: WHATWG SSE
    dispatches nothing for them; drawn where the vendor's SDK agrees (`SSE_INTERLUDES`)."""
    assert set(kinds) <= set(SSE_INTERLUDES[vendor])
    message = _text_message(vendor)
    body = encode_stream(vendor, message, Fragmentation(interludes=kinds, order_seed=3))
    assert set(lines) <= set(body.decode().splitlines())
    assert parse(vendor, [body]) == message
    assert not compare(message, oracle_for(vendor)(body))


@pytest.mark.parametrize("kind", ["id", "retry"])
def test_the_openai_sdk_fails_on_an_event_of_only_id_or_retry_pinned(kind: str) -> None:
    """The openai SDK's SSE decoder dispatches a block of only `id:` or `retry:` as an event
    with empty data (WHATWG dispatches nothing: the data buffer is empty) and then fails on
    `json.loads("")`; the kit reads the stream right. Why the OpenAI family's generated streams
    hold comments only. If this test fails, the SDK was fixed: add `id` and `retry` to
    `SSE_INTERLUDES` for it."""
    message = _text_message("openai-chat")
    body = encode_stream("openai-chat", message, Fragmentation(interludes=(kind,)))
    assert parse("openai-chat", [body]) == message
    assert "id" not in SSE_INTERLUDES["openai-chat"] and "retry" not in SSE_INTERLUDES["openai-chat"]
    assert oracle_for("openai-chat")(body)["sdk_error"].startswith("JSONDecodeError")


@pytest.mark.parametrize("vendor", ["vllm", "groq"])
def test_the_openai_sdk_raises_on_a_usage_chunk_without_choices_pinned(vendor: str) -> None:
    """Some OpenAI-compatible servers send the usage chunk with no `choices` key; the kit reads
    it as usage, the openai SDK's accumulator iterates `chunk.choices` (None) and raises
    `TypeError`, losing the usage. Drawn for the compatible profiles only
    (`USAGE_WITHOUT_CHOICES`). If this test fails, the SDK was fixed: compare it again."""
    message = Message(
        vendor=vendor,
        text="hi",
        stop_reason="stop",
        vendor_stop_reason="stop",
        usage={"input_tokens": 5, "output_tokens": 2, "total_tokens": 7},
        complete=True,
    )
    body = encode_stream(vendor, message, Fragmentation(usage_without_choices=True))
    last = json.loads(body.decode().split("\n\n")[-3].removeprefix("data: "))
    assert "choices" not in last and '"prompt_tokens":5' in json.dumps(last, separators=(",", ":"))
    assert parse(vendor, [body]) == message
    sdk = oracle_for(vendor)(body)
    assert sdk["sdk_error"] == "TypeError: 'NoneType' object is not iterable" and sdk["usage"] is None
    assert vendor in USAGE_WITHOUT_CHOICES and not {"openai-chat", "azure-openai"} & USAGE_WITHOUT_CHOICES


@pytest.mark.parametrize("vendor", ["vllm", "groq"])
def test_calls_sharing_index_zero_are_told_apart_by_id_the_openai_sdk_merges_them_pinned(vendor: str) -> None:
    """Ollama's OpenAI endpoint, SGLang, Dynamo and litellm's Responses bridge stream parallel
    calls all at `index: 0`, each call's first delta with its own id and name. The kit reads two
    calls; the openai SDK's accumulator keys by index and merges them into one call with both ids
    and names concatenated and arguments that are not JSON. If this test fails, the SDK was
    fixed: compare it again."""
    calls = (
        ToolCall(id="call_a1", name="read_file", arguments={"path": "a.rs"}),
        ToolCall(id="call_b2", name="read_file", arguments={"path": "b.rs"}),
    )
    stop = {"stop_reason": "tool_calls", "vendor_stop_reason": "tool_calls"}
    message = Message(vendor=vendor, tool_calls=calls, complete=True, **stop)
    body = encode_stream(vendor, message, Fragmentation(shared_index=True, cuts={"args:1": (3,)}))
    assert b'"index":1' not in body and body.count(b'"index":0,"id"') == 2
    chunks = [body[i : i + 5] for i in range(0, len(body), 5)]
    assert parse(vendor, chunks) == parse(vendor, [body]) == message
    sdk = oracle_for(vendor)(body)
    assert [(c["id"], c["name"]) for c in sdk["tool_calls"]] == [("call_a1call_b2", "read_fileread_file")]
    assert vendor in SHARED_INDEX and not {"openai-chat", "azure-openai"} & SHARED_INDEX


def test_a_new_id_without_a_name_continues_the_call_at_its_index() -> None:
    """Poolside sends one id with a call's name and another on every later delta of the same
    call: only a new id *with a name* starts a new call at a used index, so that stream is one
    call, as the openai SDK (which keys by index) reads it too."""
    head = '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m",'
    head += '"choices":[{"index":0,'
    deltas = [
        '{"tool_calls":[{"index":0,"id":"call_first","type":"function","function":{"name":"f","arguments":""}}]}',
        '{"tool_calls":[{"index":0,"id":"call_other","function":{"arguments":"{\\"a\\":"}}]}',
        '{"tool_calls":[{"index":0,"id":"call_other","function":{"arguments":"1}"}}]}',
    ]
    events = [f'data: {head}"delta":{d},"finish_reason":null}}]}}' for d in deltas]
    events += [f'data: {head}"delta":{{}},"finish_reason":"tool_calls"}}]}}', "data: [DONE]"]
    body = "".join(e + "\n\n" for e in events).encode()
    (call,) = parse("openai-chat", [body]).tool_calls
    assert (call.id, call.name, call.arguments) == ("call_first", "f", {"a": 1})
    assert [c["arguments"] for c in oracle_for("openai-chat")(body)["tool_calls"]] == [{"a": 1}]


def test_refusals_are_generated_only_where_the_vendor_streams_them() -> None:
    """OpenAI's models stream `delta.refusal` (on OpenAI and Azure) and the Responses API a
    `response.refusal.delta`; no OpenAI-compatible server is known to send a refusal, so a
    refusal drawn for one would hold a library to a field its vendor never sends."""
    assert {vendor for vendor, shape in SHAPES.items() if shape.refusal} == {
        "openai-chat",
        "azure-openai",
        "openai-responses",
    }
    for vendor in ("deepseek", "openrouter", "groq", "xai", "vllm"):
        with pytest.raises(ValueError, match=f"{vendor} streams no refusal"):
            encode_stream(vendor, Message(vendor=vendor, refusal="I can't help with that.", complete=True))
    refused = Message(vendor="azure-openai", refusal="I can't help with that.", complete=True)
    assert parse("azure-openai", [encode_stream("azure-openai", refused)]) == refused


@pytest.mark.parametrize("vendor", ["gemini", "gemini-array", "vertex"])
def test_gemini_streams_escape_what_googles_frontends_escape(vendor: str) -> None:
    """Recorded Gemini streams write `<` and `>` as `\\u003c` and `\\u003e`, as protobuf's JSON
    writer does, which also escapes U+2028, U+2029 and the C1 controls: a generated stream
    holding them raw would blame an SDK that splits lines there for a stream Gemini never sends."""
    message = Message(
        vendor=vendor,
        text="<b>\u2028\u2029\x85é😀",
        stop_reason="stop",
        vendor_stop_reason="STOP",
        complete=True,
    )
    body = encode_stream(vendor, message)
    for raw in ("<", ">", "\u2028", "\u2029", "\x85"):
        assert raw.encode() not in body
    assert b"\\u003cb\\u003e\\u2028\\u2029\\u0085" in body
    assert "é😀".encode() in body  # other characters stay raw UTF-8, as Gemini sends them
    assert parse(vendor, [body]) == message


@pytest.mark.parametrize("vendor", ["anthropic", "bedrock-invoke"])
@given(output_tokens=st.integers(0, 5))
def test_anthropic_output_tokens_never_shrink_from_message_start_to_message_delta(
    vendor: str, output_tokens: int
) -> None:
    """`message_delta`'s usage is cumulative: its output_tokens is never below `message_start`'s
    (recorded streams start at 0 or 1). A stream whose count shrinks is one Anthropic never
    sends, and a library that keeps the larger count would be blamed for it."""
    usage = {
        "input_tokens": 3,
        "output_tokens": output_tokens,
        "cache_read_tokens": 0,
        "cache_write_tokens": 0,
    }
    message = Message(
        vendor=vendor, stop_reason="stop", vendor_stop_reason="end_turn", usage=usage, complete=True
    )
    events = vendor_events(vendor, [encode_stream(vendor, message)])
    counts = [
        (e.data.get("message") or e.data)["usage"]["output_tokens"]
        for e in events
        if e.type in ("message_start", "message_delta")
    ]
    assert counts == sorted(counts) and counts[-1] == output_tokens


def test_tool_calls_end_with_stop_only_where_the_vendor_ends_them_so() -> None:
    """OpenAI's models answer a forced `tool_choice` with `finish_reason: "stop"` and their
    calls (recorded streams show it), and so does vLLM's named tool choice; the other
    compatible servers are not known to, so a generated stream of theirs with calls ends
    `tool_calls`."""
    forced = {vendor for vendor, shape in SHAPES.items() if shape.tool_stops.get("stop") == "stop"}
    assert forced == {"openai-chat", "azure-openai", "vllm"}
    for vendor in ("deepseek", "openrouter", "groq", "xai"):
        assert SHAPES[vendor].tool_stops == {"tool_calls": "tool_calls"}


def test_messages_names_what_is_wrong_when_called_not_when_drawn() -> None:
    with pytest.raises(ValueError, match=r"no message strategy for 'nope'; vendors: .*anthropic"):
        messages("nope")
    with pytest.raises(ValueError, match=r"cannot leave out \['usage'\]; it can: "):
        messages("anthropic", without={"usage"})


def test_messages_is_one_strategy_per_vendor_and_parts_left_out_whatever_collection_names_them() -> None:
    """Built once (Hypothesis validates a new strategy at its first draw, in every example)."""
    assert messages("anthropic", without={"reasoning"}) is messages("anthropic", frozenset({"reasoning"}))
    assert messages("anthropic") is not messages("anthropic", without=["reasoning"])
