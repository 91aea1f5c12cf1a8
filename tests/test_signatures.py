"""Every adapter whose vendor streams opaque reasoning tokens keeps them byte for byte, where
they belong (the reasoning block, or the Gemini function call they sit on), and invents none
where the vendor sent none: agents must send them back, and a lost one breaks the next turn."""

from __future__ import annotations

import json
from typing import Any

import pytest

import conformance
from conformance.formats.cassettes import load_cassettes
from conformance.message import Signature
from conformance.suite.strategies import byte_by_byte
from tests._bundled import one_scenario


def anthropic(*events: tuple[str, dict[str, Any]]) -> bytes:
    start = {
        "type": "message_start",
        "message": {"id": "msg_1", "type": "message", "role": "assistant", "model": "m", "content": []},
    }
    body = [
        ("message_start", {k: v for k, v in start.items() if k != "type"}),
        *events,
        ("message_stop", {"type": "message_stop"}),
    ]
    return b"".join(
        f"event: {name}\ndata: {json.dumps({'type': name, **data})}\n\n".encode() for name, data in body
    )


def block(index: int, content: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return ("content_block_start", {"index": index, "content_block": content})


def delta(index: int, piece: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return ("content_block_delta", {"index": index, "delta": piece})


def stop(index: int) -> tuple[str, dict[str, Any]]:
    return ("content_block_stop", {"index": index})


def test_anthropic_keeps_each_thinking_blocks_signature_and_redacted_data_in_block_order() -> None:
    body = anthropic(
        block(0, {"type": "thinking", "thinking": "", "signature": ""}),
        delta(0, {"type": "thinking_delta", "thinking": "a"}),
        delta(0, {"type": "signature_delta", "signature": "Sig0+/=="}),
        stop(0),
        block(1, {"type": "redacted_thinking", "data": "RED+/=="}),
        stop(1),
        block(2, {"type": "thinking", "thinking": "", "signature": ""}),
        delta(2, {"type": "thinking_delta", "thinking": "b"}),
        delta(2, {"type": "signature_delta", "signature": "Sig2"}),
        stop(2),
    )
    expected = (
        Signature("signature", "Sig0+/=="),
        Signature("redacted", "RED+/=="),
        Signature("signature", "Sig2"),
    )
    assert conformance.parse("anthropic", [body]).signatures == expected
    assert conformance.parse("anthropic", byte_by_byte(body)).signatures == expected


def test_anthropic_a_second_signature_delta_replaces_the_first_as_the_sdk_does() -> None:
    body = anthropic(
        block(0, {"type": "thinking", "thinking": "", "signature": ""}),
        delta(0, {"type": "signature_delta", "signature": "first"}),
        delta(0, {"type": "signature_delta", "signature": "second"}),
        stop(0),
    )
    assert conformance.parse("anthropic", [body]).signatures == (Signature("signature", "second"),)


def test_anthropic_thinking_without_a_signature_gives_none() -> None:
    body = anthropic(
        block(0, {"type": "thinking", "thinking": "", "signature": ""}),
        delta(0, {"type": "thinking_delta", "thinking": "cut before the signature"}),
        stop(0),
    )
    message = conformance.parse("anthropic", [body])
    assert message.signatures == ()
    assert "signatures" not in message.to_dict()


def gemini(*parts: dict[str, Any]) -> bytes:
    response = {"candidates": [{"content": {"parts": list(parts), "role": "model"}, "finishReason": "STOP"}]}
    return b"data: " + json.dumps(response).encode() + b"\r\n\r\n"


def test_gemini_a_signature_on_a_function_call_part_is_the_calls_own() -> None:
    body = gemini(
        {"functionCall": {"name": "a", "args": {}}, "thoughtSignature": "CallSig/+=="},
        {"functionCall": {"name": "b", "args": {}}},
    )
    message = conformance.parse("gemini", [body])
    assert [c.signature for c in message.tool_calls] == ["CallSig/+==", None]
    assert message.signatures == ()


def test_gemini_a_signature_on_a_thought_or_an_empty_text_part_belongs_to_the_message() -> None:
    body = gemini(
        {"text": "thinking", "thought": True, "thoughtSignature": "T1"},
        {"text": "answer"},
        {"text": "", "thoughtSignature": "T2"},
    )
    message = conformance.parse("gemini", [body])
    assert message.signatures == (Signature("thought_signature", "T1"), Signature("thought_signature", "T2"))
    assert (message.text, message.reasoning) == ("answer", "thinking")


def test_openai_responses_keeps_the_final_encrypted_content_not_the_provisional_one() -> None:
    c = one_scenario(load_cassettes(vendor="openai-responses"), "reasoning_encrypted")
    message = conformance.parse("openai-responses", [c.body])
    (signature,) = message.signatures
    assert signature.kind == "encrypted_content"
    done = [line for line in c.body.split(b"\n") if b'"response.output_item.done"' in line and b"rs_" in line]
    assert json.loads(done[0].removeprefix(b"data: "))["item"]["encrypted_content"] == signature.value
    assert message == c.expected


def test_openai_responses_the_terminal_events_reencrypted_content_wins() -> None:
    """OpenAI re-encrypts a reasoning item for the final response (`response.completed`): its
    token is the one the SDK's final response holds and a client sends back, so it replaces the
    item's `.done` one; a stream cut before the terminal event keeps the `.done` one."""
    c = one_scenario(load_cassettes(vendor="openai-responses"), "reasoning_encrypted")
    lines = c.body.split(b"\n")
    at = next(i for i, line in enumerate(lines) if b'"type":"response.completed"' in line)
    completed = json.loads(lines[at].removeprefix(b"data: "))
    reasoning = next(item for item in completed["response"]["output"] if item["type"] == "reasoning")
    done_token = reasoning["encrypted_content"]
    reasoning["encrypted_content"] = "gAAAAABre-encrypted=="
    lines[at] = b"data: " + json.dumps(completed, separators=(",", ":")).encode()
    body = b"\n".join(lines)
    assert [s.value for s in conformance.parse("openai-responses", [body]).signatures] == [
        "gAAAAABre-encrypted=="
    ]
    cut = b"\n".join(lines[: at - 1]) + b"\n\n"
    assert [s.value for s in conformance.parse("openai-responses", [cut]).signatures] == [done_token]


@pytest.mark.parametrize(
    ("vendor", "scenario", "kind"),
    [
        ("bedrock-converse", "reasoning", "signature"),
        ("bedrock-converse", "reasoning_redacted", "redacted"),
        ("gemini-interactions", "thinking", "thought_signature"),
        ("vertex", "thinking", "thought_signature"),
    ],
)
def test_the_bundled_reasoning_cassettes_keep_their_token_at_any_split(
    vendor: str, scenario: str, kind: str
) -> None:
    c = one_scenario(load_cassettes(vendor=vendor), scenario)
    whole = conformance.parse(vendor, [c.body])
    assert [s.kind for s in whole.signatures] == [kind]
    assert whole.signatures[0].value.encode() in c.body  # the wire text itself (Bedrock frames hold JSON)
    assert conformance.parse(vendor, byte_by_byte(c.body)) == whole == c.expected


TOKENS = (b"ignature", b"encrypted_content", b"redacted")
"""What any vendor's opaque token field is called, in part: a body without them has none."""


def test_no_signature_is_invented_for_a_stream_that_has_none() -> None:
    checked = 0
    for c in load_cassettes():
        if c.expected is None or any(token in c.body for token in TOKENS):
            continue
        message = conformance.parse(c.vendor, [c.body])
        assert message.signatures == (), c.id
        assert all(call.signature is None for call in message.tool_calls), c.id
        checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("vendor", "scenario", "sdk"),
    [
        ("anthropic", "thinking", "anthropic"),
        ("anthropic", "redacted_thinking", "anthropic"),
        ("openai-responses", "reasoning_encrypted", "openai"),
        ("gemini", "function_call", "google.genai"),
        ("gemini", "function_calls_parallel", "google.genai"),
        ("vertex", "thinking", "google.genai"),
        ("gemini-interactions", "thinking", "google.genai"),
        ("bedrock-converse", "reasoning", "botocore"),
        ("bedrock-converse", "reasoning_redacted", "botocore"),
    ],
)
def test_the_official_sdk_sees_the_same_tokens(vendor: str, scenario: str, sdk: str) -> None:
    pytest.importorskip(sdk)
    from conformance.oracles import oracle_for

    c = one_scenario(load_cassettes(vendor=vendor), scenario)
    ours = conformance.parse(vendor, [c.body]).to_dict()
    theirs = oracle_for(vendor)(c.body)
    assert theirs["signatures"] == ours.get("signatures", [])
    their_calls = [call.get("signature") for call in theirs.get("tool_calls", [])]
    assert their_calls == [call.get("signature") for call in ours["tool_calls"]]
    assert ours.get("signatures") or any(their_calls)  # the scenario does carry a token
