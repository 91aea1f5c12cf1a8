"""The probe's verdict as a reader wants it: one matrix scenario x check, then one line per cause."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from conformance.probe.judge import CHECKS, FAIL, PASS, SKIP, Exchange, Finding

SYMBOLS = {PASS: "ok", FAIL: "FAIL", SKIP: "-"}

REPORT_VERSION = 1
"""Version of the JSON document `ProbeReport.to_json` writes."""


@dataclass(frozen=True)
class ProbeReport:
    """Every finding of one probe run, with what was probed."""

    vendor: str
    base_url: str
    model: str
    when: str
    findings: tuple[Finding, ...]
    exchanges: tuple[Exchange, ...] = ()

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if f.failed]

    @property
    def passed(self) -> bool:
        return not self.failed

    def scenarios(self) -> list[str]:
        return list(dict.fromkeys(f.scenario for f in self.findings))

    def checks(self) -> list[str]:
        present = {f.check for f in self.findings}
        return [c for c in CHECKS if c in present]

    def cell(self, scenario: str, check: str) -> str:
        for f in self.findings:
            if f.scenario == scenario and f.check == check:
                return SYMBOLS[f.outcome]
        return ""

    def headline(self) -> str:
        failed = self.failed
        scenarios = len(self.scenarios())
        if not failed:
            return f"{self.vendor} at {self.base_url}: conforms ({scenarios} scenarios, model {self.model})"
        return (
            f"{self.vendor} at {self.base_url}: {len(failed)} failing check(s) in {scenarios} scenarios "
            f"(model {self.model})"
        )

    def to_text(self) -> str:
        checks, scenarios = self.checks(), self.scenarios()
        width = max([len("scenario"), *(len(s) for s in scenarios)])
        widths = [max(len(c), 4) for c in checks]
        lines = [self.headline(), ""]
        lines.append(
            "  ".join(
                ["scenario".ljust(width), *(c.ljust(w) for c, w in zip(checks, widths, strict=True))]
            ).rstrip()
        )
        for s in scenarios:
            cells = [self.cell(s, c).ljust(w) for c, w in zip(checks, widths, strict=True)]
            lines.append("  ".join([s.ljust(width), *cells]).rstrip())
        if self.failed:
            lines.append("")
            lines.extend(f"FAIL {f.scenario} / {f.check}: {f.detail}" for f in self.failed)
        notes = [f for f in self.findings if f.outcome == SKIP and not f.detail.startswith("not judged: no")]
        notes = [f for f in notes if "(see " not in f.detail]
        if notes:
            lines.append("")
            lines.extend(f"note {f.scenario} / {f.check}: {f.detail}" for f in notes)
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        checks, scenarios = self.checks(), self.scenarios()
        out = [f"### {self.headline()}", "", f"Probed {self.when}.", ""]
        out.append("| scenario | " + " | ".join(checks) + " |")
        out.append("| --- | " + " | ".join("---" for _ in checks) + " |")
        for s in scenarios:
            out.append(f"| {s} | " + " | ".join(self.cell(s, c) or " " for c in checks) + " |")
        if self.failed:
            out.append("")
            out.extend(f"- **{f.scenario} / {f.check}**: {_md(f.detail)}" for f in self.failed)
        return "\n".join(out) + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": REPORT_VERSION,
            "vendor": self.vendor,
            "base_url": self.base_url,
            "model": self.model,
            "when": self.when,
            "passed": self.passed,
            "findings": [
                {"scenario": f.scenario, "check": f.check, "outcome": f.outcome, "detail": f.detail}
                for f in self.findings
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
