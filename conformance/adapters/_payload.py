"""Payload helpers: read a vendor event's JSON payload field by field, with clear errors.

Adapters read payloads through `require` and `optional` so that a malformed event names the
field at fault (a `VendorEventError` the adapter then locates at the event) instead of
surfacing as a `KeyError` from deep inside a handler; `usage_from` maps a vendor's usage
fields onto the normalized keys (oracles and converters use it too). `load_json` is the one
JSON reading of a payload, for every framing, with its typed errors.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from conformance.errors import InvalidJSONError, LimitExceededError, VendorEventError
from conformance.json import quick as quick_json
from conformance.limits import Limits, check_json_depth, integer_too_long


def load_json(text: str | bytes, limits: Limits, *, where: str = "") -> Any:
    """The JSON value of one payload, or a typed error for the caller to locate at its event:
    `InvalidJSONError` (not JSON, not UTF-8), `LimitExceededError` (nested deeper than
    `max_json_depth`, checked on the text before parsing; an integer longer than Python
    converts). `where` (" in data" for SSE) goes into the messages."""
    try:
        if len(text) > limits.max_json_depth:  # shorter text cannot nest deeper: skip the call
            check_json_depth(text, limits)
        return quick_json.loads(text) if isinstance(text, str) else json.loads(text)
    except json.JSONDecodeError as exc:
        raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        snippet = raw[max(0, exc.pos - 20) : exc.pos + 20]
        raise InvalidJSONError(f"invalid JSON{where}: {exc.msg} near {snippet!r}") from None
    except UnicodeDecodeError as exc:
        raise InvalidJSONError(f"payload is not UTF-8 JSON: {exc.reason}") from None
    except RecursionError:
        raise LimitExceededError(f"JSON nested too deeply{where}", limit="max_json_depth") from None
    except LimitExceededError:
        raise
    except ValueError:  # json.loads' bare ValueError: an integer over Python's digit limit
        raise integer_too_long() from None


_KIND_NAMES = {dict: "an object", list: "an array", str: "a string", int: "an integer"}


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_KIND_NAMES.get(k, k.__name__) for k in kinds)


class _Missing:
    pass


_MISSING = _Missing()  # of a type no caller asks for, so the fast path below never returns it


def require(data: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    """`data[key]`, checked to be of `kind`; a clear `VendorEventError` otherwise.

    Adapters read payloads through this (and `optional`) so that a malformed event names
    the field at fault instead of surfacing as a KeyError from deep inside a handler.
    """
    # Called several times for every event: the usual case (a plain dict holding a value of
    # exactly `kind`) is decided by two `type() is` tests; anything else, subclasses and
    # tuples of kinds included, takes the full checks below.
    if type(data) is dict:
        value = data.get(key, _MISSING)
        if type(value) is kind:
            return value
    return _require(data, key, kind)


def _require(data: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(data, dict):
        raise VendorEventError(f"expected a JSON object holding {key!r}, got {_short(data)}")
    if key not in data:
        raise VendorEventError(f"missing field {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise VendorEventError(f"field {key!r} should be {_kind_name(kind)}, got {_short(value)}")
    return value


def optional(data: Any, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    """Like `require`, but an absent or null field gives `default`."""
    if type(data) is dict:  # the fast path, as in `require`
        value = data.get(key)
        if value is None:
            return default
        if type(value) is kind:
            return value
    return _optional(data, key, kind, default)


def _optional(data: Any, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
    if not isinstance(data, dict):
        raise VendorEventError(f"expected a JSON object holding {key!r}, got {_short(data)}")
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise VendorEventError(f"field {key!r} should be {_kind_name(kind)}, got {_short(value)}")
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, bytes) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def usage_from(raw: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, int]:
    """Normalized usage: `mapping` is vendor field (dotted path) -> normalized key.

    Only integer values that are present are taken: "as reported", never invented.
    """
    usage: dict[str, int] = {}
    for path, key in mapping.items():
        value: Any = raw
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, int) and not isinstance(value, bool):
            usage[key] = value
    return usage
