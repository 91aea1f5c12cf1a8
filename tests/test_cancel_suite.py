"""`ClientSuite`, run by pytest as a user would: a client that closes passes, bad ones fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.formats.cassettes import save_cassette
from tests._replay_cassettes import anthropic_tool_use

pytest_plugins = ["pytester"]

NOT_LIFECYCLE = ("-k", "not test_lifecycle")
"""The cancel checks only: `test_client_suite_lifecycle.py` covers the lifecycle ones."""

SUITE = """
from conformance.suite.client_suite import ClientSuite
from conformance.live.clients import Endpoint, {consumer}


class TestClient(ClientSuite):
    vendor = "anthropic"
    cassette_dirs = ({directory!r},)
    scenarios = frozenset({{"replay_tool_use"}})
    unsupported = {unsupported!r}

    def consume(self, base_url, cancel_after_events):
        run = {consumer}(Endpoint(base_url, base_url + "/v1/messages", "anthropic"), cancel_after_events)
        return {result}
"""


def write_suite(
    pytester: pytest.Pytester, consumer: str, result: str = "run", unsupported: frozenset[str] = frozenset()
) -> None:
    directory: Path = pytester.path / "cassettes"
    save_cassette(anthropic_tool_use(), directory / "anthropic" / "replay_tool_use.yaml")
    pytester.makepyfile(
        SUITE.format(consumer=consumer, directory=str(directory), result=result, unsupported=unsupported)
    )


def test_a_client_that_closes_passes_the_client_suite(pytester: pytest.Pytester) -> None:
    write_suite(pytester, "httpx_close")
    # and without pytest's deprecations: pytest 10 refuses a class-scoped fixture defined as
    # an instance method (the suite's replay server was one)
    result = pytester.runpytest("-v", "-W", "error::pytest.PytestRemovedIn10Warning", *NOT_LIFECYCLE)
    result.assert_outcomes(passed=4)  # the whole stream; cancels after events 1, 5 and 10 of 15
    result.stdout.fnmatch_lines(
        [
            "*test_cancel?anthropic/replay_tool_use-cancel@1? PASSED*",
            "*test_cancel?anthropic/replay_tool_use-cancel@5? PASSED*",
            "*test_cancel?anthropic/replay_tool_use-cancel@10? PASSED*",
        ]
    )


def test_the_terminal_summary_and_markdown_report_show_cancelled_token_spend(
    pytester: pytest.Pytester,
) -> None:
    write_suite(pytester, "httpx_close")
    result = pytester.runpytest("--conformance-report-md", "matrix.md", *NOT_LIFECYCLE)
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(
        [
            "*cancelled streams: output tokens spent*",
            "workload*cancelled*received*after-cancel*total",
            "*anthropic/replay_tool_use*3*",  # three cancels of that workload, summed in one row
        ]
    )
    markdown = (pytester.path / "matrix.md").read_text()
    assert (
        "| workload | streams cancelled | output tokens received | generated after cancel | total |"
        in markdown
    )
    assert "anthropic/replay_tool_use | 3 |" in markdown


def test_a_client_returning_a_bare_message_is_judged_from_the_server_log(pytester: pytest.Pytester) -> None:
    write_suite(pytester, "httpx_with_block", result="run.message")
    pytester.runpytest("-p", "no:conformance", *NOT_LIFECYCLE).assert_outcomes(passed=4)


def test_a_client_that_reads_on_after_cancelling_fails_the_cancel_checks_clearly(
    pytester: pytest.Pytester,
) -> None:
    write_suite(pytester, "httpx_reads_on")
    result = pytester.runpytest("-p", "no:conformance", *NOT_LIFECYCLE)
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines(
        [
            "*anthropic/replay_tool_use, cancel after 1 events: cancel check failed:*",
            "*were written after the cancel; at most 1 may be*",
            "*the server never saw a disconnect: the response ran to its end (15 events)*",
        ]
    )


CANCEL_ONLY = """
from conformance.suite.client_suite import ClientSuite
from conformance.live.clients import Endpoint, httpx_close


