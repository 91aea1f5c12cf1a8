"""`ClientSuite`, run by pytest as a user would: a client that closes passes, bad ones fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.cassettes import save_cassette
from tests._replay_cassettes import anthropic_tool_use

pytest_plugins = ["pytester"]

SUITE = """
from conformance.client_suite import ClientSuite
from conformance.clients import Target, {consumer}


class TestClient(ClientSuite):
    vendor = "anthropic"
    cassette_dirs = ({directory!r},)
    scenarios = frozenset({{"replay_tool_use"}})

    def consume(self, base_url, cancel_after_events):
        run = {consumer}(Target(base_url, base_url + "/v1/messages", "anthropic"), cancel_after_events)
        return {result}
"""


def write_suite(pytester: pytest.Pytester, consumer: str, result: str = "run") -> None:
    directory: Path = pytester.path / "cassettes"
    save_cassette(anthropic_tool_use(), directory / "anthropic" / "replay_tool_use.yaml")
    pytester.makepyfile(SUITE.format(consumer=consumer, directory=str(directory), result=result))


def test_a_client_that_closes_passes_the_client_suite(pytester: pytest.Pytester) -> None:
    write_suite(pytester, "httpx_close")
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=3)  # the whole stream, and a cancel after event 1 and after event 7
    result.stdout.fnmatch_lines(["*test_cancel?anthropic/replay_tool_use-cancel@7? PASSED*"])


def test_the_terminal_summary_and_markdown_report_show_cancelled_token_spend(
    pytester: pytest.Pytester,
) -> None:
    write_suite(pytester, "httpx_close")
    result = pytester.runpytest("--conformance-report-md", "matrix.md")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(
        [
            "*cancelled streams: output tokens spent*",
            "workload*cancelled*received*after-cancel*total",
            "*anthropic/replay_tool_use*2*",  # two cancels of that workload, summed in one row
        ]
    )
    markdown = (pytester.path / "matrix.md").read_text()
    assert (
        "| workload | streams cancelled | output tokens received | generated after cancel | total |"
        in markdown
    )
    assert "anthropic/replay_tool_use | 2 |" in markdown


def test_a_client_returning_a_bare_message_is_judged_from_the_server_log(pytester: pytest.Pytester) -> None:
    write_suite(pytester, "httpx_with_block", result="run.message")
    pytester.runpytest("-p", "no:conformance").assert_outcomes(passed=3)


def test_a_client_that_reads_on_after_cancelling_fails_the_cancel_checks_clearly(
    pytester: pytest.Pytester,
) -> None:
    write_suite(pytester, "httpx_reads_on")
    result = pytester.runpytest("-p", "no:conformance")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*anthropic/replay_tool_use, cancel after 1 events: cancel check failed:*",
            "*were written after the cancel; at most 1 may be*",
            "*the server never saw a disconnect: the response ran to its end (15 events)*",
        ]
    )
