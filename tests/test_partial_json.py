"""partial_json: complete parsing, one-shot partial parsing and the incremental `PartialArguments`
the assembler's snapshots use."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.assembler import Assembler
from conformance.events import ToolCallDelta, ToolCallStart
from conformance.json.incremental import IncrementalJSON
from conformance.json.partial import IncompleteJSON, PartialArguments, parse_complete, parse_partial


def test_complete_empty_arguments_are_an_empty_object() -> None:
    assert parse_complete("") == {} and parse_complete("  \n") == {}


def test_complete_parses_with_json_loads() -> None:
    assert parse_complete('{"a": [1, 2.5, null]}') == {"a": [1, 2.5, None]}


def test_complete_rejects_a_prefix() -> None:
    with pytest.raises(IncompleteJSON):
        parse_complete('{"a": 1')


def test_partial_of_blank_text_is_an_empty_object() -> None:
    assert parse_partial("") == {} and parse_partial(" \t") == {}


def test_partial_of_a_prefix_is_its_value_so_far() -> None:
    assert parse_partial('{"city": "Par') == {"city": "Par"}


def test_partial_of_text_that_cannot_become_json_raises() -> None:
    with pytest.raises(IncompleteJSON):
        parse_partial('{"a" 1')


_fragmented_texts = st.builds(
    lambda value, cuts: (json.dumps(value), cuts),
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=4), inner, max_size=4)
        ),
        max_leaves=15,
    ),
    st.lists(st.integers(0, 200), max_size=20),
)


@given(_fragmented_texts, st.sampled_from(["", " ", "\n  "]))
def test_partial_arguments_equal_parse_partial_of_the_joined_fragments(
    text_cuts: tuple[str, list[int]], blank_start: str
) -> None:
    text, cuts = text_cuts
    text = blank_start + text
    edges = [0, *sorted({c for c in cuts if 0 < c < len(text)}), len(text)]
    fragments: list[str] = []
    arguments = PartialArguments()
    for a, b in pairwise(edges):
        fragments.append(text[a:b])
        joined = "".join(fragments)
        try:
            expected = parse_partial(joined)
        except IncompleteJSON:
            with pytest.raises(IncompleteJSON):
                arguments.value(fragments)
            continue
        assert arguments.value(fragments) == expected


def test_partial_arguments_read_each_fragment_once(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    feed = IncrementalJSON.feed

    def counting_feed(self: IncrementalJSON, text: str) -> None:
        read.append(text)
        feed(self, text)

    monkeypatch.setattr(IncrementalJSON, "feed", counting_feed)
    fragments: list[str] = []
    arguments = PartialArguments()
    for piece in ['{"a', '": [1', ", 2]", "}"]:
        fragments.append(piece)
        arguments.value(fragments)
        arguments.value(fragments)  # a second snapshot reads nothing again
    assert read == ['{"a', '": [1', ", 2]", "}"]


def test_partial_arguments_of_broken_text_keep_raising() -> None:
    fragments = ['{"a" ', "1"]
    arguments = PartialArguments()
    with pytest.raises(IncompleteJSON):
        arguments.value(fragments)
    fragments.append("}")
    with pytest.raises(IncompleteJSON):
        arguments.value(fragments)


def test_assembler_snapshots_follow_the_arguments_and_do_not_change_afterwards() -> None:
    assembler = Assembler("anthropic")
    assembler.add(ToolCallStart(0, "toolu_1", "get_weather"))
    pieces = ['{"city": "Pa', 'ris", "days": [1', ", 2", "]}"]
    snapshots = []
    for piece in pieces:
        assembler.add(ToolCallDelta(0, piece))
        snapshots.append(assembler.snapshot().tool_calls[0].arguments)
    assert snapshots == [
        {"city": "Pa"},
        {"city": "Paris", "days": [1]},
        {"city": "Paris", "days": [1, 2]},
        {"city": "Paris", "days": [1, 2]},
    ]
    assert assembler.message().tool_calls[0].arguments == {"city": "Paris", "days": [1, 2]}


def test_assembler_keeps_raw_text_and_best_effort_value_of_broken_arguments() -> None:
    assembler = Assembler("openai-chat")
    assembler.add(ToolCallStart(0, "call_1", "f"))
    assembler.add(ToolCallDelta(0, '{"a": 1, "b": [tr'))
    call = assembler.message().tool_calls[0]
    assert call.arguments == {"a": 1, "b": []}
    assert call.arguments_json == '{"a": 1, "b": [tr'


def test_complete_rejects_an_integer_over_the_digit_limit_with_the_typed_error() -> None:
    with pytest.raises(IncompleteJSON):
        parse_complete('{"n": ' + "1" * 5000 + "}")
