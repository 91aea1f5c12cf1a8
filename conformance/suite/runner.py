"""Running suites without pytest (what `conformance check` does): loading a suite class from
`module:Class` or `path/to/file.py:Class` the way pytest imports a test file, running every
case on a fresh instance, and the reference suite over the kit's own parser."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.api import parse as reference_parse
from conformance.api import snapshots as reference_snapshots
from conformance.errors import ConformanceError, StreamError
from conformance.formats.cassettes import Cassette
from conformance.message import Message
from conformance.suite.adapter_suite import AdapterSuite, suite_label, target_of
from conformance.suite.baseline import stable_id
from conformance.suite.cases import suite_cases, suite_cassettes
from conformance.suite.checks import (
    Case,
    CheckFailed,
    CheckSkipped,
    cause_of,
    run_case,
)


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
