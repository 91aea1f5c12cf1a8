"""The normalized Message and the assembler that folds events into it."""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance.adapters
from conformance.adapters.profiles import PROFILES
from conformance.assembler import Assembler
from conformance.errors import LimitExceededError, ProtocolError
from conformance.events import (
    ErrorReported,
    Finish,
    ReasoningDelta,
    ReasoningSignature,
    RefusalDelta,
    StreamEnd,
    StreamStart,
    TextDelta,
    ToolCallArguments,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallPartialArgument,
    ToolCallSignature,
    ToolCallStart,
    UsageUpdate,
)
from conformance.limits import Limits
from conformance.message import STOP_REASONS, USAGE_KEYS, Message, Signature, ToolCall


def assemble(*events: object) -> Message:
    assembler = Assembler("test")
    assembler.extend(events)  # type: ignore[arg-type]
    return assembler.message()


def test_text_reasoning_and_refusal_are_concatenated_in_order() -> None:
    m = assemble(
        StreamStart("test"),
        ReasoningDelta("think "),
        TextDelta("Hel"),
        ReasoningDelta("more"),
        TextDelta("lo"),
        RefusalDelta("no"),
    )
    assert (m.text, m.reasoning, m.refusal) == ("Hello", "think more", "no")


def test_tool_arguments_fragments_are_appended_then_parsed() -> None:
    m = assemble(
        ToolCallStart(0, "call_1", "get_weather"),
        ToolCallDelta(0, '{"city": "Par'),
        ToolCallDelta(0, 'is", "days": [1, '),
        ToolCallDelta(0, "2]}"),
        ToolCallEnd(0),
    )
    assert m.tool_calls == (ToolCall("call_1", "get_weather", {"city": "Paris", "days": [1, 2]}),)


def test_parallel_tool_calls_are_kept_apart_by_index_not_arrival() -> None:
    m = assemble(
        ToolCallStart(1, "b", "second"),
        ToolCallStart(0, "a", "first"),
        ToolCallDelta(0, '{"x": '),
        ToolCallDelta(1, '{"y": 2}'),
        ToolCallDelta(0, "1}"),
    )
    assert [(c.id, c.arguments) for c in m.tool_calls] == [("b", {"y": 2}), ("a", {"x": 1})]


def test_empty_arguments_mean_an_empty_object() -> None:
    assert assemble(ToolCallStart(0, "t", "noop")).tool_calls[0].arguments == {}


def test_whole_arguments_are_taken_as_given() -> None:
    m = assemble(ToolCallStart(0, None, "f"), ToolCallArguments(0, {"a": [1]}))
    assert m.tool_calls[0] == ToolCall(None, "f", {"a": [1]})


def test_path_addressed_pieces_build_the_arguments_over_a_whole_value_that_came_first() -> None:
    # Vertex's partialArgs: a string piece with will_continue is continued by the next one.
    m = assemble(
        ToolCallStart(0, None, "f"),
        ToolCallArguments(0, {"unit": "C"}),
        ToolCallPartialArgument(0, "$.city", "Bos", True),
        ToolCallPartialArgument(0, "$.city", "ton", False),
        ToolCallPartialArgument(0, "$.days[0]", 2),
    )
    assert m.tool_calls[0] == ToolCall(None, "f", {"unit": "C", "city": "Boston", "days": [2]})


def test_broken_final_arguments_keep_their_raw_text() -> None:
    m = assemble(ToolCallStart(0, "t", "f"), ToolCallDelta(0, '{"a": 1,'))
    assert m.tool_calls[0].arguments == {"a": 1}
    assert m.tool_calls[0].arguments_json == '{"a": 1,'


def test_delta_for_a_call_never_started_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="never started"):
        assemble(ToolCallDelta(3, "{}"))


def test_a_call_started_twice_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="started twice"):
        assemble(ToolCallStart(0, "a", "f"), ToolCallStart(0, "a", "f"))


def test_tool_arguments_over_the_limit_raise() -> None:
    assembler = Assembler("test", Limits(max_tool_arguments_bytes=10))
    assembler.add(ToolCallStart(0, "a", "f"))
    with pytest.raises(LimitExceededError):
        assembler.add(ToolCallDelta(0, '{"k": "0123456789"}'))


