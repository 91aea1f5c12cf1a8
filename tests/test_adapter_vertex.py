"""The Vertex profile of the Gemini adapter: streamed function-call arguments
(`functionCall.partialArgs[]` by RFC 9535 path, `willContinue`), the assembler's third
delivery shape (`ToolCallPartialArgument`), and the same arguments from all three shapes
(JSON-text fragments, a whole value, path-addressed pieces); plus the typed errors for
pieces that do not fit together."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance
from conformance.assembler import Assembler
from conformance.errors import LimitExceededError, ProtocolError, VendorEventError
from conformance.events import (
    ToolCallArguments,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallPartialArgument,
    ToolCallStart,
)
from conformance.json.path import parse_json_path
from conformance.limits import Limits
from conformance.suite.strategies import byte_by_byte, two_chunk_splits

VENDOR = "vertex"


def event(*parts: dict[str, Any], finish: str | None = None, usage: dict[str, int] | None = None) -> str:
    candidate: dict[str, Any] = {"content": {"role": "model", "parts": list(parts)}}
    if finish:
        candidate["finishReason"] = finish
    data: dict[str, Any] = {"candidates": [candidate], "usageMetadata": usage or {"trafficType": "ON_DEMAND"}}
    return "data: " + json.dumps(data, separators=(",", ": "), ensure_ascii=False) + "\r\n\r\n"


def fc(**call: Any) -> dict[str, Any]:
    return {"functionCall": call}


def piece(path: str, value: Any = None, *, more: bool = False, kind: str = "stringValue") -> dict[str, Any]:
    out: dict[str, Any] = {"jsonPath": path, kind: value}
    if more:
        out["willContinue"] = True
    return out


def parse(body: str, **kwargs: Any) -> conformance.Message:
    return conformance.parse(VENDOR, [body.encode()], **kwargs)


STREAMED = (
    event(fc(name="getWeather", willContinue=True))
    + event(fc(partialArgs=[piece("$.location", "Bos", more=True)], willContinue=True))
    + event(fc(partialArgs=[piece("$.location", "ton", more=True)], willContinue=True))
    + event(fc(partialArgs=[piece("$.location", "")], willContinue=True))
    + event(
        fc(), finish="STOP", usage={"promptTokenCount": 5, "candidatesTokenCount": 3, "totalTokenCount": 8}
    )
)


# -- the adapter --------------------------------------------------------------------------------


def test_a_streamed_call_assembles_its_path_addressed_string() -> None:
    message = parse(STREAMED)
    assert [c.to_dict() for c in message.tool_calls] == [
        {"id": None, "name": "getWeather", "arguments": {"location": "Boston"}}
    ]
    assert (message.stop_reason, message.vendor_stop_reason, message.complete) == ("tool_calls", "STOP", True)


def test_the_streamed_call_emits_start_pieces_and_end() -> None:
    events = [
        e for e in conformance.stream_events(VENDOR, [STREAMED.encode()]) if "ToolCall" in type(e).__name__
    ]
    assert events == [
        ToolCallStart(0, None, "getWeather"),
        ToolCallPartialArgument(0, "$.location", "Bos", True),
        ToolCallPartialArgument(0, "$.location", "ton", True),
        ToolCallPartialArgument(0, "$.location", "", False),
        ToolCallEnd(0),
    ]


def test_number_bool_and_null_values_and_nested_paths_build_the_object() -> None:
    body = (
        event(fc(name="cook", willContinue=True))
        + event(
            fc(
                partialArgs=[
                    piece("$.recipe.servings", 4, kind="numberValue"),
                    piece("$.recipe.vegan", True, kind="boolValue"),
                    piece("$.recipe.notes", "NULL_VALUE", kind="nullValue"),
                    piece("$.recipe.steps[0]", "Boil."),
                    piece("$.recipe.steps[1]", "Serve."),
                    piece("$.recipe['best before']", "soon"),
                ],
                willContinue=True,
            )
        )
        + event(fc(), finish="STOP")
    )
    assert parse(body).tool_calls[0].arguments == {
        "recipe": {
            "servings": 4,
            "vegan": True,
            "notes": None,
            "steps": ["Boil.", "Serve."],
            "best before": "soon",
        }
    }


def test_a_piece_without_will_continue_ends_the_call_without_a_closing_function_call() -> None:
    body = (
        event(fc(name="f", willContinue=True))
        + event(fc(partialArgs=[piece("$.a", "x")]))
        + event({"text": ""}, finish="STOP")
    )
    message = parse(body)
    assert (message.tool_calls[0].arguments, message.complete) == ({"a": "x"}, True)


def test_a_finish_closes_a_call_still_marked_will_continue() -> None:
    body = event(fc(name="f", willContinue=True)) + event(
        fc(partialArgs=[piece("$.a", "x")], willContinue=True), finish="STOP"
    )
    events = list(conformance.stream_events(VENDOR, [body.encode()]))
    assert ToolCallEnd(0) in events
    assert parse(body).tool_calls[0].arguments == {"a": "x"}


def test_args_in_the_opening_part_are_the_base_the_pieces_add_to() -> None:
    body = event(fc(name="light", args={"room": "living"}, willContinue=True))
    body += event(fc(partialArgs=[piece("$.brightness", 50, kind="numberValue")])) + event(
        {"text": ""}, finish="STOP"
    )
    assert parse(body).tool_calls[0].arguments == {"room": "living", "brightness": 50}


def test_two_streamed_calls_in_sequence_get_their_own_indices() -> None:
    body = (
        event(fc(name="f", willContinue=True))
        + event(fc(partialArgs=[piece("$.q", "a")], willContinue=True))
        + event(fc())
    )
    body += (
        event(fc(name="f", willContinue=True))
        + event(fc(partialArgs=[piece("$.q", "b")]))
        + event({"text": ""}, finish="STOP")
    )
    assert [c.arguments for c in parse(body).tool_calls] == [{"q": "a"}, {"q": "b"}]


def test_a_whole_function_call_still_works_as_on_the_gemini_api() -> None:
    body = event(fc(id="c1", name="f", args={"x": [1, 2]}), finish="STOP")
    assert [c.to_dict() for c in parse(body).tool_calls] == [
        {"id": "c1", "name": "f", "arguments": {"x": [1, 2]}}
    ]


def test_a_stray_closing_function_call_with_nothing_open_is_ignored() -> None:
    assert parse(event(fc()) + event({"text": "hi"}, finish="STOP")).text == "hi"


def test_a_truncated_stream_shows_the_values_so_far_including_an_open_string() -> None:
    body = event(fc(name="f", willContinue=True)) + event(
        fc(partialArgs=[piece("$.s", "par", more=True)], willContinue=True)
    )
    message = parse(body)
    assert (message.tool_calls[0].arguments, message.complete) == ({"s": "par"}, False)


def test_byte_by_byte_and_two_chunk_splits_give_the_same_message() -> None:
    data = STREAMED.encode()
    whole = conformance.parse(VENDOR, [data])
    assert conformance.parse(VENDOR, byte_by_byte(data)) == whole
    for chunks in two_chunk_splits(data):
        assert conformance.parse(VENDOR, chunks) == whole


def test_snapshots_show_the_string_growing_piece_by_piece() -> None:
    chunks = [e.encode() for e in STREAMED.split("\r\n\r\n") if e]
    chunks = [c + b"\r\n\r\n" for c in chunks]
    seen = [
        m.tool_calls[0].arguments.get("location")
        for m in conformance.snapshots(VENDOR, chunks)
        if m.tool_calls
    ]
    assert seen[:4] == [None, "Bos", "Boston", "Boston"]


@pytest.mark.parametrize(
    ("body", "error", "reason"),
    [
        (event(fc(partialArgs=[piece("$.a", "x")])), ProtocolError, "without a name"),
        (
            event(fc(name="f", willContinue=True)) + event(fc(name="g", willContinue=True)),
            ProtocolError,
            "still streaming",
        ),
        (
            event(fc(name="f", willContinue=True)) + event(fc(partialArgs=[{"jsonPath": "$.a"}])),
            VendorEventError,
            "exactly one of",
        ),
        (
            event(fc(name="f", willContinue=True)) + event(fc(partialArgs=[{"stringValue": "x"}])),
            VendorEventError,
            "jsonPath",
        ),
        (
            event(fc(name="f", willContinue=True))
            + event(fc(partialArgs=[piece("$.a", "x"), piece("$.a.b", "y")])),
            ProtocolError,
            "goes through a string",
        ),
        (
            event(fc(name="f", willContinue=True)) + event(fc(partialArgs=[piece("$.a[2]", "x")])),
            ProtocolError,
            "skips ahead",
        ),
        (
            event(fc(name="f", willContinue=True)) + event(fc(partialArgs=[piece("$..a", "x")])),
            ProtocolError,
            "not a singular path",
        ),
        (
            event(fc(name="f", willContinue=True))
            + event(fc(partialArgs=[piece("$.a", "x", kind="nullValue")])),
            VendorEventError,
            "NULL_VALUE",
        ),
    ],
)
def test_pieces_that_do_not_fit_are_typed_errors_naming_vendor_and_offset(
    body: str, error: type[Exception], reason: str
) -> None:
    with pytest.raises(error, match=reason) as info:
        parse(body)
    assert getattr(info.value, "vendor", None) == VENDOR
    assert getattr(info.value, "offset", None) is not None


# -- the assembler: three shapes, one answer ----------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12,
)
ARGUMENTS = st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=4)


def _segment(key: str | int) -> str:
    return f"[{key}]" if isinstance(key, int) else "[" + json.dumps(key) + "]"


def as_pieces(value: Any, path: str = "$") -> list[tuple[str, Any]]:
    """Leaves of `value` by path, as Vertex would stream them (strings in up-to-3-char bits)."""
    if isinstance(value, dict):
        if not value and path != "$":
            raise ValueError("an empty object has no leaf to address")
        return [p for k, v in value.items() for p in as_pieces(v, path + _segment(k))]
    if isinstance(value, list):
        if not value:
            raise ValueError("an empty array has no leaf to address")
        return [p for i, v in enumerate(value) for p in as_pieces(v, path + _segment(i))]
    return [(path, value)]


def has_empty_containers(value: Any, top: bool = True) -> bool:
    if isinstance(value, dict):
        return (not value and not top) or any(has_empty_containers(v, False) for v in value.values())
    if isinstance(value, list):
        return not value or any(has_empty_containers(v, False) for v in value)
    return False


def assemble(events: list[Any]) -> Any:
    assembler = Assembler(VENDOR)
    assembler.extend([ToolCallStart(0, None, "f"), *events, ToolCallEnd(0)])
    return assembler.message().tool_calls[0].arguments


@given(ARGUMENTS.filter(lambda v: not has_empty_containers(v)), st.integers(1, 7))
def test_json_fragments_a_whole_value_and_path_pieces_give_the_same_arguments(
    arguments: dict[str, Any], size: int
) -> None:
    text = json.dumps(arguments, ensure_ascii=False)
    fragments = [ToolCallDelta(0, text[i : i + size]) for i in range(0, len(text), size)]
    pieces = []
    for path, leaf in as_pieces(arguments):
        if isinstance(leaf, str) and leaf:
            bits = [leaf[i : i + 3] for i in range(0, len(leaf), 3)]
            pieces += [ToolCallPartialArgument(0, path, bit, i < len(bits) - 1) for i, bit in enumerate(bits)]
        else:
            pieces.append(ToolCallPartialArgument(0, path, leaf))
    assert assemble(fragments) == assemble([ToolCallArguments(0, arguments)]) == assemble(pieces) == arguments


def test_the_three_shapes_agree_on_a_fixed_nested_example() -> None:
    arguments = {
        "recipe": {
            "name": "Lasagna",
            "steps": ["Boil.", "Bake 25 min."],
            "servings": 6,
            "vegan": False,
            "notes": None,
        }
    }
    text = json.dumps(arguments)
    pieces = [
        ToolCallPartialArgument(0, "$.recipe.name", "Lasa", True),
        ToolCallPartialArgument(0, "$.recipe.name", "gna", False),
        ToolCallPartialArgument(0, "$.recipe.steps[0]", "Boil.", False),
        ToolCallPartialArgument(0, "$.recipe.steps[1]", "Bake ", True),
        ToolCallPartialArgument(0, "$.recipe.steps[1]", "25 min.", True),
        ToolCallPartialArgument(0, "$.recipe.steps[1]", "", False),
        ToolCallPartialArgument(0, "$.recipe.servings", 6),
        ToolCallPartialArgument(0, "$.recipe.vegan", False),
        ToolCallPartialArgument(0, "$.recipe.notes", None),
    ]
    assert (
        assemble([ToolCallDelta(0, text[:17]), ToolCallDelta(0, text[17:])]) == assemble(pieces) == arguments
    )


def test_a_string_without_will_continue_before_it_is_replaced_not_appended() -> None:
    pieces = [ToolCallPartialArgument(0, "$.a", "old"), ToolCallPartialArgument(0, "$.a", "new")]
    assert assemble(pieces) == {"a": "new"}


def test_a_partial_argument_for_a_call_never_started_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="never started"):
        Assembler(VENDOR).add(ToolCallPartialArgument(3, "$.a", 1))


def test_partial_string_arguments_over_the_limit_are_refused() -> None:
    assembler = Assembler(VENDOR, Limits(max_tool_arguments_bytes=8))
    assembler.add(ToolCallStart(0, None, "f"))
    with pytest.raises(LimitExceededError) as info:
        for _ in range(5):
            assembler.add(ToolCallPartialArgument(0, "$.a", "xxx", True))
    assert info.value.limit == "max_tool_arguments_bytes"


def test_a_path_deeper_than_the_depth_limit_is_refused() -> None:
    assembler = Assembler(VENDOR, Limits(max_json_depth=3))
    assembler.add(ToolCallStart(0, None, "f"))
    with pytest.raises(LimitExceededError):
        assembler.add(ToolCallPartialArgument(0, "$.a.b.c.d", 1))


@pytest.mark.parametrize(
    ("path", "segments"),
    [
        ("$", ()),
        ("$.a.b_2[0]", ("a", "b_2", 0)),
        ('$[\'a b\']["c\\"d"][10]', ("a b", 'c"d', 10)),
        ("$['it\\'s']['\\u00e9']", ("it's", "é")),
        ("$.ünï", ("ünï",)),
    ],
)
def test_singular_json_paths_parse_to_their_segments(path: str, segments: tuple[str | int, ...]) -> None:
    assert parse_json_path(path) == segments


@pytest.mark.parametrize("path", ["a.b", "$.*", "$[0:2]", "$..a", "$[01]", "$[?@.a]", "$.a.", "$['x'"])
def test_paths_that_name_no_single_location_are_protocol_errors(path: str) -> None:
    with pytest.raises(ProtocolError):
        parse_json_path(path)
