"""The conformance matrix: adapters x checks, each cell counting passed / failed / unsupported.

Fed one case result at a time (`Matrix.record`), from pytest reports on the controller
(so `pytest -n auto` counts every worker's tests once), from `runner.run_suite` or from a
results file; rendered as terminal text, as Markdown for a CI job summary, and as a
standalone HTML page. A failure listed in the run's baseline is `known`: shown apart from
the failures that turn the run red.

Failures are grouped by *cause* (the check and the first differing field path, as
`checks.cause_of` makes it) with the cassettes each touches, so that "3 causes, 41 failing
tests" reads at a glance. A cell whose tests compared under the suite's declared differences
is marked `*`, and the declared differences are listed under the matrix: never silent.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from conformance.suite.checks import CHECK_IDS, CHECKS_BY_ID

if TYPE_CHECKING:
    from conformance.suite.results import TestResult
    from conformance.suite.runner import CaseResult

OUTCOMES = ("passed", "failed", "known", "unsupported", "skipped")

OPTIONAL_CHECKS = frozenset(
    {"line_endings", "incremental", "liveness", "request", "signatures", "error_class"}
)
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
    declared: set[str] = field(default_factory=set)
    """The suite's declared differences applied in this cell's tests."""

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


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class Cause:
    """One cause of failures: an adapter's check and first differing field path, the cassettes
    it touches and how many failing tests it accounts for."""

    adapter: str
    cause: str
    cassettes: tuple[str, ...]
    tests: int
    known: bool = False
    """Every failure of it is listed in the baseline."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "adapter": self.adapter,
            "cause": self.cause,
            "tests": self.tests,
            "cassettes": list(self.cassettes),
            "known": self.known,
        }

    def line(self, width: int = 6) -> str:
        shown = ", ".join(self.cassettes[:width]) + (
            f", ... ({len(self.cassettes)})" if len(self.cassettes) > width else ""
        )
        known = " (known)" if self.known else ""
        tests = f"{self.tests} test{'s' if self.tests != 1 else ''}"
        return f"{self.adapter}: {self.cause}{known}: {tests}, cassettes {shown}"


