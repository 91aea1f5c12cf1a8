"""`ClientSuite.test_lifecycle`, run by pytest as a user would: clients that close what they
open pass every ending (a complete read, each error status Anthropic uses, a dropped
connection); a client that leaks after a 429 and one that reads a drop as a clean stop each
fail that one ending, with a message naming the status, the vendor and what was left open."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

import pytest

from conformance.formats.cassettes import save_cassette
from conformance.formats.vendor_errors import VENDOR_ERRORS
from tests._replay_cassettes import anthropic_tool_use

pytest_plugins = ["pytester"]

# Every run in a process of its own: an in-process run undoes the imports it made when it
# ends, and the clients and servers here (httpx, httpcore, the SDKs) would leave later test
# modules holding other copies of their exception classes.

ANTHROPIC_STATUSES = sorted(VENDOR_ERRORS["anthropic"])
ENDINGS = 2 + len(ANTHROPIC_STATUSES)  # the complete read, each status, the drop

HEADER = """
import httpx
from conformance.suite.client_suite import ClientSuite
from conformance.live.clients import Collector, Endpoint, {reference}


class TestClient(ClientSuite):
    vendor = "anthropic"
    cassette_dirs = ({directory!r},)
    scenarios = frozenset({{"replay_tool_use"}})
    unsupported = {unsupported!r}
    lifecycle_settle_s = 0.3
"""

REFERENCE = """
    def consume(self, base_url, cancel_after_events):
        return {reference}(Endpoint(base_url, base_url + "/v1/messages", "anthropic"), cancel_after_events)
"""

LEAKS_AFTER_429 = """
    leaked = []

    def consume(self, base_url, cancel_after_events):
        client = httpx.Client()
        request = client.build_request("POST", base_url + "/v1/messages", content=b"{{}}")
        response = client.send(request, stream=True)
        if response.status_code == 429:
            self.leaked.append((client, response))  # BUG: neither the response nor the client closed
            raise RuntimeError("rate limited")
        try:
            response.raise_for_status()
            collector = Collector("anthropic")
            for chunk in response.iter_bytes():
                collector.feed(chunk)
            return collector.finished()
        finally:
            response.close()
            client.close()
"""

DROP_AS_STOP = """
    def consume(self, base_url, cancel_after_events):
        collector = Collector("anthropic")
        url = base_url + "/v1/messages"
        with httpx.Client() as client, client.stream("POST", url, content=b"{{}}") as response:
            response.raise_for_status()
            try:
                for chunk in response.iter_bytes():
                    collector.feed(chunk)
            except httpx.HTTPError:
                pass  # BUG: a broken connection is taken for the end of the stream
        message = collector.finished()
        return message.__class__.from_dict({{**message.to_dict(), "complete": True, "stop_reason": "stop"}})
"""


def write_suite(
    pytester: pytest.Pytester,
    body: str,
    *,
    reference: str = "httpx_close",
    unsupported: frozenset[str] = frozenset(),
    module: str | None = None,
) -> None:
    """The suite as a test module (`module`, or one named after the test): several modules make
    several suites, run by one process, each on its own replay server."""
    directory: Path = pytester.path / "cassettes"
    save_cassette(anthropic_tool_use(), directory / "anthropic" / "replay_tool_use.yaml")
    source = (HEADER + body).format(reference=reference, directory=str(directory), unsupported=unsupported)
    if module is None:
        pytester.makepyfile(source)
    else:
        pytester.makepyfile(**{module: source})


def outcomes_of(result: pytest.RunResult, module: str) -> list[str]:
    """The `-v` outcome of each test of `module`, in order."""
    return re.findall(rf"^{module}\.py::\S+ (PASSED|FAILED|SKIPPED|ERROR)", result.stdout.str(), re.MULTILINE)


REFERENCES = ("httpx_close", "httpx_with_block", "anthropic_stream_exit")
"""Clients of the kit's that close what they open; the last is the official SDK (it raises on
each error status, closes)."""


def test_clients_that_close_pass_every_ending(pytester: pytest.Pytester) -> None:
    references = [r for r in REFERENCES if not r.startswith("anthropic") or find_spec("anthropic")]
    for reference in references:
        write_suite(pytester, REFERENCE, reference=reference, module=f"test_{reference}")
    # One process for the three suites (an interpreter each cost two more start-ups).
    result = pytester.runpytest_subprocess("-p", "no:conformance", "-v", "-k", "test_lifecycle")
    result.assert_outcomes(passed=ENDINGS * len(references))
    for reference in references:
        result.stdout.fnmatch_lines(
            [
                f"test_{reference}.py::*test_lifecycle?anthropic-complete? PASSED*",
                *(
                    f"test_{reference}.py::*test_lifecycle?anthropic-http_{status}? PASSED*"
                    for status in ANTHROPIC_STATUSES
                ),
                f"test_{reference}.py::*test_lifecycle?anthropic-drop@7? PASSED*",  # 15 events, cut at 7
            ]
        )


def test_a_client_that_leaks_after_a_429_fails_that_ending_naming_the_cause(
    pytester: pytest.Pytester,
) -> None:
    write_suite(pytester, LEAKS_AFTER_429)
    result = pytester.runpytest_subprocess("-p", "no:conformance", "-k", "test_lifecycle")
    result.assert_outcomes(passed=ENDINGS - 1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*anthropic/http_429 (anthropic, an HTTP 429 answer; the client raised RuntimeError "
            "(rate limited)): 1 connection(s) to the server still open 0.3 s after an HTTP 429 answer: "
            "fd * -> ('127.0.0.1', *",
            "FAILED *test_lifecycle?anthropic-http_429?*",
        ]
    )


def test_a_client_that_reads_a_drop_as_a_clean_stop_fails_that_ending(pytester: pytest.Pytester) -> None:
    write_suite(pytester, DROP_AS_STOP)
    result = pytester.runpytest_subprocess("-p", "no:conformance", "-k", "test_lifecycle")
    result.assert_outcomes(passed=ENDINGS - 1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*anthropic/replay_tool_use (anthropic, a connection dropped by the server after 7 events; "
            "the client returned a Message): a connection dropped by the server after 7 events read as "
            "a clean stop (complete: True, stop_reason: 'stop')*",
            "FAILED *test_lifecycle?anthropic-drop@7?*",
        ]
    )


def test_declarations_skip_lifecycle_or_only_the_drop_judgement(pytester: pytest.Pytester) -> None:
    write_suite(pytester, DROP_AS_STOP, unsupported=frozenset({"completeness"}), module="test_drop")
    write_suite(pytester, LEAKS_AFTER_429, unsupported=frozenset({"lifecycle"}), module="test_leak")
    # Both suites in one process (an interpreter each cost one more start-up).
    result = pytester.runpytest_subprocess("-p", "no:conformance", "-v", "-k", "test_lifecycle", "-rs")
    result.assert_outcomes(passed=ENDINGS, skipped=ENDINGS)
    assert outcomes_of(result, "test_drop") == ["PASSED"] * ENDINGS, result.stdout.str()
    assert outcomes_of(result, "test_leak") == ["SKIPPED"] * ENDINGS, result.stdout.str()
    result.stdout.fnmatch_lines(["*unsupported: TestClient declares 'lifecycle' unsupported*"])
