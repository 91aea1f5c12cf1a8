"""`AdapterSuite`, the test class users subclass, and running it without pytest.

A subclass names a `vendor` and gives its parser as `parse(chunks)` (sync or async), or
its whole HTTP client as `request(base_url)` (client mode, `conformance.suite.client_mode`).
`cases_for(cls, check, cassettes)` says which checks apply to which of the suite's
cassettes (bundled, `cassette_dirs`, extra directories) and which the suite does not claim
(its `unsupported` set); `plugin.py` turns the cases into test ids, `run_suite` runs them
directly (what `conformance check` does). The checks themselves are `conformance.suite.checks`.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import os
import re
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from conformance.api import parse as reference_parse
from conformance.api import snapshots as reference_snapshots
from conformance.errors import ConformanceError, StreamError
from conformance.formats.cassettes import FEATURES, Cassette, bundled_cassette_dir, load_cassettes
from conformance.generate.cases import generated_cassette
from conformance.message import Message
from conformance.suite import aio
from conformance.suite.baseline import stable_id
from conformance.suite.bodies import (
    canonical_body,
    keepalive_bodies,
    line_ending_bodies,
    mid_stream_bodies,
    sse_event_offsets,
    truncated_bodies,
)
from conformance.suite.checks import (
    ALIASES,
    CHECK_FEATURE,
    CHECK_IDS,
    CHECKS,
    CHECKS_BY_ID,
    CHECKS_BY_TEST,
    COMPARED_FIELDS,
    FIELD_CHECKS,
    MASKS,
    WHOLE_CASSETTE,
    Case,
    Check,
    CheckFailed,
    CheckSkipped,
    Outcome,
    Target,
    applies,
    compared_fields,
    falsify,
    field_owners,
    grows,
    run_case,
    snapshot_problem,
)
from conformance.suite.declared import Declared, MessageDict, parse_declared
from conformance.suite.diff import Difference, describe_chunking, first_difference

__all__ = [  # the suite's own names, and the checks' names it has always offered
    "ALIASES",
    "CHECKS",
    "CHECKS_BY_ID",
    "CHECKS_BY_TEST",
    "CHECK_FEATURE",
    "CHECK_IDS",
    "COMPARED_FIELDS",
    "FEATURES",
    "MASKS",
    "WHOLE_CASSETTE",
    "AdapterSuite",
    "Case",
    "CaseResult",
    "Check",
    "CheckFailed",
    "CheckSkipped",
    "Difference",
    "Outcome",
    "Target",
    "applies",
    "canonical_body",
    "cases_for",
    "cause_of",
    "compared_fields",
    "declared_of",
    "describe_chunking",
    "falsify",
    "field_owners",
    "find_cassette",
    "first_difference",
    "grows",
    "has_incremental",
    "has_request",
    "keepalive_bodies",
    "line_ending_bodies",
    "load_suite",
    "mid_stream_bodies",
    "reference_suite",
    "run_case",
    "run_one",
    "run_suite",
    "snapshot_problem",
    "sse_event_offsets",
    "suite_cases",
    "suite_cassette_dirs",
    "suite_cassettes",
    "suite_label",
    "target_of",
    "truncated_bodies",
    "unsupported_names",
]


PLUGIN_OFF = (
    "stream-conformance: {cls} is an AdapterSuite, but the pytest plugin `conformance` is not "
    "loaded (-p no:conformance; or PYTEST_DISABLE_PLUGIN_AUTOLOAD: add -p conformance.suite.plugin), "
    "so its checks cannot run"
)


class AdapterSuite:
    """Subclass once per vendor your parser reads; pytest then runs every check on every cassette.

        class TestMyParser(AdapterSuite):
            vendor = "openai-chat"
            unsupported = {"reasoning"}

            def parse(self, chunks):          # Iterable[bytes] -> Message, or a dict
                return to_message(mylib.parse(chunks))

    `parse` may be `async def parse(self, chunks)` (chunks: an `AsyncIterator[bytes]`) or an
    async generator yielding the Message last; the suite runs it on its own event loop.
    Instead of `parse`, client mode: `request(self, base_url)` (sync or async) calls your
    real HTTP client against a loopback server playing the cassette, and returns the Message.

    `unsupported` names checks (`CHECK_IDS`) or features (`FEATURES`) the parser does not
    claim: their checks are reported as unsupported, not failed, and their fields are not
    compared elsewhere. `declared` names legitimate differences per field and kind
    (`conformance.suite.declared.DIFFERENCES`), applied to both sides of every comparison and shown
    in the reports; `normalize(self, message)` is the hook for one the kit does not name.
    `cassette_dirs` adds your own cassettes (`<vendor>/<name>.yaml`, relative to the test
    module); `bundled_cassettes = False` leaves the kit's out, its generated streams (the
    `generated` check) included.
    """

    vendor: ClassVar[str]
    unsupported: ClassVar[Collection[str]] = frozenset()
    declared: ClassVar[Mapping[str, str]] = {}
    """Declared differences, field -> kind: e.g. `{"tool_calls.id": "synthesized"}`."""
    cassette_dirs: ClassVar[Sequence[str | os.PathLike[str]]] = ()
    bundled_cassettes: ClassVar[bool] = True
    typed_errors: ClassVar[tuple[type[BaseException], ...]] = (ConformanceError,)
    """Exceptions the parser raises on purpose for a broken or failed stream."""
    label: ClassVar[str | None] = None
    """The row name in the conformance matrix (default: `ClassName (vendor)`)."""
    async_timeout: ClassVar[float] = aio.DEFAULT_TIMEOUT_S
    """Seconds one async parse or request may take before it is reported as hung."""
    request_examples: ClassVar[int] = 10
    """Client mode: at most this many Hypothesis chunkings per cassette (each is an HTTP request)."""

    def parse(self, chunks: Any) -> Any:
        """Your parser: the body's chunks in (`Iterable[bytes]`, or `AsyncIterator[bytes]` for an
        `async def`), the stream's `Message` (or a dict in `Message.to_dict()` form) out."""
        raise NotImplementedError(f"{type(self).__name__} must define parse(self, chunks)")

    def parse_incremental(self, chunks: Any) -> Any:
        """Optional: a snapshot after each chunk, the final message last (checked by `incremental`);
        sync or async generator."""
        raise NotImplementedError

    def request(self, base_url: str) -> Any:
        """Client mode, instead of `parse`: your client's request to `base_url` (no trailing
        slash; e.g. OpenAI's SDK wants `base_url + "/v1"`), its stream read to the end, as a
        `Message`. Sync or `async def`."""
        raise NotImplementedError

    def normalize(self, message: MessageDict) -> MessageDict:
        """Optional: a normalization the kit's `declared` vocabulary does not name, applied to
        both sides of every comparison (a `Message.to_dict()` dict in, one out). Reported as
        declared `normalize`."""
        return message

    # One test method per check (added below from `CHECKS`); `plugin.py` parametrizes
    # `conformance_case` with the cassettes.

    def _conformance_run(self, case: Case, request: Any = None) -> None:
        __tracebackhide__ = True
        target = target_of(self)
        if target.client is not None and request is not None:
            request.getfixturevalue("conformance_client_server")  # the session's, stopped at its end
        skipped = None
        try:
            run_case(target, case)
        except CheckFailed as exc:
            exc.conformance_cause = cause_of(case.check, exc.field)  # type: ignore[attr-defined]
            if exc.__cause__ is not None:
                raise  # the parser crashed: its traceback is what the reader needs
            failure, cause = str(exc), exc.conformance_cause  # type: ignore[attr-defined]
        except CheckSkipped as exc:
            failure, cause, skipped = "", "", str(exc)
        else:
            return
        import pytest

        if skipped is not None:
            pytest.skip(skipped)
        # Raised outside `except`: no "during handling" context; the plugin reads the cause off it.
        failed = pytest.fail.Exception(failure, pytrace=False)
        failed.conformance_cause = cause  # type: ignore[attr-defined]
        raise failed


