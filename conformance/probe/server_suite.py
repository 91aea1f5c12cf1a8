"""`ServerSuite`: the probe as pytest tests, one per scenario and check — the gate a gateway's
or an OpenAI-compatible server's CI runs on every change.

    from conformance.probe.server_suite import ServerSuite

    class TestMyGateway(ServerSuite):
        vendor = "openai-chat"
        base_url = "http://127.0.0.1:8000/v1"
        model = "my-model"
        known_failures = {"cancel/cancel": "upstream keeps generating: tracked in #123"}

The probe runs once per class (a class-scoped fixture); each test reports one finding. A
server started by the test session itself is handed over by overriding the
`conformance_server_url` fixture (see docs/test-your-server.md). `known_failures` is the
baseline: listed failures are expected failures (strict: a listed test that passes fails,
"fixed: remove it from known_failures"), so the gate catches new regressions only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import pytest

from conformance.probe.judge import CHECKS_BY_KIND, FAIL, SKIP
from conformance.probe.report import ProbeReport
from conformance.probe.run import probe
from conformance.probe.scenarios import scenarios_for


class ServerSuite:
    """Probe a server that speaks `vendor`'s protocol; subclass it and set `base_url`."""

    vendor: ClassVar[str]
    """The protocol the server claims (`openai-chat`, an OpenAI-compatible profile, `anthropic`)."""
    base_url: ClassVar[str] = ""
    """What the vendor's SDK would be given as `base_url`; or override `conformance_server_url`."""
    model: ClassVar[str] = "default"
    api_key_env: ClassVar[str | None] = None
    """Environment variable holding the key to send (none is sent unless named)."""
    scenarios: ClassVar[tuple[str, ...]] = ()
    """Only these scenarios (default: all of the vendor's)."""
    timeout_s: ClassVar[float] = 60.0
    cancel_grace_ms: ClassVar[float] = 1000.0
    known_failures: ClassVar[Mapping[str, str]] = {}
    """`"<scenario>/<check>"` -> why it is known to fail (the suite's baseline)."""

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "probe_check" not in metafunc.fixturenames:
            return
        cls = type(self)
        unknown = [k for k in cls.known_failures if k.count("/") != 1]
        if unknown:
            raise pytest.UsageError(
                f"{cls.__name__}.known_failures: {unknown[0]!r} is not '<scenario>/<check>'"
            )
        params = [
            pytest.param((s.name, check), id=f"{s.name}-{check}", marks=_marks(cls, f"{s.name}/{check}"))
            for s in scenarios_for(cls.vendor, cls.scenarios)
            for check in CHECKS_BY_KIND[s.kind]
        ]
        metafunc.parametrize("probe_check", params)

    @pytest.fixture(scope="class")
    def conformance_server_url(self) -> str:
        """The server's base URL (default: the class's `base_url`); override to start one."""
        if not self.base_url:
            raise pytest.UsageError(f"{type(self).__name__}: set base_url or override conformance_server_url")
        return self.base_url

    @pytest.fixture(scope="class")
    def conformance_probe_report(self, conformance_server_url: str) -> ProbeReport:
        """The probe's report on the server, run once for the class."""
        return probe(
            self.vendor,
            conformance_server_url,
            model=self.model,
            api_key_env=self.api_key_env,
            scenarios=self.scenarios,
            timeout_s=self.timeout_s,
            cancel_grace_ms=self.cancel_grace_ms,
        )

    def test_probe(self, conformance_probe_report: ProbeReport, probe_check: tuple[str, str]) -> None:
        """One check of one scenario, as the probe found it."""
        scenario, check = probe_check
        (finding,) = [f for f in conformance_probe_report.findings if (f.scenario, f.check) == probe_check]
        if finding.outcome == SKIP:
            pytest.skip(finding.detail)
        if finding.outcome == FAIL:
            pytest.fail(
                f"{self.vendor} server at {conformance_probe_report.base_url}, "
                f"{scenario}: {check}: {finding.detail}",
                pytrace=False,
            )


def _marks(cls: type[ServerSuite], key: str) -> list[pytest.MarkDecorator]:
    reason = cls.known_failures.get(key)
    if reason is None:
        return []
    return [pytest.mark.xfail(reason=f"known failure (known_failures): {reason}", strict=True)]
