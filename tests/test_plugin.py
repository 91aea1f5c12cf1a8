"""The pytest plugin, end to end: small parsers in a temporary repo, run by pytester.

Each classic parser bug lives in its own small parser (a subclass of a correct hand-written
OpenAI Chat parser that overrides the one method holding the bug), and must turn the
suite red with a message that names the cassette and the field. The correct parsers (the
hand-written one and a thin wrapper over `conformance.parse`) must be green. The
cassettes are the test's own, written with `save_cassette`, so the inputs are stable
while the bundled ones change; one test also runs over the bundled cassettes.
"""

from __future__ import annotations

import inspect
import json
import re
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import settings

from conformance.formats.cassettes import Cassette, load_cassettes, save_cassette

pytest_plugins = ["pytester"]

VENDOR = "openai-chat"
SOURCE = "https://platform.openai.com/docs/api-reference/chat-streaming"


# -- the test's own cassettes --------------------------------------------------------------------


def chunk(delta: dict[str, Any] | None = None, finish: str | None = None, **extra: Any) -> str:
    choices = [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish}]
    body = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-4o", "choices": choices}
    return "data: " + json.dumps({**body, **extra}, ensure_ascii=False)


def sse(*events: str, eol: str = "\n") -> bytes:
    return "".join(event.replace("\n", eol) + eol + eol for event in events).encode("utf-8")


def message(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "vendor": VENDOR,
        "text": "",
        "reasoning": "",
        "refusal": "",
        "tool_calls": [],
        "stop_reason": "stop",
        "vendor_stop_reason": "stop",
        "usage": None,
        "error": None,
        "complete": True,
    }
    return {**base, **fields}


def call_delta(index: int, arguments: str, id: str | None = None, name: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"index": index, "function": {"arguments": arguments}}
    if id is not None:
        out.update(id=id, type="function")
        out["function"]["name"] = name
    return {"tool_calls": [out]}


DONE = "data: [DONE]"
USAGE = {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12}

CASSETTES: dict[str, tuple[bytes, list[str], dict[str, Any] | None, str]] = {
    # scenario: (body, features, expected message, description)
    "text_non_ascii": (
        sse(
            chunk({"role": "assistant", "content": ""}),
            chunk({"content": "Grüße, "}),
            chunk({"content": "世界 "}),
            chunk({"content": "🎉!"}),
            chunk({}, "stop"),
            DONE,
        ),
        ["text", "non_ascii"],
        message(text="Grüße, 世界 🎉!"),
        "multi-byte UTF-8 in every text delta",
    ),
    "crlf_keepalive": (
        sse(
            ": keep-alive",
            chunk({"content": "Hello, "}),
            ": keep-alive",
            chunk({"content": "world"}),
            chunk({}, "stop"),
            DONE,
            eol="\r\n",
        ),
        ["text", "keepalive"],
        message(text="Hello, world"),
        "CRLF line ends, with SSE comments between events",
    ),
    "cr_only": (
        sse(chunk({"content": "CR "}), chunk({"content": "only"}), chunk({}, "stop"), DONE, eol="\r"),
        ["text"],
        message(text="CR only"),
        "lone CR line ends (legal SSE); the body ends with a CR-only blank line",
    ),
    "usage_final_chunk": (
        sse(
            chunk({"content": "Four."}, usage=None),
            chunk({}, "stop", usage=None),
            chunk(None, usage=USAGE),
            DONE,
        ),
        ["text", "usage"],
        message(text="Four.", usage={"input_tokens": 9, "output_tokens": 3, "total_tokens": 12}),
        "stream_options.include_usage: usage in a last chunk whose choices are []",
    ),
    "tool_calls_interleaved": (
        sse(
            chunk(
                {
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": "call_a",
                            "type": "function",
                            "function": {"name": "weather", "arguments": ""},
                        },
                        {
                            "index": 1,
                            "id": "call_b",
                            "type": "function",
                            "function": {"name": "time", "arguments": ""},
                        },
                    ]
                }
            ),
            chunk(call_delta(0, '{"city": ')),
            chunk(call_delta(1, '{"zone": ')),
            chunk(call_delta(0, '"Paris"}')),
            chunk(call_delta(1, '"CET"}')),
            chunk({}, "tool_calls"),
            DONE,
        ),
        ["tool_calls", "parallel_tool_calls"],
        message(
            tool_calls=[
                {"id": "call_a", "name": "weather", "arguments": {"city": "Paris"}},
                {"id": "call_b", "name": "time", "arguments": {"zone": "CET"}},
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_calls",
        ),
        "two parallel tool calls whose argument fragments interleave, keyed by index",
    ),
    "error_mid_stream": (
        sse(
            chunk({"content": "Par"}),
            'data: {"error": {"message": "The server had an error", "type": "server_error"}}',
        ),
        ["text", "error"],
        message(
            text="Par",
            stop_reason="error",
            vendor_stop_reason=None,
            error={"type": "server_error", "message": "The server had an error"},
            complete=False,
        ),
        "an error event after some text; the body ends there",
    ),
    "truncated_after_finish": (
        sse(chunk({"content": "Cut"}), chunk({}, "stop")),
        ["text", "truncated"],
        message(text="Cut", complete=False),
        "the finish chunk arrived, data: [DONE] never did",
    ),
    "done_two_spaces": (
        sse(chunk({"content": "Spaces"}), chunk({}, "stop")) + b"data:  [DONE]\n\n",
        ["text", "truncated"],
        None,
        'two spaces after "data:": the value is " [DONE]", not the terminator (nor JSON)',
    ),
}


