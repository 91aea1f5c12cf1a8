"""Finding cassettes: the bundled folder, the files under a folder, and a bundled cassette by
id (`anthropic/text`) wherever a path is accepted."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from conformance.errors import CassetteError

CASSETTE_ID = re.compile(r"[a-z0-9][a-z0-9-]*/[A-Za-z0-9_][A-Za-z0-9_.-]*")
"""A bundled cassette's id: `<vendor>/<scenario>`, e.g. `anthropic/tool_use`."""


def is_cassette_id(ref: str | os.PathLike[str]) -> bool:
    """Whether `ref` names a bundled cassette by id rather than a file: it looks like
    `vendor/scenario`, has no `.yaml` suffix and is no existing file."""
    text = os.fspath(ref)
    return (
        bool(CASSETTE_ID.fullmatch(text))
        and Path(text).suffix not in (".yaml", ".yml")
        and not Path(text).exists()
    )


def resolve_cassette(ref: str | os.PathLike[str]) -> Path:
    """A cassette file, from its path or a bundled cassette's id (`anthropic/text`): wherever a
    path is accepted, so that examples work from a `pip install` as from a checkout."""
    if not is_cassette_id(ref):
        return Path(ref)
    text = os.fspath(ref)
    found = bundled_cassette_dir() / f"{text}.yaml"
    if found.is_file():
        return found
    vendor = text.partition("/")[0]
    known = (
        sorted(f"{p.parent.name}/{p.stem}" for p in iter_cassette_paths(vendor=vendor))
        if (bundled_cassette_dir() / vendor).is_dir()
        else []
    )
    hint = (
        f"bundled {vendor} cassettes: {', '.join(known)}"
        if known
        else "`conformance vendors` lists the vendors"
    )
    raise CassetteError(f"{text}: no such file, and no bundled cassette of that id ({hint})")


def bundled_cassette_dir() -> Path:
    """Where the bundled cassettes are: the checkout's `cassettes/`, or the installed copy."""
    from conformance.formats.bundled import bundled_path

    return bundled_path("cassettes")


def iter_cassette_paths(
    directory: str | os.PathLike[str] | None = None, *, vendor: str | None = None
) -> Iterator[Path]:
    """Cassette files under `directory` (default: the bundled ones), sorted, for `vendor` if given."""
    root = Path(directory) if directory is not None else bundled_cassette_dir()
    pattern = f"{vendor}/*.yaml" if vendor else "*/*.yaml"
    yield from sorted(root.glob(pattern))