def _check_method(check: Check) -> Callable[[AdapterSuite, Case, Any], None]:
    def test(self: AdapterSuite, conformance_case: Case, request: Any) -> None:
        self._conformance_run(conformance_case, request)

    test.__name__ = test.__qualname__ = check.test_name
    test.__doc__ = check.summary
    return test


for _check in CHECKS:  # one test method per check: adding a check is one entry in `CHECKS`
    setattr(AdapterSuite, _check.test_name, _check_method(_check))
del _check


def _plugin_off(self: AdapterSuite) -> Case:
    """The `conformance_case` fixture, reached only with the plugin off: on, `plugin.py`
    parametrizes that name, which overrides the fixture. One message and a stop, instead of
    one "fixture not found" error per check."""
    import pytest

    pytest.exit(PLUGIN_OFF.format(cls=type(self).__name__), returncode=pytest.ExitCode.USAGE_ERROR)


if "pytest" in sys.modules:  # under pytest (`conformance check` does not pay for importing it)
    import pytest

    setattr(AdapterSuite, "conformance_case", pytest.fixture(_plugin_off, name="conformance_case"))  # noqa: B010


def suite_label(cls: type[AdapterSuite]) -> str:
    return cls.label or f"{cls.__qualname__} ({cls.vendor})"


def has_incremental(cls: type[AdapterSuite]) -> bool:
    return cls.parse_incremental is not AdapterSuite.parse_incremental