def write_cassettes(directory: Path) -> None:
    for scenario, (body, features, expected, description) in CASSETTES.items():
        meta: dict[str, Any] = {
            "vendor": VENDOR,
            "scenario": scenario,
            "description": description,
            "features": features,
            "source": SOURCE,
        }
        if expected is not None:
            meta["expected"] = expected
        cassette = Cassette(
            path=None,
            vendor=VENDOR,
            scenario=scenario,
            method="POST",
            uri="https://api.openai.com/v1/chat/completions",
            request_headers={},
            request_body="{}",
            status=200,
            response_headers={"Content-Type": ["text/event-stream"]},
            body=body,
            metadata=meta,
        )
        save_cassette(cassette, directory / VENDOR / f"{scenario}.yaml")


# -- a correct hand-written parser, and one parser per classic bug -------------------------------


class BrokenStream(Exception):
    """What the hand-written parser raises for a body it cannot read."""


class HandParser:
    """OpenAI Chat Completions stream -> Message dict, by hand: bytes -> lines -> events -> message."""

    STOP: ClassVar[dict[str, str]] = {
        "stop": "stop",
        "length": "length",
        "tool_calls": "tool_calls",
        "content_filter": "content_filter",
    }
    USAGE: ClassVar[dict[str, str]] = {
        "prompt_tokens": "input_tokens",
        "completion_tokens": "output_tokens",
        "total_tokens": "total_tokens",
        "completion_tokens_details.reasoning_tokens": "reasoning_tokens",
        "prompt_tokens_details.cached_tokens": "cache_read_tokens",
        "prompt_tokens_details.cache_write_tokens": "cache_write_tokens",
    }

    def __init__(self) -> None:
        self.unfinished = 0  # bytes of a line the body never ended
        self.pending = False  # field lines of an event no blank line dispatched

    def lines(self, chunks: Iterable[bytes]) -> Iterator[str]:
        """Lines split at CRLF, LF or CR on bytes, each decoded once it is whole."""
        buf = b""
        for piece in chunks:
            buf += piece
            while (match := re.search(rb"\r\n|\r|\n", buf)) and not (
                match.group() == b"\r" and match.end() == len(buf)
            ):
                yield buf[: match.start()].decode("utf-8")  # a CR ending the buffer may be half a CRLF
                buf = buf[match.end() :]
        yield from self.end_of_body(buf)

    def end_of_body(self, rest: bytes) -> Iterator[str]:
        if rest.endswith(b"\r"):  # the body's last line end was a lone CR
            yield rest[:-1].decode("utf-8")
            rest = b""
        self.unfinished = len(rest)

    def field_value(self, value: str) -> str:
        return value[1:] if value.startswith(" ") else value  # exactly one space is dropped

    def events(self, lines: Iterable[str]) -> Iterator[str]:
        data: list[str] = []
        for line in lines:
            if not line:
                if data:
                    yield "\n".join(data)
                data, self.pending = [], False
            elif not line.startswith(":"):
                self.pending = True
                name, _, value = line.partition(":")
                if name == "data":
                    data.append(self.field_value(value))

    def parse(self, chunks: Iterable[bytes]) -> dict[str, Any]:
        msg: dict[str, Any] = {"text": "", "refusal": "", "calls": {}, "stop_reason": None}
        msg.update(vendor_stop_reason=None, usage=None, error=None)
        done = False
        for data in self.events(self.lines(chunks)):
            if data == "[DONE]":
                done = True
                continue
            try:
                payload = json.loads(data)
            except ValueError:
                raise BrokenStream(f"data is not JSON: {data[:40]!r}") from None
            if "error" in payload and "choices" not in payload:
                self.on_error(msg, payload["error"])
            else:
                self.on_chunk(msg, payload)
        return self.finish(msg, done)

    def on_chunk(self, msg: dict[str, Any], payload: dict[str, Any]) -> None:
        for choice in payload["choices"]:
            delta = choice.get("delta") or {}
            msg["text"] += delta.get("content") or ""
            msg["refusal"] += delta.get("refusal") or ""
            for call in delta.get("tool_calls") or []:
                self.on_tool_call(msg["calls"], call)
            if choice.get("finish_reason") and msg["error"] is None:
                msg["stop_reason"] = self.STOP.get(choice["finish_reason"], "other")
                msg["vendor_stop_reason"] = choice["finish_reason"]
        if isinstance(payload.get("usage"), dict):
            msg["usage"] = {}
            for path, key in self.USAGE.items():
                value: Any = payload["usage"]
                for part in path.split("."):
                    value = value.get(part) if isinstance(value, dict) else None
                if isinstance(value, int):
                    msg["usage"][key] = value

    def on_tool_call(self, calls: dict[int, dict[str, Any]], call: dict[str, Any]) -> None:
        slot = calls.setdefault(call["index"], {"id": None, "name": None, "arguments": ""})
        function = call.get("function") or {}
        slot["id"] = call.get("id") or slot["id"]
        slot["name"] = function.get("name") or slot["name"]
        slot["arguments"] += function.get("arguments") or ""

    def on_error(self, msg: dict[str, Any], error: dict[str, Any]) -> None:
        msg["error"] = {
            "type": error.get("type") or error.get("code") or "error",
            "message": error.get("message", ""),
        }
        msg["stop_reason"] = "error"

    def complete(self, msg: dict[str, Any], done: bool) -> bool:
        return done and not self.pending and not self.unfinished and msg["error"] is None

    def finish(self, msg: dict[str, Any], done: bool) -> dict[str, Any]:
        calls = []
        for _, call in sorted(msg.pop("calls").items()):
            try:
                arguments = json.loads(call["arguments"]) if call["arguments"].strip() else {}
            except ValueError:
                arguments = call["arguments"]  # keep what came, as many parsers do
            calls.append({"id": call["id"], "name": call["name"], "arguments": arguments})
        return {**msg, "tool_calls": calls, "complete": self.complete(msg, done)}