class TestCancelOnly(ClientSuite):
    vendor = "anthropic"
    cassette_dirs = ({directory!r},)
    scenarios = frozenset({{"replay_tool_use"}})
    unsupported = {{"reads_whole_stream", "completeness"}}

    def consume(self, base_url, cancel_after_events):
        assert cancel_after_events is not None, "a cancel-only consumer is never asked to read all"
        run = httpx_close(Endpoint(base_url, base_url + "/v1/messages", "anthropic"), cancel_after_events)
        run.message = run.message.__class__.from_dict(
            {{**run.message.to_dict(), "stop_reason": "stop"}}  # no way to tell a cancel from an end
        )
        return run
"""


def test_a_cancel_only_consumer_without_completeness_declares_both_and_passes(
    pytester: pytest.Pytester,
) -> None:
    directory: Path = pytester.path / "cassettes"
    save_cassette(anthropic_tool_use(), directory / "anthropic" / "replay_tool_use.yaml")
    pytester.makepyfile(CANCEL_ONLY.format(directory=str(directory)))
    result = pytester.runpytest("-p", "no:conformance", "-rs", *NOT_LIFECYCLE)
    result.assert_outcomes(passed=3, skipped=1)
    result.stdout.fnmatch_lines(["*unsupported: TestCancelOnly declares 'reads_whole_stream' unsupported*"])


def test_without_the_declaration_the_same_message_fails_on_its_stop_reason(pytester: pytest.Pytester) -> None:
    directory: Path = pytester.path / "cassettes"
    save_cassette(anthropic_tool_use(), directory / "anthropic" / "replay_tool_use.yaml")
    source = CANCEL_ONLY.format(directory=str(directory)).replace(
        '"reads_whole_stream", "completeness"', '"reads_whole_stream"'
    )
    pytester.makepyfile(source)
    result = pytester.runpytest("-p", "no:conformance", *NOT_LIFECYCLE)
    result.assert_outcomes(failed=3, skipped=1)
    result.stdout.fnmatch_lines(["*the partial message has stop_reason 'stop', not 'cancelled'*"])


def test_an_unknown_word_in_unsupported_is_named(pytester: pytest.Pytester) -> None:
    write_suite(pytester, "httpx_close", unsupported=frozenset({"cancelation"}))
    result = pytester.runpytest("-p", "no:conformance", *NOT_LIFECYCLE)
    result.stdout.fnmatch_lines(
        ["*TestClient.unsupported names ?'cancelation'?; known checks: reads_whole_stream, cancel*"]
    )


POOLED = """
import threading

from conformance.suite.client_suite import ClientSuite
from conformance.live.clients import Endpoint, httpx_close

_pool = []


class TestPooledClient(ClientSuite):
    vendor = "anthropic"
    cassette_dirs = ({directory!r},)
    scenarios = frozenset({{"replay_tool_use"}})
    unsupported = {{"reads_whole_stream"}}

    def consume(self, base_url, cancel_after_events):
        if not _pool:  # a worker the library starts on first use and keeps, as litellm's logger
            _pool.append(threading.Thread(target=threading.Event().wait, name="pool_0", daemon=True))
            _pool[0].start()
        return httpx_close(Endpoint(base_url, base_url + "/v1/messages", "anthropic"), cancel_after_events)
"""


@pytest.mark.parametrize("point", [1, 10], ids=["first-point-first", "last-point-alone"])
def test_a_client_with_a_worker_pool_passes_whatever_test_runs_first(
    pytester: pytest.Pytester, point: int
) -> None:
    directory: Path = pytester.path / "cassettes"
    save_cassette(anthropic_tool_use(), directory / "anthropic" / "replay_tool_use.yaml")
    module = pytester.makepyfile(POOLED.format(directory=str(directory)))
    test = f"{module.name}::TestPooledClient::test_cancel[anthropic/replay_tool_use-cancel@{point}]"
    pytester.runpytest("-p", "no:conformance", test).assert_outcomes(passed=1)
