"""Declared differences: what a parser legitimately reports otherwise than the vendor sent it.

Real client libraries keep less than the wire carries, on purpose: they make up their own
tool-call ids, estimate usage, keep no vendor stop reason, report 0 for a usage key the
vendor never sent, map a refusal to `content_filter`, count cache tokens inside input tokens.
A suite says so, per field and kind, in `AdapterSuite.declared`:

    class TestLangChainAnthropic(AdapterSuite):
        vendor = "anthropic"
        declared = {"tool_calls.id": "synthesized", "usage.input_tokens": "includes_cache"}

Strategy: each entry of `DIFFERENCES` is a pair of pure functions on `Message.to_dict()`
dicts, one for the expected side and one for the parser's side, applied before every
comparison (a check that compares the parser with itself applies the parser's side to both).
Most are one function used on both sides (e.g. both sides' tool-call ids become a marker);
a *convention* (`includes_cache`) turns the expected message into the library's convention.
Nothing is silent: reports list what each suite declared. Adding a kind is one table entry.
A kind the table does not name goes in the suite's `normalize(self, message)` hook instead.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

MessageDict = dict[str, Any]
Normalizer = Callable[[MessageDict, str], MessageDict]
"""(message dict, vendor) -> message dict; never mutates its argument."""

SYNTHESIZED = "<synthesized>"
"""What a tool-call id becomes on both sides under `tool_calls.id: synthesized`."""

NORMAL_STOP_REASONS = frozenset({"stop", "length", "tool_calls", "content_filter"})
"""Normalized stop reasons that read as a stream that finished normally."""

CACHE_OUTSIDE_INPUT = frozenset({"anthropic"})
"""Vendors whose `input_tokens` do not count cache reads and writes, so a library that adds them
in differs from the wire. https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
("total input tokens = input_tokens + cache_creation_input_tokens + cache_read_input_tokens").
OpenAI's `prompt_tokens` and Gemini's `promptTokenCount` already include cached tokens."""


@dataclass(frozen=True)
class DeclaredDifference:
    """One kind of difference a suite may declare for one field."""

    field: str
    """A `Message` field or a path into one (`usage.input_tokens`, `tool_calls.id`)."""
    kind: str
    summary: str
    """What the library does, in a line (reports show it)."""
    expected: Normalizer
    got: Normalizer
    touches: tuple[str, ...]
    """The `Message` fields it may change (checks that compare none of them are unaffected)."""

    @property
    def label(self) -> str:
        return f"{self.field}: {self.kind}"


def _copy(message: MessageDict) -> MessageDict:
    return copy.deepcopy(message)


def _synthesized_ids(message: MessageDict, vendor: str) -> MessageDict:
    out = _copy(message)
    for call in out.get("tool_calls") or ():
        if call.get("id") is not None:  # an id must still be there; only its value is the library's
            call["id"] = SYNTHESIZED
    return out


def _no_usage(message: MessageDict, vendor: str) -> MessageDict:
    return {**message, "usage": None}


def _zeros_dropped(message: MessageDict, vendor: str) -> MessageDict:
    usage = message.get("usage")
    if usage is None:
        return message
    return {**message, "usage": {key: value for key, value in usage.items() if value != 0}}


def _cache_into_input(message: MessageDict, vendor: str) -> MessageDict:
    usage = message.get("usage")
    if vendor not in CACHE_OUTSIDE_INPUT or not usage or "input_tokens" not in usage:
        return message
    cached = usage.get("cache_read_tokens", 0) + usage.get("cache_write_tokens", 0)
    return {**message, "usage": {**usage, "input_tokens": usage["input_tokens"] + cached}}


def _no_vendor_stop_reason(message: MessageDict, vendor: str) -> MessageDict:
    return {**message, "vendor_stop_reason": None}


def _refusal_as_filter(message: MessageDict, vendor: str) -> MessageDict:
    if not message.get("refusal"):
        return message
    return {**message, "refusal": "", "stop_reason": "content_filter"}


def _same(message: MessageDict, vendor: str) -> MessageDict:
    return message


DIFFERENCES: Mapping[tuple[str, str], DeclaredDifference] = {
    (d.field, d.kind): d
    for d in (
        DeclaredDifference(
            "tool_calls.id",
            "synthesized",
            "tool-call ids are the library's own: each call must have one, its value is not compared",
            _synthesized_ids,
            _synthesized_ids,
            ("tool_calls",),
        ),
        DeclaredDifference(
            "usage",
            "estimated",
            "usage is counted by the library, not taken from the stream: not compared",
            _no_usage,
            _no_usage,
            ("usage",),
        ),
        DeclaredDifference(
            "usage",
            "absent",
            "the library keeps no usage: not compared",
            _no_usage,
            _no_usage,
            ("usage",),
        ),
        DeclaredDifference(
            "usage.input_tokens",
            "includes_cache",
            "input_tokens count cache reads and writes too: the expected input_tokens get them added "
            f"(vendors that count them apart: {', '.join(sorted(CACHE_OUTSIDE_INPUT))})",
            _cache_into_input,
            _same,
            ("usage",),
        ),
        DeclaredDifference(
            "usage",
            "missing_as_zero",
            "a usage key the vendor did not send is reported as 0: keys worth 0 are left out on both sides",
            _zeros_dropped,
            _zeros_dropped,
            ("usage",),
        ),
        DeclaredDifference(
            "vendor_stop_reason",
            "absent",
            "the library keeps no vendor stop reason: not compared",
            _no_vendor_stop_reason,
            _no_vendor_stop_reason,
            ("vendor_stop_reason",),
        ),
        DeclaredDifference(
            "refusal",
            "as_content_filter",
            "a refusal is reported as stop_reason content_filter, without its text: "
            "a message with refusal text counts as refusal '' and stop_reason content_filter",
            _refusal_as_filter,
            _refusal_as_filter,
            ("refusal", "stop_reason"),
        ),
    )
}
"""The vocabulary of `AdapterSuite.declared`: (field, kind) -> what it does to each side."""

NORMALIZE = "normalize"
"""The label under which a suite's own `normalize(self, message)` hook is reported."""


