"""A run's results as a versioned JSON document, for CI artifacts and `conformance report --compare`.

The shape is `schemas/results/v2.json` (JSON Schema 2020-12, `$id`
`https://stream-conformance.invalid/schemas/results/v2.json`); every file this module writes
validates against it, and `load_results` refuses a file that does not (it still reads version 1
files, which have no causes and no declared differences). One entry per test,
sorted by its stable id (`baseline.stable_id`), with the conformance outcome (`passed`,
`failed`, `unsupported`, `skipped`) and, where a baseline was given, how the test stands
in it (`known`: a listed failure, `fixed`: listed but passed), a failure's cause (the check and
the first differing field path) and the declared differences applied. `causes` groups the
failures by adapter and cause, with the cassettes each touches; `declared` lists what each
adapter declared. Nothing in it depends on the
machine, the clock or the xdist worker, so two runs of the same code give the same file.

    {"format": "stream-conformance-results", "version": 2, "kit_version": "0.1.0",
     "hypothesis_profile": "ci", "baseline": "conformance-baseline.json",
     "summary": {"passed": 41, "failed": 0, "known": 2, "fixed": 0, "unsupported": 3, "skipped": 0},
     "stale_baseline_entries": [],
     "causes": [{"adapter": "TestMyParser (openai-chat)", "cause": "split: text", "tests": 1,
                 "cassettes": ["openai-chat/non_ascii"]}],
     "declared": {"TestMyParser (openai-chat)": ["tool_calls.id: synthesized"]},
     "results": [{"id": "TestMyParser::split[openai-chat/non_ascii]", "adapter": "TestMyParser (openai-chat)",
                  "check": "split", "cassette": "openai-chat/non_ascii", "outcome": "failed",
                  "baseline": "known", "message": "split: openai-chat/non_ascii: ...", "nodeid": "...",
                  "cause": "split: text", "declared": []}]}
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.errors import ConformanceError
from conformance.suite.baseline import write_atomically

FORMAT = "stream-conformance-results"
VERSION = 2
READABLE_VERSIONS = (1, 2)
SCHEMA_ID = "https://stream-conformance.invalid/schemas/results/v2.json"
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
    cause: str | None = None
    """For a failure: the check and the first differing field path, e.g. `usage: usage.input_tokens`."""
    declared: tuple[str, ...] = ()
    """The suite's declared differences applied in this test, e.g. `usage: estimated`."""

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
            "cause": self.cause,
            "declared": list(self.declared),
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
            cause=data.get("cause"),
            declared=tuple(data.get("declared", ())),
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
    from conformance.suite.report import causes_of

    ordered = sorted(results, key=lambda r: r.id)
    declared: dict[str, set[str]] = {}
    for r in ordered:
        declared.setdefault(r.adapter, set()).update(r.declared)
    return {
        "format": FORMAT,
        "version": VERSION,
        "kit_version": __version__,
        "hypothesis_profile": hypothesis_profile,
        "baseline": baseline,
        "summary": summary(ordered),
        "stale_baseline_entries": sorted(stale),
        "causes": [cause.to_dict() for cause in causes_of(ordered)],
        "declared": {adapter: sorted(labels) for adapter, labels in sorted(declared.items()) if labels},
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


def validate(document: Any, version: int = VERSION) -> list[str]:
    """What is wrong with `document` against the results schema of `version` ([] if nothing)."""
    from conformance.formats.schemas import validator

    check = validator("results", f"v{version}")
    assert check is not None, f"schemas/results/v{version}.json is missing from the kit"
    return [f"{e.json_path}: {e.message}" for e in check.iter_errors(document)]


def load_results(path: str | os.PathLike[str]) -> tuple[dict[str, Any], list[TestResult]]:
    """A results file: the document and its entries; `ResultsError` if it is not one."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResultsError(f"{path}: not a readable JSON results file: {exc}") from None
    version = document.get("version") if isinstance(document, dict) else None
    if isinstance(document, dict) and document.get("format") == FORMAT and version not in READABLE_VERSIONS:
        readable = " and ".join(map(str, READABLE_VERSIONS))
        raise ResultsError(f"{path}: results version {version!r}; this kit reads versions {readable}")
    problems = validate(document, version if version in READABLE_VERSIONS else VERSION)
    if problems:
        raise ResultsError(f"{path}: not a stream-conformance results file: {problems[0]}")
    return document, [TestResult.from_dict(r) for r in document["results"]]
