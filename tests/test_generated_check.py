"""The `generated` check in users' suites: it catches a bug no bundled cassette shows.

No bundled cassette holds a tool argument that is `null`; a parser that drops null-valued
keys from arguments (as serializers with `exclude_none` do) passes every cassette check and
must fail `generated` alone, with the shrunk message and split in the failure.
"""

from __future__ import annotations

import re

import pytest

import conformance.formats.cassettes  # noqa: F401  (imported here, outside pytester's in-process runs: PyYAML's C loader does not survive a re-import)

pytest_plugins = ["pytester"]

SUITE = """
import dataclasses

from conformance import AdapterSuite, parse
from conformance.message import Message, ToolCall


def drop_nulls(value):
    if isinstance(value, dict):
        return {{k: drop_nulls(v) for k, v in value.items() if v is not None}}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value


class TestParser(AdapterSuite):
    vendor = "openai-chat"
    cassette_dirs = ()
    unsupported = {unsupported!r}

    def parse(self, chunks):
        message = parse("openai-chat", chunks)
        {body}
"""

CORRECT = "return message"
DROPS_NULLS = """calls = tuple(
            ToolCall(c.id, c.name, drop_nulls(c.arguments), c.arguments_json) for c in message.tool_calls
        )
        return dataclasses.replace(message, tool_calls=calls)"""


def run(
    pytester: pytest.Pytester, body: str, *select: str, unsupported: set[str] | None = None
) -> pytest.RunResult:
    """The suite over the bundled openai-chat cassettes and the generated case; `select`: `-k`
    arguments. The file has a fixed name: pytester names it after the test, and `-k` matches
    module names too (`-k generated` in a test named `..._generated_...` selects everything)."""
    pytester.makepyfile(test_suite=SUITE.format(body=body, unsupported=unsupported or set()))
    return pytester.runpytest(
        "-p", "no:cacheprovider", "--conformance-profile=conformance-ci", "-rfs", *select
    )


def test_a_correct_parser_passes_the_generated_check(pytester: pytest.Pytester) -> None:
    # The two checks this is about; the whole suite over this parser (the kit's own) is
    # test_plugin_docs.py's snippet run.
    result = run(pytester, CORRECT, "-k", "test_generated or test_tool_calls")
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) == 0, result.stdout.str()[-3000:]
    assert outcomes.get("passed", 0) >= 2  # generated and tool_args ran


def test_a_parser_that_drops_null_arguments_fails_generated_alone(pytester: pytest.Pytester) -> None:
    result = run(pytester, DROPS_NULLS)  # every check: only `generated` may fail
    failed = set(re.findall(r"^FAILED \S+::TestParser::(\S+\])", result.stdout.str(), re.MULTILINE))
    assert failed == {"test_generated[openai-chat/generated]"}, result.stdout.str()[-4000:]
    out = result.stdout.str()
    assert "generated: openai-chat/generated: a generated stream reads differently" in out
    assert "tool_calls[0].arguments" in out  # the cause's field path
    assert "null" in out  # the shrunk message shows the null the parser dropped


def test_unsupported_generated_is_reported_not_run(pytester: pytest.Pytester) -> None:
    # The generated check alone: the cassette checks over this parser are the run above's.
    result = run(pytester, DROPS_NULLS, "-k", "test_generated", unsupported={"generated"})
    outcomes = result.parseoutcomes()
    assert outcomes.get("skipped") == 1 and "failed" not in outcomes and "passed" not in outcomes, outcomes
    result.stdout.fnmatch_lines(["*unsupported: generated is in unsupported*"])