class DecodesEachChunk(HandParser):
    def lines(self, chunks: Iterable[bytes]) -> Iterator[str]:
        # BUG: a character split across two chunks is decoded in halves.
        return super().lines(piece.decode("utf-8", "replace").encode("utf-8") for piece in chunks)


class SplitsOnLFOnly(HandParser):
    def lines(self, chunks: Iterable[bytes]) -> Iterator[str]:
        buf = b""
        for piece in chunks:
            buf += piece
            *whole, buf = buf.split(b"\n")  # BUG: CRLF and CR end lines too
            yield from (line.decode("utf-8") for line in whole)
        self.unfinished = len(buf)


class AssumesWholeLines(HandParser):
    def lines(self, chunks: Iterable[bytes]) -> Iterator[str]:
        for piece in chunks:
            # BUG: a line cut by a chunk boundary becomes two lines.
            yield from (line.decode("utf-8", "replace") for line in piece.splitlines())


class DropsTheLastEvent(HandParser):
    def end_of_body(self, rest: bytes) -> Iterator[str]:
        # BUG: what is still buffered at the end of the body is dropped, even the lone CR
        # that is the last event's blank line.
        return iter(())


class OverwritesArguments(HandParser):
    def on_tool_call(self, calls: dict[int, dict[str, Any]], call: dict[str, Any]) -> None:
        slot = calls.setdefault(call["index"], {"id": None, "name": None, "arguments": ""})
        function = call.get("function") or {}
        slot["id"] = call.get("id") or slot["id"]
        slot["name"] = function.get("name") or slot["name"]
        slot["arguments"] = function.get("arguments") or slot["arguments"]  # BUG: = instead of +=


