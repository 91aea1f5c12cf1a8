"""Run the probe: every scenario of a vendor against one server, judged, optionally recorded."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from conformance.errors import ConformanceError
from conformance.probe.judge import judge
from conformance.probe.report import ProbeReport
from conformance.probe.scenarios import scenarios_for
from conformance.probe.wire import exchange


def auth_headers(vendor: str, api_key_env: str | None) -> dict[str, str]:
    """The vendor's auth header carrying the key in `api_key_env` (nothing when not named).

    The probe never reads a key it was not pointed at: a local server gets no credential
    unless the user names the variable holding one.
    """
    if api_key_env is None:
        return {}
    key = os.environ.get(api_key_env)
    if not key:
        raise ConformanceError(f"--api-key-env {api_key_env}: that environment variable is not set or empty")
    from conformance.live.record import key_headers

    return key_headers(vendor, key)


def probe(
    vendor: str,
    base_url: str,
    *,
    model: str = "default",
    api_key_env: str | None = None,
    scenarios: Sequence[str] = (),
    timeout_s: float = 60.0,
    cancel_grace_ms: float = 1000.0,
    record_dir: Path | None = None,
    on_scenario: Callable[[str], None] | None = None,
) -> ProbeReport:
    """Send `vendor`'s scenarios to the server at `base_url` and judge every answer.

    `base_url` is what the vendor's SDK would be given (`http://host:8000/v1` for an
    OpenAI-compatible server). `record_dir`: keep each answer as a scrubbed cassette there.
    `on_scenario` is called with each scenario's name as it finishes (progress).
    """
    chosen = scenarios_for(vendor, tuple(scenarios))
    auth = auth_headers(vendor, api_key_env)
    exchanges, findings = [], []
    for scenario in chosen:
        done = exchange(
            vendor, scenario, base_url, model, auth=auth, timeout_s=timeout_s, cancel_grace_ms=cancel_grace_ms
        )
        exchanges.append(done)
        findings.extend(judge(done))
        if on_scenario is not None:
            on_scenario(scenario.name)
    report = ProbeReport(
        vendor=vendor,
        base_url=base_url,
        model=model,
        when=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        findings=tuple(findings),
        exchanges=tuple(exchanges),
    )
    if record_dir is not None:
        from conformance.probe.keep import keep_exchanges

        keep_exchanges(exchanges, record_dir, secrets=list(auth.values()))
    return report
