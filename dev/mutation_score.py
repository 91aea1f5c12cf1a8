"""Mutation score of the suite against the kit's own reference parser (development only).

    python dev/mutation_score.py [--per-file N] [--seed S] [--files PATH ...] [--suite both|check|tests]
                                 [--timeout S] [--profile P] [--mutant FILE:INDEX ...] [--markdown]

Each mutant is one small change to one file of the reference parser — a comparison or
boolean operator flipped, a constant changed (True/False, an integer off by one, a string
emptied), an `if` condition negated, a statement deleted — made with `ast` in a copy of
the package and its tests (the working tree is never touched). "The suite" run on each
mutant has two parts, reported apart because they answer different questions:

- `check`: `conformance check` of the vendors that file serves (`CHECK_VENDORS`) — what a
  user's parser with the same bug would be told;
- `tests`: the kit's own test modules for that file (`TEST_MODULES`, e.g. the SSE
  differential test), under the same Hypothesis profile, stopping at the first failure.

A mutant is *killed* when either part fails (or crashes) and *survives* when both stay
green; a part that runs past `--timeout` counts as neither, and a mutant no part decided is
left out of the score (on a loaded machine a slow run proves nothing). The script samples
`--per-file` mutants per file with a fixed seed, so two runs on the same code give the same
mutants; `--mutant FILE:INDEX` re-runs one mutant the run printed (to prove a new case kills
it).

Reported per file: killed/total, killed by `check`, killed by `check` without the
`generated` check (read from the matrix: a mutant some other check also caught), killed by
`tests`, and every survivor with its index and line, to be read by hand — an equivalent
mutant (a cache size, a fast path) is listed as such in docs/generated-streams.md, any
other gets the cassette, generated case or test that kills it.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK_VENDORS: dict[str, tuple[str, ...]] = {
    "conformance/adapters/anthropic.py": ("anthropic",),
    "conformance/adapters/openai_chat.py": ("openai-chat",),
    "conformance/adapters/gemini.py": ("gemini",),
    "conformance/adapters/openai_responses.py": ("openai-responses",),
    "conformance/framing/sse.py": ("anthropic",),
    "conformance/assembler.py": ("anthropic",),
    "conformance/json/incremental.py": ("anthropic",),
    "conformance/framing/sse_fast.py": ("anthropic",),  # drawn after the files above: they keep their samples
    "conformance/message.py": ("anthropic",),  # Message and its parts (the assembler moved out): last
}
"""File -> the vendors whose `conformance check` exercises it. Shared files run one vendor
(anthropic: SSE framing, every delta kind, tool arguments streamed as JSON text) so a
mutant costs one check, not two, on a shared machine."""

TEST_MODULES: dict[str, tuple[str, ...]] = {
    "conformance/adapters/anthropic.py": ("tests/test_adapter_anthropic.py", "tests/test_signatures.py"),
    "conformance/adapters/openai_chat.py": (
        "tests/test_adapter_openai_chat.py",
        "tests/test_profiles.py",  # its profiles (DeepSeek reasoning, vLLM errors…) are tested there
        "tests/test_adapter_mistral.py",  # Mistral's profile too (index-less tool calls)
    ),
    "conformance/adapters/gemini.py": ("tests/test_adapter_gemini.py", "tests/test_signatures.py"),
    "conformance/adapters/openai_responses.py": (
        "tests/test_adapter_openai_responses.py",
        "tests/test_signatures.py",  # reasoning signatures (and their re-encryption) are tested there
    ),
    "conformance/framing/sse.py": ("tests/test_sse.py",),
    "conformance/assembler.py": (
        "tests/test_message.py",  # the assembler's own tests stayed here when it moved out of message.py
        "tests/test_tool_calls.py",
        "tests/test_server_tools.py",
        "tests/test_partial_json.py",
        "tests/test_text_buffer.py",
        "tests/test_signatures.py",
    ),
    "conformance/json/incremental.py": ("tests/test_incremental_json.py",),
    "conformance/framing/sse_fast.py": ("tests/test_sse.py",),
    "conformance/message.py": (
        "tests/test_message.py",
        "tests/test_server_tools.py",  # Message's server tool calls, results and citations
    ),
}
"""File -> the kit's own test modules for it (one test module per source module, or the
modules that test it where it was split out of another)."""

if set(TEST_MODULES) != set(CHECK_VENDORS):  # one table without the other scores a file by half
    raise SystemExit(f"CHECK_VENDORS and TEST_MODULES differ: {set(TEST_MODULES) ^ set(CHECK_VENDORS)}")

TARGETS = tuple(CHECK_VENDORS)
SUITES = ("check", "tests")

FLIPS: dict[type[ast.AST], type[ast.AST]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.And: ast.Or,
    ast.Or: ast.And,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
}


@dataclass(frozen=True)
class Mutant:
    """One change: where (node index in walk order), what, and the line it is on."""

    file: str
    index: int
    kind: str
    line: int
    text: str


class _Mutator(ast.NodeTransformer):
    """Applies the `target`-th mutation site met in walk order; counts sites when target is None."""

    def __init__(self, target: int | None) -> None:
        self.target = target
        self.seen = 0
        self.sites: list[tuple[str, int]] = []
        self.done = False

    def _site(self, kind: str, node: ast.AST) -> bool:
        hit = self.seen == self.target
        self.sites.append((kind, getattr(node, "lineno", 0)))
        self.seen += 1
        if hit:
            self.done = True
        return hit

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        if type(node.ops[0]) in FLIPS and self._site(f"{type(node.ops[0]).__name__} flipped", node):
            node.ops[0] = FLIPS[type(node.ops[0])]()
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        if self._site(f"{type(node.op).__name__} flipped", node):
            node.op = FLIPS[type(node.op)]()
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if type(node.op) in FLIPS and self._site(f"{type(node.op).__name__} flipped", node):
            node.op = FLIPS[type(node.op)]()
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool):
            if self._site(f"{value} -> {not value}", node):
                return ast.copy_location(ast.Constant(not value), node)
        elif isinstance(value, int) and not isinstance(value, bool):
            if self._site(f"{value} -> {value + 1}", node):
                return ast.copy_location(ast.Constant(value + 1), node)
        elif isinstance(value, str) and 0 < len(value) <= 12 and self._site(f"{value!r} -> ''", node):
            return ast.copy_location(ast.Constant(""), node)
        return node

    def visit_If(self, node: ast.If) -> ast.AST:
        self.generic_visit(node)
        if self._site("condition negated", node):
            node.test = ast.UnaryOp(ast.Not(), node.test)
        return node

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.value, ast.Constant):  # a docstring
            return node
        if self._site("statement deleted", node):
            return ast.copy_location(ast.Pass(), node)
        return node

    def visit_Assign(self, node: ast.Assign) -> ast.AST:
        self.generic_visit(node)
        if self._site("statement deleted", node):
            return ast.copy_location(ast.Pass(), node)
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        if self._site("statement deleted", node):
            return ast.copy_location(ast.Pass(), node)
        return node


def sites(path: Path) -> list[tuple[str, int]]:
    counter = _Mutator(None)
    counter.visit(ast.parse(path.read_text(encoding="utf-8")))
    return counter.sites


def mutate(source: str, index: int) -> str:
    tree = ast.parse(source)
    mutator = _Mutator(index)
    tree = mutator.visit(tree)
    ast.fix_missing_locations(tree)
    return ast.unparse(tree)


def sample(per_file: int, seed: int, files: list[str]) -> Iterator[Mutant]:
    rng = random.Random(seed)
    for file in TARGETS:  # every target draws, in order: a run of some files samples what the full run does
        path = ROOT / file
        found = sites(path)
        lines = path.read_text(encoding="utf-8").splitlines()
        drawn = sorted(rng.sample(range(len(found)), min(per_file, len(found))))
        if file not in files:
            continue
        for index in drawn:
            kind, line = found[index]
            yield Mutant(file, index, kind, line, lines[line - 1].strip() if 0 < line <= len(lines) else "")


def _copy_package(into: Path) -> None:
    # The tests are copied, not linked: pytest resolves a linked conftest to its real folder
    # and would put the unmutated package first on sys.path.
    for name in ("conformance", "tests"):
        shutil.copytree(ROOT / name, into / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("cassettes", "schemas", "docs", "examples", "README.md", "pyproject.toml"):
        (into / name).symlink_to(ROOT / name)


def _env(package_root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(package_root), "PYTHONDONTWRITEBYTECODE": "1"}


def run_check(
    package_root: Path, vendors: tuple[str, ...], timeout: float, profile: str = "conformance-ci"
) -> tuple[str, set[str]]:
    """`conformance check` of `vendors` on the package at `package_root`: outcome and failed columns."""
    argv = [sys.executable, "-m", "conformance", "check", "--hypothesis-profile", profile]
    for vendor in vendors:
        argv += ["--vendor", vendor]
    try:
        done = subprocess.run(
            argv, cwd=package_root, env=_env(package_root), capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout", set()
    if done.returncode == 0:
        return "survived", set()
    return "killed", failed_columns(done.stdout)


def run_tests(
    package_root: Path, modules: tuple[str, ...], timeout: float, profile: str = "conformance-ci"
) -> tuple[str, set[str]]:
    """The kit's own `modules` on the package at `package_root`: outcome and the first failed test."""
    argv = [sys.executable, "-m", "pytest", *modules, "-q", "-x", "-p", "no:cacheprovider"]
    argv += ["--hypothesis-profile", profile, "-o", "addopts="]
    try:
        done = subprocess.run(
            argv, cwd=package_root, env=_env(package_root), capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout", set()
    if done.returncode == 0:
        return "survived", set()
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", done.stdout, re.MULTILINE)
    return "killed", {name.split("::")[-1] for name in failed} or {"crash"}


def failed_columns(matrix: str) -> set[str]:
    """The checks with a FAIL cell in `conformance check`'s matrix."""
    lines = [line for line in matrix.splitlines() if line.strip()]
    header = next((line for line in lines if line.startswith("adapter ")), None)
    if header is None:
        return {"crash"}
    starts = [m.start() for m in re.finditer(r"\S+", header)]
    names = header.split()
    failed: set[str] = set()
    for line in lines[lines.index(header) + 1 :]:
        for name, start, end in zip(names, starts, [*starts[1:], None], strict=True):
            if "FAIL" in line[start:end]:
                failed.add(name)
    return failed or {"crash"}


@dataclass(frozen=True)
class Verdict:
    """What each part of the suite said about one mutant: outcome and what failed, per part."""

    mutant: Mutant
    parts: dict[str, tuple[str, set[str]]]

    @property
    def outcome(self) -> str:
        outcomes = {outcome for outcome, _ in self.parts.values()}
        if "killed" in outcomes:
            return "killed"
        return "survived" if outcomes == {"survived"} else "timeout"

    def killed_by(self, part: str) -> bool:
        return self.parts.get(part, ("", set()))[0] == "killed"


def one(file: str, index: int) -> Mutant:
    """The mutant with `index` in `file` (the index the run prints), to re-run it alone."""
    path = ROOT / file
    found = sites(path)
    if not 0 <= index < len(found):
        raise SystemExit(f"{file} has mutation sites 0..{len(found) - 1}, not {index}")
    kind, line = found[index]
    lines = path.read_text(encoding="utf-8").splitlines()
    return Mutant(file, index, kind, line, lines[line - 1].strip() if 0 < line <= len(lines) else "")


def _mutant(text: str) -> tuple[str, int]:
    file, _, index = text.rpartition(":")
    if not file or not index.lstrip("#").isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not FILE:INDEX (e.g. conformance/message.py:113)")
    return file, int(index.lstrip("#"))


def judge(root: Path, mutant: Mutant, suites: tuple[str, ...], timeout: float, profile: str) -> Verdict:
    target = root / mutant.file
    # The copy's text, not the working tree's: a merge or an edit during a long run must not
    # mix two versions of the file.
    original = target.read_text(encoding="utf-8")
    parts: dict[str, tuple[str, set[str]]] = {}
    try:
        target.write_text(mutate(original, mutant.index), encoding="utf-8")
        if "check" in suites:
            parts["check"] = run_check(root, CHECK_VENDORS[mutant.file], timeout, profile)
        if "tests" in suites:
            parts["tests"] = run_tests(root, TEST_MODULES[mutant.file], timeout, profile)
    finally:
        target.write_text(original, encoding="utf-8")
    return Verdict(mutant, parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-file", type=int, default=20, help="mutants sampled per file (default 20)")
    parser.add_argument("--seed", type=int, default=20261206, help="sampling seed (default fixed)")
    parser.add_argument("--files", nargs="*", default=list(TARGETS), help="files to mutate (default: all)")
    parser.add_argument(
        "--suite",
        choices=("both", *SUITES),
        default="both",
        help="what runs on each mutant: `conformance check`, the file's test modules, or both (default)",
    )
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="seconds per part per mutant before it is left out"
    )
    parser.add_argument(
        "--mutant",
        action="append",
        default=[],
        type=_mutant,
        metavar="FILE:INDEX",
        help="run only this mutant (as the run prints it: file and #index); repeatable",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--profile",
        default="conformance-ci",
        help="the kit's Hypothesis profile for each part (conformance-dev: quicker, fewer examples)",
    )
    args = parser.parse_args(argv)
    unknown = [f for f in args.files if f not in TARGETS]
    if unknown:
        parser.error(f"not a target: {unknown[0]} (targets: {', '.join(TARGETS)})")
    unknown = [file for file, _ in args.mutant if file not in TARGETS]
    if unknown:
        parser.error(f"not a target: {unknown[0]} (targets: {', '.join(TARGETS)})")
    if args.mutant:
        args.files = list(dict.fromkeys(file for file, _ in args.mutant))
    suites = SUITES if args.suite == "both" else (args.suite,)
    mutants = (
        [one(file, index) for file, index in args.mutant]
        if args.mutant
        else list(sample(args.per_file, args.seed, args.files))
    )
    with tempfile.TemporaryDirectory(prefix="conformance-mutants-") as tmp:
        root = Path(tmp)
        _copy_package(root)
        unmutated: dict[str, tuple[str, set[str]]] = {}
        if "check" in suites:
            vendors = tuple(sorted({v for f in args.files for v in CHECK_VENDORS[f]}))
            # one check per vendor in one run: each vendor gets the time a mutant's check gets
            unmutated["check"] = run_check(root, vendors, args.timeout * len(vendors), args.profile)
        if "tests" in suites:
            modules = tuple(sorted({m for f in args.files for m in TEST_MODULES[f]}))
            unmutated["tests"] = run_tests(root, modules, args.timeout * len(modules), args.profile)
        baseline = Verdict(Mutant("", -1, "none", 0, ""), unmutated)
        if baseline.outcome != "survived":
            why = "did not finish within --timeout" if baseline.outcome == "timeout" else "is not green"
            print(f"the unmutated suite {why}: {baseline.parts}; fix that first", file=sys.stderr)
            return 2
        rows: dict[str, list[Verdict]] = {}
        started = time.monotonic()
        for mutant in mutants:
            verdict = judge(root, mutant, suites, args.timeout, args.profile)
            rows.setdefault(mutant.file, []).append(verdict)
            said = ", ".join(
                f"{part} {outcome} {sorted(failed)}" for part, (outcome, failed) in verdict.parts.items()
            )
            print(
                f"{mutant.file}:{mutant.line} [#{mutant.index}] {mutant.kind}: {verdict.outcome} ({said})",
                file=sys.stderr,
                flush=True,
            )
    print(render(rows, suites, markdown=args.markdown, minutes=(time.monotonic() - started) / 60))
    return 0


def render(rows: dict[str, list[Verdict]], suites: tuple[str, ...], *, markdown: bool, minutes: float) -> str:
    out = []
    if markdown:
        out += [
            "| file | killed | by `check` | by `check` without `generated` | by `tests` | survivors |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
    for file, verdicts in rows.items():
        decided = [v for v in verdicts if v.outcome != "timeout"]
        total = len(decided)
        killed = sum(v.outcome == "killed" for v in decided)
        by_check = sum(v.killed_by("check") for v in decided)
        without = sum(v.killed_by("check") and bool(v.parts["check"][1] - {"generated"}) for v in decided)
        by_tests = sum(v.killed_by("tests") for v in decided)
        timeouts = len(verdicts) - total  # a mutant that only ran out of time says nothing either way
        survivors = [
            f"#{v.mutant.index} {v.mutant.line}: {v.mutant.kind} (`{v.mutant.text[:60]}`)"
            for v in decided
            if v.outcome == "survived"
        ]
        note = f" ({timeouts} timed out, left out)" if timeouts else ""
        check = f"{by_check}/{total}" if "check" in suites else "-"
        check_without = f"{without}/{total}" if "check" in suites else "-"
        tests = f"{by_tests}/{total}" if "tests" in suites else "-"
        if markdown:
            out.append(
                f"| `{file}` | {killed}/{total}{note} | {check} | {check_without} | {tests} "
                f"| {'; '.join(survivors) or '-'} |"
            )
        else:
            out.append(
                f"{file}: killed {killed}/{total}{note}; by check {check} "
                f"(without generated {check_without}), by tests {tests}"
            )
            out += [f"    survived {s}" for s in survivors]
    out.append(f"({minutes:.0f} min)")
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