def test_usage_merges_by_default_and_replaces_when_asked() -> None:
    merged = assemble(
        UsageUpdate({"input_tokens": 10, "output_tokens": 1}), UsageUpdate({"output_tokens": 7})
    )
    assert merged.usage == {"input_tokens": 10, "output_tokens": 7}
    replaced = assemble(
        UsageUpdate({"input_tokens": 10, "output_tokens": 1}), UsageUpdate({"output_tokens": 7}, replace=True)
    )
    assert replaced.usage == {"output_tokens": 7}


def test_usage_never_reported_is_none() -> None:
    assert assemble(TextDelta("x")).usage is None


def test_error_wins_over_a_later_finish_and_blocks_complete() -> None:
    m = assemble(
        TextDelta("partial"),
        ErrorReported("overloaded_error", "Overloaded"),
        Finish("stop", "end_turn"),
        StreamEnd(complete=True),
    )
    assert (m.stop_reason, m.complete) == ("error", False)
    assert m.error == {"type": "overloaded_error", "message": "Overloaded"}


def test_first_error_is_kept() -> None:
    m = assemble(ErrorReported("a", "first"), ErrorReported("b", "second"))
    assert m.error == {"type": "a", "message": "first"}


def test_complete_only_with_a_terminator() -> None:
    assert assemble(Finish("stop", "end_turn"), StreamEnd(complete=True)).complete
    assert not assemble(Finish("stop", "end_turn"), StreamEnd(complete=False)).complete
    assert not assemble(Finish("stop", "end_turn")).complete


def test_cancel_marks_the_partial_message() -> None:
    assembler = Assembler("test")
    assembler.extend([TextDelta("Hel"), ToolCallStart(0, "t", "f"), ToolCallDelta(0, '{"q": "ab')])
    assembler.cancel()
    m = assembler.message()
    assert (m.stop_reason, m.complete, m.text) == ("cancelled", False, "Hel")
    assert m.tool_calls[0].arguments == {"q": "ab"}


def test_snapshots_show_partial_arguments_and_never_raise() -> None:
    assembler = Assembler("test")
    assembler.add(ToolCallStart(0, "t", "f"))
    seen = []
    for fragment in ['{"loc', 'ation": "Ber', 'lin", "unit', '": "c"}']:
        assembler.add(ToolCallDelta(0, fragment))
        seen.append(assembler.snapshot().tool_calls[0].arguments)
    assert seen == [{}, {"location": "Ber"}, {"location": "Berlin"}, {"location": "Berlin", "unit": "c"}]


def test_snapshot_of_garbage_arguments_is_none_not_an_exception() -> None:
    assembler = Assembler("test")
    assembler.extend([ToolCallStart(0, "t", "f"), ToolCallDelta(0, "}{not json")])
    assert assembler.snapshot().tool_calls[0].arguments is None


# -- Message as JSON -------------------------------------------------------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)
_messages = st.builds(
    Message,
    vendor=st.sampled_from(["anthropic", "openai-chat", "gemini"]),
    text=st.text(),
    reasoning=st.text(),
    refusal=st.text(),
    tool_calls=st.lists(
        st.builds(
            ToolCall,
            id=st.none() | st.text(max_size=8),
            name=st.text(min_size=1, max_size=8),
            arguments=_json_values,
            arguments_json=st.none() | st.text(max_size=8),
        ),
        max_size=3,
    ).map(tuple),
    stop_reason=st.none() | st.sampled_from(STOP_REASONS),
    vendor_stop_reason=st.none() | st.text(max_size=10),
    usage=st.none() | st.dictionaries(st.sampled_from(USAGE_KEYS), st.integers(0, 10**6)),
    error=st.none() | st.fixed_dictionaries({"type": st.text(max_size=8), "message": st.text(max_size=8)}),
    complete=st.booleans(),
)


@given(_messages)
def test_message_round_trips_through_json(message: Message) -> None:
    assert Message.from_dict(json.loads(json.dumps(message.to_dict()))) == message


def test_from_dict_rejects_unknown_fields() -> None:
    with pytest.raises(ValueError, match="unknown Message fields"):
        Message.from_dict({"vendor": "x", "txt": "typo"})


# -- signatures -------------------------------------------------------------------------------


