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
from conformance.generate.strategies import fragmentations, messages
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
    violations = check_events(vendor, vendor_events(vendor, [body]))
    assert not violations, "\n".join(map(str, violations))
    if vendor in ORACLE_MODULES and not known_sdk_bug(vendor, body):
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
