"""pytest wiring for stream-conformance (the `pytest11` entry point `conformance`).

A table of contents; the logic is plain code in `conformance.suite.adapter_suite`,
`conformance.suite.baseline`, `conformance.suite.results` and `conformance.suite.report`:

- options, grouped under "conformance" in `pytest --help`: extra cassette directories,
  vendors to run, report paths, the baseline of known failures, the results file, the
  record mode, the kit's Hypothesis profile (`--conformance-profile`; the kit's checks
  only: a project's own Hypothesis settings and profiles are left alone).
- imports: only what collection needs. The suite, Hypothesis, YAML, httpx and the replay
  server load when a suite, a fixture or a report needs them, because pytest imports this
  module in every project that has the kit installed. A hook finds no suite to work on
  until `conformance.suite.adapter_suite` has been imported (a test module that subclasses
  `AdapterSuite` imports it).
- collection: each check method of an `AdapterSuite` subclass becomes one test per
  cassette the check applies to (`suite.cases_for`), with the cassette id as the test id:
  `test_split_invariance[anthropic/tool_use]`. Cases the suite does not claim are skipped
  as "unsupported: ...". A check with no case is not collected at all. Each test carries
  its adapter, check, cassette and stable id (`Class::check[cassette]`) in `user_properties`.
- baseline (`--conformance-baseline PATH`), applied where the test runs (this process or
  an xdist worker): a listed failure is reported as xfailed, a listed test that passes as
  xpassed, "fixed: remove it from the baseline" (failed under
  `--conformance-strict-baseline`). `--conformance-update-baseline` takes every failure as
  known, and the controller writes them all to PATH at the end.
- fixtures: `cassette`, `replay_server` (from `conformance.suite.fixtures`), `conformance_record_mode`.
- reporting: the controller (not xdist workers) folds reports into a `report.Matrix` for
  the terminal summary, `--conformance-report-md` / `--conformance-report-html` and
  `$GITHUB_STEP_SUMMARY`, and into the `--conformance-json` results; xdist workers send
  the ids they collected, so that stale baseline entries are found under `-n` too.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from conformance.options import (
    PROFILE_PREFIX,
    PROFILES,
    RECORD_MODES,
    select_profile,
    suite_profile_name,
)
from conformance.suite.baseline import (
    Baseline,
    BaselineError,
    Stale,
    load_baseline,
    stable_id,
    stale_entries,
    updated_entries,
    write_baseline,
)
from conformance.suite.results import MAX_MESSAGE, TestResult, results_document, write_results

if TYPE_CHECKING:
    from conformance.formats.cassettes import Cassette
    from conformance.live.cancel import SpendLedger
    from conformance.live.replay import ReplayServer
    from conformance.suite import adapter_suite as suite
    from conformance.suite import report

CASE = "conformance_case"
ADAPTER, CHECK, CASSETTE, UNSUPPORTED, FAILURE, TEST_ID, BASELINE, CAUSE, DECLARED = (
    "conformance_adapter",
    "conformance_check",
    "conformance_cassette",
    "conformance_unsupported",
    "conformance_failure",
    "conformance_id",
    "conformance_baseline",
    "conformance_cause",
    "conformance_declared",
)
KNOWN_REASON = "known failure, listed in the baseline"
WRITTEN_REASON = "failure written to the baseline (--conformance-update-baseline)"
FIXED_REASON = "fixed: remove it from the baseline"
STEP_SUMMARY = "GITHUB_STEP_SUMMARY"

_LOADED = pytest.StashKey[dict[tuple[str, str], list["Cassette"]]]()
_CASES = pytest.StashKey[dict[tuple[type, str], list["suite.Case"]]]()
_BASELINE = pytest.StashKey["Baseline | None"]()
_COLLECTED = pytest.StashKey[set[str]]()
_CLASSES = pytest.StashKey[set[str]]()
_PREVIOUS_PROFILE = pytest.StashKey["str | None"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "stream-conformance")
    group.addoption(
        "--conformance-cassettes",
        action="append",
        default=[],
        metavar="DIR",
        help="extra cassette directory (<vendor>/<scenario>.yaml); may be given more than once",
    )
    group.addoption(
        "--conformance-vendor",
        action="append",
        default=[],
        metavar="VENDOR",
        help="run only the AdapterSuite classes of this vendor; may be given more than once",
    )
    group.addoption(
        "--conformance-report-md", metavar="PATH", help="write the conformance matrix as Markdown"
    )
    group.addoption("--conformance-report-html", metavar="PATH", help="write the conformance matrix as HTML")
    group.addoption(
        "--conformance-baseline",
        metavar="PATH",
        help="JSON file of known failures (test ids): the run fails only on failures it does not list",
    )
    group.addoption(
        "--conformance-update-baseline",
        action="store_true",
        help="write this run's failures to the --conformance-baseline file (sorted, one a line)",
    )
    group.addoption(
        "--conformance-strict-baseline",
        action="store_true",
        help="fail when a test listed in the baseline passes (it must be removed from the baseline)",
    )
    group.addoption(
        "--conformance-json",
        metavar="PATH",
        help="write the results as JSON (schemas/results/v2.json), for `conformance report --compare`",
    )
    group.addoption(
        "--conformance-record-mode",
        choices=RECORD_MODES,
        default="none",
        help="vcrpy-style record mode for tests that record (fixture conformance_record_mode); default: none",
    )
    group.addoption(
        "--conformance-profile",
        choices=tuple(PROFILES),
        help="the Hypothesis profile of the kit's checks only (default: the active --hypothesis-profile "
        "if it is one of these, else conformance-ci where Hypothesis's own ci profile is active, "
        "else conformance-dev)",
    )
    parser.addini(
        "conformance_cassettes", "extra cassette directories (relative to the ini file)", type="paths"
    )


@pytest.hookimpl(tryfirst=True)  # before Hypothesis's plugin loads --hypothesis-profile
def pytest_configure(config: pytest.Config) -> None:
    hypothesis_profile = config.getoption("hypothesis_profile", None)
    if isinstance(hypothesis_profile, str) and hypothesis_profile.startswith(PROFILE_PREFIX):
        import conformance.suite.strategies  # noqa: F401  (registers the kit's profiles: asked for by name)
    config.stash[_PREVIOUS_PROFILE] = select_profile(config.getoption("conformance_profile"))
    config.addinivalue_line(
        "markers", "conformance(check, cassette): a stream-conformance check (select all with -m conformance)"
    )
    _check_options(config)
    config.stash[_BASELINE] = _load_baseline(config)
    if not hasattr(config, "workerinput"):  # xdist workers send reports; the controller counts them
        config.pluginmanager.register(_RunRecorder(config), "conformance-matrix")


def pytest_unconfigure(config: pytest.Config) -> None:
    select_profile(config.stash.get(_PREVIOUS_PROFILE, None))  # a pytester run inside a run: restore
    client_mode = sys.modules.get("conformance.suite.client_mode")
    if client_mode is not None:  # client mode ran: stop its loopback server
        client_mode.stop_shared_server()


@pytest.hookimpl(optionalhook=True)
def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    """pytest-recording's hook: let `@pytest.mark.vcr` load cassettes with vcrpy's cassette-level
    metadata, such as the kit's (`conformance.suite.recording`)."""
    from conformance.suite.recording import MetadataTolerantPersister

    vcr.register_persister(MetadataTolerantPersister(vcr.persister))


