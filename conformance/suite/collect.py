"""Collection under the plugin: each check method of an `AdapterSuite` subclass becomes one
test per cassette the check applies to, carrying its adapter, check, cassette and stable id as
properties; a test the baseline lists carries a real xfail mark (`known_failure`).

Hooks only act once `conformance.suite.adapter_suite` is imported (a test module that
subclasses `AdapterSuite` imports it), so a project without a suite never loads it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from conformance.suite.baseline import stable_id
from conformance.suite.properties import (
    ADAPTER,
    BASELINE,
    BASELINE_KEY,
    CASE,
    CASES_KEY,
    CASSETTE,
    CAUSE,
    CHECK,
    CLASSES_KEY,
    COLLECTED_KEY,
    DECLARED,
    FAILURE,
    FIXED_REASON,
    KNOWN_REASON,
    LOADED_KEY,
    REFERENCE_EXPECTED,
    TEST_ID,
    UNSUPPORTED,
    WRITTEN_REASON,
)
from conformance.suite.results import MAX_MESSAGE

if TYPE_CHECKING:
    from conformance.formats.cassettes import Cassette
    from conformance.suite.adapter_suite import AdapterSuite
    from conformance.suite.checks import Case, Check


def extra_dirs(config: pytest.Config) -> list[Path]:
    base = config.invocation_params.dir
    return [
        *config.getini("conformance_cassettes"),
        *(base / d for d in config.getoption("conformance_cassettes")),
    ]


def cassette_loader(config: pytest.Config) -> Callable[[Path, str | None], list[Cassette]]:
    """Load each cassette folder once per run (per vendor), whatever number of checks ask."""
    from conformance.formats.cassettes import load_cassettes

    loaded = config.stash.setdefault(LOADED_KEY, {})

    def load(directory: Path, vendor: str | None) -> list[Cassette]:
        key = (str(directory.resolve()), vendor or "")
        if key not in loaded:
            loaded[key] = load_cassettes(directory, vendor=vendor)
        return loaded[key]

    return load


def suite_module() -> ModuleType | None:
    """`conformance.suite.adapter_suite` if anything imported it; else no class can be an `AdapterSuite`,
    and the hooks have nothing to do (so a project without a suite never loads it)."""
    return sys.modules.get("conformance.suite.adapter_suite")


def _is_suite(suite: ModuleType, obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, suite.AdapterSuite) and hasattr(obj, "vendor")


def _cases(config: pytest.Config, cls: type[AdapterSuite], check: Check) -> list[Case]:
    from conformance.suite.cases import cases_for, suite_cassettes

    cache = config.stash.setdefault(CASES_KEY, {})
    if (cls, check.id) not in cache:
        cassettes = suite_cassettes(cls, extra_dirs(config), load=cassette_loader(config))
        cache[cls, check.id] = cases_for(cls, check, cassettes)
    return cache[cls, check.id]


def _check_of_test(name: str) -> Check | None:
    """The check a suite's test method runs (the checks are loaded: the suite imported them)."""
    from conformance.suite.checks import CHECKS_BY_TEST

    return CHECKS_BY_TEST.get(name)


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(
    collector: pytest.Collector, name: str, obj: object
) -> list[pytest.Item] | None:
    """Leave out check methods with no case, of bases with no vendor, of vendors not asked for."""
    suite = suite_module()
    cls = getattr(collector, "obj", None)
    check = _check_of_test(name) if suite is not None else None
    if suite is None or not isinstance(collector, pytest.Class) or check is None:
        return None
    if not (isinstance(cls, type) and issubclass(cls, suite.AdapterSuite)):
        return None
    vendors = collector.config.getoption("conformance_vendor")
    if not _is_suite(suite, cls) or (vendors and getattr(cls, "vendor", None) not in vendors):
        return []
    return None if _cases(collector.config, cls, check) else []


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    suite = suite_module()
    if suite is None or CASE not in metafunc.fixturenames or not _is_suite(suite, metafunc.cls):
        return
    check = _check_of_test(metafunc.function.__name__)
    if check is None:
        return
    params = []
    for case in _cases(metafunc.config, metafunc.cls, check):
        marks = [pytest.mark.conformance(check=case.check, cassette=case.id)]
        if case.unsupported:
            marks.append(pytest.mark.skip(reason=case.unsupported))
        known = known_failure(metafunc.config, stable_id(metafunc.cls.__qualname__, case.check, case.id))
        if known is not None:
            marks.append(known)
        params.append(pytest.param(case, id=case.id, marks=marks))
    metafunc.parametrize(CASE, params)