def test_signatures_round_trip_byte_for_byte_and_are_left_out_when_empty() -> None:
    m = Message(
        vendor="test",
        signatures=(Signature("signature", "Eq+/=="), Signature("redacted", "RXFB\u00e9")),
        tool_calls=(ToolCall("c1", "f", {}, signature="CpwB+/="),),
    )
    assert Message.from_dict(json.loads(m.to_json())) == m
    assert m.to_dict()["signatures"] == [
        {"kind": "signature", "value": "Eq+/=="},
        {"kind": "redacted", "value": "RXFB\u00e9"},
    ]
    assert m.to_dict()["tool_calls"][0]["signature"] == "CpwB+/="
    plain = Message(vendor="test", tool_calls=(ToolCall("c1", "f", {}),))
    assert "signatures" not in plain.to_dict()
    assert "signature" not in plain.to_dict()["tool_calls"][0]


@pytest.mark.parametrize(
    "bad", [{"kind": "sig", "value": "x"}, {"kind": "signature", "value": 1}, {"value": "x"}]
)
def test_a_signature_of_unknown_kind_or_not_text_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="a signature is"):
        Message.from_dict({"vendor": "test", "signatures": [bad]})


def test_a_refused_signature_is_quoted_in_the_error() -> None:
    with pytest.raises(ValueError) as info:
        Message.from_dict({"vendor": "test", "signatures": [{"kind": "sig", "value": "x"}]})
    assert str(info.value).endswith("}, not {'kind': 'sig', 'value': 'x'}")


def test_a_message_that_says_nothing_is_empty_and_incomplete_however_it_is_built() -> None:
    # A user's `to_message` may leave fields out: the constructor and from_dict agree.
    assert Message("x") == Message.from_dict({"vendor": "x"})
    assert (Message("x").complete, Message("x").stop_reason, Message("x").tool_calls) == (False, None, ())


def test_signatures_are_kept_per_block_in_stream_order_and_a_second_one_replaces() -> None:
    m = assemble(
        ReasoningSignature(3, "signature", "late"),
        ReasoningSignature(0, "redacted", "R"),
        ReasoningSignature(3, "signature", "final"),
        StreamEnd(complete=True),
    )
    assert m.signatures == (Signature("signature", "final"), Signature("redacted", "R"))


def test_a_tool_call_signature_is_the_calls_own_in_snapshots_and_at_the_end() -> None:
    assembler = Assembler("test")
    assembler.extend([ToolCallStart(0, None, "f"), ToolCallSignature(0, "S1"), ToolCallDelta(0, '{"a"')])
    assert assembler.snapshot().tool_calls[0].signature == "S1"
    assembler.extend([ToolCallDelta(0, ": 1}"), ToolCallEnd(0), StreamEnd(complete=True)])
    assert assembler.message().tool_calls[0] == ToolCall(None, "f", {"a": 1}, signature="S1")


def test_a_signature_for_a_call_never_started_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="signature for tool call 2, which was never started"):
        assemble(ToolCallSignature(2, "S"))


def test_a_signature_of_unknown_kind_is_a_protocol_error_naming_its_block() -> None:
    with pytest.raises(ProtocolError, match=r"^signature of unknown kind 'sig' for block 4$"):
        assemble(ReasoningSignature(4, "sig", "S"))


def _vendor_tables(suffix: str) -> dict[str, Mapping[str, str]]:
    """Every adapter module's table named `*<suffix>` (vendor facts are tables near the top of
    the module that owns them), by module and name."""
    tables: dict[str, Mapping[str, str]] = {}
    for info in pkgutil.iter_modules(conformance.adapters.__path__):
        module = importlib.import_module(f"conformance.adapters.{info.name}")
        for name, value in vars(module).items():
            if name.endswith(suffix) and isinstance(value, dict):
                tables[f"{info.name}.{name}"] = value
    return tables


def test_every_adapter_maps_onto_the_normalized_stop_reasons_and_usage_keys() -> None:
    # The vocabularies are what `Message` promises users; an adapter table that maps outside
    # them (or a vocabulary that lost a word) breaks that promise.
    stops = _vendor_tables("STOP_REASONS") | {f"profile {p.name}": p.stop_reasons for p in PROFILES}
    usage = _vendor_tables("USAGE_FIELDS") | {f"profile {p.name}": p.usage_fields for p in PROFILES}
    assert len(stops) >= 10 and len(usage) >= 10  # the tables were found
    for where, table in stops.items():
        assert set(table.values()) <= set(STOP_REASONS), where
    for where, table in usage.items():
        assert set(table.values()) <= set(USAGE_KEYS), where