class KeysCallsByArrival(HandParser):
    def on_chunk(self, msg: dict[str, Any], payload: dict[str, Any]) -> None:
        for choice in payload["choices"]:
            for position, call in enumerate((choice.get("delta") or {}).get("tool_calls") or []):
                call["index"] = position  # BUG: the position in this delta, not the call's index
        super().on_chunk(msg, payload)


class IgnoresErrors(HandParser):
    def on_error(self, msg: dict[str, Any], error: dict[str, Any]) -> None:
        pass  # BUG: the error event is skipped like an unknown chunk


class FinishMeansComplete(HandParser):
    def complete(self, msg: dict[str, Any], done: bool) -> bool:
        return msg["stop_reason"] is not None  # BUG: a finish reason is not the terminator


class MissesUsageChunk(HandParser):
    def on_chunk(self, msg: dict[str, Any], payload: dict[str, Any]) -> None:
        if not payload["choices"]:
            return  # BUG: the usage-only last chunk has no choices
        super().on_chunk(msg, payload)


class StripsDataSpaces(HandParser):
    def field_value(self, value: str) -> str:
        return value.lstrip()  # BUG: only one space after the colon is syntax


PRELUDE = """from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar


"""

SUITE_FILE = """
from conformance import AdapterSuite
from hand_parser import BrokenStream, {parser}


class TestParser(AdapterSuite):
    vendor = "openai-chat"
    bundled_cassettes = False
    cassette_dirs = ["cassettes"]
    typed_errors = (BrokenStream,)

    def parse(self, chunks):
        return {parser}().parse(chunks)
"""

WRAPPER_FILE = """
import conformance
from conformance import AdapterSuite


class TestParser(AdapterSuite):
    vendor = "openai-chat"
    bundled_cassettes = False
    cassette_dirs = ["cassettes"]

    def parse(self, chunks):
        return conformance.parse("openai-chat", chunks)

    def parse_incremental(self, chunks):
        return conformance.snapshots("openai-chat", chunks)
"""


@pytest.fixture
def repo(pytester: pytest.Pytester) -> Iterator[pytest.Pytester]:
    """A temporary repo holding the test's cassettes; the Hypothesis profile is restored after."""
    write_cassettes(pytester.path / "cassettes")
    profile = settings.get_current_profile_name()
    yield pytester
    settings.load_profile(profile)


