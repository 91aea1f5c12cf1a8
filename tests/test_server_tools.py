"""Server tools and citations in the `Message`: calls the vendor runs itself
(`server_tool_calls`, never `tool_calls`), their results and citations, as Anthropic
(`server_tool_use`, `web_search_tool_result`, `citations_delta`) and the OpenAI Responses
API (`web_search_call`, `url_citation` annotations) stream them; a parser that drops them
fails the suite unless it declares `server_tools` / `citations` unsupported."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pytest

import conformance
from conformance import (
    Assembler,
    CitationAdded,
    Message,
    ProtocolError,
    ServerToolCallStart,
    ServerToolResult,
    StreamEnd,
    ToolCall,
    ToolCallArguments,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    ToolResult,
)
from conformance.formats.cassettes import load_cassettes
from conformance.suite.checks import (
    CHECKS_BY_ID,
    MASKS,
    Case,
    CheckFailed,
    Target,
    applies,
    field_owners,
    run_case,
)
from tests._bundled import one_scenario

WEB_SEARCH = one_scenario(load_cassettes(vendor="anthropic"), "web_search")
CITATION = {"type": "web_search_result_location", "url": "https://a.example", "cited_text": "x"}


# -- the model -----------------------------------------------------------------------------------


def test_a_message_with_server_tools_and_citations_round_trips_through_a_dict() -> None:
    message = Message(
        "anthropic",
        text="hi",
        server_tool_calls=(ToolCall("srv_1", "web_search", {"query": "q"}),),
        server_tool_results=(ToolResult("srv_1", "web_search_tool_result", [{"url": "https://a.example"}]),),
        citations=(CITATION,),
        complete=True,
    )
    data = json.loads(message.to_json())
    assert data["server_tool_calls"] == [{"id": "srv_1", "name": "web_search", "arguments": {"query": "q"}}]
    assert data["citations"] == [CITATION]
    assert Message.from_dict(data) == message


def test_a_message_without_them_reads_as_it_always_did() -> None:
    assert set(Message("anthropic").to_dict()) == {
        "vendor",
        "text",
        "reasoning",
        "refusal",
        "tool_calls",
        "stop_reason",
        "vendor_stop_reason",
        "usage",
        "error",
        "complete",
    }


def test_the_assembler_keeps_server_calls_apart_from_the_clients_calls() -> None:
    assembler = Assembler("anthropic")
    assembler.extend(
        [
            ServerToolCallStart(0, "srv_1", "web_search"),
            ToolCallDelta(0, '{"query": '),
            ToolCallDelta(0, '"tram"}'),
            ToolCallEnd(0),
            ServerToolResult("srv_1", "web_search_tool_result", []),
            ToolCallStart(1, "toolu_1", "get_weather"),
            ToolCallArguments(1, {"city": "Lisbon"}),
            ToolCallEnd(1),
            CitationAdded(CITATION),
            StreamEnd(complete=True),
        ]
    )
    message = assembler.message()
    assert message.server_tool_calls == (ToolCall("srv_1", "web_search", {"query": "tram"}),)
    assert message.tool_calls == (ToolCall("toolu_1", "get_weather", {"city": "Lisbon"}),)
    assert message.server_tool_results == (ToolResult("srv_1", "web_search_tool_result", []),)
    assert message.citations == (CITATION,)


def test_a_server_call_and_a_client_call_cannot_share_an_index() -> None:
    assembler = Assembler("anthropic")
    assembler.add(ServerToolCallStart(0, "srv_1", "web_search"))
    with pytest.raises(ProtocolError, match="started twice"):
        assembler.add(ToolCallStart(0, "toolu_1", "get_weather"))


def test_a_snapshot_shows_a_server_calls_partial_arguments() -> None:
    assembler = Assembler("anthropic")
    assembler.extend([ServerToolCallStart(0, "srv_1", "web_search"), ToolCallDelta(0, '{"query": "tr')])
    assert assembler.snapshot().server_tool_calls == (ToolCall("srv_1", "web_search", {"query": "tr"}),)


# -- Anthropic -----------------------------------------------------------------------------------


def test_anthropic_web_search_is_a_server_call_a_result_and_a_citation_not_a_client_call() -> None:
    message = conformance.parse(
        "anthropic", [WEB_SEARCH.body[i : i + 9] for i in range(0, len(WEB_SEARCH.body), 9)]
    )
    assert message == WEB_SEARCH.expected
    assert message.tool_calls == ()
    assert [(c.name, c.arguments) for c in message.server_tool_calls] == [
        ("web_search", {"query": "Lisbon tram 28 route"})
    ]
    (result,) = message.server_tool_results
    assert (result.tool_use_id, result.type) == (message.server_tool_calls[0].id, "web_search_tool_result")
    assert [r["url"] for r in result.content] == [
        "https://www.carris.pt/en/tram-28",
        "https://www.visitlisboa.com/en/tram-28",
    ]
    assert [c["type"] for c in message.citations] == ["web_search_result_location"]


def sse(*events: dict[str, Any]) -> bytes:
    return b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events)


START = {"type": "message_start", "message": {"id": "m", "model": "c", "usage": {"input_tokens": 1}}}
STOP = [
    {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 2}},
    {"type": "message_stop"},
]


def test_anthropic_citations_given_in_a_text_blocks_start_are_kept_in_order() -> None:
    first = {**CITATION, "cited_text": "first"}
    body = sse(
        START,
        {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "text", "text": "", "citations": [first]},
        },
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "citations_delta", "citation": CITATION},
        },
        {"type": "content_block_stop", "index": 0},
        *STOP,
    )
    assert conformance.parse("anthropic", [body]).citations == (first, CITATION)


def test_anthropic_citations_delta_without_a_citation_object_is_an_error() -> None:
    body = sse(
        START,
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "citations_delta", "citation": "x"}},
    )
    with pytest.raises(conformance.VendorEventError, match="'citation' should be an object") as info:
        conformance.parse("anthropic", [body])
    assert info.value.event_index == 2


def test_an_anthropic_code_execution_result_is_a_server_tool_result_of_its_own_type() -> None:
    result = {"type": "code_execution_tool_result", "tool_use_id": "srv_2", "content": {"stdout": "4\n"}}
    body = sse(START, {"type": "content_block_start", "index": 0, "content_block": result},
               {"type": "content_block_stop", "index": 0}, *STOP)  # fmt: skip
    assert conformance.parse("anthropic", [body]).server_tool_results == (
        ToolResult("srv_2", "code_execution_tool_result", {"stdout": "4\n"}),
    )


# -- OpenAI Responses ----------------------------------------------------------------------------


def responses(*events: dict[str, Any]) -> bytes:
    numbered = ({**e, "sequence_number": n} for n, e in enumerate(events))
    return b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in numbered)


RESPONSE = {"id": "resp_1", "object": "response", "status": "in_progress", "model": "gpt-4o", "output": []}
ACTION = {"type": "search", "query": "tram 28"}
TEXT_PART = {"type": "output_text", "text": "", "annotations": []}
ANNOTATION = {
    "type": "url_citation",
    "start_index": 0,
    "end_index": 4,
    "url": "https://a.example",
    "title": "A",
}


def test_responses_web_search_call_is_a_server_call_with_its_action_and_annotations_are_citations() -> None:
    part = {"output_index": 1, "item_id": "msg_1", "content_index": 0}
    message_item = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "status": "in_progress",
        "content": [],
    }
    body = responses(
        {"type": "response.created", "response": RESPONSE},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {"id": "ws_1", "type": "web_search_call", "status": "in_progress"}},
        {"type": "response.web_search_call.searching", "output_index": 0, "item_id": "ws_1"},
        {"type": "response.output_item.done", "output_index": 0,
         "item": {"id": "ws_1", "type": "web_search_call", "status": "completed", "action": ACTION}},
        {"type": "response.output_item.added", "output_index": 1, "item": message_item},
        {"type": "response.content_part.added", **part, "part": TEXT_PART},
        {"type": "response.output_text.delta", **part, "delta": "Tram"},
        {"type": "response.output_text.annotation.added", **part, "annotation": ANNOTATION},
        {"type": "response.completed", "response": {**RESPONSE, "status": "completed"}},
    )  # fmt: skip
    message = conformance.parse("openai-responses", [body])
    assert message.server_tool_calls == (ToolCall("ws_1", "web_search", ACTION),)
    assert (message.tool_calls, message.citations, message.text) == ((), (ANNOTATION,), "Tram")


# -- the suite -----------------------------------------------------------------------------------


SERVER_FIELDS = ("server_tool_calls", "server_tool_results", "citations")


def dropping(*fields: str, masked: frozenset[str] = frozenset()) -> Target:
    """A parser that reads everything but `fields`, as a parser unaware of server tools does."""

    def parse(chunks: Iterable[bytes]) -> dict[str, Any]:
        data = conformance.parse("anthropic", chunks).to_dict()
        return {k: v for k, v in data.items() if k not in fields}

    return Target(label="t", vendor="anthropic", parse=parse, masked=masked)


def test_a_parser_that_drops_citations_fails_the_citations_check_naming_the_field() -> None:
    with pytest.raises(CheckFailed, match="first difference: citations"):
        run_case(dropping("citations"), Case("citations", WEB_SEARCH))
    run_case(dropping("citations"), Case("server_tools", WEB_SEARCH))  # one cause, one check


def test_a_parser_that_drops_server_tool_calls_fails_the_server_tools_check_naming_the_field() -> None:
    with pytest.raises(CheckFailed, match="first difference: server_tool_calls"):
        run_case(dropping("server_tool_calls", "server_tool_results"), Case("server_tools", WEB_SEARCH))
    run_case(dropping("server_tool_calls", "server_tool_results"), Case("whole", WEB_SEARCH))


def test_the_checks_own_their_fields_only_where_the_cassette_has_the_feature() -> None:
    assert field_owners(WEB_SEARCH)["citations"] == "citations"
    assert field_owners(WEB_SEARCH)["server_tool_calls"] == "server_tools"
    text = one_scenario(load_cassettes(vendor="anthropic"), "text")
    assert field_owners(text)["citations"] == field_owners(text)["server_tool_calls"] == "whole"
    assert not applies(CHECKS_BY_ID["citations"], text)


def test_a_parser_that_invents_a_citation_fails_whole_where_the_cassette_has_none() -> None:
    text = one_scenario(load_cassettes(vendor="anthropic"), "text")

    def inventing(chunks: Iterable[bytes]) -> dict[str, Any]:
        return {**conformance.parse("anthropic", chunks).to_dict(), "citations": [CITATION]}

    with pytest.raises(CheckFailed, match="first difference: citations"):
        run_case(Target(label="t", vendor="anthropic", parse=inventing), Case("whole", text))


def test_declaring_server_tools_and_citations_unsupported_masks_their_fields() -> None:
    masked = frozenset(field for name in ("server_tools", "citations") for field in MASKS[name])
    assert masked == set(SERVER_FIELDS)
    for check in ("server_tools", "citations", "whole"):
        run_case(dropping(*SERVER_FIELDS, masked=masked), Case(check, WEB_SEARCH))