@dataclass(frozen=True)
class Declared:
    """A suite's declared differences, as the checks apply them (`none()` declares nothing)."""

    differences: tuple[DeclaredDifference, ...] = ()
    hook: Callable[[MessageDict], MessageDict] | None = None

    @classmethod
    def none(cls) -> Declared:
        return cls()

    def labels(self, fields: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """What the suite declared (for reports); with `fields`, only what touches one of them."""
        out = [d.label for d in self.differences if fields is None or set(d.touches) & set(fields)]
        if self.hook is not None:
            out.append(NORMALIZE)
        return tuple(out)

    def expected(self, message: MessageDict, vendor: str) -> MessageDict:
        """The expected message as the declared differences make it."""
        for d in self.differences:
            message = d.expected(message, vendor)
        return self._hook(message)

    def got(self, message: MessageDict, vendor: str) -> MessageDict:
        """A message the parser gave, as the declared differences make it."""
        for d in self.differences:
            message = d.got(message, vendor)
        return self._hook(message)

    def _hook(self, message: MessageDict) -> MessageDict:
        if self.hook is None:
            return message
        result = self.hook(_copy(message))
        if not isinstance(result, Mapping):
            raise TypeError(f"normalize returned {type(result).__name__}; expected a message dict")
        return dict(result)

    def __bool__(self) -> bool:
        return bool(self.differences) or self.hook is not None


def parse_declared(
    owner: str, declared: Mapping[str, str], hook: Callable[[MessageDict], MessageDict] | None = None
) -> Declared:
    """A suite's `declared` mapping checked against `DIFFERENCES`: ValueError naming any unknown pair."""
    if not isinstance(declared, Mapping):
        raise ValueError(f"{owner}.declared must be a dict of field -> kind, not {type(declared).__name__}")
    found = []
    for field, kind in declared.items():
        difference = DIFFERENCES.get((field, kind))
        if difference is None:
            known = "; ".join(f"{f!r}: {k!r}" for f, k in DIFFERENCES)
            raise ValueError(
                f"{owner}.declared has {field!r}: {kind!r}, which the kit does not know; known: {known}"
            )
        found.append(difference)
    # Applied in the table's order, not the suite's: a convention (`includes_cache`) must see
    # the vendor's usage before `missing_as_zero` drops its zeros, whichever the suite wrote first.
    order = list(DIFFERENCES.values())
    return Declared(tuple(sorted(found, key=order.index)), hook)