def write_parser(pytester: pytest.Pytester, parser: type[HandParser]) -> None:
    classes = [BrokenStream, HandParser] + ([parser] if parser is not HandParser else [])
    source = PRELUDE + "\n\n".join(textwrap.dedent(inspect.getsource(c)) for c in classes)
    pytester.makepyfile(hand_parser=source)
    pytester.makepyfile(test_parser=SUITE_FILE.format(parser=parser.__name__))


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "no:cacheprovider", "--conformance-profile=conformance-ci", "-rfs", *args)


def failed_ids(result: pytest.RunResult) -> set[str]:
    """`test_name[cassette id]` of every failed test, from the short summary."""
    return set(re.findall(r"^FAILED \S+::TestParser::(\S+\])", result.stdout.str(), re.MULTILINE))


# -- correct parsers are green -------------------------------------------------------------------

# whole, tool_args, text, reasoning, usage, stop_reason 7 each (every cassette with an expected
# message), split 8, error 1, truncated_end 7, truncated_mid 5, keepalive 7, line_endings 7
# (no generated streams: the suite leaves the kit's bundled material out)
EXPECTED_PASSED = 77


def test_hand_written_parser_is_green(repo: pytest.Pytester) -> None:
    write_parser(repo, HandParser)
    result = run(repo)
    result.assert_outcomes(passed=EXPECTED_PASSED)
    result.stdout.fnmatch_lines(["*stream conformance*", "TestParser (openai-chat)*ok 7*ok 8*"])


def test_wrapper_over_conformance_parse_is_green_with_snapshots(repo: pytest.Pytester) -> None:
    repo.makepyfile(test_parser=WRAPPER_FILE)
    result = run(repo)
    live = [  # liveness: the complete cassettes with content, one event per chunk
        name
        for name, (_, _, expected, _) in CASSETTES.items()
        if expected is not None
        and expected["complete"]
        and any(expected[k] for k in ("text", "reasoning", "refusal", "tool_calls"))
    ]
    # plus one incremental per cassette, one liveness per live one
    result.assert_outcomes(passed=EXPECTED_PASSED + len(CASSETTES) + len(live))


def test_test_ids_are_check_names_with_cassette_ids(repo: pytest.Pytester) -> None:
    write_parser(repo, HandParser)
    result = repo.runpytest("-p", "no:cacheprovider", "--collect-only", "-q")
    result.stdout.fnmatch_lines(
        [
            "test_parser.py::TestParser::test_whole_body[[]openai-chat/cr_only[]]",
            "test_parser.py::TestParser::test_split_invariance[[]openai-chat/done_two_spaces[]]",
            "test_parser.py::TestParser::test_tool_calls[[]openai-chat/tool_calls_interleaved[]]",
        ],
        consecutive=False,
    )
    assert "test_reasoning[openai-chat/cr_only]" in result.stdout.str()  # it owns `reasoning` everywhere
    assert "test_snapshots_grow" not in result.stdout.str()  # no parse_incremental: not collected


# -- each classic bug turns the suite red --------------------------------------------------------


def test_decoding_each_chunk_separately_fails_split_on_non_ascii(repo: pytest.Pytester) -> None:
    write_parser(repo, DecodesEachChunk)
    result = run(repo)
    assert "test_split_invariance[openai-chat/text_non_ascii]" in failed_ids(result)
    result.stdout.fnmatch_lines(
        [
            "*split: openai-chat/text_non_ascii: a split into 2 chunks gives a different result*",
            "*chunking: 2 chunks of *",
            "*cut at byte *",
            "*first difference: text (at character *",
            "*one chunk: *",
            "*this body: *\ufffd*",
        ]
    )
    assert not {i for i in failed_ids(result) if not i.startswith("test_split_invariance")}


