"""`ServerSuite`: the probe as pytest tests, with a server started by the test session itself."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

SUITE = """
import pytest

from conformance.probe.server_suite import ServerSuite
from tests.probe_servers import MisbehavingServer, conforming_replay_server
from tests.test_probe import no_done


class TestMyServer(ServerSuite):
    vendor = "{vendor}"
    model = "test-model"
    scenarios = {scenarios!r}
    known_failures = {known!r}

    @pytest.fixture(scope="class")
    def conformance_server_url(self):
        {server}
"""

CONFORMING = """with conforming_replay_server(self.vendor) as server:
            yield server.base_url + ("/v1" if self.vendor == "openai-chat" else "")"""
NO_DONE = """with MisbehavingServer(self.vendor, no_done) as server:
            yield server.base_url"""


def write(
    pytester: pytest.Pytester,
    vendor: str,
    server: str,
    scenarios: tuple[str, ...] = (),
    known: dict[str, str] | None = None,
) -> None:
    pytester.makepyfile(SUITE.format(vendor=vendor, server=server, scenarios=scenarios, known=known or {}))


@pytest.mark.parametrize("vendor", ["openai-chat", "anthropic"])
def test_a_conforming_server_passes_every_check(pytester: pytest.Pytester, vendor: str) -> None:
    write(pytester, vendor, CONFORMING)
    result = pytester.runpytest("-p", "no:randomly")
    # 4 streamed scenarios x 6 checks, the invalid request x 2, the cancel x 3.
    result.assert_outcomes(passed=4 * 6 + 2 + 3)


def test_a_server_missing_done_fails_one_test_naming_it(pytester: pytest.Pytester) -> None:
    write(pytester, "openai-chat", NO_DONE, scenarios=("text",))
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=5, failed=1)
    result.stdout.fnmatch_lines(["*test_probe?text-protocol? FAILED*", "*no `data: ?DONE?` terminator*"])


def test_a_known_failure_is_expected_and_a_fixed_one_must_leave_the_list(pytester: pytest.Pytester) -> None:
    known = {"text/protocol": "tracked upstream"}
    write(pytester, "openai-chat", NO_DONE, scenarios=("text",), known=known)
    pytester.runpytest().assert_outcomes(passed=5, xfailed=1)
    write(pytester, "openai-chat", CONFORMING, scenarios=("text",), known=known)
    result = pytester.runpytest()
    result.assert_outcomes(passed=5, failed=1)  # strict: the listed test passes now
    result.stdout.fnmatch_lines(["*XPASS(strict)*known failure (known_failures): tracked upstream*"])


def test_a_malformed_known_failure_key_is_a_usage_error(pytester: pytest.Pytester) -> None:
    write(pytester, "openai-chat", CONFORMING, scenarios=("text",), known={"text-protocol": "x"})
    result = pytester.runpytest()
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*known_failures: 'text-protocol' is not '<scenario>/<check>'*"])
