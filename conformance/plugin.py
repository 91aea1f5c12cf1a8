"""pytest wiring for stream-conformance (the `pytest11` entry point `conformance`).

A table of contents; the logic is plain code in `conformance.suite` and `conformance.report`:

- options, grouped under "conformance" in `pytest --help`: extra cassette directories,
  vendors to run, report paths. The Hypothesis profile is Hypothesis's own
  `--hypothesis-profile` (dev / ci / fuzz, registered by `conformance.strategies`).
- collection: each check method of an `AdapterSuite` subclass becomes one test per
  cassette the check applies to (`suite.cases_for`), with the cassette id as the test id:
  `test_split_invariance[anthropic/tool_use]`. Cases the suite does not claim are skipped
  as "unsupported: ...". A check with no case is not collected at all.
- the `cassette` fixture: `cassette("anthropic/tool_use")` gives a `Cassette`.
- reporting: each test carries its adapter, check and cassette in `user_properties`; the
  controller (not xdist workers) folds reports into a `report.Matrix` for the terminal
  summary and `--conformance-report-md` / `--conformance-report-html`.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest

import conformance.strategies  # noqa: F401  (registers the Hypothesis profiles dev/ci/fuzz)
from conformance import report, suite
from conformance.cassettes import Cassette, load_cassettes

CASE = "conformance_case"
ADAPTER, CHECK, CASSETTE, UNSUPPORTED, FAILURE = (
    "conformance_adapter",
    "conformance_check",
    "conformance_cassette",
    "conformance_unsupported",
    "conformance_failure",
)
_LOADED = pytest.StashKey[dict[tuple[str, str], list[Cassette]]]()
_CASES = pytest.StashKey[dict[tuple[type, str], list[suite.Case]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup(
        "conformance", "stream-conformance (Hypothesis profile: --hypothesis-profile=dev|ci|fuzz)"
    )
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
    parser.addini(
        "conformance_cassettes", "extra cassette directories (relative to the ini file)", type="paths"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "conformance(check, cassette): a stream-conformance check (select all with -m conformance)"
    )
    if not hasattr(config, "workerinput"):  # xdist workers send reports; the controller counts them
        config.pluginmanager.register(_MatrixRecorder(config), "conformance-matrix")


# -- collection ---------------------------------------------------------------------------------


def _extra_dirs(config: pytest.Config) -> list[Path]:
    base = config.invocation_params.dir
    return [
        *config.getini("conformance_cassettes"),
        *(base / d for d in config.getoption("conformance_cassettes")),
    ]


def _loader(config: pytest.Config) -> Callable[[Path, str | None], list[Cassette]]:
    loaded = config.stash.setdefault(_LOADED, {})

    def load(directory: Path, vendor: str | None) -> list[Cassette]:
        key = (str(directory.resolve()), vendor or "")
        if key not in loaded:
            loaded[key] = load_cassettes(directory, vendor=vendor)
        return loaded[key]

    return load


def _is_suite(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, suite.AdapterSuite) and hasattr(obj, "vendor")


def _cases(config: pytest.Config, cls: type[suite.AdapterSuite], check: suite.Check) -> list[suite.Case]:
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
    cls = getattr(collector, "obj", None)
    if not isinstance(collector, pytest.Class) or name not in suite.CHECKS_BY_TEST:
        return None
    if not (isinstance(cls, type) and issubclass(cls, suite.AdapterSuite)):
        return None
    vendors = collector.config.getoption("conformance_vendor")
    if not _is_suite(cls) or (vendors and cls.vendor not in vendors):
        return []
    return None if _cases(collector.config, cls, suite.CHECKS_BY_TEST[name]) else []


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    check = suite.CHECKS_BY_TEST.get(metafunc.function.__name__)
    if check is None or not _is_suite(metafunc.cls) or CASE not in metafunc.fixturenames:
        return
    params = []
    for case in _cases(metafunc.config, metafunc.cls, check):
        marks = [pytest.mark.conformance(check=case.check, cassette=case.id)]
        if case.unsupported:
            marks.append(pytest.mark.skip(reason=case.unsupported))
        params.append(pytest.param(case, id=case.id, marks=marks))
    metafunc.parametrize(CASE, params)


def pytest_itemcollected(item: pytest.Item) -> None:
    case = getattr(item, "callspec", None) and item.callspec.params.get(CASE)  # type: ignore[attr-defined]
    if isinstance(case, suite.Case):
        cls = item.cls  # type: ignore[attr-defined]
        item.user_properties += [(ADAPTER, suite.suite_label(cls)), (CHECK, case.check), (CASSETTE, case.id)]
        if case.unsupported:
            item.user_properties.append((UNSUPPORTED, case.unsupported))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    rep = yield
    if rep.failed and call.excinfo is not None and any(k == CHECK for k, _ in item.user_properties):
        exc = call.excinfo.value
        text = str(exc) or type(exc).__name__
        rep.user_properties.append((FAILURE, text.splitlines()[0]))
    return rep


# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def cassette(request: pytest.FixtureRequest) -> Callable[[str], Cassette]:
    """`cassette("anthropic/tool_use")`: a bundled or `--conformance-cassettes` cassette.

    It has `.body`, `.recorded_chunks()`, `.expected` (a `Message`) and `.metadata`.
    """
    config = request.config
    dirs = suite.suite_cassette_dirs(suite.AdapterSuite, _extra_dirs(config))

    def find(cassette_id: str) -> Cassette:
        return suite.find_cassette(cassette_id, dirs, load=_loader(config))

    return find


# -- the matrix -----------------------------------------------------------------------------------


class _MatrixRecorder:
    """Folds test reports into the conformance matrix; lives on the controller only."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.matrix = report.Matrix()
        self.written: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = {str(k): str(v) for k, v in report.user_properties}
        if CHECK not in props or not (
            report.when == "call" or (report.when == "setup" and not report.passed)
        ):
            return
        outcome = (
            report.outcome if not report.skipped else "unsupported" if UNSUPPORTED in props else "skipped"
        )
        self.matrix.record(props[ADAPTER], props[CHECK], props[CASSETTE], outcome, props.get(FAILURE, ""))

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        base = self.config.invocation_params.dir
        for option, render in (
            ("conformance_report_md", report.to_markdown),
            ("conformance_report_html", report.to_html),
        ):
            path = self.config.getoption(option)
            if path:
                target = base / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(render(self.matrix), encoding="utf-8")
                self.written.append(str(path))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.matrix:
            return
        terminalreporter.write_sep("-", "stream conformance")
        for line in report.to_text(self.matrix).splitlines():
            terminalreporter.write_line(line)
        for path in self.written:
            terminalreporter.write_line(f"conformance report written to {path}")
