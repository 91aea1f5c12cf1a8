"""The run's record under pytest: test reports folded into the conformance matrix and the
results, written at the end as the terminal summary, `--conformance-report-md/-html`,
`--conformance-json` and `$GITHUB_STEP_SUMMARY`; the baseline's stale entries found and, with
`--conformance-update-baseline`, the baseline written.

Registered by the plugin on the controller only (xdist workers send their reports to it).
Nothing here is imported by a project with no suite until a report needs it: the matrix and
the spend ledger are made at the first report that carries the kit's properties.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pytest

from conformance.options import suite_profile_name
from conformance.suite.baseline import Baseline, Stale, stale_entries, updated_entries, write_baseline
from conformance.suite.outputs import append_step_summary, write_matrix_reports
from conformance.suite.properties import (
    ADAPTER,
    BASELINE,
    BASELINE_KEY,
    CASSETTE,
    CAUSE,
    CHECK,
    CLASSES_KEY,
    COLLECTED_KEY,
    DECLARED,
    FAILURE,
    FIXED_REASON,
    REFERENCE_EXPECTED,
    TEST_ID,
    UNSUPPORTED,
)
from conformance.suite.results import TestResult, results_document, write_results

if TYPE_CHECKING:
    from conformance.live.cancel.spend import SpendLedger
    from conformance.suite import report


class RunRecorder:
    """Folds test reports into the matrix and the results; lives on the controller only."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.results: dict[str, TestResult] = {}
        self.collected: set[str] = set()
        self.classes: set[str] = set()
        self.stale = Stale((), ())
        self.notes: list[str] = []
        self.reference_expected: set[str] = set()

    # The matrix and the ledger are made at the first report that needs them: a run with no
    # suite never imports `report` (and through it Hypothesis) or `cancel`.
    @functools.cached_property
    def matrix(self) -> report.Matrix:
        from conformance.suite import report

        return report.Matrix()

    @functools.cached_property
    def spend(self) -> SpendLedger:
        from conformance.live.cancel.spend import SpendLedger

        return SpendLedger()

    def _made(self, name: str) -> bool:
        return name in self.__dict__  # a cached_property that was read

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = {str(k): str(v) for k, v in report.user_properties}
        if not any(k.startswith("conformance_") for k in props):
            return
        from conformance.live.cancel.spend import SPEND_PROPERTY, spend_from_json

        if REFERENCE_EXPECTED in props and CASSETTE in props:
            self.reference_expected.add(props[CASSETTE])
        if SPEND_PROPERTY in props and report.when == "call":
            self.spend.add(spend_from_json(props[SPEND_PROPERTY]))
        if CHECK not in props or not (
            report.when == "call" or (report.when == "setup" and not report.passed)
        ):
            return
        listed = props.get(BASELINE)
        if report.skipped and hasattr(report, "wasxfail"):
            outcome, cell = "failed", "known"
        elif report.skipped:
            outcome = cell = "unsupported" if UNSUPPORTED in props else "skipped"
        elif listed == "fixed":  # failed only under --conformance-strict-baseline: the parser passed
            outcome = cell = "passed"
        else:
            outcome = cell = report.outcome
        headline = props.get(FAILURE, "")
        cause = props.get(CAUSE, props[CHECK]) if outcome == "failed" else ""
        declared = tuple(props[DECLARED].split("; ")) if DECLARED in props else ()
        self.matrix.record(props[ADAPTER], props[CHECK], props[CASSETTE], cell, headline, cause, declared)
        test_id = props[TEST_ID]
        self.results[test_id] = TestResult(
            id=test_id,
            adapter=props[ADAPTER],
            check=props[CHECK],
            cassette=props[CASSETTE],
            outcome=outcome,
            baseline=listed,
            message=str(getattr(report, "conformance_message", headline)) if outcome == "failed" else "",
            nodeid=report.nodeid,
            cause=cause or None,
            declared=declared,
        )

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        output = getattr(node, "workeroutput", None) or {}
        self.collected.update(output.get("conformance_collected", ()))
        self.classes.update(output.get("conformance_classes", ()))

    @property
    def fixed(self) -> list[str]:
        return sorted(r.id for r in self.results.values() if r.baseline == "fixed")

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        config = self.config
        base = config.invocation_params.dir
        baseline = config.stash.get(BASELINE_KEY, None)
        if baseline is not None:
            self._baseline_finish(baseline, interrupted=exitstatus == pytest.ExitCode.INTERRUPTED)
        extra = ""
        if self._made("spend") and self.spend.spends:
            extra = "\n### Cancelled streams: output tokens spent\n\n" + self.spend.markdown() + "\n"
        md, html = config.getoption("conformance_report_md"), config.getoption("conformance_report_html")
        if md or html:  # asked for: worth making the matrix, even an empty one
            self.notes += write_matrix_reports(
                self.matrix, base=base, markdown=md, html=html, markdown_extra=extra
            )
        json_path = config.getoption("conformance_json")
        if json_path:
            from hypothesis import settings

            from conformance.suite.strategies import suite_settings  # noqa: F401  (registers the kit's profiles)

            document = results_document(
                self.results.values(),
                baseline=config.getoption("conformance_baseline"),
                stale=[*self.stale.gone, *self.stale.elsewhere],
                hypothesis_profile=suite_profile_name(settings.get_current_profile_name()),
            )
            write_results(base / json_path, document)
            self.notes.append(f"conformance results written to {json_path}")
        if self._made("matrix"):
            append_step_summary(self.matrix, written_to=base / md if md else None)

    def _baseline_finish(self, baseline: Baseline, *, interrupted: bool) -> None:
        here: set[str] = self.config.stash.get(COLLECTED_KEY, set())
        here_classes: set[str] = self.config.stash.get(CLASSES_KEY, set())
        collected, classes = self.collected | here, self.classes | here_classes
        self.stale = stale_entries(baseline.known, collected, classes)
        if not self.config.getoption("conformance_update_baseline"):
            return
        if interrupted:
            self.notes.append(f"baseline not written (the run was interrupted): {baseline.path}")
            return
        failed = {r.id for r in self.results.values() if r.outcome == "failed"}
        entries = updated_entries(
            baseline.known, failed=failed, ran=set(self.results), collected=collected, classes=classes
        )
        write_baseline(baseline.path, entries)
        self.notes.append(
            f"baseline written to {self.config.getoption('conformance_baseline')}: "
            f"{len(entries)} known failure{'s' if len(entries) != 1 else ''}"
        )

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self._made("matrix") and self.matrix:
            from conformance.suite import report

            terminalreporter.write_sep("-", "stream conformance")
            for line in report.to_text(self.matrix).splitlines():
                terminalreporter.write_line(line)
        if self._made("spend") and self.spend.spends:
            terminalreporter.write_sep("-", "cancelled streams: output tokens spent")
            for line in self.spend.summary_lines():
                terminalreporter.write_line(line)
        fixed = self.fixed
        if fixed:
            terminalreporter.write_line(f"{FIXED_REASON} ({len(fixed)}):")
            for test_id in fixed:
                terminalreporter.write_line(f"  {test_id}")
        if self.stale:
            count = len(self.stale.gone) + len(self.stale.elsewhere)
            terminalreporter.write_line(f"baseline entries naming no collected test ({count}):")
            for test_id in self.stale.gone:
                terminalreporter.write_line(f"  {test_id}  (no such test: renamed or removed?)")
            for test_id in self.stale.elsewhere:
                terminalreporter.write_line(f"  {test_id}  (its class was not collected in this run)")
        if self.reference_expected:
            terminalreporter.write_line(
                "expected messages written by the kit's own reference parser (provenance 'reference', "
                f"not independent: review them): {', '.join(sorted(self.reference_expected))}"
            )
        for note in self.notes:
            terminalreporter.write_line(note)
