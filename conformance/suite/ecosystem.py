"""The ecosystem run: ready-made suites of popular client libraries, one matrix for all of them.

`examples/clients/` holds one module per library (`LIBRARIES`), each defining whole-client
`AdapterSuite` classes, one per vendor the library speaks that the kit has cassettes for.
`run()` imports each module (its folder on `sys.path`, as pytest would), runs every suite
with `runner.run_suite` and returns the results, the library versions and the causes of the
failures; `to_markdown()` / `to_html()` render them, and `write_section()` puts the Markdown
between markers in a shared file (docs/ecosystem.md holds other sections too). A library
that is not installed is listed as skipped, never an error: the libraries are the optional
`ecosystem` extra. The command:

    python -m conformance.suite.ecosystem --markdown docs/ecosystem.md --html docs/ecosystem.html
"""

from __future__ import annotations

import argparse
import html
import importlib.metadata
import importlib.util
import inspect
import platform
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from conformance.generate.cases import GENERATED
from conformance.options import select_profile
from conformance.suite import report
from conformance.suite.adapter_suite import AdapterSuite, has_normalize, suite_label
from conformance.suite.checks import CHECKS_BY_ID
from conformance.suite.declared import DIFFERENCES
from conformance.suite.runner import CaseResult, run_suite


@dataclass(frozen=True)
class Library:
    """A client library and its suite module in `examples/clients/`."""

    name: str
    module: str
    distributions: tuple[str, ...]
    """The PyPI distributions whose versions the matrix shows."""


LIBRARIES: tuple[Library, ...] = (
    Library("openai", "test_openai_sdk.py", ("openai",)),
    Library("anthropic", "test_anthropic_sdk.py", ("anthropic",)),
    Library("google-genai", "test_google_genai.py", ("google-genai",)),
    Library("langchain-openai", "test_langchain_openai.py", ("langchain-openai", "langchain-core")),
    Library("langchain-anthropic", "test_langchain_anthropic.py", ("langchain-anthropic", "langchain-core")),
    Library("litellm", "test_litellm.py", ("litellm",)),
    Library("pydantic-ai", "test_pydantic_ai.py", ("pydantic-ai-slim",)),
)
LIBRARIES_BY_NAME = {library.name: library for library in LIBRARIES}

DEFAULT_DIRECTORY = Path(__file__).resolve().parents[2] / "examples" / "clients"
"""The suites in a checkout of the repository (they are examples, not part of the package)."""

BEGIN = "<!-- conformance-ecosystem:begin (written by python -m conformance.suite.ecosystem) -->"
END = "<!-- conformance-ecosystem:end -->"


