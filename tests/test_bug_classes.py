"""The bug classes users report (docs/bug-classes.md), end to end: for each, a parser written
to have that one bug, run by pytester against the cassette that stands for the class, fails
exactly the check the table names, with a message naming the cause; the same suite over the
kit's own parser is green. Each parser is a thin wrapper over `conformance.parse` /
`conformance.snapshots` with the bug added, so nothing else can fail."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import settings

from conformance.formats.cassettes import load_cassettes, save_cassette
from conformance.generate.cases import GENERATED

pytest_plugins = ["pytester"]


@dataclass(frozen=True)
class BugClass:
    """One row of docs/bug-classes.md: the cassette, the buggy parser, the check and the cause."""

    name: str
    vendor: str
    scenario: str
    parser: str
    """The suite class body: `parse` (and `parse_incremental`) with the bug."""
    check: str
    """The test (check) that must fail."""
    cause: list[str]
    """Lines (fnmatch) the failure must show."""
    only: bool = True
    """Whether no other check may fail. False where the bug breaks a second field too (an
    error missed also loses the `error` stop reason; a lost call loses its signature) or the
    parser crashes, which the truncation checks report on their cut bodies as well."""
    preamble: str = ""
    """Module code before the suite class (the exception classes a suite declares)."""
    correct: str | None = None
    """The suite class body without the bug, where the kit's parser alone is not it."""


OVERLOADED = """
class OverloadedError(Exception):
    \"\"\"What this library raises for Anthropic's overloaded_error, so callers can retry.\"\"\"
"""

CORRECT = """
    def parse(self, chunks):
        return conformance.parse(VENDOR, chunks)
"""

