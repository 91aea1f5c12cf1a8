"""Baselines of known failures: the conformance tests a project knows fail, by stable id.

How conformance suites such as web-platform-tests and test262 are adopted: the failures a
project cannot fix yet are written down, and its CI fails only on failures not listed. A
listed test that passes is "fixed: remove it from the baseline"; a listed test that no
longer exists is reported, never silently kept.

A test's stable id is `Class::check[vendor/scenario]`: the `AdapterSuite` subclass (its
qualified name), the check id and the cassette id. It does not depend on the file path, the
pytest node id or the xdist worker. The file is JSON, sorted, one entry a line so that a
diff reviews well, and written atomically (a temporary file beside it, then a rename):

    {
      "format": "stream-conformance-baseline",
      "version": 1,
      "known_failures": [
        "TestMyParser::split[openai-chat/non_ascii]",
        "TestMyParser::usage[openai-chat/usage]"
      ]
    }
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from conformance.errors import ConformanceError

FORMAT = "stream-conformance-baseline"
VERSION = 1

_ID = re.compile(r"(?P<cls>[^:\[\]\s]+)::(?P<check>[a-z_]+)\[(?P<cassette>[^\[\]\s]+)\]")


class BaselineError(ConformanceError):
    """A baseline file that cannot be read (the message names the file and what is wrong)."""


def stable_id(cls_name: str, check: str, cassette: str) -> str:
    """`TestMyParser::split[openai-chat/non_ascii]`."""
    return f"{cls_name}::{check}[{cassette}]"


def class_of(test_id: str) -> str:
    """The class part of a stable id (`TestMyParser`); the id itself if it is not one."""
    match = _ID.fullmatch(test_id)
    return match["cls"] if match else test_id


@dataclass(frozen=True)
class Baseline:
    path: Path
    known: frozenset[str]


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; `BaselineError` if it is missing or not one."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: no baseline file (write one with --conformance-update-baseline)"
        ) from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{path}: not a readable JSON baseline: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BaselineError(f'{path}: not a stream-conformance baseline (no "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise BaselineError(f"{path}: baseline version {document.get('version')!r}; this kit reads {VERSION}")
    entries = document.get("known_failures")
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise BaselineError(f'{path}: "known_failures" must be a list of test ids')
    malformed = [e for e in entries if not _ID.fullmatch(e)]
    if malformed:
        raise BaselineError(
            f"{path}: {malformed[0]!r} is not a test id like 'TestMyParser::split[openai-chat/text]'"
        )
    return Baseline(path, frozenset(entries))


def dump_baseline(ids: Iterable[str]) -> str:
    """The file's text: sorted ids, one a line."""
    entries = sorted(set(ids))
    lines = [f'  "format": "{FORMAT}",', f'  "version": {VERSION},']
    if not entries:
        return "{\n" + "\n".join([*lines, '  "known_failures": []']) + "\n}\n"
    body = ",\n".join(f"    {json.dumps(e, ensure_ascii=False)}" for e in entries)
    return "{\n" + "\n".join([*lines, '  "known_failures": [', body, "  ]"]) + "\n}\n"


def write_baseline(path: str | os.PathLike[str], ids: Iterable[str]) -> None:
    """Write the baseline atomically: readers see the old file or the new one, never half of one."""
    write_atomically(Path(path), dump_baseline(ids))


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Stale:
    """Baseline entries that name no collected test."""

    gone: tuple[str, ...]
    """Their class was collected, the test was not: renamed or removed (a cassette, a check)."""
    elsewhere: tuple[str, ...]
    """Their class was not collected in this run (not selected, or renamed or removed)."""

    def __bool__(self) -> bool:
        return bool(self.gone or self.elsewhere)


def stale_entries(known: Iterable[str], collected: set[str], classes: set[str]) -> Stale:
    """Which `known` entries name no test in `collected` (ids collected before any deselection)."""
    missing = sorted(e for e in known if e not in collected)
    return Stale(
        tuple(e for e in missing if class_of(e) in classes),
        tuple(e for e in missing if class_of(e) not in classes),
    )


def updated_entries(
    known: Iterable[str], *, failed: set[str], ran: set[str], collected: set[str], classes: set[str]
) -> list[str]:
    """The new baseline: this run's failures, plus old entries this run says nothing about.

    An old entry is kept if its test was collected but not run (`-k`, `--deselect`) or its
    class was not collected at all; it is dropped if it ran (it passed, or it is in
    `failed` anyway) or if its class was collected without it (the test no longer exists).
    """
    kept = {e for e in known if e not in ran and (e in collected or class_of(e) not in classes)}
    return sorted(failed | kept)