def _check_options(config: pytest.Config) -> None:
    """A typo in a directory or a vendor is a usage error naming it, not a silently empty run."""
    for directory in _extra_dirs(config):
        if not directory.is_dir():
            problem = "is not a directory" if directory.exists() else "does not exist"
            raise pytest.UsageError(
                f"--conformance-cassettes (or ini conformance_cassettes): {directory} {problem}"
            )
    asked = config.getoption("conformance_vendor")
    if asked:
        from conformance.api import vendors  # only when asked: it loads every adapter

        unknown = [v for v in asked if v not in vendors()]
        if unknown:
            raise pytest.UsageError(
                f"--conformance-vendor: no such vendor {', '.join(map(repr, unknown))} "
                f"(known: {', '.join(vendors())})"
            )


def _load_baseline(config: pytest.Config) -> Baseline | None:
    option = config.getoption("conformance_baseline")
    for flag in ("update", "strict"):
        if config.getoption(f"conformance_{flag}_baseline") and not option:
            raise pytest.UsageError(f"--conformance-{flag}-baseline needs --conformance-baseline PATH")
    if not option:
        return None
    path = config.invocation_params.dir / option
    if config.getoption("conformance_update_baseline") and not path.exists():
        return Baseline(path, frozenset())
    try:
        return load_baseline(path)
    except BaselineError as exc:
        raise pytest.UsageError(str(exc)) from None


# -- collection ---------------------------------------------------------------------------------


def _extra_dirs(config: pytest.Config) -> list[Path]:
    base = config.invocation_params.dir
    return [
        *config.getini("conformance_cassettes"),
        *(base / d for d in config.getoption("conformance_cassettes")),
    ]