BUG_CLASSES = [
    BugClass(
        name="drops reasoning signatures",
        vendor="anthropic",
        scenario="thinking",
        parser="""
    def parse(self, chunks):
        message = conformance.parse(VENDOR, chunks)
        return dataclasses.replace(message, signatures=())  # BUG: the signature is not kept
""",
        check="test_signatures_kept",
        cause=[
            "*signatures: anthropic/thinking: the body in one chunk gives a different result*",
            "*first difference: signatures[[]0[]]*",
            "*expected: *signature*",
            "*got: *<missing>*",
        ],
    ),
    BugClass(
        name="drops the signature on a Gemini function call",
        vendor="gemini",
        scenario="function_call",
        parser="""
    def parse(self, chunks):
        message = conformance.parse(VENDOR, chunks)
        calls = tuple(dataclasses.replace(c, signature=None) for c in message.tool_calls)  # BUG
        return dataclasses.replace(message, tool_calls=calls)
""",
        check="test_signatures_kept",
        cause=["*first difference: tool_calls.signature[[]0[]]*", "*expected: 'CpwB5+7nYV7*", "*got: *null*"],
    ),
    BugClass(
        name="streams by buffering to the end",
        vendor="anthropic",
        scenario="text",
        parser="""
    def parse(self, chunks):
        return conformance.parse(VENDOR, chunks)

    def parse_incremental(self, chunks):
        body = b"".join(chunks)  # BUG: reads the whole stream before showing anything
        yield conformance.parse(VENDOR, [body])
""",
        check="test_content_arrives_live",
        cause=[
            "*liveness: anthropic/text: the parser showed no content before the*buffers to the end*",
            "*text: 10 characters had arrived by chunk 4 of 12; 0 shown when chunk 6 was fed*",
        ],
    ),
    BugClass(
        name="each usage report replaces the last",
        vendor="anthropic",
        scenario="usage_cache_start_only",
        parser="""
    def parse(self, chunks):
        assembler = conformance.Assembler(VENDOR)
        for event in conformance.stream_events(VENDOR, chunks):
            if isinstance(event, conformance.UsageUpdate):  # BUG: message_delta's usage is not the whole
                event = conformance.UsageUpdate(event.usage, replace=True)
            assembler.add(event)
        return assembler.message()
""",
        check="test_usage",
        cause=["*usage: anthropic/usage_cache_start_only: *", "*first difference: usage.input_tokens*"],
    ),
    BugClass(
        name="misses an error before message_start",
        vendor="anthropic",
        scenario="error_before_message_start",
        parser="""
    def parse(self, chunks):
        assembler = conformance.Assembler(VENDOR)
        started = False
        for event in conformance.stream_events(VENDOR, chunks):
            started = started or isinstance(event, conformance.StreamStart)
            if isinstance(event, conformance.ErrorReported) and not started:
                continue  # BUG: errors are only looked for inside a message
            assembler.add(event)
        return dataclasses.replace(assembler.message(), complete=True)
""",
        check="test_error_surfaces",
        cause=["*error: anthropic/error_before_message_start: *", "*first difference: error*"],
        only=False,
    ),
    BugClass(
        name="raises a generic error for every vendor error",
        vendor="anthropic",
        scenario="error_overloaded",
        preamble=OVERLOADED,
        parser="""
    error_classes = {"overloaded_error": OverloadedError}

    def parse(self, chunks):
        message = conformance.parse(VENDOR, chunks)
        if message.error is not None:  # BUG: one generic class for every error, so no retry fires
            raise conformance.StreamError(message.error["message"], vendor=VENDOR)
        return message
""",
        check="test_error_class",
        cause=[
            "*error_class: anthropic/error_overloaded: raised StreamError: Overloaded [[]vendor anthropic[]];"
            " expected OverloadedError (error_classes[[]'overloaded_error'[]])",
            "*cause:    overloaded_error (the expected message's error type is 'overloaded_error'*",
            "*expected: an instance of test_parser.OverloadedError",
            "*got:      conformance.errors.StreamError: Overloaded*",
        ],
        correct="""
    error_classes = {"overloaded_error": OverloadedError}

    def parse(self, chunks):
        message = conformance.parse(VENDOR, chunks)
        if message.error is not None and message.error["type"] == "overloaded_error":
            raise OverloadedError(message.error["message"])  # not a ConformanceError: declared is typed
        return message
""",
    ),
    BugClass(
        name="merges identical parallel tool calls",
        vendor="openai-chat",
        scenario="tool_calls_identical",
        parser="""
    def parse(self, chunks):
        message = conformance.parse(VENDOR, chunks)
        calls, seen = [], set()
        for call in message.tool_calls:  # BUG: deduplicates calls by name and arguments
            key = (call.name, json.dumps(call.arguments, sort_keys=True))
            if key not in seen:
                seen.add(key)
                calls.append(call)
        return dataclasses.replace(message, tool_calls=tuple(calls))
""",
        check="test_tool_calls",
        cause=["*tool_args: openai-chat/tool_calls_identical: *", "*first difference: tool_calls[[]1[]]*"],
    ),
    BugClass(
        name="concatenates null tool arguments",
        vendor="openai-chat",
        scenario="tool_calls_without_arguments",
        parser="""
    def parse(self, chunks):
        chunks = list(chunks)
        arguments = {}
        for line in b"".join(chunks).splitlines():
            if line.startswith(b"data: {"):
                for choice in json.loads(line[6:])["choices"]:
                    for call in choice["delta"].get("tool_calls") or []:
                        piece = call["function"].get("arguments", "")
                        arguments[call["index"]] = arguments.get(call["index"], "") + piece  # BUG: null
        return conformance.parse(VENDOR, chunks)
""",
        check="test_whole_body",
        cause=['*parse raised TypeError: can only concatenate str (not "NoneType") to str*'],
        only=False,
    ),
    BugClass(
        name="flushes tool calls only on a finish reason",
        vendor="vllm",
        scenario="tool_call_without_finish_reason",
        parser="""
    def parse(self, chunks):
        assembler = conformance.Assembler(VENDOR)
        held = []
        calls = (conformance.ToolCallStart, conformance.ToolCallDelta, conformance.ToolCallEnd)
        for event in conformance.stream_events(VENDOR, chunks):
            if isinstance(event, calls):
                held.append(event)  # BUG: calls wait for a finish_reason; [DONE] alone never flushes them
                continue
            if isinstance(event, conformance.Finish):
                for call_event in held:
                    assembler.add(call_event)
                held.clear()
            assembler.add(event)
        return assembler.message()
""",
        check="test_tool_calls",
        cause=[
            "*tool_args: vllm/tool_call_without_finish_reason: *",
            "*first difference: tool_calls[[]0[]]*",
            "*expected: *get_weather*",
            "*got: *<missing>*",
        ],
    ),
    BugClass(
        name="keeps only the last event's function calls",
        vendor="gemini",
        scenario="function_calls_across_events",
        parser="""
    def parse(self, chunks):
        message = conformance.parse(VENDOR, chunks)
        # BUG: each event's function calls replace the ones before
        return dataclasses.replace(message, tool_calls=message.tool_calls[-1:])
""",
        check="test_tool_calls",
        cause=[
            "*first difference: tool_calls[[]0[]].name*",
            "*expected: 'get_weather'*",
            "*got: *'get_time'*",
        ],
        only=False,
    ),
    BugClass(
        name="expects parts in every candidate",
        vendor="gemini",
        scenario="finish_without_parts",
        parser="""
    def parse(self, chunks):
        chunks = list(chunks)
        for line in b"".join(chunks).splitlines():
            if line.startswith(b"data: "):
                for candidate in json.loads(line[6:]).get("candidates", []):
                    candidate["content"]["parts"]  # BUG: a finish can come with no parts
        return conformance.parse(VENDOR, chunks)
""",
        check="test_whole_body",
        cause=["*parse raised KeyError: 'parts' (not one of typed_errors*"],
        only=False,
    ),
    BugClass(
        name="reads every content chunk as text",
        vendor="mistral",
        scenario="text_with_references",
        parser="""
    def parse(self, chunks):
        chunks = list(chunks)
        for line in b"".join(chunks).splitlines():
            if line.startswith(b"data: {"):
                for choice in json.loads(line[6:])["choices"]:
                    content = choice["delta"].get("content")
                    if isinstance(content, list):
                        "".join(piece["text"] for piece in content)  # BUG: reference chunks have no text
        return conformance.parse(VENDOR, chunks)
""",
        check="test_whole_body",
        cause=["*parse raised KeyError: 'text' (not one of typed_errors*"],
        only=False,
    ),
    BugClass(
        name="reads finish_reason error as a clean stop",
        vendor="mistral",
        scenario="finish_error",
        parser="""
    def parse(self, chunks):
        message = conformance.parse(VENDOR, chunks)
        if message.stop_reason == "error" and message.error is None:
            message = dataclasses.replace(message, stop_reason="stop")  # BUG: only error events count
        return message
""",
        check="test_stop_reason",
        cause=[
            "*stop_reason: mistral/finish_error: *",
            "*first difference: stop_reason*",
            "*expected: 'error'*",
        ],
    ),
    BugClass(
        name="strips exactly six bytes of data: ",
        vendor="openai-chat",
        scenario="generated",
        parser="""
    def parse(self, chunks):
        chunks = list(chunks)
        for block in b"".join(chunks).split(b"\\n\\n"):
            data = [line[6:] for line in block.splitlines() if line.startswith(b"data:")]  # BUG: "data: "
            if data and data != [b"[DONE]"]:
                json.loads(b"\\n".join(data))
        return conformance.parse(VENDOR, chunks)
""",
        check="test_generated",
        cause=[
            "*generated: openai-chat/generated: a generated stream reads differently*",
            "*stream:  b'data:{*",
            "*wire:    `data:` without the space",
            "*parse raised JSONDecodeError*",
        ],
    ),
    BugClass(
        name="reads each data line as an event",
        vendor="openai-chat",
        scenario="generated",
        parser="""
    def parse(self, chunks):
        chunks = list(chunks)
        for line in b"".join(chunks).splitlines():
            if line.startswith(b"data:") and line[5:].strip() != b"[DONE]":
                json.loads(line[5:])  # BUG: an event's data may span several data: lines
        return conformance.parse(VENDOR, chunks)
""",
        check="test_generated",
        cause=[
            "*generated: openai-chat/generated: a generated stream reads differently*",
            "*stream:  b'data: {\\ndata: *",
            "*wire:    a payload over several `data:` lines",
            "*parse raised JSONDecodeError*",
        ],
    ),
    BugClass(
        name="reads a comment line as data",
        vendor="openai-chat",
        scenario="text",
        parser="""
    def parse(self, chunks):
        chunks = list(chunks)
        for line in b"".join(chunks).splitlines():
            payload = line.removeprefix(b"data:").strip()
            if payload and payload != b"[DONE]":
                json.loads(payload)  # BUG: every non-blank line taken for data, a `:` comment too
        return conformance.parse(VENDOR, chunks)
""",
        check="test_keepalive_changes_nothing",
        cause=[
            "*keepalive: openai-chat/text: keep-alives changed the result (the body with ': keep-alive'*",
            "*raised JSONDecodeError*",
        ],
        only=False,  # it crashes on the truncation checks' cut bodies too (a line cut short)
    ),
    BugClass(
        name="breaks on a bare colon comment",
        vendor="openai-chat",
        scenario="text",
        parser="""
    def parse(self, chunks):
        chunks = list(chunks)
        for line in b"".join(chunks).splitlines():
            if line:
                field, value = line.split(b": ", 1)  # BUG: a bare `:` comment has no ": "
        return conformance.parse(VENDOR, chunks)
""",
        check="test_keepalive_changes_nothing",
        cause=[
            "*keepalive: openai-chat/text: keep-alives changed the result (the body with ':' before each*",
            "*raised ValueError: not enough values to unpack*",
        ],
    ),
    BugClass(
        name="dispatches an event of only id or retry",
        vendor="anthropic",
        scenario="generated",
        parser="""
    def parse(self, chunks):
        chunks = list(chunks)
        for block in b"".join(chunks).split(b"\\n\\n"):
            lines = block.splitlines()
            if all(line.startswith(b":") for line in lines):
                continue  # comments (and nothing) dispatch no event
            data = [line[5:].removeprefix(b" ") for line in lines if line.startswith(b"data:")]
            json.loads(b"\\n".join(data))  # BUG: an id: or retry: alone dispatches no event
        return conformance.parse(VENDOR, chunks)
""",
        check="test_generated",
        cause=[
            "*generated: anthropic/generated: a generated stream reads differently*",
            "*wire:    an event of only `id:` between events",
            "*parse raised JSONDecodeError*",
        ],
    ),
    BugClass(
        name="expects choices in every chunk",
        vendor="vllm",
        scenario="generated",
        parser="""
    def parse(self, chunks):
        chunks = list(chunks)
        for block in b"".join(chunks).split(b"\\n\\n"):
            data = b"\\n".join(line[5:] for line in block.splitlines() if line.startswith(b"data:"))
            if data.strip() and data.strip() != b"[DONE]":
                json.loads(data)["choices"]  # BUG: a compatible server's usage chunk has no choices
        return conformance.parse(VENDOR, chunks)
""",
        check="test_generated",
        cause=[
            "*generated: vllm/generated: a generated stream reads differently*",
            "*wire:    a usage chunk without `choices`",
            "*parse raised KeyError: 'choices'*",
        ],
    ),
    BugClass(
        name="merges parallel calls sharing one index",
        vendor="vllm",
        scenario="generated",
        parser="""
    def parse(self, chunks):
        chunks = list(chunks)
        message = conformance.parse(VENDOR, chunks)
        calls = {}
        for block in b"".join(chunks).split(b"\\n\\n"):
            data = b"\\n".join(line[5:] for line in block.splitlines() if line.startswith(b"data:"))
            if not data.strip() or data.strip() == b"[DONE]":
                continue
            for choice in json.loads(data).get("choices") or []:
                for delta in choice["delta"].get("tool_calls") or []:
                    function = delta.get("function") or {}
                    call = calls.setdefault(  # BUG: calls keyed by index alone, ids ignored
                        delta["index"], {"id": delta.get("id"), "name": function.get("name"), "arguments": ""}
                    )
                    call["arguments"] += function.get("arguments") or ""
        tool_calls = tuple(
            conformance.ToolCall(id=c["id"], name=c["name"], arguments=json.loads(c["arguments"] or "{}"))
            for c in calls.values()
        )
        return dataclasses.replace(message, tool_calls=tool_calls)
""",
        check="test_generated",
        cause=[
            "*generated: vllm/generated: a generated stream reads differently*",
            "*wire:    parallel calls sharing `index: 0`, told apart by id",
            "*parse raised JSONDecodeError: Extra data*",
        ],
    ),
]