def test_splitting_lines_only_on_lf_fails_line_endings_only(repo: pytest.Pytester) -> None:
    write_parser(repo, SplitsOnLFOnly)
    result = run(repo)
    failed = failed_ids(result)
    assert {
        "test_line_endings[openai-chat/crlf_keepalive]",
        "test_line_endings[openai-chat/cr_only]",
    } <= failed
    assert all(i.startswith("test_line_endings") for i in failed)  # every other check reads LF bodies
    result.stdout.fnmatch_lines(
        [
            "*line_endings: openai-chat/cr_only: the body with its recorded lone-CR line endings gives a "
            "different result than with LF line endings*"
        ]
    )


def test_assuming_whole_lines_per_chunk_fails_split_only(repo: pytest.Pytester) -> None:
    write_parser(repo, AssumesWholeLines)
    result = run(repo)
    failed = failed_ids(result)
    assert failed and all(i.startswith("test_split_invariance") for i in failed)
    result.stdout.fnmatch_lines(["*cut at byte *", "*this body: *raised BrokenStream: data is not JSON*"])


def test_dropping_the_last_event_at_the_end_of_the_body_fails(repo: pytest.Pytester) -> None:
    # The kit follows WHATWG: an event with no blank line at the end of the body is not
    # dispatched (and the stream is incomplete). What breaks a parser that drops buffered
    # bytes at the end is a body whose last blank line is a lone CR: the event is complete.
    write_parser(repo, DropsTheLastEvent)
    result = run(repo)
    assert "test_line_endings[openai-chat/cr_only]" in failed_ids(result)
    result.stdout.fnmatch_lines(["*first difference: complete*", "*one chunk: true*", "*this body: *false*"])


def test_overwriting_argument_fragments_fails_tool_calls(repo: pytest.Pytester) -> None:
    write_parser(repo, OverwritesArguments)
    result = run(repo)
    assert "test_tool_calls[openai-chat/tool_calls_interleaved]" in failed_ids(result)
    result.stdout.fnmatch_lines(
        ["*first difference: tool_calls[[]0[]].arguments*", '*expected: {"city": "Paris"}*', "*got: *Paris*"]
    )


def test_keying_parallel_calls_by_arrival_fails_tool_calls(repo: pytest.Pytester) -> None:
    write_parser(repo, KeysCallsByArrival)
    result = run(repo)
    assert "test_tool_calls[openai-chat/tool_calls_interleaved]" in failed_ids(result)
    result.stdout.fnmatch_lines(["*test_tool_calls*", "*first difference: tool_calls[[]0[]].arguments*"])


def test_ignoring_a_mid_stream_error_fails_error(repo: pytest.Pytester) -> None:
    write_parser(repo, IgnoresErrors)
    result = run(repo)
    assert "test_error_surfaces[openai-chat/error_mid_stream]" in failed_ids(result)
    result.stdout.fnmatch_lines(
        [
            "*error: openai-chat/error_mid_stream: the mid-stream error did not surface*",
            "*first difference: error*",
        ]
    )


def test_reporting_a_truncated_stream_as_complete_fails_truncated(repo: pytest.Pytester) -> None:
    write_parser(repo, FinishMeansComplete)
    result = run(repo)
    failed = failed_ids(result)
    assert "test_truncated_is_incomplete[openai-chat/truncated_after_finish]" in failed
    assert "test_truncated_is_incomplete[openai-chat/text_non_ascii]" in failed  # cut before [DONE]
    result.stdout.fnmatch_lines(
        ["*was reported complete*", "*expected: complete: false*", "*got:      complete: true*"]
    )


def test_missing_the_usage_only_chunk_fails_usage(repo: pytest.Pytester) -> None:
    write_parser(repo, MissesUsageChunk)
    result = run(repo)
    assert "test_usage[openai-chat/usage_final_chunk]" in failed_ids(result)
    result.stdout.fnmatch_lines(["*first difference: usage*", "*got: *null*"])


def test_stripping_every_leading_space_of_data_fails_truncated(repo: pytest.Pytester) -> None:
    write_parser(repo, StripsDataSpaces)
    result = run(repo)
    assert failed_ids(result) == {"test_truncated_is_incomplete[openai-chat/done_two_spaces]"}
    result.stdout.fnmatch_lines(
        ["*done_two_spaces: the body as recorded (it is cut short) was reported complete*"]
    )