@dataclass
class Run:
    """What an ecosystem run found."""

    results: list[CaseResult] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    """Distribution -> installed version, for every library that ran."""
    skipped: dict[str, str] = field(default_factory=dict)
    """Library -> why it did not run (not installed)."""
    defects: dict[tuple[str, str], str] = field(default_factory=dict)
    """(row label, cause) -> the suite's one-line account of that library defect."""
    declared: dict[str, list[str]] = field(default_factory=dict)
    """Row label -> the suite's declared differences and unsupported checks, one line each."""
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Row label -> (suite module file name, suite class name): how to rerun it with pytest."""
    started: str = ""
    seconds: float = 0.0
    command: str = ""


def load_suites(directory: Path, library: Library) -> list[type[AdapterSuite]]:
    """The suite classes of `library`'s module in `directory`, in definition order; ImportError
    when the library (or the module) cannot be imported."""
    path = directory / library.module
    if str(directory) not in sys.path:
        sys.path.insert(0, str(directory))  # as pytest's rootdir insertion: `_common` imports
    name = f"conformance_ecosystem_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"no suite module {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return [
        value
        for key, value in vars(module).items()
        if key.startswith("Test")
        and inspect.isclass(value)
        and issubclass(value, AdapterSuite)
        and hasattr(value, "vendor")
    ]


def cause_of(result: CaseResult) -> str:
    """A failure's cause: the check and the first field that differs (`whole: usage.input_tokens`,
    as the suite's results name it), or, when no field is named, the check and what happened
    (`truncated_mid: raised UnicodeDecodeError`, the headline)."""
    lines = result.message.splitlines()
    if result.cause and result.cause != result.check:
        if result.cause.endswith(": raised"):  # name the exception: "keepalive: raised ModelAPIError"
            # What this body raised (a line "this body: raised X: ..."; when the body in one
            # chunk raised too, another class, that line comes second), by its class's own
            # name: so one library's one exception is one cause, whatever the other outcome.
            raised = [line for line in lines if " raised " in line]
            if raised:
                line = next((r for r in raised if r.lstrip().startswith("this body:")), raised[0])
                name = line.split(" raised ", 1)[1].split(":", 1)[0].strip()
                return f"{result.cause} {name.rsplit('.', 1)[-1]}"
        return result.cause
    for line in lines:
        if line.startswith("first difference: "):
            where = line.removeprefix("first difference: ").split(" (at ", 1)[0]
            return f"{result.check}: {where}"
    first = lines[0] if lines else ""
    if " raised " in first:  # "request raised UnicodeDecodeError: ..." -> the exception's name
        return f"{result.check}: raised {first.split(' raised ', 1)[1].split(':', 1)[0]}"
    return f"{result.check}: {first.split(': ', 2)[-1]}"


def run(
    directory: Path = DEFAULT_DIRECTORY,
    libraries: Iterable[Library] = LIBRARIES,
    *,
    vendors: Sequence[str] = (),
    request_examples: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Run:
    """Run every suite of `libraries` (only `vendors`' if given); `request_examples` overrides
    each suite's number of Hypothesis chunkings per cassette (each is an HTTP request)."""
    found = Run(started=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    begin = time.perf_counter()
    for library in libraries:
        try:
            classes = load_suites(directory, library)
        except ImportError as exc:
            found.skipped[library.name] = f"not installed ({exc})"
            if progress:
                progress(f"{library.name}: skipped, {exc}")
            continue
        for distribution in library.distributions:
            found.versions[distribution] = _version(distribution)
        for cls in classes:
            if vendors and cls.vendor not in vendors:
                continue
            if request_examples is not None:
                cls = type(
                    cls.__name__, (cls,), {"request_examples": request_examples, "__module__": cls.__module__}
                )
            label = suite_label(cls)
            found.defects.update(((label, k), v) for k, v in getattr(cls, "defects", {}).items())
            found.declared[label] = _declared(cls)
            found.sources[label] = (library.module, cls.__name__)
            start = time.perf_counter()
            results = list(run_suite(cls))
            found.results += results
            if progress:
                counts = {
                    o: sum(r.outcome == o for r in results) for o in ("passed", "failed", "unsupported")
                }
                summary = ", ".join(f"{n} {o}" for o, n in counts.items())
                progress(f"{label}: {summary} in {time.perf_counter() - start:.1f} s")
    found.seconds = time.perf_counter() - begin
    return found


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _declared(cls: type[AdapterSuite]) -> list[str]:
    """The suite's declared differences and unsupported checks, each with the suite's one-line
    reason (`notes`, by field or name), else the kit's summary of that kind of difference."""
    notes: Mapping[str, str] = getattr(cls, "notes", {})
    lines = []
    for field_name, kind in sorted(cls.declared.items()):
        known = DIFFERENCES.get((field_name, kind))
        why = notes.get(field_name) or (known.summary if known else "")
        lines.append(f"`{field_name}: {kind}`: {why}")
    if has_normalize(cls):
        lines.append(f"`normalize`: {notes.get('normalize', 'the suite normalizes both sides')}")
    lines += [f"`{name}` unsupported: {notes.get(name, 'not claimed')}" for name in sorted(cls.unsupported)]
    return lines


def causes(results: Iterable[CaseResult]) -> dict[tuple[str, str], list[str]]:
    """(row label, cause) -> the cassettes failing with it, in order of first appearance."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for result in results:
        if result.outcome == "failed":
            cassettes = grouped.setdefault((result.adapter, cause_of(result)), [])
            if result.cassette not in cassettes:
                cassettes.append(result.cassette)
    return grouped


def _cell(cell: report.Cell) -> str:
    if cell.status == "failed":
        return f"❌ {cell.counts['failed']}/{cell.ran}"
    if cell.status == "passed":
        return f"✅ {cell.counts['passed']}"
    return {"unsupported": "⚪ unsupported", "skipped": "skipped"}.get(cell.status, "·")


def to_markdown(found: Run) -> str:
    """The section: how it was made, the matrix, the causes (with the suites' accounts of them)."""
    matrix = report.matrix_of(found.results)
    grouped = causes(found.results)
    failing = sum(r.outcome == "failed" for r in found.results)
    versions = ", ".join(f"{d} {v}" for d, v in sorted(found.versions.items()))
    lines = [
        f"Run {found.started} with Python {platform.python_version()}: {versions}. "
        f"{len(found.results)} cases in {found.seconds:.0f} s; "
        f"**{len(grouped)} causes** of {failing} failing cases. Command: `{found.command}`.",
        "",
    ]
    lines += [f"- {name}: {why}" for name, why in sorted(found.skipped.items())]
    checks = matrix.checks
    lines += ["", "| library (vendor) | " + " | ".join(f"`{c}`" for c in checks) + " |"]
    lines.append("| --- |" + " :---: |" * len(checks))
    for label in sorted(matrix.rows):
        lines.append(f"| {label} | " + " | ".join(_cell(matrix.cell(label, c)) for c in checks) + " |")
    lines += [
        "",
        "### Causes",
        "",
        "| library (vendor) | cause | what it is | cassettes | reproduce |",
        "| --- | --- | --- | --- | --- |",
    ]
    for (label, cause), cassettes in sorted(grouped.items()):
        account = found.defects.get((label, cause), "not yet explained")
        shown = ", ".join(f"`{c.split('/', 1)[1]}`" for c in cassettes)
        rerun = reproduce(found, label, cause, cassettes)
        lines.append(f"| {label} | `{cause}` | {_md(account)} | {shown} | {_md(rerun)} |")
    declared = [(label, line) for label, notes in sorted(found.declared.items()) for line in notes]
    if declared:
        lines += ["", "### Declared", ""]
        lines += [f"- {label}: {line}" for label, line in declared]
    lines += [
        "",
        "Checks: " + "; ".join(f"`{c}` {CHECKS_BY_ID[c].summary}" for c in checks if c in CHECKS_BY_ID),
    ]
    return "\n".join(lines) + "\n"


def reproduce(found: Run, label: str, cause: str, cassettes: Sequence[str] = ()) -> str:
    """The pytest command that reruns a cause's tests (its suite class and check), or ''.

    A cause is named by the check that owns its field, but on a generated case the failing test
    is the `generated` check's (`<vendor>/generated` among `cassettes`): that test is selected too.
    """
    if label not in found.sources:
        return ""
    module, name = found.sources[label]
    check = CHECKS_BY_ID.get(cause.split(":", 1)[0])
    generated = sum(c.rpartition("/")[2] == GENERATED for c in cassettes)
    tests = []
    if check is not None and (not cassettes or generated < len(cassettes)):
        tests.append(check.test_name)
    if generated:
        tests.append(CHECKS_BY_ID[GENERATED].test_name)
    selector = name if not tests else f"{name} and {tests[0]}"
    if len(tests) > 1:
        selector = f"{name} and ({' or '.join(tests)})"
    return f'`pytest examples/clients/{module} -k "{selector}"`'


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_html(found: Run) -> str:
    """A standalone page: the matrix with coloured cells (`report.to_html`), then the causes."""
    page = report.to_html(report.matrix_of(found.results), title="Client libraries: stream conformance")
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(label)}</td><td><code>{esc(cause)}</code></td>"
        f"<td>{esc(found.defects.get((label, cause), 'not yet explained'))}</td>"
        f"<td>{esc(', '.join(cassettes))}</td></tr>\n"
        for (label, cause), cassettes in sorted(causes(found.results).items())
    )
    versions = ", ".join(f"{d} {v}" for d, v in sorted(found.versions.items()))
    extra = (
        f"<p>Run {esc(found.started)}: {esc(versions)}. Command: <code>{esc(found.command)}</code></p>\n"
        f"<h2>Causes</h2><table><tr><th>library (vendor)</th><th>cause</th><th>what it is</th>"
        f"<th>cassettes</th></tr>\n{rows}</table>\n"
    )
    return page.replace("</body>", extra + "</body>", 1)


def write_section(path: Path, markdown: str) -> None:
    """Put `markdown` between the markers in `path` (appended, with them, if absent); the rest
    of the file, hand-written or another tool's, is kept byte for byte."""
    block = f"{BEGIN}\n{markdown}{END}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        text = head + block.rstrip("\n") + tail
    else:
        text = (text.rstrip("\n") + "\n\n" if text else "") + block
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m conformance.suite.ecosystem`: run the suites, print progress and causes, write docs."""
    parser = argparse.ArgumentParser(
        prog="python -m conformance.suite.ecosystem", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--suites", type=Path, default=DEFAULT_DIRECTORY, help="folder of the suite modules")
    parser.add_argument(
        "--library", action="append", choices=sorted(LIBRARIES_BY_NAME), help="only this library; repeatable"
    )
    parser.add_argument("--vendor", action="append", default=[], help="only this vendor; repeatable")
    parser.add_argument(
        "--request-examples",
        type=int,
        help="Hypothesis chunkings per cassette (HTTP requests); default: the suites'",
    )
    parser.add_argument("--markdown", type=Path, help="write the section into this Markdown file")
    parser.add_argument("--html", type=Path, help="write a standalone HTML page")
    args = parser.parse_args(argv)
    if not args.suites.is_dir():
        parser.error(
            f"--suites {args.suites}: no such folder (the suites are in a checkout: examples/clients)"
        )
    select_profile("conformance-ci")  # derandomized: every run draws the same chunkings
    libraries = [LIBRARIES_BY_NAME[name] for name in args.library] if args.library else list(LIBRARIES)
    found = run(
        args.suites,
        libraries,
        vendors=args.vendor,
        request_examples=args.request_examples,
        progress=lambda line: print(line, flush=True),
    )
    found.command = "python -m conformance.suite.ecosystem " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    grouped = causes(found.results)
    print(f"{len(grouped)} causes, {sum(r.outcome == 'failed' for r in found.results)} failing cases")
    for (label, cause), cassettes in sorted(grouped.items()):
        print(f"  {label}: {cause} ({len(cassettes)} cassettes)")
    if args.markdown:
        write_section(args.markdown, to_markdown(found))
    if args.html:
        args.html.write_text(to_html(found), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
