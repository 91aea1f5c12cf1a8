"""A run's results as a versioned JSON document, for CI artifacts and `conformance report --compare`.

The shape is `schemas/results/v1.json` (JSON Schema 2020-12, `$id`
`https://stream-conformance.invalid/schemas/results/v1.json`); every file this module writes
validates against it, and `load_results` refuses a file that does not. One entry per test,
sorted by its stable id (`baseline.stable_id`), with the conformance outcome (`passed`,
`failed`, `unsupported`, `skipped`) and, where a baseline was given, how the test stands
in it (`known`: a listed failure, `fixed`: listed but passed). Nothing in it depends on the
machine, the clock or the xdist worker, so two runs of the same code give the same file.

    {"format": "stream-conformance-results", "version": 1, "kit_version": "0.1.0",
     "hypothesis_profile": "ci", "baseline": "conformance-baseline.json",
     "summary": {"passed": 41, "failed": 0, "known": 2, "fixed": 0, "unsupported": 3, "skipped": 0},
     "stale_baseline_entries": [],
     "results": [{"id": "TestMyParser::split[openai-chat/non_ascii]", "adapter": "TestMyParser (openai-chat)",
                  "check": "split", "cassette": "openai-chat/non_ascii", "outcome": "failed",
                  "baseline": "known", "message": "split: openai-chat/non_ascii: ...", "nodeid": "..."}]}
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.baseline import write_atomically
from conformance.errors import ConformanceError

FORMAT = "stream-conformance-results"
VERSION = 1
SCHEMA_ID = "https://stream-conformance.invalid/schemas/results/v1.json"
OUTCOMES = ("passed", "failed", "unsupported", "skipped")
MAX_MESSAGE = 4000
"""Characters of a failure message kept (a crash's traceback can be long)."""


class ResultsError(ConformanceError):
    """A results file that cannot be read (the message names the file and what is wrong)."""


@dataclass(frozen=True)
class TestResult:
    """One test of a run."""

    __test__ = False  # not a pytest test class, whatever its name

    id: str
    adapter: str
    check: str
    cassette: str
    outcome: str
    baseline: str | None = None
    """`known` (a listed failure), `fixed` (listed, but it passed) or None."""
    message: str = ""
    nodeid: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "adapter": self.adapter,
            "check": self.check,
            "cassette": self.cassette,
            "outcome": self.outcome,
            "baseline": self.baseline,
            "message": self.message[:MAX_MESSAGE],
            "nodeid": self.nodeid,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TestResult:
        return cls(
            id=data["id"],
            adapter=data["adapter"],
            check=data["check"],
            cassette=data["cassette"],
            outcome=data["outcome"],
            baseline=data.get("baseline"),
            message=data.get("message", ""),
            nodeid=data.get("nodeid", ""),
        )

    @property
    def red(self) -> bool:
        """Whether this test turns the run red: a failure not listed in the baseline."""
        return self.outcome == "failed" and self.baseline != "known"


def summary(results: Iterable[TestResult]) -> dict[str, int]:
    """Counts: `failed` are the failures not in the baseline, `known` the listed ones."""
    counts = dict.fromkeys(("passed", "failed", "known", "fixed", "unsupported", "skipped"), 0)
    for r in results:
        key = "known" if r.outcome == "failed" and r.baseline == "known" else r.outcome
        counts[key] = counts.get(key, 0) + 1  # an unknown outcome is left for the schema to refuse
        if r.baseline == "fixed":
            counts["fixed"] += 1
    return counts


def results_document(
    results: Iterable[TestResult],
    *,
    baseline: str | None = None,
    stale: Iterable[str] = (),
    hypothesis_profile: str | None = None,
) -> dict[str, Any]:
    """The JSON document of a run (see the module docstring)."""
    from conformance import __version__

    ordered = sorted(results, key=lambda r: r.id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "kit_version": __version__,
        "hypothesis_profile": hypothesis_profile,
        "baseline": baseline,
        "summary": summary(ordered),
        "stale_baseline_entries": sorted(stale),
        "results": [r.to_dict() for r in ordered],
    }


def dump_results(document: Mapping[str, Any]) -> str:
    """The file's text: one result a line, so that two files diff well too."""
    head = {k: v for k, v in document.items() if k != "results"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "results": [']
    rows = [json.dumps(r, ensure_ascii=False) for r in document["results"]]
    if rows:
        lines.append(",\n".join(rows))
    return "\n".join([*lines, "]}"]) + "\n"


def write_results(path: str | os.PathLike[str], document: Mapping[str, Any]) -> None:
    problems = validate(document)
    if problems:  # the kit's own bug; say so rather than write a file nobody can read
        raise ResultsError(f"refusing to write results that do not match {SCHEMA_ID}: {problems[0]}")
    write_atomically(Path(path), dump_results(document))


def validate(document: Any) -> list[str]:
    """What is wrong with `document` against the results schema ([] if nothing)."""
    from conformance.schemas import validator

    check = validator("results", f"v{VERSION}")
    assert check is not None, "schemas/results/v1.json is missing from the kit"
    return [f"{e.json_path}: {e.message}" for e in check.iter_errors(document)]


def load_results(path: str | os.PathLike[str]) -> tuple[dict[str, Any], list[TestResult]]:
    """A results file: the document and its entries; `ResultsError` if it is not one."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResultsError(f"{path}: not a readable JSON results file: {exc}") from None
    if isinstance(document, dict) and document.get("format") == FORMAT and document.get("version") != VERSION:
        raise ResultsError(f"{path}: results version {document.get('version')!r}; this kit reads {VERSION}")
    problems = validate(document)
    if problems:
        raise ResultsError(f"{path}: not a stream-conformance results file: {problems[0]}")
    return document, [TestResult.from_dict(r) for r in document["results"]]
