"""Probing servers that speak a vendor's protocol: the other side of the wire.

Readers of streams are tested with `AdapterSuite`; writers of streams (OpenAI- or
Anthropic-compatible servers, gateways, proxies, mock servers) are tested here. The probe
sends a fixed set of scenario requests (`scenarios`) to the server, and judges each
response (`judge`) with the same strict adapters, schemas and official-SDK oracles the
kit uses on cassettes, plus the vendor's protocol rules a writer must keep (`rules`).

Layout, in the direction data flows:

- `scenarios` — what is sent: per vendor family, the requests and what each must show.
- `wire` — the IO edge: sends a scenario with httpx, or over a raw socket for the cancel
  scenario (half-close, then watch what the server still sends).
- `rules` — sans-IO protocol rules for writers, per vendor family.
- `judge` — sans-IO: one exchange in, one `Finding` per check out.
- `report` — the matrix scenario x check, one line per cause; JSON and Markdown.
- `server_suite` — `ServerSuite`, the pytest class a gateway's CI subclasses.

This package may import the sans-IO core, `schemas`, `oracles`, `cassettes`, `scrub` and
`record` (for credentials); nothing in the core imports it.
"""

from __future__ import annotations

from conformance.probe.judge import CHECKS, Finding, judge
from conformance.probe.report import ProbeReport
from conformance.probe.run import probe
from conformance.probe.scenarios import Scenario, family_of, scenarios_for

__all__ = [
    "CHECKS",
    "Finding",
    "ProbeReport",
    "Scenario",
    "family_of",
    "judge",
    "probe",
    "scenarios_for",
]
