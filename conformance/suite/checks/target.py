"""The parser under test as the checks see it (`Target`), and running it on one chunking:
its message or the typed error it raised (`Outcome`); any other exception is a failure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from hypothesis import strategies as st

from conformance.errors import ConformanceError
from conformance.formats.cassettes import Cassette
from conformance.message import Message
from conformance.suite.checks.vocabulary import CheckFailed
from conformance.suite.declared import Declared
from conformance.suite.diff import (
    clip,
    names_of,
)

# -- the parser under test --------------------------------------------------------------------


class Client(Protocol):
    """A whole HTTP client under test (client mode), as the checks see it.

    `fetch` serves a cassette's status and headers with `pieces` as its body, each piece its
    own transfer chunk, runs the client against that server and returns what it returned
    (raising what it raised); `requests` are the (method, path?query) it sent during the last fetch.
    """

    def fetch(self, cassette: Cassette, pieces: Iterable[bytes]) -> Any: ...

    def requests(self) -> list[tuple[str, str]]: ...

    def chunkings(self, body: bytes) -> st.SearchStrategy[list[bytes]]: ...

    @property
    def max_examples(self) -> int: ...


@dataclass(frozen=True)
class Target:
    """A parser under test, as the checks see it (built from an `AdapterSuite`).

    `parse` is always a plain function of an iterable of chunks (async parsers are driven
    by `conformance.suite.aio`); with a `client`, `run_case` binds `parse` to it, case by case.
    `declared` holds the suite's declared differences, applied before every comparison.
    """

    label: str
    vendor: str
    parse: Callable[[Iterable[bytes]], Any]
    parse_incremental: Callable[[Iterable[bytes]], Iterable[Any]] | None = None
    masked: frozenset[str] = frozenset()
    typed_errors: tuple[type[BaseException], ...] = (ConformanceError,)
    client: Client | None = None
    declared: Declared = field(default_factory=Declared)
    unsupported: frozenset[str] = frozenset()
    """The suite's `unsupported` names (aliases resolved): what generated streams leave out."""
    error_classes: Mapping[str, tuple[type[BaseException], ...]] = field(default_factory=dict)
    """Cause key -> the classes a raise for it must be (the `error_class` check); each is typed."""

    @property
    def verb(self) -> str:
        """What failure messages call the code under test."""
        return "request" if self.client is not None else "parse"


@dataclass(frozen=True)
class Outcome:
    """What the parser made of one chunking: a message dict, or a typed error it raised."""

    message: dict[str, Any] | None = None
    error: BaseException | None = None

    def describe(self) -> str:
        if self.error is not None:
            return f"raised {type(self.error).__name__}: {clip(str(self.error), 160)}"
        return "a Message"


def as_message_dict(value: Any, vendor: str, verb: str = "parse") -> dict[str, Any]:
    """The parser's result in `Message.to_dict()` form, or `CheckFailed` saying what it returned."""
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, Mapping):
        data = {"vendor": vendor, **value}
        try:
            return Message.from_dict(data).to_dict()
        except (ValueError, KeyError, TypeError) as exc:
            raise CheckFailed(
                f"{verb} returned a dict that is not a Message: {exc}", "returned no Message"
            ) from None
    raise CheckFailed(
        f"{verb} returned {type(value).__name__}; expected a conformance.Message "
        "or a dict in Message.to_dict() form",
        "returned no Message",
    )


def run_parser(target: Target, chunks: Sequence[bytes]) -> Outcome:
    """Feed `chunks` (as an iterator, as a live response gives them) to the parser."""
    __tracebackhide__ = True
    try:
        result = target.parse(iter(chunks))
    except target.typed_errors as exc:
        return Outcome(error=exc)
    except Exception as exc:
        raise CheckFailed(
            f"{target.verb} raised {type(exc).__name__}: {clip(str(exc), 200)} (not one of typed_errors "
            f"{names_of(target.typed_errors)})",  # pytest shows the traceback; reports have none to point at
            f"raised {type(exc).__name__}",
        ) from exc
    return Outcome(message=as_message_dict(result, target.vendor, target.verb))


def run_incremental(target: Target, chunks: Sequence[bytes]) -> tuple[list[dict[str, Any]], Outcome]:
    """The snapshots `parse_incremental` yields, and how it ended."""
    __tracebackhide__ = True
    assert target.parse_incremental is not None
    out: list[dict[str, Any]] = []
    try:
        for snapshot in target.parse_incremental(iter(chunks)):
            out.append(as_message_dict(snapshot, target.vendor))
    except CheckFailed:
        raise
    except target.typed_errors as exc:
        return out, Outcome(error=exc)
    except Exception as exc:
        raise CheckFailed(
            f"parse_incremental raised {type(exc).__name__}: {clip(str(exc), 200)}",
            f"raised {type(exc).__name__}",
        ) from exc
    return out, Outcome(message=out[-1] if out else None)