def causes_of(results: Iterable[Any]) -> list[Cause]:
    """Failures grouped by (adapter, cause); each result has `adapter`, `cassette`, `cause` and
    `outcome` (a `TestResult`, a `CaseResult`), and `baseline` where a baseline was applied."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for r in results:
        if r.outcome == "failed":
            groups.setdefault((r.adapter, r.cause or r.check), []).append(r)
    return [
        Cause(
            adapter,
            cause,
            tuple(sorted({r.cassette for r in found})),
            len(found),
            all(getattr(r, "baseline", None) == "known" for r in found),
        )
        for (adapter, cause), found in sorted(groups.items())
    ]


@dataclass
class Matrix:
    rows: dict[str, dict[str, Cell]] = field(default_factory=dict)
    causes: dict[tuple[str, str], list[tuple[str, bool]]] = field(default_factory=dict)
    """(adapter, cause) -> (cassette, known) of each failed test."""

    def record(
        self,
        adapter: str,
        check: str,
        cassette: str,
        outcome: str,
        headline: str = "",
        cause: str = "",
        declared: Iterable[str] = (),
    ) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        cell = self.rows.setdefault(adapter, {}).setdefault(check, Cell())
        cell.counts[outcome] += 1
        cell.declared.update(declared)
        if outcome == "failed":
            cell.failures.append((cassette, headline))
        elif outcome == "known":
            cell.known.append((cassette, headline))
        if outcome in ("failed", "known"):
            self.causes.setdefault((adapter, cause or check), []).append((cassette, outcome == "known"))

    def cause_list(self) -> list[Cause]:
        """The failures grouped by adapter and cause, known ones last."""
        found = [
            Cause(a, c, tuple(sorted({k for k, _ in tests})), len(tests), all(known for _, known in tests))
            for (a, c), tests in sorted(self.causes.items())
        ]
        return sorted(found, key=lambda cause: cause.known)

    def declared(self) -> dict[str, list[str]]:
        """Per adapter, the declared differences its tests applied."""
        out = {
            adapter: sorted(set().union(*(c.declared for c in row.values())))
            for adapter, row in self.rows.items()
        }
        return {adapter: labels for adapter, labels in sorted(out.items()) if labels}

    def summary_line(self) -> str:
        """E.g. "3 causes, 41 failing tests" (and the known ones, if a baseline listed some)."""
        causes = [c for c in self.cause_list() if not c.known]
        line = f"{_plural(len(causes), 'cause')}, {_plural(self.failed, 'failing test')}"
        if self.known:
            line += f" ({self.known} known failure{'s' if self.known != 1 else ''} in the baseline)"
        return line

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
    mark = "*" if cell.declared else ""
    if status == "failed":
        return f"FAIL {cell.counts['failed']}/{cell.ran}{mark}"
    if status == "known":
        return f"known {cell.counts['known']}/{cell.ran}{mark}"
    if status == "passed":
        return f"ok {cell.counts['passed']}{mark}"
    return {"unsupported": "unsupported", "skipped": "skipped"}.get(status, "-")


def _footer(matrix: Matrix, code: str = "") -> list[str]:
    """The causes and the declared differences, one line each, under the matrix."""
    lines = []
    if matrix.failed or matrix.known:
        lines.append(matrix.summary_line() + ":")
        lines += [f"  {cause.line()}" for cause in matrix.cause_list()]
    declared = matrix.declared()
    if declared:
        lines.append("*: compared under declared differences:")
        lines += [f"  {adapter}: {'; '.join(labels)}" for adapter, labels in declared.items()]
    return lines


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
    return "\n".join([*lines, *(_ascii(line) for line in _footer(matrix))])


def _ascii(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("ascii")


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
    causes = matrix.cause_list()
    if causes:
        lines += ["", f"### Causes: {_md_escape(matrix.summary_line())}", ""]
        lines += ["| adapter | cause | tests | cassettes |", "| --- | --- | ---: | --- |"]
        for cause in causes:
            name = f"`{_md_escape(cause.cause)}`" + (" (known)" if cause.known else "")
            cassettes = ", ".join(f"`{c}`" for c in cause.cassettes)
            lines.append(f"| {_md_escape(cause.adapter)} | {name} | {cause.tests} | {cassettes} |")
    declared = matrix.declared()
    if declared:
        lines += ["", "### Declared differences (cells marked *)", ""]
        lines += [
            f"- {_md_escape(a)}: " + "; ".join(f"`{label}`" for label in labels)
            for a, labels in declared.items()
        ]
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
    causes = "".join(
        f"<tr><td>{esc(c.adapter)}</td><td><code>{esc(c.cause)}</code>{' (known)' if c.known else ''}</td>"
        f"<td>{c.tests}</td><td>{esc(', '.join(c.cassettes))}</td></tr>"
        for c in matrix.cause_list()
    )
    declared = "".join(
        f"<li>{esc(a)}: {'; '.join(f'<code>{esc(label)}</code>' for label in labels)}</li>"
        for a, labels in matrix.declared().items()
    )
    return (
        f"<!doctype html>\n<html><head><meta charset='utf-8'><title>{esc(title)}</title>"
        f"<style>{_HTML_STYLE}</style></head><body>\n<h1>{esc(title)}</h1>\n"
        f"<table><tr><th>adapter</th>{head}</tr>\n"
        + "\n".join(rows)
        + "</table>\n"
        + (
            f"<h2>Causes: {esc(matrix.summary_line())}</h2>\n<table><tr><th>adapter</th><th>cause</th>"
            f"<th>tests</th><th>cassettes</th></tr>{causes}</table>\n"
            if causes
            else ""
        )
        + (f"<h2>Declared differences (cells marked *)</h2><ul>{declared}</ul>\n" if declared else "")
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
    """A matrix from `runner.run_suite` results (what `conformance check` collects)."""
    matrix = Matrix()
    for r in results:
        headline = r.message.splitlines()[0] if r.message and r.outcome == "failed" else ""
        matrix.record(r.adapter, r.check, r.cassette, r.outcome, headline, r.cause, r.declared)
    return matrix


def matrix_of_results(results: Iterable[TestResult]) -> Matrix:
    """A matrix from a results file's entries (`conformance report RESULTS.json`)."""
    matrix = Matrix()
    for r in results:
        outcome = "known" if r.outcome == "failed" and r.baseline == "known" else r.outcome
        headline = r.message.splitlines()[0] if r.message else ""
        matrix.record(r.adapter, r.check, r.cassette, outcome, headline, r.cause or "", r.declared)
    return matrix
