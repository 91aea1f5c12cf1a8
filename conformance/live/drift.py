"""Drift: how a re-recorded stream differs *in shape* from the old one, and from the schemas.

Vendors change streams without notice: a new event type, a new or missing field, a field
whose type changed, usage reported in another event. Values (text, ids, token counts)
always change between recordings and are not drift; shapes are. The shape of a stream is,
per vendor event type, the set of JSON paths seen with the JSON types at each path
(array items merged under `[]`), plus the values of `type` discriminator fields, so a new
delta type (`"$.delta.type": "citations_delta"`) shows as drift too. The recorder adds one
more row, `expected from reference`, for a recording whose expected message could not be
vouched for by an official SDK (`conformance.formats.provenance`): a person should review it. Sans-IO.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from conformance.adapters import VendorEvent

Shape = dict[str, dict[str, set[str]]]
"""event type -> JSON path -> the JSON types (and `type` values) seen there."""

USAGE_KEYS = ("usage", "usageMetadata", "x_groq")


@dataclass(frozen=True)
class Drift:
    """One shape difference: `kind` is one of the `KINDS`."""

    kind: str
    event_type: str
    path: str
    old: str
    new: str
    vendor: str = ""
    scenario: str = ""

    def __str__(self) -> str:
        where = f"{self.vendor}/{self.scenario} " if self.vendor else ""
        return f"{where}{self.event_type} {self.path}: {self.kind}: {self.old} -> {self.new}"


KINDS = (
    "new event type",
    "event type gone",
    "new field",
    "field gone",
    "type changed",
    "new type value",
    "usage moved",
    "schema",
    "expected from reference",  # not shape: the new expected message is the kit's own parser's
)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _walk(value: Any, path: str, into: dict[str, set[str]]) -> None:
    into[path].add(_json_type(value))
    if isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}"
            _walk(item, child, into)
            if key == "type" and isinstance(item, str):
                into[child].add(f"={item}")
    elif isinstance(value, list):
        for item in value:
            _walk(item, f"{path}[]", into)


def stream_shape(events: Iterable[VendorEvent]) -> Shape:
    shape: Shape = defaultdict(lambda: defaultdict(set))
    for event in events:
        _walk(event.data, "$", shape[event.type])
    return {k: dict(v) for k, v in shape.items()}


def _usage_events(shape: Shape) -> set[str]:
    return {
        event_type
        for event_type, paths in shape.items()
        if any(path.rsplit(".", 1)[-1] in USAGE_KEYS and "object" in kinds for path, kinds in paths.items())
    }


def diff_shapes(old: Shape, new: Shape, *, vendor: str = "", scenario: str = "") -> list[Drift]:
    """What changed from `old` to `new`, in a stable order."""
    out: list[Drift] = []

    def add(kind: str, event_type: str, path: str, was: str, now: str) -> None:
        out.append(Drift(kind, event_type, path, was, now, vendor, scenario))

    for event_type in sorted(set(old) | set(new)):
        if event_type not in old:
            add("new event type", event_type, "$", "absent", "present")
            continue
        if event_type not in new:
            add("event type gone", event_type, "$", "present", "absent")
            continue
        before, after = old[event_type], new[event_type]
        for path in sorted(set(before) | set(after)):
            if path not in before:
                add("new field", event_type, path, "absent", _types(after[path]))
            elif path not in after:
                add("field gone", event_type, path, _types(before[path]), "absent")
            else:
                was = {t for t in before[path] if not t.startswith("=")}
                now = {t for t in after[path] if not t.startswith("=")}
                if was != now:
                    add("type changed", event_type, path, _types(was), _types(now))
                for value in sorted(t for t in after[path] - before[path] if t.startswith("=")):
                    add("new type value", event_type, path, _types(before[path]), value[1:])
    old_usage, new_usage = _usage_events(old), _usage_events(new)
    if old_usage and new_usage and old_usage != new_usage:
        add(
            "usage moved",
            ", ".join(sorted(new_usage)),
            "$",
            ", ".join(sorted(old_usage)),
            ", ".join(sorted(new_usage)),
        )
    return out


def _types(kinds: Iterable[str]) -> str:
    return "|".join(sorted(k if not k.startswith("=") else repr(k[1:]) for k in kinds))


def drift_markdown(drifts: Iterable[Drift], *, title: str = "Stream drift") -> str:
    """A Markdown report: one table row per drift, grouped by vendor and scenario."""
    rows = list(drifts)
    lines = [f"## {title}", ""]
    if not rows:
        lines.append("No drift: every re-recorded stream has the shape of the one it replaces.")
        return "\n".join(lines) + "\n"
    lines += [
        "| vendor | scenario | event | JSON path | change | old | new |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for d in rows:
        cells = [d.vendor, d.scenario, d.event_type, f"`{d.path}`", d.kind, d.old, d.new]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
