"""One cause, one failure: a parser with exactly one wrong field fails exactly one check per
cassette it affects, and the summary names one cause (pytester, over the bundled cassettes and
the `generated` check's streams).

Each parser is the kit's own with one bug a real library has: usage off by one, a refusal
dropped, `finish_reason: "stop"` invented for a stream that never sent one, SSE comments not
skipped. The cassettes each bug must touch are worked out from the cassettes themselves, not
from the checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import settings

from conformance.formats.cassettes import load_cassettes

pytest_plugins = ["pytester"]

SUITE = """
import conformance
from conformance import AdapterSuite


class TestBuggy(AdapterSuite):
    vendor = {vendor!r}

    def parse(self, chunks):
        chunks = list(chunks)
        message = conformance.parse({vendor!r}, chunks).to_dict()
{bug}
        return message
"""

WRONG_USAGE = """
        if message["usage"] and "input_tokens" in message["usage"]:
            message["usage"]["input_tokens"] += 1  # BUG: off by one
"""

LOST_REFUSAL = """
        message["refusal"] = ""  # BUG: the refusal text is not kept
"""

INVENTED_STOP = """
        if message["stop_reason"] is None:
            message["stop_reason"] = "stop"  # BUG: a stream that just ends is taken for a normal stop
"""

COMMENTS_AS_DATA = """
        body = b"".join(chunks)
        if b"\\n: " in b"\\n" + body:  # BUG: an SSE comment is read as a data line
            raise conformance.InvalidJSONError("data is not JSON")
"""


@pytest.fixture
def repo(pytester: pytest.Pytester) -> Iterator[pytest.Pytester]:
    profile = settings.get_current_profile_name()
    yield pytester
    settings.load_profile(profile)


def run_buggy(pytester: pytest.Pytester, vendor: str, bug: str) -> pytest.RunResult:
    suite = SUITE.format(vendor=vendor, bug=bug.strip("\n"))
    pytester.makepyfile(test_buggy=suite)
    return pytester.runpytest("-p", "no:cacheprovider", "--conformance-profile=conformance-dev", "-rf")


def failures(result: pytest.RunResult) -> list[tuple[str, str]]:
    """(check test name, cassette id) of every failed test."""
    return re.findall(r"^FAILED \S+::TestBuggy::(\w+)\[([^\]]+)\]", result.stdout.str(), re.MULTILINE)


def assert_one_cause(result: pytest.RunResult, test_name: str, cause: str, cassettes: set[str]) -> None:
    """One check fails, once per affected cassette (and the `generated` check at most once per
    vendor, on messages it drew: the same field, so the same cause), and the summary names one
    cause accounting for every failing test."""
    found = failures(result)
    recorded = [(name, cassette) for name, cassette in found if name != "test_generated"]
    assert {name for name, _ in recorded} == {test_name}, found
    assert sorted(c for _, c in recorded) == sorted(cassettes)  # one failure per affected cassette
    assert len(found) - len(recorded) <= 1
    n = len(found)
    result.stdout.fnmatch_lines(
        [f"1 cause, {n} failing test{'s' if n != 1 else ''}:", f"  TestBuggy (*): {cause}: {n} test*"]
    )


def test_wrong_usage_fails_usage_once_per_cassette_with_input_tokens(repo: pytest.Pytester) -> None:
    affected = {
        c.id
        for c in load_cassettes(vendor="anthropic")
        if c.expected is not None and c.expected.usage and "input_tokens" in c.expected.usage
    }
    assert len(affected) > 3
    result = run_buggy(repo, "anthropic", WRONG_USAGE)
    assert_one_cause(result, "test_usage", "usage: usage.input_tokens", affected)


def test_a_lost_refusal_fails_whole_on_the_refusal_cassette_only(repo: pytest.Pytester) -> None:
    affected = {
        c.id for c in load_cassettes(vendor="openai-chat") if c.expected is not None and c.expected.refusal
    }
    assert affected == {"openai-chat/refusal"}
    result = run_buggy(repo, "openai-chat", LOST_REFUSAL)
    assert_one_cause(result, "test_whole_body", "whole: refusal", affected)


def test_a_stop_invented_on_a_cut_stream_fails_truncated_mid_only(repo: pytest.Pytester) -> None:
    # Every complete cassette is cut mid-stream by the check, and the truncated one is cut already.
    affected = {
        c.id
        for c in load_cassettes(vendor="openai-chat")
        if c.expected is not None and (c.expected.complete or "truncated" in c.features)
    }
    result = run_buggy(repo, "openai-chat", INVENTED_STOP)
    assert "openai-chat/truncated" in affected
    assert_one_cause(
        result, "test_truncated_mid_stream_is_no_normal_stop", "truncated_mid: stop_reason", affected
    )
    result.stdout.fnmatch_lines(["*reads as a normal stop*", "*got:      stop_reason 'stop'*"])


def test_comments_taken_for_data_fail_keepalive_only(repo: pytest.Pytester) -> None:
    affected = {c.id for c in load_cassettes(vendor="anthropic")}  # every body gets comments inserted
    result = run_buggy(repo, "anthropic", COMMENTS_AS_DATA)
    assert_one_cause(result, "test_keepalive_changes_nothing", "keepalive: raised", affected)