SUITE = """
import dataclasses
import json

import conformance
from conformance import AdapterSuite

VENDOR = {vendor!r}
{preamble}

class TestParser(AdapterSuite):
    vendor = VENDOR
    bundled_cassettes = {bundled!r}
    cassette_dirs = ["cassettes"]
{body}"""


@pytest.fixture
def repo(pytester: pytest.Pytester) -> Iterator[pytest.Pytester]:
    profile = settings.get_current_profile_name()
    yield pytester
    settings.load_profile(profile)


def write(repo: pytest.Pytester, bug: BugClass, body: str) -> list[str]:
    """The suite over the bug's cassette, and the pytest arguments that run it. A generated case
    has no cassette: the suite keeps the bundled ones (they carry the vendor's generated
    stand-in) and runs the `generated` check alone."""
    generated = bug.scenario == GENERATED
    if not generated:
        (cassette,) = [c for c in load_cassettes(vendor=bug.vendor) if c.scenario == bug.scenario]
        save_cassette(cassette, repo.path / "cassettes" / bug.vendor / f"{bug.scenario}.yaml")
    body = textwrap.indent(textwrap.dedent(body), "    ")
    repo.makepyfile(
        test_parser=SUITE.format(vendor=bug.vendor, bundled=generated, body=body, preamble=bug.preamble)
    )
    return [
        "-p",
        "no:cacheprovider",
        "--hypothesis-profile=ci",
        *(["-k", "test_generated"] if generated else []),
    ]