def _loader(config: pytest.Config) -> Callable[[Path, str | None], list[Cassette]]:
    from conformance.formats.cassettes import load_cassettes

    loaded = config.stash.setdefault(_LOADED, {})

    def load(directory: Path, vendor: str | None) -> list[Cassette]:
        key = (str(directory.resolve()), vendor or "")
        if key not in loaded:
            loaded[key] = load_cassettes(directory, vendor=vendor)
        return loaded[key]

    return load


def _suite_module() -> ModuleType | None:
    """`conformance.suite.adapter_suite` if anything imported it; else no class can be an `AdapterSuite`,
    and the hooks have nothing to do (so a project without a suite never loads it)."""
    return sys.modules.get("conformance.suite.adapter_suite")


def _is_suite(suite: ModuleType, obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, suite.AdapterSuite) and hasattr(obj, "vendor")


def _cases(config: pytest.Config, cls: type[suite.AdapterSuite], check: suite.Check) -> list[suite.Case]:
    from conformance.suite import adapter_suite as suite

    cache = config.stash.setdefault(_CASES, {})
    if (cls, check.id) not in cache:
        cassettes = suite.suite_cassettes(cls, _extra_dirs(config), load=_loader(config))
        cache[cls, check.id] = suite.cases_for(cls, check, cassettes)
    return cache[cls, check.id]


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(
    collector: pytest.Collector, name: str, obj: object
) -> list[pytest.Item] | None:
    """Leave out check methods with no case, of bases with no vendor, of vendors not asked for."""
    suite = _suite_module()
    cls = getattr(collector, "obj", None)
    if suite is None or not isinstance(collector, pytest.Class) or name not in suite.CHECKS_BY_TEST:
        return None
    if not (isinstance(cls, type) and issubclass(cls, suite.AdapterSuite)):
        return None
    vendors = collector.config.getoption("conformance_vendor")
    if not _is_suite(suite, cls) or (vendors and getattr(cls, "vendor", None) not in vendors):
        return []
    return None if _cases(collector.config, cls, suite.CHECKS_BY_TEST[name]) else []


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    suite = _suite_module()
    if suite is None or CASE not in metafunc.fixturenames or not _is_suite(suite, metafunc.cls):
        return
    check = suite.CHECKS_BY_TEST.get(metafunc.function.__name__)
    if check is None:
        return
    params = []
    for case in _cases(metafunc.config, metafunc.cls, check):
        marks = [pytest.mark.conformance(check=case.check, cassette=case.id)]
        if case.unsupported:
            marks.append(pytest.mark.skip(reason=case.unsupported))
        params.append(pytest.param(case, id=case.id, marks=marks))
    metafunc.parametrize(CASE, params)


REFERENCE_EXPECTED = "conformance_reference_expected"
"""A test property: the cassette's expected message has `reference` provenance (the kit's own
parser wrote it), so the summary names it for review (`conformance.formats.provenance`)."""


def pytest_itemcollected(item: pytest.Item) -> None:
    suite = _suite_module()
    case = getattr(item, "callspec", None) and item.callspec.params.get(CASE)  # type: ignore[attr-defined]
    if suite is not None and isinstance(case, suite.Case):
        cls = item.cls  # type: ignore[attr-defined]
        test_id = stable_id(cls.__qualname__, case.check, case.id)
        item.user_properties += [
            (ADAPTER, suite.suite_label(cls)),
            (CHECK, case.check),
            (CASSETTE, case.id),
            (TEST_ID, test_id),
        ]
        if case.unsupported:
            item.user_properties.append((UNSUPPORTED, case.unsupported))
        if case.declared:
            item.user_properties.append((DECLARED, "; ".join(case.declared)))
        from conformance.formats.provenance import REFERENCE  # loaded with the suite already

        if case.cassette.provenance == REFERENCE:
            item.user_properties.append((REFERENCE_EXPECTED, "1"))
        # Before any deselection (-k, --deselect): a baseline entry deselected is not stale.
        item.config.stash.setdefault(_COLLECTED, set()).add(test_id)
        item.config.stash.setdefault(_CLASSES, set()).add(cls.__qualname__)


def pytest_collection_finish(session: pytest.Session) -> None:
    output = getattr(session.config, "workeroutput", None)
    if output is not None:  # an xdist worker: tell the controller what it collected
        collected: set[str] = session.config.stash.get(_COLLECTED, set())
        classes: set[str] = session.config.stash.get(_CLASSES, set())
        output["conformance_collected"], output["conformance_classes"] = sorted(collected), sorted(classes)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    rep = yield
    props = dict(item.user_properties)
    if CHECK not in props:
        return rep
    if rep.failed and call.excinfo is not None:
        exc = call.excinfo.value
        text = str(exc) or type(exc).__name__
        rep.user_properties.append((FAILURE, text.splitlines()[0]))
        rep.user_properties.append((CAUSE, getattr(exc, "conformance_cause", "") or props[CHECK]))
        rep.conformance_message = text[:MAX_MESSAGE]  # travels to the xdist controller with the report
    baseline = item.config.stash.get(_BASELINE, None)
    if baseline is not None and rep.when == "call":
        _apply_baseline(item.config, baseline, str(props[TEST_ID]), rep)
    return rep


