"""pytest wiring for stream-conformance (the `pytest11` entry point `conformance`): options,
hooks and fixtures, each delegating to the module that does the work.

- options, grouped under "conformance" in `pytest --help`: extra cassette directories,
  vendors to run, report paths, the baseline of known failures, the results file, the
  record mode, the kit's Hypothesis profile (`--conformance-profile`; the kit's checks
  only: a project's own Hypothesis settings and profiles are left alone).
- imports: only what collection needs, because pytest imports this module in every project
  that has the kit installed. The suite, Hypothesis, YAML, httpx and the servers load when a
  suite, a fixture or a report needs them.
- collection (`conformance.suite.collect`): one test per check and cassette, with the
  cassette id as the test id (`test_split_invariance[anthropic/tool_use]`); a test the
  baseline (`--conformance-baseline PATH`) lists carries a real xfail mark: a listed failure
  is xfailed, a listed pass xpassed, "fixed: remove it from the baseline" (failed under
  `--conformance-strict-baseline`). `--conformance-update-baseline` takes every failure as
  known, and the controller writes them all to PATH at the end.
- fixtures: `conformance_cassette`, `conformance_replay_server` (a
  `conformance.suite.fixtures.ReplayFixture`), `conformance_record_mode`, and the session's
  loopback server for client mode (`conformance_client_server`), stopped when the session ends.
- the run's record (`conformance.suite.run_report`, on the controller, not xdist workers):
  the terminal summary, `--conformance-report-md` / `--conformance-report-html`,
  `$GITHUB_STEP_SUMMARY` and the `--conformance-json` results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from conformance.options import PROFILE_PREFIX, PROFILES, RECORD_MODES, select_profile
from conformance.suite.baseline import Baseline, BaselineError, load_baseline
from conformance.suite.collect import (
    cassette_loader,
    extra_dirs,
    pytest_collection_finish,
    pytest_generate_tests,
    pytest_itemcollected,
    pytest_pycollect_makeitem,
    pytest_runtest_makereport,
)
from conformance.suite.properties import BASELINE_KEY, PREVIOUS_PROFILE_KEY

if TYPE_CHECKING:
    from conformance.formats.cassettes import Cassette
    from conformance.suite.client_mode import PieceServer
    from conformance.suite.fixtures import ReplayFixture

__all__ = [  # the hooks pytest finds here, though `collect` defines them
    "pytest_collection_finish",
    "pytest_generate_tests",
    "pytest_itemcollected",
    "pytest_pycollect_makeitem",
    "pytest_runtest_makereport",
]


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
    config.stash[PREVIOUS_PROFILE_KEY] = select_profile(config.getoption("conformance_profile"))
    config.addinivalue_line(
        "markers", "conformance(check, cassette): a stream-conformance check (select all with -m conformance)"
    )
    _check_options(config)
    config.stash[BASELINE_KEY] = _load_baseline(config)
    if not hasattr(config, "workerinput"):  # xdist workers send reports; the controller counts them
        from conformance.suite.run_report import RunRecorder

        config.pluginmanager.register(RunRecorder(config), "conformance-matrix")


def pytest_unconfigure(config: pytest.Config) -> None:
    select_profile(config.stash.get(PREVIOUS_PROFILE_KEY, None))  # a pytester run inside a run: restore


@pytest.hookimpl(optionalhook=True)
def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    """pytest-recording's hook: let `@pytest.mark.vcr` load cassettes with vcrpy's cassette-level
    metadata, such as the kit's (`conformance.suite.recording`)."""
    from conformance.suite.recording import MetadataTolerantPersister

    vcr.register_persister(MetadataTolerantPersister(vcr.persister))


def _check_options(config: pytest.Config) -> None:
    """A typo in a directory or a vendor is a usage error naming it, not a silently empty run."""
    for directory in extra_dirs(config):
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


# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def conformance_cassette(request: pytest.FixtureRequest) -> Callable[[str], Cassette]:
    """`conformance_cassette("anthropic/tool_use")`: a bundled or `--conformance-cassettes` cassette.

    It has `.body`, `.recorded_chunks()`, `.expected` (a `Message`) and `.metadata`.
    """
    from conformance.suite.adapter_suite import AdapterSuite
    from conformance.suite.cases import find_cassette, suite_cassette_dirs

    config = request.config
    dirs = suite_cassette_dirs(AdapterSuite, extra_dirs(config))

    def find(cassette_id: str) -> Cassette:
        return find_cassette(cassette_id, dirs, load=cassette_loader(config))

    return find


@pytest.fixture
def conformance_replay_server() -> Iterator[ReplayFixture]:
    """A `ReplayServer` on a free loopback port, with no cassette yet (call `.play(...)` with a
    cassette, a path or a bundled cassette's id); stopped, its thread joined, when the test ends.
    `.client_base_url` is the base URL the cassette's vendor's usual client wants."""
    from conformance.suite.fixtures import ReplayFixture

    server = ReplayFixture()
    with server:
        yield server


@pytest.fixture(scope="session")
def conformance_client_server() -> Iterator[PieceServer]:
    """The loopback server client mode serves every case from, one per session (each xdist
    worker has its own); `ClientSuite` and whole-client `AdapterSuite` tests request it."""
    from conformance.suite.client_mode import shared_server, stop_shared_server

    yield shared_server()
    stop_shared_server()


@pytest.fixture
def conformance_record_mode(request: pytest.FixtureRequest) -> str:
    """`--conformance-record-mode`: none (default), once, new_episodes or all, as vcrpy names them;
    hand it to `conformance.live.record.Recorder(mode=...)`."""
    return str(request.config.getoption("conformance_record_mode"))