def has_request(cls: type[AdapterSuite]) -> bool:
    """Whether the suite is in client mode (it defines `request`)."""
    return cls.request is not AdapterSuite.request


def unsupported_names(cls: type[AdapterSuite]) -> frozenset[str]:
    """The suite's `unsupported`, aliases resolved; ValueError naming any unknown word."""
    names = frozenset(ALIASES.get(name, name) for name in cls.unsupported)
    unknown = names - FEATURES - set(CHECK_IDS)
    if unknown:
        raise ValueError(
            f"{cls.__qualname__}.unsupported names {sorted(unknown)}; known checks: {', '.join(CHECK_IDS)}; "
            f"known features: {', '.join(sorted(FEATURES))}"
        )
    return names


def target_of(suite: AdapterSuite) -> Target:
    """The suite as the checks see it: async methods made plain, a client harness in client mode."""
    cls = type(suite)
    masked = frozenset(f for name in unsupported_names(cls) for f in MASKS.get(name, ()))
    client = None
    if has_request(cls):
        from conformance.suite.client_mode import HttpClient  # starts a loopback server on first use

        client = HttpClient(suite.request, timeout=cls.async_timeout, max_examples=cls.request_examples)
    return Target(
        label=suite_label(cls),
        vendor=cls.vendor,
        parse=aio.sync_parse(suite.parse, timeout=cls.async_timeout),
        parse_incremental=(
            aio.sync_incremental(suite.parse_incremental, timeout=cls.async_timeout)
            if has_incremental(cls)
            else None
        ),
        masked=masked,
        typed_errors=cls.typed_errors,
        client=client,
        declared=declared_of(cls, suite),
        unsupported=unsupported_names(cls),
    )


def has_normalize(cls: type[AdapterSuite]) -> bool:
    return cls.normalize is not AdapterSuite.normalize


def declared_of(cls: type[AdapterSuite], suite: AdapterSuite | None = None) -> Declared:
    """The suite's declared differences (ValueError naming an unknown one) and its `normalize` hook."""
    hook = None
    if has_normalize(cls):
        hook = (suite or cls()).normalize
    return parse_declared(cls.__qualname__, cls.declared, hook)