def _apply_baseline(config: pytest.Config, baseline: Baseline, test_id: str, rep: pytest.TestReport) -> None:
    """A listed failure becomes xfailed; a listed pass xpassed (failed if strict)."""
    update = config.getoption("conformance_update_baseline")
    listed = test_id in baseline.known
    if rep.failed and (listed or update):
        rep.outcome = "skipped"
        rep.wasxfail = KNOWN_REASON if listed else WRITTEN_REASON
        rep.user_properties.append((BASELINE, "known"))
    elif rep.passed and listed:
        rep.user_properties.append((BASELINE, "fixed"))
        if config.getoption("conformance_strict_baseline") and not update:
            rep.outcome = "failed"
            rep.longrepr = f"{FIXED_REASON}: {test_id} passes (--conformance-strict-baseline)"
        else:
            rep.wasxfail = FIXED_REASON


# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def cassette(request: pytest.FixtureRequest) -> Callable[[str], Cassette]:
    """`cassette("anthropic/tool_use")`: a bundled or `--conformance-cassettes` cassette.

    It has `.body`, `.recorded_chunks()`, `.expected` (a `Message`) and `.metadata`.
    """
    from conformance.suite import adapter_suite as suite

    config = request.config
    dirs = suite.suite_cassette_dirs(suite.AdapterSuite, _extra_dirs(config))

    def find(cassette_id: str) -> Cassette:
        return suite.find_cassette(cassette_id, dirs, load=_loader(config))

    return find


@pytest.fixture
def replay_server() -> Iterator[ReplayServer]:
    """A `conformance.live.replay.ReplayServer` on a free loopback port, with no cassette yet
    (call `.play(...)`); stopped, its thread joined, when the test ends."""
    from conformance.live.replay import ReplayServer

    with ReplayServer() as server:
        yield server


@pytest.fixture
def conformance_record_mode(request: pytest.FixtureRequest) -> str:
    """`--conformance-record-mode`: none (default), once, new_episodes or all, as vcrpy names them;
    hand it to `conformance.live.record.Recorder(mode=...)`."""
    return str(request.config.getoption("conformance_record_mode"))


# -- the matrix, the results, the baseline --------------------------------------------------------


class _RunRecorder:
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
        from conformance.live.cancel import SpendLedger

        return SpendLedger()

    def _made(self, name: str) -> bool:
        return name in self.__dict__  # a cached_property that was read

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = {str(k): str(v) for k, v in report.user_properties}
        if not any(k.startswith("conformance_") for k in props):
            return
        from conformance.live.cancel import SPEND_PROPERTY, spend_from_json

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
        baseline = config.stash.get(_BASELINE, None)
        if baseline is not None:
            self._baseline_finish(baseline, interrupted=exitstatus == pytest.ExitCode.INTERRUPTED)
        for option, render_name in (
            ("conformance_report_md", "to_markdown"),
            ("conformance_report_html", "to_html"),
        ):
            path = config.getoption(option)
            if path:
                from conformance.suite import report  # asked for: worth loading

                render = getattr(report, render_name)
                target = base / path
                target.parent.mkdir(parents=True, exist_ok=True)
                text = render(self.matrix)
                if self._made("spend") and self.spend.spends and render is report.to_markdown:
                    text += "\n### Cancelled streams: output tokens spent\n\n" + self.spend.markdown() + "\n"
                target.write_text(text, encoding="utf-8")
                self.notes.append(f"conformance report written to {path}")
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
        self._append_step_summary()

    def _baseline_finish(self, baseline: Baseline, *, interrupted: bool) -> None:
        here: set[str] = self.config.stash.get(_COLLECTED, set())
        here_classes: set[str] = self.config.stash.get(_CLASSES, set())
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

    def _append_step_summary(self) -> None:
        """GitHub Actions shows this file's Markdown on the run's page; other jobs' parts stay."""
        summary = os.environ.get(STEP_SUMMARY)
        if not summary or not self._made("matrix") or not self.matrix:
            return
        md = self.config.getoption("conformance_report_md")
        if md and Path(self.config.invocation_params.dir / md).resolve() == Path(summary).resolve():
            return  # written there already
        from conformance.suite import report

        with open(summary, "a", encoding="utf-8") as out:
            out.write(report.to_markdown(self.matrix))

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
