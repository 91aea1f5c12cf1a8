"""What the checks speak of: the Message fields they compare and who owns each, the
fields a suite can mask, the features that name whole cassettes, and how a check fails."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from conformance.message import Message
from conformance.suite.diff import (
    TOOL_CALL_SIGNATURES,
)

# -- vocabulary -------------------------------------------------------------------------------

SIGNATURE_FIELDS = ("signatures", TOOL_CALL_SIGNATURES)
"""Reasoning signatures and each tool call's signature: the `signatures` check's alone (a
projected `tool_calls` leaves each call's `signature` out, see `diff.project`)."""

COMPARED_FIELDS = (*(f.name for f in dataclasses.fields(Message) if f.name != "vendor"), TOOL_CALL_SIGNATURES)
"""`Message` fields the checks compare (`vendor` names the adapter, not the stream), and the
tool calls' signatures apart from the calls."""

FIELD_CHECKS: Mapping[str, tuple[str, ...]] = {
    "tool_args": ("tool_calls",),
    "text": ("text",),
    "reasoning": ("reasoning",),
    "usage": ("usage",),
    "stop_reason": ("stop_reason", "vendor_stop_reason"),
    "signatures": SIGNATURE_FIELDS,
}
"""Checks that own a field of the expected message on every cassette; `whole` owns the rest."""

FEATURE_FIELD_CHECKS: Mapping[str, tuple[str, ...]] = {
    "server_tools": ("server_tool_calls", "server_tool_results"),
    "citations": ("citations",),
}
"""Checks that own fields only on cassettes with the feature of the same name (elsewhere
`whole` owns them, so a parser that invents server tool calls or citations still fails)."""

MASKS = {
    "text": ("text",),
    "reasoning": ("reasoning",),
    "refusal": ("refusal",),
    "tool_calls": ("tool_calls",),
    "tool_args": ("tool_calls",),
    "usage": ("usage",),
    "stop_reason": ("stop_reason", "vendor_stop_reason"),
    "server_tools": ("server_tool_calls", "server_tool_results"),
    "citations": ("citations",),
    # a parser that cannot tell a body cut just before its terminator from a complete one (the
    # official SDKs) does not claim `complete`: generated streams cut short are not drawn for it
    "truncated_end": ("complete",),
    "signatures": SIGNATURE_FIELDS,
}
"""An `unsupported` name -> the Message fields no check compares for that suite."""

WHOLE_CASSETTE = frozenset({"error", "truncated", "non_ascii", "parallel_tool_calls", "content_filter"})
"""Unsupported features with no field of their own: a cassette exercising one is skipped whole."""

CHECK_FEATURE = {"tool_args": "tool_calls", "truncated_end": "truncated", "truncated_mid": "truncated"}
"""A check id -> the feature name that, when unsupported, also skips the check."""

ALIASES = {"thinking": "reasoning", "tool_use": "tool_calls"}
"""Other vendors' words accepted in `unsupported`."""


class CheckFailed(AssertionError):
    """A check found the parser wrong; the message is what a person reads first.

    `field` is the cause's field path (`usage.input_tokens`, `complete`, `raised KeyError`):
    reports group failures by check and field.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class CheckSkipped(Exception):
    """Nothing for this case to judge on its own: the parser crashed where another check reports it."""


@dataclass(frozen=True)
class Problem:
    """What a check objects to: the field path of the cause, and the lines that show it."""

    field: str
    lines: list[str]


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