def suite_cassette_dirs(cls: type[AdapterSuite], extra: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Where the suite's cassettes come from: bundled, then `cassette_dirs`, then `extra`."""
    dirs = []
    if cls.bundled_cassettes:
        with contextlib.suppress(FileNotFoundError):  # an install without bundled cassettes
            dirs.append(bundled_cassette_dir())
    module = sys.modules.get(cls.__module__)
    base = (
        Path(inspect.getfile(module)).parent if module is not None and hasattr(module, "__file__") else Path()
    )
    dirs.extend(base / Path(d) for d in cls.cassette_dirs)
    dirs.extend(Path(d) for d in extra)
    return dirs


def suite_cassettes(
    cls: type[AdapterSuite],
    extra: Iterable[str | os.PathLike[str]] = (),
    *,
    load: Loader | None = None,
) -> list[Cassette]:
    """The suite's cassettes, sorted by id; a later directory's cassette replaces an earlier one's.
    With the bundled cassettes, a vendor with a stream encoder also gets the kit's generated
    streams (its `generated` stand-in, `conformance.generate.cases`)."""
    by_id = _index(suite_cassette_dirs(cls, extra), cls.vendor, load)
    generated = generated_cassette(cls.vendor) if cls.bundled_cassettes else None
    if generated is not None:
        by_id.setdefault(generated.id, generated)
    return [by_id[key] for key in sorted(by_id)]


def find_cassette(cassette_id: str, dirs: Iterable[Path], *, load: Loader | None = None) -> Cassette:
    """One cassette by id (`anthropic/tool_use`), from the last of `dirs` that has it."""
    by_id = _index(dirs, cassette_id.partition("/")[0] or None, load)
    try:
        return by_id[cassette_id]
    except KeyError:
        known = ", ".join(sorted(by_id)) or "none"
        raise LookupError(f"no cassette {cassette_id!r}; known: {known}") from None


Loader = Callable[[Path, "str | None"], list[Cassette]]


def _index(dirs: Iterable[Path], vendor: str | None, load: Loader | None) -> dict[str, Cassette]:
    loader = load or (lambda directory, vendor: load_cassettes(directory, vendor=vendor))
    by_id: dict[str, Cassette] = {}
    for directory in dirs:
        for cassette in loader(directory, vendor):
            by_id[cassette.id] = cassette
    return by_id


def cases_for(cls: type[AdapterSuite], check: Check, cassettes: Iterable[Cassette]) -> list[Case]:
    """The cases of one check: the cassettes it applies to, each marked if unsupported."""
    if (check.id in ("incremental", "liveness") and not has_incremental(cls)) or (
        check.id == "request" and not has_request(cls)
    ):
        return []
    names = unsupported_names(cls)
    masked = {f for name in names for f in MASKS.get(name, ())}
    declared = declared_of(cls)
    cases = []
    for cassette in cassettes:
        if not applies(check, cassette):
            continue
        reason = None
        fields = compared_fields(check, cassette)
        if check.id in names or CHECK_FEATURE.get(check.id, check.id) in names:
            reason = f"{check.id} is in unsupported"
        elif cassette.features & names & WHOLE_CASSETTE:
            reason = f"{cassette.id} exercises {', '.join(sorted(cassette.features & names))}"
        elif fields and all(f in masked for f in fields):
            reason = f"{', '.join(fields)} not compared ({', '.join(sorted(names & set(MASKS)))})"
        labels = (
            declared.labels(fields) if check.id not in ("truncated_end", "truncated_mid", "request") else ()
        )
        cases.append(Case(check.id, cassette, f"unsupported: {reason}" if reason else None, labels))
    return cases


def load_suite(spec: str) -> type[AdapterSuite]:
    """The `AdapterSuite` subclass named by `module:Class` or `path/to/file.py:Class`.

    A file is imported as pytest's default import mode does: the first folder above it that is
    not a package (no `__init__.py`) goes first on `sys.path`, and the file is imported by its
    dotted name from there, so it imports its sibling modules (and its package's) as under
    pytest. `--jobs` workers load it the same way.
    """
    module_name, _, name = spec.rpartition(":")
    if not module_name or not name:
        raise ConformanceError(f"--adapter {spec!r}: expected module:Class or file.py:Class")
    try:
        if module_name.endswith(".py"):
            module = _import_file(Path(module_name))
        else:
            if "" not in sys.path and os.getcwd() not in sys.path:
                sys.path.insert(0, os.getcwd())  # as `python -m` does, so local modules import
            module = importlib.import_module(module_name)
    except (ImportError, OSError) as exc:
        raise ConformanceError(f"--adapter {spec!r}: {exc}") from None
    cls = getattr(module, name, None)
    if not (isinstance(cls, type) and issubclass(cls, AdapterSuite) and hasattr(cls, "vendor")):
        raise ConformanceError(f"--adapter {spec!r}: not an AdapterSuite subclass with a vendor")
    return cls


def _import_file(path: Path) -> Any:
    """Import a test file as pytest's `prepend` import mode does (see `load_suite`)."""
    path = path.resolve()
    if not path.is_file():
        raise ImportError(f"no such file: {path}")
    parts, base = [path.stem], path.parent
    while (base / "__init__.py").is_file():
        parts.insert(0, base.name)
        base = base.parent
    if str(base) not in sys.path:
        sys.path.insert(0, str(base))
    dotted = ".".join(parts)
    loaded = sys.modules.get(dotted)
    if loaded is not None and Path(getattr(loaded, "__file__", "") or "").resolve() != path:
        del sys.modules[dotted]  # a module of that name from elsewhere (another project): this file wins
        importlib.invalidate_caches()
    module = importlib.import_module(dotted)
    if Path(getattr(module, "__file__", "") or "").resolve() != path:
        found = getattr(module, "__file__", None)
        raise ImportError(f"{dotted!r} imports {found}, not {path}: rename one of them")
    return module


@dataclass(frozen=True)
class CaseResult:
    """How one case went, for reports: `outcome` is passed, failed or unsupported."""

    adapter: str
    check: str
    cassette: str
    outcome: str
    message: str = ""
    test_id: str = ""
    """The stable id baselines and result files use (`baseline.stable_id`)."""
    cause: str = ""
    """For a failure: the check and the first differing field path (`usage: usage.input_tokens`)."""
    declared: tuple[str, ...] = ()
    """The suite's declared differences applied in this test (`usage: estimated`...)."""


def run_suite(
    cls: type[AdapterSuite],
    extra_dirs: Iterable[str | os.PathLike[str]] = (),
    *,
    cassettes: Iterable[Cassette] | None = None,
) -> Iterator[CaseResult]:
    """Every case of a suite, without pytest (what `conformance check` runs).

    `cassettes` replaces the suite's own (bundled, `cassette_dirs`, `extra_dirs`).
    """
    cassettes = list(cassettes) if cassettes is not None else suite_cassettes(cls, extra_dirs)
    for case in suite_cases(cls, cassettes):
        yield run_one(cls, case)


def suite_cases(cls: type[AdapterSuite], cassettes: Iterable[Cassette]) -> list[Case]:
    """Every case of a suite over `cassettes`, in the order `run_suite` runs them (check by check)."""
    cassettes = list(cassettes)
    return [case for check in CHECKS for case in cases_for(cls, check, cassettes)]


def run_one(cls: type[AdapterSuite], case: Case) -> CaseResult:
    """Run one case on a fresh instance of the suite and say how it went."""
    label, key = suite_label(cls), stable_id(cls.__qualname__, case.check, case.id)
    if case.unsupported:
        return CaseResult(label, case.check, case.id, "unsupported", case.unsupported, key)
    try:
        run_case(target_of(cls()), case)
    except CheckFailed as exc:
        crash = f"\n{type(exc.__cause__).__name__}: {exc.__cause__}" if exc.__cause__ else ""
        cause = cause_of(case.check, exc.field)
        return CaseResult(label, case.check, case.id, "failed", f"{exc}{crash}", key, cause, case.declared)
    except CheckSkipped as exc:
        return CaseResult(label, case.check, case.id, "skipped", str(exc), key)
    return CaseResult(label, case.check, case.id, "passed", test_id=key, declared=case.declared)


def cause_of(check: str, field: str) -> str:
    """A failure's cause for reports: the check and its field path, list indices and the keys
    inside tool arguments dropped (`tool_args: tool_calls[].arguments`), so that one wrong field
    is one cause across cassettes. The `generated` check compares the same fields on generated
    streams: its differences are named after the check that owns the field on recorded ones
    (`usage: usage.input_tokens`), so one wrong field stays one cause."""
    path = re.sub(r"\[\d+\]", "[]", field)
    path = re.sub(r"(\.arguments)\..*$", r"\1", path)
    if check == "generated" and path and not path.startswith("raised"):
        top = re.split(r"[.\[]", path)[0]
        check = next((c for c, names in FIELD_CHECKS.items() if top in names), "whole")
    return f"{check}: {path}" if path else check


def reference_suite(vendor: str) -> type[AdapterSuite]:
    """An `AdapterSuite` over the kit's own parser: the bundled cassettes checked against the kit."""

    class ReferenceSuite(AdapterSuite):
        typed_errors = (StreamError,)

        def parse(self, chunks: Iterable[bytes]) -> Message:
            return reference_parse(self.vendor, chunks)

        def parse_incremental(self, chunks: Iterable[bytes]) -> Iterator[Message]:
            return reference_snapshots(self.vendor, chunks)

    ReferenceSuite.vendor = vendor
    ReferenceSuite.label = f"conformance.parse ({vendor})"
    ReferenceSuite.__qualname__ = ReferenceSuite.__name__ = f"Reference_{vendor.replace('-', '_')}"
    return ReferenceSuite
