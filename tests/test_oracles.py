"""`conformance.oracles.compare`: our Message against an SDK's view, field by field."""

from __future__ import annotations

from conformance import Message, ToolCall
from conformance.oracles import compare

CUT = '{"city": "Ly'


def cut_call() -> Message:
    """A call whose arguments never became JSON: a partial value, and the raw text kept."""
    return Message("openai-responses", tool_calls=(ToolCall("c1", "f", {"city": "Ly"}, arguments_json=CUT),))


def test_raw_arguments_text_an_sdk_keeps_matches_our_arguments_json() -> None:
    # The OpenAI SDKs keep the text of arguments that are not JSON as the arguments.
    assert compare(cut_call(), {"tool_calls": [{"id": "c1", "name": "f", "arguments": CUT}]}) == []


def test_a_partial_value_an_sdk_keeps_matches_our_partial_arguments() -> None:
    # Anthropic's SDK parses `input_json` partially (jiter), as our `arguments` does.
    assert compare(cut_call(), {"tool_calls": [{"id": "c1", "name": "f", "arguments": {"city": "Ly"}}]}) == []


def test_other_arguments_still_differ() -> None:
    theirs = {"tool_calls": [{"id": "c1", "name": "f", "arguments": '{"city": "Lyon"}'}]}
    (diff,) = compare(cut_call(), theirs)
    assert diff.startswith("tool_calls: ours [{'id': 'c1', 'name': 'f', 'arguments': {'city': 'Ly'}}]")


def test_an_sdk_with_more_calls_than_ours_differs() -> None:
    theirs = {
        "tool_calls": [
            {"id": "c1", "name": "f", "arguments": CUT},
            {"id": "c2", "name": "g", "arguments": {}},
        ]
    }
    assert len(compare(cut_call(), theirs)) == 1


def test_sdk_notes_are_not_compared() -> None:
    assert compare(Message("anthropic", text="hi"), {"text": "hi", "sdk_error": "RuntimeError: x"}) == []
