"""The conformance matrix: adapters x checks, each cell counting passed / failed / unsupported.

Fed one case result at a time (`Matrix.record`), from pytest reports on the controller
(so `pytest -n auto` counts every worker's tests once), from `suite.run_suite` or from a
results file; rendered as terminal text, as Markdown for a CI job summary, and as a
standalone HTML page. A failure listed in the run's baseline is `known`: shown apart from
the failures that turn the run red.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from conformance.checks import CHECK_IDS, CHECKS_BY_ID

if TYPE_CHECKING:
    from conformance.results import TestResult
    from conformance.suite import CaseResult

OUTCOMES = ("passed", "failed", "known", "unsupported", "skipped")

OPTIONAL_CHECKS = frozenset({"line_endings", "incremental", "liveness", "request", "signatures"})
"""Columns shown only when some row ran them (snapshots, client mode and LF-only bodies are not
every parser's or cassette's)."""


@dataclass
class Cell:
    """One adapter x check: counts per outcome, and the cassettes that failed."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(cassette id, first line of the failure) for each failed case."""
    known: list[tuple[str, str]] = field(default_factory=list)
    """The same for each failure listed in the baseline."""

    @property
    def status(self) -> str:
        """The first outcome with a case: failed, known, passed, unsupported, skipped; `-` if empty."""
        for outcome in ("failed", "known", "passed", "unsupported", "skipped"):
            if self.counts[outcome]:
                return outcome
        return "-"

    @property
    def ran(self) -> int:
        return self.counts["passed"] + self.counts["failed"] + self.counts["known"]


@dataclass
class Matrix:
    rows: dict[str, dict[str, Cell]] = field(default_factory=dict)

    def record(self, adapter: str, check: str, cassette: str, outcome: str, headline: str = "") -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        cell = self.rows.setdefault(adapter, {}).setdefault(check, Cell())
        cell.counts[outcome] += 1
        if outcome == "failed":
            cell.failures.append((cassette, headline))
        elif outcome == "known":
            cell.known.append((cassette, headline))

    @property
    def checks(self) -> list[str]:
        """The columns: the checks in `CHECK_IDS` order (optional ones only if recorded), then any other."""
        seen = {check for row in self.rows.values() for check in row}
        known = [c for c in CHECK_IDS if c in seen or c not in OPTIONAL_CHECKS]
        return known + sorted(seen - set(CHECK_IDS))

    def cell(self, adapter: str, check: str) -> Cell:
        return self.rows.get(adapter, {}).get(check) or Cell()

    @property
    def failed(self) -> int:
        """Failures not in the baseline (what makes a run red)."""
        return sum(cell.counts["failed"] for row in self.rows.values() for cell in row.values())

    @property
    def known(self) -> int:
        return sum(cell.counts["known"] for row in self.rows.values() for cell in row.values())

    def __bool__(self) -> bool:
        return bool(self.rows)


def _text_cell(cell: Cell) -> str:
    status = cell.status
    if status == "failed":
        return f"FAIL {cell.counts['failed']}/{cell.ran}"
    if status == "known":
        return f"known {cell.counts['known']}/{cell.ran}"
    if status == "passed":
        return f"ok {cell.counts['passed']}"
    return {"unsupported": "unsupported", "skipped": "skipped"}.get(status, "-")


def to_text(matrix: Matrix) -> str:
    """A fixed-width table for the terminal (ASCII only, any terminal shows it)."""
    checks = matrix.checks
    header = ["adapter", *checks]
    body = [
        [adapter, *(_text_cell(matrix.cell(adapter, c)) for c in checks)] for adapter in sorted(matrix.rows)
    ]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in [header, *body]]
    lines = [line.rstrip() for line in lines]
    return "\n".join(lines)


_MD_MARK = {"failed": "❌", "known": "🟡", "passed": "✅", "unsupported": "⚪", "skipped": "⏭️", "-": ""}