def failed_tests(result: pytest.RunResult) -> set[str]:
    return set(re.findall(r"^FAILED \S+::TestParser::(test_\w+)\[", result.stdout.str(), re.MULTILINE))


@pytest.mark.parametrize("bug", [pytest.param(b, id=b.name.replace(" ", "_")) for b in BUG_CLASSES])
def test_a_parser_with_the_bug_fails_the_one_check_naming_the_cause(
    repo: pytest.Pytester, bug: BugClass
) -> None:
    args = write(repo, bug, bug.parser)
    result = repo.runpytest(*args, "-rf")
    failed = failed_tests(result)
    assert bug.check in failed, result.stdout.str()
    if bug.only:
        assert failed == {bug.check}, result.stdout.str()
    result.stdout.fnmatch_lines(bug.cause)


@pytest.mark.parametrize(
    "bug",
    [
        pytest.param(b, id=f"{b.vendor}/{b.scenario}")
        for b in {(b.vendor, b.scenario): b for b in BUG_CLASSES}.values()
    ],
)
def test_the_same_suite_over_the_kits_parser_is_green(repo: pytest.Pytester, bug: BugClass) -> None:
    incremental = (
        "\n    def parse_incremental(self, chunks):\n        return conformance.snapshots(VENDOR, chunks)\n"
    )
    args = write(repo, bug, bug.correct or CORRECT + incremental)
    result = repo.runpytest(*args, "-rA")
    outcomes = result.parseoutcomes()
    runs = 1 if bug.scenario == GENERATED else 6  # a generated case is one check
    assert outcomes.get("failed", 0) == 0 and outcomes["passed"] >= runs, result.stdout.str()
    if bug.correct is not None:  # the check the row is about ran, and passed
        assert f"PASSED test_parser.py::TestParser::{bug.check}[" in result.stdout.str(), result.stdout.str()
