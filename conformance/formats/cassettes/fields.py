"""The closed field tables of `metadata.conformance`: which features a cassette may name, and
what each field the kit reads may hold, checked so that no later use of a field ends in a
traceback.

Absent is always fine; fields of `metadata.conformance` not named here (added by newer kits)
are kept unread, while `expected` and its records are closed (an unknown field is an error).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from conformance.errors import CassetteError

FEATURES = frozenset(
    {
        "text",
        "reasoning",
        "tool_calls",
        "parallel_tool_calls",
        "usage",
        "error",
        "truncated",
        "keepalive",
        "non_ascii",
        "refusal",
        "content_filter",
        "server_tools",
        "citations",
    }
)
"""What a cassette's `features` may name: what a parser must support for it."""


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _scalar_name(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    )


def _json_value(value: Any) -> bool:
    """A value JSON can hold: what tool-call arguments are (no dates, sets or binary)."""
    stack = [value]
    while stack:  # a loop, not recursion: nesting depth is the YAML's
        item = stack.pop()
        if isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif not (item is None or isinstance(item, (str, int, float))):
            return False
    return True


Check = tuple[Callable[[Any], bool], str]


def _mapping_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


METADATA_FIELDS: dict[str, Check] = {
    "vendor": (_scalar_name, "text"),
    "scenario": (_scalar_name, "text"),
    "description": (_optional_text, "text"),
    "features": (lambda v: v is None or _text_list(v), "a list of feature names"),
    "source": (lambda v: v is None or _text(v) or _text_list(v), "a URL or a list of URLs"),
    "expected": (lambda v: v is None or isinstance(v, dict), "a Message mapping (Message.to_dict())"),
    "chunks": (
        lambda v: v is None or (isinstance(v, list) and all(_int(n) and n > 0 for n in v)),
        "a list of positive byte lengths",
    ),
    "chunk_times_ms": (lambda v: v is None or _number_list(v), "a list of times in ms"),
}
EXPECTED_FIELDS: dict[str, Check] = {
    "vendor": (_text, "text"),
    "text": (_text, "text"),
    "reasoning": (_text, "text"),
    "refusal": (_text, "text"),
    "tool_calls": (lambda v: isinstance(v, list), "a list of tool calls"),
    "stop_reason": (_optional_text, "text or null"),
    "vendor_stop_reason": (_optional_text, "text or null"),
    "usage": (
        lambda v: v is None or (isinstance(v, dict) and all(_text(k) and _int(n) for k, n in v.items())),
        "null or a mapping of names to integers",
    ),
    "error": (
        lambda v: v is None or (isinstance(v, dict) and all(_text(k) and _text(t) for k, t in v.items())),
        "null or a mapping of names to text",
    ),
    "complete": (lambda v: isinstance(v, bool), "true or false"),
    "server_tool_calls": (_mapping_list, "a list of server tool calls"),
    "server_tool_results": (_mapping_list, "a list of server tool results"),
    "citations": (lambda v: _mapping_list(v) and _json_value(v), "a list of JSON objects (citations)"),
    "signatures": (
        lambda v: isinstance(v, list) and all(isinstance(s, dict) and set(s) == {"kind", "value"} for s in v),
        "a list of {kind, value} signatures",
    ),
}
TOOL_CALL_FIELDS: dict[str, Check] = {
    "id": (_optional_text, "text or null"),
    "name": (_text, "text"),
    "arguments": (_json_value, "a JSON value"),
    "arguments_json": (_optional_text, "text or null"),
    "signature": (_optional_text, "text or null"),
}
TOOL_RESULT_FIELDS: dict[str, Check] = {
    "tool_use_id": (_optional_text, "text or null"),
    "type": (_text, "text"),
    "content": (_json_value, "a JSON value"),
}
# The lists of records in `expected`: field -> (each record's fields, the one it must have).
RECORD_LISTS: dict[str, tuple[Mapping[str, Check], str]] = {
    "tool_calls": (TOOL_CALL_FIELDS, "name"),
    "server_tool_calls": (TOOL_CALL_FIELDS, "name"),
    "server_tool_results": (TOOL_RESULT_FIELDS, "type"),
}


def check_metadata(meta: Mapping[str, Any], where: str) -> None:
    """Raise `CassetteError` naming the field and the file if a field of `metadata.conformance`
    the kit reads has the wrong type, so that no later use of it ends in a traceback."""
    _check_fields(meta, METADATA_FIELDS, "metadata.conformance", where, closed=False)
    expected = meta.get("expected")
    if expected is None:
        return
    _check_fields(expected, EXPECTED_FIELDS, "metadata.conformance.expected", where, closed=True)
    if "vendor" not in expected:
        raise CassetteError(f"{where}: metadata.conformance.expected needs a 'vendor'")
    for list_name, (table, required) in RECORD_LISTS.items():
        for i, record in enumerate(expected.get(list_name) or ()):
            field_path = f"metadata.conformance.expected.{list_name}[{i}]"
            if not isinstance(record, dict):
                raise CassetteError(f"{where}: {field_path} must be a mapping, not {kind_of(record)}")
            _check_fields(record, table, field_path, where, closed=True)
            if required not in record:
                raise CassetteError(f"{where}: {field_path} needs a {required!r}")


def _check_fields(
    data: Mapping[str, Any], table: Mapping[str, Check], prefix: str, where: str, *, closed: bool
) -> None:
    for name, value in data.items():
        check = table.get(name) if isinstance(name, str) else None
        if check is None:
            if closed:
                raise CassetteError(f"{where}: {prefix} has an unknown field {short(name)}")
            continue
        test, kind = check
        if not test(value):
            raise CassetteError(f"{where}: {prefix}.{name} must be {kind}, not {short(value)}")


def kind_of(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def short(value: Any) -> str:
    """A value for an error message: its repr if short, else its type (never expanded)."""
    if isinstance(value, (str, bytes, int, float, bool)) or value is None:
        text = repr(value) if not isinstance(value, int) or value.bit_length() < 64 else "a long integer"
        return text if len(text) <= 40 else f"{text[:37]}..."
    return f"a {type(value).__name__}"
