"""What a run writes at its end, the same from the pytest plugin and from `conformance check`:
the matrix as Markdown and HTML, the Markdown appended to GitHub's step summary, and each
test's result as the results file records it (with its baseline verdict: known or fixed).

Plain functions of a matrix and paths, so neither side keeps its own copy of the rules.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from conformance.suite.baseline import Baseline
from conformance.suite.results import TestResult

if TYPE_CHECKING:
    from conformance.suite.report import Matrix
    from conformance.suite.runner import CaseResult

STEP_SUMMARY = "GITHUB_STEP_SUMMARY"
"""The file GitHub Actions shows as Markdown on the run's page."""


def write_matrix_reports(
    matrix: Matrix,
    *,
    base: Path,
    markdown: str | os.PathLike[str] | None = None,
    html: str | os.PathLike[str] | None = None,
    markdown_extra: str = "",
) -> list[str]:
    """Write the matrix where asked (paths relative to `base`, folders made); `markdown_extra`
    ends the Markdown (the plugin's cancelled-streams spend). Returns a note per file written."""
    from conformance.suite import report

    notes = []
    for path, render in ((markdown, report.to_markdown), (html, report.to_html)):
        if not path:
            continue
        target = base / path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = render(matrix) + (markdown_extra if render is report.to_markdown else "")
        target.write_text(text, encoding="utf-8")
        notes.append(f"conformance report written to {path}")
    return notes


def append_step_summary(matrix: Matrix, *, written_to: Path | None = None) -> bool:
    """Append the Markdown matrix to `$GITHUB_STEP_SUMMARY` (other jobs' parts stay), unless it
    is not set, the matrix is empty, or the Markdown report already went to that very file."""
    summary = os.environ.get(STEP_SUMMARY)
    if not summary or not matrix:
        return False
    if written_to is not None and written_to.resolve() == Path(summary).resolve():
        return False
    from conformance.suite import report

    with open(summary, "a", encoding="utf-8") as out:
        out.write(report.to_markdown(matrix))
    return True


def baseline_verdict(baseline: Baseline | None, test_id: str, outcome: str) -> str | None:
    """`known` for a failure the baseline lists, `fixed` for a listed test that passed, else None."""
    if baseline is None or test_id not in baseline.known:
        return None
    return {"failed": "known", "passed": "fixed"}.get(outcome)


def results_of(results: Iterable[CaseResult], baseline: Baseline | None = None) -> list[TestResult]:
    """`conformance check`'s results as the results file holds them, each with its baseline verdict."""
    return [
        TestResult(
            id=r.test_id,
            adapter=r.adapter,
            check=r.check,
            cassette=r.cassette,
            outcome=r.outcome,
            baseline=baseline_verdict(baseline, r.test_id, r.outcome),
            message=r.message if r.outcome == "failed" else "",
            cause=r.cause or None,
            declared=r.declared,
        )
        for r in results
    ]
