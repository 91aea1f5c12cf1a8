"""`AdapterSuite`, the test class users subclass.

A subclass names a `vendor` and gives its parser as `parse(chunks)` (sync or async), or
its whole HTTP client as `request(base_url)` (client mode, `conformance.suite.client_mode`).
It gets one test method per check of the registry (`conformance.suite.checks`); which checks
apply to which of its cassettes is `conformance.suite.cases`, the plugin's collection
(`conformance.suite.collect`) turns the cases into test ids, and `conformance.suite.runner`
runs them without pytest (what `conformance check` does).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, ClassVar

from conformance.errors import ConformanceError
from conformance.formats.cassettes import FEATURES
from conformance.suite import aio
from conformance.suite.checks import (
    ALIASES,
    CHECK_IDS,
    CHECKS,
    MASKS,
    Case,
    Check,
    CheckFailed,
    CheckSkipped,
    Target,
    cause_of,
    error_classes_of,
    run_case,
)
from conformance.suite.declared import Declared, MessageDict, parse_declared

__all__ = [
    "PLUGIN_OFF",
    "AdapterSuite",
    "declared_of",
    "error_classes_for",
    "has_incremental",
    "has_normalize",
    "has_request",
    "suite_label",
    "target_of",
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
    `error_classes` says which exception class each cause must raise (checked by `error_class`).
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
    error_classes: ClassVar[Mapping[str, type[BaseException] | tuple[type[BaseException], ...]]] = {}
    """The class a raise must be, per cause (the `error_class` check): the vendor error's type
    (`"overloaded_error"`), `"http_<status>"` / `"http_error"` in client mode, `"error"` for any
    vendor error, `"truncated"` for a body cut short. Each class also counts as a typed error."""
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

    # One test method per check (added below from `CHECKS`); the plugin (`collect.py`) parametrizes
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
    """The `conformance_case` fixture, reached only with the plugin off: on, `collect.py`
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
    classes = error_classes_for(cls)
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
        typed_errors=tuple(dict.fromkeys((*cls.typed_errors, *(c for cs in classes.values() for c in cs)))),
        client=client,
        declared=declared_of(cls, suite),
        unsupported=unsupported_names(cls),
        error_classes=classes,
    )


def error_classes_for(cls: type[AdapterSuite]) -> dict[str, tuple[type[BaseException], ...]]:
    """The suite's `error_classes`, each value a tuple; TypeError naming the suite for a bad one."""
    return error_classes_of(cls.__qualname__, cls.error_classes)


def has_normalize(cls: type[AdapterSuite]) -> bool:
    return cls.normalize is not AdapterSuite.normalize


def declared_of(cls: type[AdapterSuite], suite: AdapterSuite | None = None) -> Declared:
    """The suite's declared differences (ValueError naming an unknown one) and its `normalize` hook."""
    hook = None
    if has_normalize(cls):
        hook = (suite or cls()).normalize
    return parse_declared(cls.__qualname__, cls.declared, hook)
