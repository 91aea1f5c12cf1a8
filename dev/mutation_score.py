"""Mutation score of the suite against the kit's own reference parser (development only).

    python dev/mutation_score.py [--per-file N] [--seed S] [--files PATH ...] [--timeout S] [--markdown]

Each mutant is one small change to one file of the reference parser — a comparison or
boolean operator flipped, a constant changed (True/False, an integer off by one, a string
emptied), an `if` condition negated, a statement deleted — made with `ast` in a copy of
the package (the working tree is never touched). `conformance check` of the vendors that
file serves runs on the copy: a mutant is *killed* when the check fails (or crashes), and
*survives* when the suite stays green; one that runs past `--timeout` is left out of the
score (on a loaded machine a slow check proves nothing). The script samples `--per-file`
mutants per file with a fixed seed, so two runs on the same code give the same mutants.

Reported per file: killed/total; killed without the `generated` check (the same run, read
from the matrix: a mutant some other check also caught); and every survivor with its
line, to be read by hand — an equivalent mutant (a cache size, a fast path) is listed as
such in docs/generated-streams.md, any other gets the cassette or generated case that
kills it.
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

TARGETS: dict[str, tuple[str, ...]] = {
    "conformance/adapters/anthropic.py": ("anthropic",),
    "conformance/adapters/openai_chat.py": ("openai-chat",),
    "conformance/adapters/gemini.py": ("gemini",),
    "conformance/adapters/openai_responses.py": ("openai-responses",),
    "conformance/framing/sse.py": ("anthropic", "openai-chat"),
    "conformance/framing/sse_fast.py": ("anthropic", "openai-chat"),
    "conformance/assembler.py": ("anthropic", "openai-chat"),
    "conformance/json/incremental.py": ("anthropic", "openai-chat"),
}
"""File -> the vendors whose suites exercise it (the check runs only those, to stay quick)."""

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
    for file in files:
        path = ROOT / file
        found = sites(path)
        lines = path.read_text(encoding="utf-8").splitlines()
        for index in sorted(rng.sample(range(len(found)), min(per_file, len(found)))):
            kind, line = found[index]
            yield Mutant(file, index, kind, line, lines[line - 1].strip() if 0 < line <= len(lines) else "")


def _copy_package(into: Path) -> None:
    shutil.copytree(ROOT / "conformance", into / "conformance", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("cassettes", "schemas"):
        (into / name).symlink_to(ROOT / name)


def run_check(
    package_root: Path, vendors: tuple[str, ...], timeout: float, profile: str = "conformance-ci"
) -> tuple[str, set[str]]:
    """`conformance check` of `vendors` on the package at `package_root`: outcome and failed columns."""
    argv = [sys.executable, "-m", "conformance", "check", "--hypothesis-profile", profile]
    for vendor in vendors:
        argv += ["--vendor", vendor]
    env = {**os.environ, "PYTHONPATH": str(package_root), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(
            argv, cwd=package_root, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout", set()
    if done.returncode == 0:
        return "survived", set()
    return "killed", failed_columns(done.stdout)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-file", type=int, default=20, help="mutants sampled per file (default 20)")
    parser.add_argument("--seed", type=int, default=20261206, help="sampling seed (default fixed)")
    parser.add_argument(
        "--files", nargs="*", default=list(TARGETS), help="files to mutate (default: all targets)"
    )
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="seconds per mutant before it counts as killed"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--profile",
        default="conformance-ci",
        help="the kit's Hypothesis profile for each check (conformance-dev: quicker, fewer examples)",
    )
    args = parser.parse_args(argv)
    unknown = [f for f in args.files if f not in TARGETS]
    if unknown:
        parser.error(f"not a target: {unknown[0]} (targets: {', '.join(TARGETS)})")
    with tempfile.TemporaryDirectory(prefix="conformance-mutants-") as tmp:
        root = Path(tmp)
        _copy_package(root)
        baseline, _ = run_check(
            root, tuple(sorted({v for f in args.files for v in TARGETS[f]})), args.timeout
        )
        if baseline != "survived":
            why = (
                "did not finish within --timeout" if baseline == "timeout" else "is not green: fix that first"
            )
            print(f"the unmutated suite {why}", file=sys.stderr)
            return 2
        rows: dict[str, list[tuple[Mutant, str, set[str]]]] = {}
        started = time.monotonic()
        for mutant in sample(args.per_file, args.seed, args.files):
            target = root / mutant.file
            original = (ROOT / mutant.file).read_text(encoding="utf-8")
            try:
                target.write_text(mutate(original, mutant.index), encoding="utf-8")
                outcome, failed = run_check(root, TARGETS[mutant.file], args.timeout, args.profile)
            finally:
                target.write_text(original, encoding="utf-8")
            rows.setdefault(mutant.file, []).append((mutant, outcome, failed))
            print(
                f"{mutant.file}:{mutant.line} {mutant.kind}: {outcome} {sorted(failed)}",
                file=sys.stderr,
                flush=True,
            )
    print(render(rows, markdown=args.markdown, minutes=(time.monotonic() - started) / 60))
    return 0


def render(rows: dict[str, list[tuple[Mutant, str, set[str]]]], *, markdown: bool, minutes: float) -> str:
    out = []
    if markdown:
        out += ["| file | killed | killed without `generated` | survivors |", "| --- | --- | --- | --- |"]
    for file, results in rows.items():
        total = len(results)
        killed = sum(outcome == "killed" for _, outcome, _ in results)
        without = sum(outcome == "killed" and bool(failed - {"generated"}) for _, outcome, failed in results)
        timeouts = sum(outcome == "timeout" for _, outcome, _ in results)
        total -= timeouts  # a mutant that only ran out of time says nothing either way
        survivors = [
            f"{m.line}: {m.kind} (`{m.text[:60]}`)" for m, outcome, _ in results if outcome == "survived"
        ]
        note = f" ({timeouts} timed out, left out)" if timeouts else ""
        if markdown:
            out.append(
                f"| `{file}` | {killed}/{total}{note} | {without}/{total} | {'; '.join(survivors) or '-'} |"
            )
        else:
            out.append(f"{file}: killed {killed}/{total}{note}, without generated {without}/{total}")
            out += [f"    survived {s}" for s in survivors]
    out.append(f"({minutes:.0f} min)")
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