# -- options, fixtures, reports, xdist -----------------------------------------------------------


def test_unsupported_checks_are_skipped_and_reported_as_unsupported(repo: pytest.Pytester) -> None:
    suite = WRAPPER_FILE.replace(
        "    bundled_cassettes = False", '    unsupported = {"usage", "error"}\n    bundled_cassettes = False'
    )
    repo.makepyfile(test_parser=suite)
    md = repo.path / "out" / "conformance.md"
    result = run(repo, f"--conformance-report-md={md}")
    outcomes = result.parseoutcomes()
    assert outcomes["skipped"] > 0 and "failed" not in outcomes
    result.stdout.fnmatch_lines(["*unsupported: usage is in unsupported*"])
    text = md.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| TestParser"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    header = next(line for line in text.splitlines() if line.startswith("| adapter"))
    columns = [c.strip().strip("`") for c in header.strip("|").split("|")]
    assert cells[columns.index("usage")].endswith("unsupported")
    assert cells[columns.index("error")].endswith("unsupported")


def test_reports_are_written_as_markdown_and_html(repo: pytest.Pytester) -> None:
    write_parser(repo, MissesUsageChunk)
    result = run(repo, "--conformance-report-md=r.md", "--conformance-report-html=r.html")
    result.stdout.fnmatch_lines(
        ["conformance report written to r.md", "conformance report written to r.html"]
    )
    markdown = (repo.path / "r.md").read_text(encoding="utf-8")
    assert "❌ FAIL 1/7" in markdown  # usage is compared on every cassette with an expected message
    assert "| TestParser (openai-chat) | `usage: usage` | 1 | `openai-chat/usage_final_chunk` |" in markdown
    assert "`usage` · `openai-chat/usage_final_chunk`: usage: openai-chat/usage_final_chunk" in markdown
    page = (repo.path / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "class='failed'" in page


def test_options_are_grouped_under_conformance_in_help(repo: pytest.Pytester) -> None:
    result = repo.runpytest("--help")
    result.stdout.fnmatch_lines(
        [
            "stream-conformance:",
            "*--conformance-cassettes=DIR*",
            "*--conformance-vendor=VENDOR*",
            "*--conformance-report-md=PATH*",
            "*--conformance-report-html=PATH*",
        ]
    )


def test_markers_are_registered_so_strict_markers_pass(repo: pytest.Pytester) -> None:
    write_parser(repo, HandParser)
    # In a subprocess, as a user runs it (in-process, pytest warns it cannot rewrite the plugin).
    result = repo.runpytest_subprocess(
        "-p", "no:cacheprovider", "--strict-markers", "-W", "error", "-m", "conformance", "-k", "cr_only"
    )
    # whole, split, tool_args, text, reasoning, usage, stop_reason, truncated_end, truncated_mid,
    # keepalive, line_endings of cr_only
    result.assert_outcomes(passed=11)


def test_k_selects_one_cassette_by_id(repo: pytest.Pytester) -> None:
    write_parser(repo, HandParser)
    result = run(repo, "-k", "openai-chat/usage_final_chunk")
    result.assert_outcomes(passed=11, deselected=EXPECTED_PASSED - 11)


def test_vendor_option_leaves_other_vendors_out(repo: pytest.Pytester) -> None:
    write_parser(repo, HandParser)
    result = run(repo, "--conformance-vendor=anthropic")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_cassettes_option_adds_a_directory(repo: pytest.Pytester) -> None:
    (repo.path / "cassettes").rename(repo.path / "elsewhere")
    write_parser(repo, HandParser)
    assert run(repo).ret == pytest.ExitCode.NO_TESTS_COLLECTED
    result = run(repo, "--conformance-cassettes=elsewhere")
    result.assert_outcomes(passed=EXPECTED_PASSED)


def test_cassette_fixture_gives_body_chunks_expected_and_metadata(repo: pytest.Pytester) -> None:
    repo.makepyfile(
        test_fixture="""
        def test_usage_cassette(conformance_cassette):
            c = conformance_cassette("openai-chat/usage_final_chunk")
            assert b"[DONE]" in c.body
            assert b"".join(c.recorded_chunks()) == c.body
            assert c.expected.usage == {"input_tokens": 9, "output_tokens": 3, "total_tokens": 12}
            assert c.metadata["features"] == ["text", "usage"]

        def test_unknown_cassette(conformance_cassette):
            try:
                conformance_cassette("openai-chat/nope")
            except LookupError as exc:
                assert "openai-chat/usage_final_chunk" in str(exc)
            else:
                raise AssertionError("no LookupError")
        """
    )
    run(repo, "--conformance-cassettes=cassettes").assert_outcomes(passed=2)


def test_xdist_gives_the_same_results_as_a_single_process(repo: pytest.Pytester) -> None:
    write_parser(repo, KeysCallsByArrival)
    # The single process in this one (a pytester run in-process: no interpreter to start); the
    # xdist run needs processes of its own.
    single = repo.runpytest("-p", "no:cacheprovider", "--conformance-profile=conformance-ci", "-rA")
    double = repo.runpytest_subprocess(
        "-p", "no:cacheprovider", "--conformance-profile=conformance-ci", "-rA", "-p", "xdist", "-n", "2"
    )

    def outcomes(result: pytest.RunResult) -> list[str]:
        return sorted(re.findall(r"^(?:PASSED|FAILED|SKIPPED) \S+", result.stdout.str(), re.MULTILINE))

    def matrix(result: pytest.RunResult) -> list[str]:
        lines = result.stdout.lines
        start = next(i for i, line in enumerate(lines) if "stream conformance" in line)
        return lines[start + 1 : start + 3]

    assert single.parseoutcomes() == double.parseoutcomes()
    assert single.parseoutcomes()["failed"] >= 1
    assert outcomes(single) == outcomes(double)
    assert matrix(single) == matrix(double)


def test_bundled_cassettes_pass_with_the_kits_own_parser(pytester: pytest.Pytester) -> None:
    vendors = sorted({c.vendor for c in load_cassettes()} & {"anthropic", "openai-chat", "gemini"})
    if not vendors:
        pytest.skip("no bundled cassettes yet")
    classes = "\n".join(
        f"class Test_{v.replace('-', '_')}(AdapterSuite):\n    vendor = {v!r}\n\n"
        f"    def parse(self, chunks):\n        return conformance.parse({v!r}, chunks)\n"
        for v in vendors
    )
    pytester.makepyfile(test_bundled="import conformance\nfrom conformance import AdapterSuite\n\n" + classes)
    profile = settings.get_current_profile_name()
    try:
        result = pytester.runpytest("-p", "no:cacheprovider", "--conformance-profile=conformance-dev", "-rf")
    finally:
        settings.load_profile(profile)
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) > 0 and "failed" not in outcomes, result.stdout.str()[-3000:]


def test_ini_key_adds_a_cassette_directory_relative_to_the_ini_file(repo: pytest.Pytester) -> None:
    (repo.path / "cassettes").rename(repo.path / "recorded")
    write_parser(repo, HandParser)
    repo.makeini("[pytest]\nconformance_cassettes = recorded\n")
    run(repo).assert_outcomes(passed=EXPECTED_PASSED)


def test_a_base_class_without_a_vendor_contributes_no_tests(repo: pytest.Pytester) -> None:
    repo.makepyfile(
        test_base="""
        from conformance import AdapterSuite

        class TestBase(AdapterSuite):
            def parse(self, chunks):
                raise AssertionError("never called")
        """
    )
    assert run(repo).ret == pytest.ExitCode.NO_TESTS_COLLECTED
