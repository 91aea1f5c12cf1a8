"""A suite's cases: which cassettes a suite reads (bundled, its `cassette_dirs`, extra
directories), finding one by id, and which checks apply to which cassette (`cases_for`),
including the ones the suite does not claim (its `unsupported` set, skipped with a reason).
The plugin turns these cases into test ids; `conformance check` runs them directly."""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from conformance.formats.cassettes import Cassette, bundled_cassette_dir, load_cassettes
from conformance.generate.cases import generated_cassette
from conformance.suite.adapter_suite import (
    AdapterSuite,
    declared_of,
    error_classes_for,
    has_incremental,
    has_request,
    unsupported_names,
)
from conformance.suite.checks import (
    CHECK_FEATURE,
    CHECKS,
    MASKS,
    WHOLE_CASSETTE,
    Case,
    Check,
    applies,
    compared_fields,
    declares_a_cause,
)


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
    classes = error_classes_for(cls)
    if check.id == "error_class" and not classes:
        return []  # opt-in: a suite that declares no class sees no change
    names = unsupported_names(cls)
    masked = {f for name in names for f in MASKS.get(name, ())}
    declared = declared_of(cls)
    cases = []
    for cassette in cassettes:
        if not applies(check, cassette):
            continue
        if check.id == "error_class" and not declares_a_cause(
            classes, cassette, client=has_request(cls), unsupported=names
        ):
            continue  # no class declared for any of its causes: nothing to judge
        reason = None
        fields = compared_fields(check, cassette)
        if check.id in names or CHECK_FEATURE.get(check.id, check.id) in names:
            reason = f"{check.id} is in unsupported"
        elif cassette.features & names & WHOLE_CASSETTE:
            reason = f"{cassette.id} exercises {', '.join(sorted(cassette.features & names))}"
        elif fields and all(f in masked for f in fields):
            reason = f"{', '.join(fields)} not compared ({', '.join(sorted(names & set(MASKS)))})"
        labels = (
            declared.labels(fields)
            if check.id not in ("truncated_end", "truncated_mid", "request", "error_class")
            else ()
        )
        cases.append(Case(check.id, cassette, f"unsupported: {reason}" if reason else None, labels))
    return cases


def suite_cases(cls: type[AdapterSuite], cassettes: Iterable[Cassette]) -> list[Case]:
    """Every case of a suite over `cassettes`, in the order `run_suite` runs them (check by check)."""
    cassettes = list(cassettes)
    return [case for check in CHECKS for case in cases_for(cls, check, cassettes)]