def known_failure(config: pytest.Config, test_id: str) -> pytest.MarkDecorator | None:
    """The xfail mark of a test the baseline lists: a failure is xfailed, a pass xpassed (and a
    failure under `--conformance-strict-baseline`, which says to remove it from the baseline)."""
    baseline = config.stash.get(BASELINE_KEY, None)
    if baseline is None or test_id not in baseline.known:
        return None
    strict = bool(config.getoption("conformance_strict_baseline")) and not config.getoption(
        "conformance_update_baseline"
    )
    reason = f"{FIXED_REASON}: {test_id} passes (--conformance-strict-baseline)" if strict else KNOWN_REASON
    return pytest.mark.xfail(reason=reason, strict=strict)


def _case_type() -> type[Case]:
    from conformance.suite.checks import Case

    return Case


def pytest_itemcollected(item: pytest.Item) -> None:
    suite = suite_module()
    case = getattr(item, "callspec", None) and item.callspec.params.get(CASE)  # type: ignore[attr-defined]
    if suite is not None and isinstance(case, _case_type()):
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
        item.config.stash.setdefault(COLLECTED_KEY, set()).add(test_id)
        item.config.stash.setdefault(CLASSES_KEY, set()).add(cls.__qualname__)


def pytest_collection_finish(session: pytest.Session) -> None:
    output = getattr(session.config, "workeroutput", None)
    if output is not None:  # an xdist worker: tell the controller what it collected
        collected: set[str] = session.config.stash.get(COLLECTED_KEY, set())
        classes: set[str] = session.config.stash.get(CLASSES_KEY, set())
        output["conformance_collected"], output["conformance_classes"] = sorted(collected), sorted(classes)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Each failure's headline, cause and message travel with its report; a baseline's verdict
    (known, fixed) is noted for the run's record."""
    rep = yield
    props = dict(item.user_properties)
    if CHECK not in props:
        return rep
    xfailed = rep.skipped and hasattr(rep, "wasxfail")  # a failure a baseline mark made xfailed
    if (rep.failed or xfailed) and call.excinfo is not None:
        exc = call.excinfo.value
        text = str(exc) or type(exc).__name__
        rep.user_properties.append((FAILURE, text.splitlines()[0]))
        rep.user_properties.append((CAUSE, getattr(exc, "conformance_cause", "") or props[CHECK]))
        rep.conformance_message = text[:MAX_MESSAGE]  # travels to the xdist controller with the report
    baseline = item.config.stash.get(BASELINE_KEY, None)
    if baseline is None or rep.when != "call":
        return rep
    if str(props[TEST_ID]) in baseline.known:  # its xfail mark (`known_failure`) decided the outcome
        if xfailed or rep.passed or rep.failed:  # xfailed, xpassed, or failed as strict xpass
            rep.user_properties.append((BASELINE, "known" if xfailed else "fixed"))
    elif rep.failed and item.config.getoption("conformance_update_baseline"):
        # Writing a baseline takes every failure as known. Which tests fail is only known now,
        # and pytest has no mark for "whatever fails": the report itself becomes xfailed.
        rep.outcome = "skipped"
        rep.wasxfail = WRITTEN_REASON
        rep.user_properties.append((BASELINE, "known"))
    return rep
