"""Two runs' results compared: what regressed, what was fixed, which tests are new or gone.

`compare(old, new)` matches results by stable id. A *regression* is a test that passed
before and fails now (listed in the new run's baseline or not: a baseline hides a failure
from the run, not from the comparison); *fixed* the other way round; *new* and *removed*
are ids only one side has; *changed* is any other change of outcome (passed to
unsupported...). `conformance report --compare OLD.json NEW.json` prints it as a terminal
table or as Markdown for a pull-request comment, and exits 1 when anything regressed.
Regressions are also counted by cause (adapter, check and first differing field, from
version 2 results), so that one new bug reads as one line however many tests it fails.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from conformance.suite.results import TestResult

KINDS = ("regression", "fixed", "new", "removed", "changed")
_TITLES = {
    "regression": "Regressions",
    "fixed": "Fixed",
    "new": "New tests",
    "removed": "Removed tests",
    "changed": "Other changes",
}
_MARKS = {"regression": "❌", "fixed": "✅", "new": "🆕", "removed": "🗑️", "changed": "🔁"}


@dataclass(frozen=True)
class Change:
    kind: str
    id: str
    old: TestResult | None
    new: TestResult | None

    @property
    def headline(self) -> str:
        """The first line of the failure message that matters (the new one, else the old one)."""
        for result in (self.new, self.old):
            if result is not None and result.outcome == "failed" and result.message:
                return result.message.splitlines()[0]
        return ""


@dataclass
class Comparison:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def regression_causes(self) -> list[tuple[str, int]]:
        """`adapter: cause` of the regressions, with how many tests each accounts for."""
        counts: dict[str, int] = {}
        for change in self.of("regression"):
            new = change.new
            if new is not None:
                key = f"{new.adapter}: {new.cause or new.check}"
                counts[key] = counts.get(key, 0) + 1
        return sorted(counts.items())

    @property
    def regressed(self) -> bool:
        return any(c.kind == "regression" for c in self.changes)

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of(kind)) for kind in KINDS}


def _outcome(result: TestResult | None) -> str:
    if result is None:
        return "-"
    return "failed (known)" if result.outcome == "failed" and result.baseline == "known" else result.outcome


def compare(old: Iterable[TestResult], new: Iterable[TestResult]) -> Comparison:
    before = {r.id: r for r in old}
    after = {r.id: r for r in new}
    comparison = Comparison()
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        if a is None:
            kind = "new"
        elif b is None:
            kind = "removed"
        elif a.outcome == b.outcome:
            comparison.unchanged += 1
            continue
        elif a.outcome == "passed" and b.outcome == "failed":
            kind = "regression"
        elif a.outcome == "failed" and b.outcome == "passed":
            kind = "fixed"
        else:
            kind = "changed"
        comparison.changes.append(Change(kind, key, a, b))
    comparison.changes.sort(key=lambda c: (KINDS.index(c.kind), c.id))
    return comparison


def _summary_line(comparison: Comparison) -> str:
    counts = comparison.counts()
    parts = [
        f"{counts['regression']} regression{'s' if counts['regression'] != 1 else ''}",
        f"{counts['fixed']} fixed",
        f"{counts['new']} new",
        f"{counts['removed']} removed",
    ]
    if counts["changed"]:
        parts.append(f"{counts['changed']} changed")
    return ", ".join(parts) + f", {comparison.unchanged} unchanged"


def to_text(comparison: Comparison, *, width: int = 60) -> str:
    """A fixed-width table for the terminal (ASCII only)."""
    lines = [_summary_line(comparison)]
    causes = comparison.regression_causes()
    if causes:
        lines.append(f"regressions by cause ({len(causes)}):")
        lines += [_ascii(f"  {cause}: {n} test{'s' if n != 1 else ''}") for cause, n in causes]
    if not comparison.changes:
        return "\n".join([*lines, "no change"]) + "\n"
    header = ("change", "test", "old", "new", "failure")
    rows = [
        (c.kind, c.id, _outcome(c.old), _outcome(c.new), _ascii(c.headline)[:width])
        for c in comparison.changes
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines.append("")
    for row in [header, *rows]:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


MAX_OPEN_ROWS = 10
"""A longer table is folded in `<details>`: a job summary or a pull-request comment stays
readable when a change breaks dozens of tests at once."""


def to_markdown(comparison: Comparison, *, title: str = "Stream conformance: changes") -> str:
    """GitHub-flavoured Markdown for a pull-request comment or a job summary."""
    lines = [f"## {title}", "", f"**{_summary_line(comparison)}**"]
    for kind in KINDS:
        found = comparison.of(kind)
        if not found:
            continue
        lines += ["", f"### {_MARKS[kind]} {_TITLES[kind]} ({len(found)})", ""]
        if kind == "regression":
            causes = comparison.regression_causes()
            lines += [f"- `{_md(cause)}`: {n} test{'s' if n != 1 else ''}" for cause, n in causes] + [""]
        folded = len(found) > MAX_OPEN_ROWS
        if folded:  # GitHub shows it folded; the blank line lets the table inside render
            lines += ["<details>", f"<summary>{len(found)} tests</summary>", ""]
        lines += ["| test | before | after | failure |", "| --- | --- | --- | --- |"]
        for c in found:
            failure = _md(c.headline)
            lines.append(f"| `{c.id}` | {_outcome(c.old)} | {_outcome(c.new)} | {failure} |")
        if folded:
            lines += ["", "</details>"]
    if not comparison.changes:
        lines += ["", "No change."]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _ascii(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("ascii")
