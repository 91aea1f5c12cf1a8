"""`conformance probe`: a conforming server passes; each injected violation is flagged by the right check.

Every violation below is a bug real servers have shipped (OpenAI-compatible servers and
gateways: a missing `[DONE]`, usage in the wrong chunk, tool-call indices that skip or are
reused, arguments as objects, `role` in every delta, two finish reasons, a stream that keeps
generating after the client hung up, FastAPI's `{"detail": ...}` instead of the vendor's
error document, ...). Each is injected alone into an otherwise conforming answer, and must
fail exactly the check that owns it, with a message naming it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest

from conformance.probe import probe
from conformance.probe.judge import CHECKS
from tests.probe_servers import Answer, MisbehavingServer, conforming_replay_server

Events = list[tuple[str | None, str]]


def _map_chunks(answer: Answer, change: Callable[[int, dict], dict | None]) -> Answer:
    """Apply `change(i, chunk)` to each JSON chunk (None drops it); `[DONE]` and names kept."""
    out: Events = []
    for i, (name, data) in enumerate(answer.events):
        if data == "[DONE]":
            out.append((name, data))
            continue
        changed = change(i, json.loads(data))
        if changed is not None:
            out.append((name, json.dumps(changed, separators=(",", ":"), ensure_ascii=False)))
    return replace(answer, events=out)


def _deltas(chunk: dict) -> list[dict]:
    return [c.get("delta") or {} for c in chunk.get("choices") or []]


def _tool_calls(chunk: dict) -> list[dict]:
    return [call for delta in _deltas(chunk) for call in delta.get("tool_calls") or []]


# -- OpenAI Chat Completions violations ---------------------------------------------------------


def no_done(scenario: str, a: Answer) -> Answer:
    return replace(a, events=[e for e in a.events if e[1] != "[DONE]"])


def no_usage(scenario: str, a: Answer) -> Answer:
    return _map_chunks(a, lambda i, c: None if c.get("usage") and not c["choices"] else c)


def usage_on_content_chunk(scenario: str, a: Answer) -> Answer:
    usage = next(json.loads(d)["usage"] for _, d in a.events if d != "[DONE]" and json.loads(d).get("usage"))
    finishing = max(i for i, (_, d) in enumerate(a.events) if '"finish_reason":"' in d)

    def move(i: int, c: dict) -> dict | None:
        if c.get("usage") and not c["choices"]:
            return None
        return {**c, "usage": usage} if i == finishing else c

    return _map_chunks(a, move)


def tool_index_gap(scenario: str, a: Answer) -> Answer:
    def renumber(i: int, c: dict) -> dict:
        for call in _tool_calls(c):
            if call["index"] == 1:
                call["index"] = 2
        return c

    return _map_chunks(a, renumber)


def tool_index_reused(scenario: str, a: Answer) -> Answer:
    """The second call restarts at index 0 with its own id (the pattern of servers that
    number calls per message, not per stream): only its first delta is kept, so the
    arguments of the two calls are not interleaved."""
    seen_second = False

    def reuse(i: int, c: dict) -> dict | None:
        nonlocal seen_second
        calls = _tool_calls(c)
        if any(call["index"] == 1 for call in calls):
            if seen_second:
                return None
            seen_second = True
            for call in calls:
                call["index"] = 0
                call["function"]["arguments"] = ""
        return c

    return _map_chunks(a, reuse)


def arguments_as_object(scenario: str, a: Answer) -> Answer:
    """Arguments sent as a JSON object, whole, in the first delta (not a string of JSON text)."""
    state = {"first": True}

    def objectify(i: int, c: dict) -> dict | None:
        calls = _tool_calls(c)
        if not calls:
            return c
        if state["first"]:
            state["first"] = False
            calls[0]["function"]["arguments"] = {"city": "Paris"}
            return c
        return (
            None if "arguments" in calls[0].get("function", {}) and "name" not in calls[0]["function"] else c
        )

    return _map_chunks(a, objectify)


def role_in_every_delta(scenario: str, a: Answer) -> Answer:
    def add_role(i: int, c: dict) -> dict:
        for delta in _deltas(c):
            delta["role"] = "assistant"
        return c

    return _map_chunks(a, add_role)


def finish_reason_twice(scenario: str, a: Answer) -> Answer:
    finishing = max(i for i, (_, d) in enumerate(a.events) if '"finish_reason":"' in d)
    events = list(a.events)
    events.insert(finishing + 1, events[finishing])
    return replace(a, events=events)


def no_finish_reason(scenario: str, a: Answer) -> Answer:
    def drop(i: int, c: dict) -> dict:
        for choice in c.get("choices") or []:
            choice["finish_reason"] = None
        return c

    return _map_chunks(a, drop)


def content_after_finish(scenario: str, a: Answer) -> Answer:
    finishing = max(i for i, (_, d) in enumerate(a.events) if '"finish_reason":"' in d)
    extra = json.loads(a.events[finishing][1])
    extra["choices"][0]["finish_reason"] = None
    extra["choices"][0]["delta"] = {"content": " And one more thing."}
    events = list(a.events)
    events.insert(finishing + 1, (None, json.dumps(extra)))
    return replace(a, events=events)


def new_id_per_chunk(scenario: str, a: Answer) -> Answer:
    return _map_chunks(a, lambda i, c: {**c, "id": f"{c['id']}-{i}"})


def json_content_type(scenario: str, a: Answer) -> Answer:
    return replace(a, content_type="application/json")


def no_final_blank_line(scenario: str, a: Answer) -> Answer:
    return replace(a, raw=a.body()[:-1])


def invalid_json_in_data(scenario: str, a: Answer) -> Answer:
    events = list(a.events)
    events[1] = (events[1][0], events[1][1][:-1])
    return replace(a, events=events)


def latin1_text(scenario: str, a: Answer) -> Answer:
    return replace(a, raw=a.body().replace(b"Hello", "Héllo".encode("latin-1"), 1))


def fastapi_error_document(scenario: str, a: Answer) -> Answer:
    return replace(a, raw=json.dumps({"detail": "Field required: messages"}).encode())


def invalid_request_streamed(scenario: str, a: Answer) -> Answer:
    from tests.probe_servers import conforming_answer

    return conforming_answer("openai-chat", "text")


def keeps_generating(scenario: str, a: Answer) -> Answer:
    return a  # the misbehaving server never watches its connection


# -- Anthropic Messages violations -------------------------------------------------------------


def no_message_stop(scenario: str, a: Answer) -> Answer:
    return replace(a, events=[e for e in a.events if e[0] != "message_stop"])


def delta_before_block_start(scenario: str, a: Answer) -> Answer:
    events = list(a.events)
    start = next(i for i, e in enumerate(events) if e[0] == "content_block_start")
    delta = next(i for i, e in enumerate(events) if e[0] == "content_block_delta")
    events[start], events[delta] = events[delta], events[start]
    return replace(a, events=events)


def block_index_from_one(scenario: str, a: Answer) -> Answer:
    def shift(i: int, c: dict) -> dict:
        if "index" in c:
            c["index"] += 1
        return c

    return _map_chunks(a, shift)


def openai_error_document(scenario: str, a: Answer) -> Answer:
    return replace(a, raw=json.dumps({"error": {"message": "max_tokens: Field required"}}).encode())


VIOLATIONS = [
    # family, scenario, violation, the check that must fail, words its message must hold
    ("openai-chat", "text", no_done, "protocol", "no `data: [DONE]` terminator"),
    ("openai-chat", "text", no_usage, "protocol", "usage was requested"),
    ("openai-chat", "text", usage_on_content_chunk, "protocol", "which also has choices"),
    ("openai-chat", "parallel_tool_calls", tool_index_gap, "protocol", "indices must count up from 0"),
    ("openai-chat", "parallel_tool_calls", tool_index_reused, "protocol", "tool-call index 0 reused"),
    ("openai-chat", "tool_call", arguments_as_object, "schema", "function.arguments"),
    ("openai-chat", "text", role_in_every_delta, "protocol", "`delta.role` repeated"),
    ("openai-chat", "text", finish_reason_twice, "protocol", "`finish_reason` sent twice"),
    ("openai-chat", "text", no_finish_reason, "protocol", "no chunk carries a `finish_reason`"),
    ("openai-chat", "text", content_after_finish, "protocol", "after choice 0 finished"),
    ("openai-chat", "text", new_id_per_chunk, "protocol", "every chunk of a stream has the same id"),
    ("openai-chat", "text", json_content_type, "http", "not text/event-stream"),
    ("openai-chat", "text", no_final_blank_line, "framing", "does not end with a blank line"),
    ("openai-chat", "text", invalid_json_in_data, "framing", "InvalidJSONError"),
    ("openai-chat", "text", latin1_text, "framing", "InvalidUTF8Error"),
    ("openai-chat", "invalid_request", fastapi_error_document, "error_shape", "lacks error.message"),
    ("openai-chat", "invalid_request", invalid_request_streamed, "http", "status 200 for an invalid request"),
    ("openai-chat", "cancel", keeps_generating, "cancel", "kept sending"),
    ("anthropic", "text", no_message_stop, "protocol", "no `message_stop`"),
    ("anthropic", "text", delta_before_block_start, "protocol", "content_block_delta"),
    ("anthropic", "tool_call", block_index_from_one, "protocol", "blocks count up from 0"),
    ("anthropic", "invalid_request", openai_error_document, "error_shape", "lacks type=error"),
    ("anthropic", "cancel", keeps_generating, "cancel", "kept sending"),
]


@pytest.mark.parametrize("family", ["openai-chat", "anthropic"])
def test_the_replay_server_as_a_vendor_double_conforms(family: str) -> None:
    with conforming_replay_server(family) as server:
        base_url = server.base_url + ("/v1" if family == "openai-chat" else "")
        report = probe(family, base_url, model="test-model")
    assert report.passed, report.to_text()
    judged = {(f.scenario, f.check) for f in report.findings if f.outcome == "pass"}
    assert ("cancel", "cancel") in judged, report.to_text()  # the hang-up was judged, not skipped
    assert ("parallel_tool_calls", "sdk") in judged
    assert ("invalid_request", "error_shape") in judged


@pytest.mark.parametrize(
    ("family", "scenario", "violation", "check", "words"),
    [pytest.param(*v, id=f"{v[0]}-{v[2].__name__}") for v in VIOLATIONS],
)
def test_each_injected_violation_fails_the_check_that_owns_it(
    family: str, scenario: str, violation: Callable[[str, Answer], Answer], check: str, words: str
) -> None:
    with MisbehavingServer(family, violation) as server:
        report = probe(family, server.base_url, model="test-model", scenarios=[scenario])
    failed = {f.check: f.detail for f in report.failed}
    assert check in failed, report.to_text()
    assert words in failed[check], failed[check]
    # One cause, one failure: the layers above a failed one are "not judged", not failed.
    others = set(failed) - {check}
    assert not others or others <= {"scenario", "sdk"}, report.to_text()


def test_the_same_violations_pass_when_not_injected() -> None:
    """The misbehaving server with no violation is a conforming server: the test above can fail."""
    for family in ("openai-chat", "anthropic"):
        with MisbehavingServer(family, lambda s, a: a) as server:
            scenarios = [s for s in ("text", "tool_call", "parallel_tool_calls", "invalid_request")]
            report = probe(family, server.base_url, model="m", scenarios=scenarios)
        assert report.passed, report.to_text()


def test_the_checks_table_names_every_check_a_finding_uses() -> None:
    with MisbehavingServer("openai-chat", lambda s, a: a) as server:
        report = probe("openai-chat", server.base_url, model="m", scenarios=["text", "invalid_request"])
    assert {f.check for f in report.findings} <= set(CHECKS)