def _md_cell(cell: Cell) -> str:
    mark = _MD_MARK[cell.status]
    return f"{mark} {_text_cell(cell)}".strip() if cell.status != "-" else "·"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(matrix: Matrix, *, title: str = "Stream conformance") -> str:
    """GitHub-flavoured Markdown: the matrix, then one line per failed case."""
    checks = matrix.checks
    lines = [f"## {title}", "", "| adapter | " + " | ".join(f"`{c}`" for c in checks) + " |"]
    lines.append("| --- |" + " :---: |" * len(checks))
    for adapter in sorted(matrix.rows):
        cells = " | ".join(_md_cell(matrix.cell(adapter, c)) for c in checks)
        lines.append(f"| {_md_escape(adapter)} | {cells} |")
    for heading, found in (
        ("Failures", _failures(matrix)),
        ("Known failures (baseline)", _failures(matrix, known=True)),
    ):
        if found:
            lines += ["", f"### {heading} ({len(found)})", ""]
            lines += [f"- {_md_escape(a)} · `{c}` · `{k}`: {_md_escape(h)}" for a, c, k, h in found]
    lines += [
        "",
        "Checks: " + "; ".join(f"`{c}` {CHECKS_BY_ID[c].summary}" for c in checks if c in CHECKS_BY_ID),
    ]
    return "\n".join(lines) + "\n"


_HTML_STYLE = """
body { font: 14px system-ui, sans-serif; margin: 2em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: center; }
th:first-child, td:first-child { text-align: left; }
td.passed { background: #dafbe1; } td.failed { background: #ffd7d5; font-weight: bold; }
td.known { background: #fff8c5; }
td.unsupported, td.skipped { background: #eaeef2; color: #57606a; }
"""


def to_html(matrix: Matrix, *, title: str = "Stream conformance") -> str:
    """A standalone page: the matrix with coloured cells, then the failures."""
    esc = html.escape
    checks = matrix.checks
    head = "".join(
        f"<th title='{esc(CHECKS_BY_ID[c].summary if c in CHECKS_BY_ID else c)}'>{esc(c)}</th>"
        for c in checks
    )
    rows = []
    for adapter in sorted(matrix.rows):
        cells = []
        for check in checks:
            cell = matrix.cell(adapter, check)
            tip = "; ".join(f"{k}: {h}" for k, h in cell.failures)
            cells.append(f"<td class='{cell.status}' title='{esc(tip)}'>{esc(_text_cell(cell))}</td>")
        rows.append(f"<tr><td>{esc(adapter)}</td>{''.join(cells)}</tr>")
    failures = "".join(
        f"<li>{esc(a)} · <code>{esc(c)}</code> · <code>{esc(k)}</code>: {esc(h)}</li>"
        for a, c, k, h in _failures(matrix)
    )
    return (
        f"<!doctype html>\n<html><head><meta charset='utf-8'><title>{esc(title)}</title>"
        f"<style>{_HTML_STYLE}</style></head><body>\n<h1>{esc(title)}</h1>\n"
        f"<table><tr><th>adapter</th>{head}</tr>\n"
        + "\n".join(rows)
        + "</table>\n"
        + (f"<h2>Failures</h2><ul>{failures}</ul>\n" if failures else "")
        + "</body></html>\n"
    )


def _failures(matrix: Matrix, *, known: bool = False) -> list[tuple[str, str, str, str]]:
    return [
        (adapter, check, cassette, headline)
        for adapter in sorted(matrix.rows)
        for check in matrix.checks
        for cassette, headline in (
            matrix.cell(adapter, check).known if known else matrix.cell(adapter, check).failures
        )
    ]


def matrix_of(results: Iterable[CaseResult]) -> Matrix:
    """A matrix from `suite.run_suite` results (what `conformance check` collects)."""
    matrix = Matrix()
    for r in results:
        matrix.record(
            r.adapter, r.check, r.cassette, r.outcome, r.message.splitlines()[0] if r.message else ""
        )
    return matrix


def matrix_of_results(results: Iterable[TestResult]) -> Matrix:
    """A matrix from a results file's entries (`conformance report RESULTS.json`)."""
    matrix = Matrix()
    for r in results:
        outcome = "known" if r.outcome == "failed" and r.baseline == "known" else r.outcome
        matrix.record(r.adapter, r.check, r.cassette, outcome, r.message.splitlines()[0] if r.message else "")
    return matrix
