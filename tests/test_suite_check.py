"""`conformance check`: the suite from the command line, the same checks without pytest."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from conformance import cli
from conformance.errors import ConformanceError
from conformance.suite.runner import load_suite

ADAPTERS = """
import conformance
from conformance import AdapterSuite


class Kit(AdapterSuite):
    vendor = "openai-chat"
    bundled_cassettes = False
    cassette_dirs = ["cassettes"]

    def parse(self, chunks):
        return conformance.parse("openai-chat", chunks)


class NoUsage(Kit):
    def parse(self, chunks):
        return {**super().parse(chunks).to_dict(), "usage": None}
"""

BODY = (
    'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}\n\n'
    'data: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}\n\n'
    "data: [DONE]\n\n"
)
CASSETTE = f"""interactions:
- request: {{body: null, headers: {{}}, method: POST, uri: 'https://api.openai.com/v1/chat/completions'}}
  response:
    status: {{code: 200, message: OK}}
    headers: {{Content-Type: [text/event-stream]}}
    body: {{string: {json.dumps(BODY)}}}
metadata:
  conformance:
    vendor: openai-chat
    scenario: usage
    features: [text, usage]
    expected: {{vendor: openai-chat, text: Hi, stop_reason: stop, vendor_stop_reason: stop,
      usage: {{input_tokens: 1, output_tokens: 1, total_tokens: 2}}, complete: true}}
version: 1
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "adapters.py").write_text(ADAPTERS, encoding="utf-8")
    (tmp_path / "cassettes" / "openai-chat").mkdir(parents=True)
    (tmp_path / "cassettes" / "openai-chat" / "usage.yaml").write_text(
        CASSETTE.replace("'", '"', 0), encoding="utf-8"
    )
    return tmp_path


def test_check_passes_a_correct_adapter_and_prints_the_matrix(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = project / "matrix.md"
    code = cli.main(["check", "--adapter", f"{project / 'adapters.py'}:Kit", "--report-md", str(md)])
    out = capsys.readouterr().out
    assert code == cli.EXIT_OK
    assert "Kit (openai-chat)" in out and "ok 1" in out
    assert md.read_text(encoding="utf-8").startswith("## Stream conformance")


def test_check_fails_with_the_message_and_exit_code_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["check", "--adapter", f"{project / 'adapters.py'}:NoUsage"])
    out = capsys.readouterr().out
    assert code == cli.EXIT_FAILED
    assert "FAILED NoUsage (openai-chat) usage[openai-chat/usage]" in out
    assert "first difference: usage" in out


def test_a_baseline_lists_known_failures_and_the_json_holds_them(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The baseline and results file work as under the plugin: listed failures are known (exit 0),
    a listed test that passes is "fixed", an entry naming no test is stale; one unlisted failure
    is enough for exit 1."""
    from conformance.suite.baseline import dump_baseline
    from conformance.suite.results import validate

    adapter = f"{project / 'adapters.py'}:NoUsage"
    known = "NoUsage::usage[openai-chat/usage]"
    passing = "NoUsage::text[openai-chat/usage]"
    (project / "b.json").write_text(dump_baseline([known, passing, "NoUsage::text[openai-chat/gone]"]))
    out_json = project / "out" / "results.json"
    argv = ["check", "--adapter", adapter, "--baseline", str(project / "b.json"), "--json", str(out_json)]
    assert cli.main(argv) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "FAILED NoUsage (openai-chat) usage[openai-chat/usage] (known: in the baseline)" in out
    assert f"fixed: remove it from the baseline (1):\n  {passing}" in out
    assert "baseline entry naming no test: NoUsage::text[openai-chat/gone]" in out
    document = json.loads(out_json.read_text(encoding="utf-8"))
    assert validate(document) == []
    assert document["summary"]["known"] == 1 and document["summary"]["failed"] == 0
    assert document["stale_baseline_entries"] == ["NoUsage::text[openai-chat/gone]"]
    entry = next(r for r in document["results"] if r["id"] == known)
    assert entry["baseline"] == "known" and entry["cause"] == "usage: usage"

    (project / "b.json").write_text(dump_baseline([passing]))
    assert cli.main(["check", "--adapter", adapter, "--baseline", str(project / "b.json")]) == cli.EXIT_FAILED


def test_load_suite_says_what_is_wrong_with_the_adapter_argument(project: Path) -> None:
    with pytest.raises(ConformanceError, match="expected module:Class"):
        load_suite("adapters")
    with pytest.raises(ConformanceError, match="not an AdapterSuite subclass"):
        load_suite(f"{project / 'adapters.py'}:AdapterSuite")
    with pytest.raises(ConformanceError, match="No module named"):
        load_suite("no_such_module_here:Kit")


@pytest.mark.parametrize(
    ("argv", "expected_code"),
    [
        pytest.param(
            ["--adapter", "{project}/adapters.py:NoUsage"], cli.EXIT_FAILED, id="user adapter with a failure"
        ),
        # Two reference suites of different framings (SSE, NDJSON), rebuilt by name in the workers:
        # the two with the fewest cassettes, as the test is about --jobs, not about those vendors
        # (mistral and ollama, 20 cassettes, took twice the time for the same proof).
        pytest.param(
            ["--vendor", "xai", "--vendor", "ollama-generate"], cli.EXIT_OK, id="two reference vendors"
        ),
    ],
)
def test_jobs_print_what_one_process_prints(
    project: Path, argv: list[str], expected_code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Workers rebuild the suite from its name and results come back in the serial order, so
    `--jobs 2` must print byte for byte what one process prints (failures included)."""
    argv = [arg.format(project=project) for arg in argv]
    serial_code = cli.main(["check", *argv])
    serial = capsys.readouterr().out
    parallel_code = cli.main(["check", "--jobs", "2", *argv])
    parallel = capsys.readouterr().out
    assert parallel == serial
    assert serial_code == parallel_code == expected_code
    assert ("FAILED" in serial) == (expected_code == cli.EXIT_FAILED)


@pytest.mark.parametrize("jobs", ["-1", "two", ""])
def test_jobs_must_be_a_number_of_processes(jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["check", "--jobs", jobs])
    assert exit_.value.code == 2
    assert "expected a number of processes" in capsys.readouterr().err


SIBLING_SUITE = """
from helpers import to_message  # a sibling module, as a test file under pytest imports it
from conformance import AdapterSuite


class Sibling(AdapterSuite):
    vendor = "openai-chat"
    bundled_cassettes = False
    cassette_dirs = ["../cassettes"]

    def parse(self, chunks):
        return to_message(chunks)
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_adapter_imports_its_sibling_modules_as_under_pytest(
    project: Path, jobs: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tests = project / "tests"
    tests.mkdir()
    (tests / "helpers.py").write_text(
        "import conformance\n\n\ndef to_message(chunks):\n"
        "    return conformance.parse('openai-chat', chunks)\n",
        encoding="utf-8",
    )
    (tests / "test_sibling.py").write_text(SIBLING_SUITE, encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setattr(sys, "path", list(sys.path))
    for name in ("helpers", "test_sibling"):  # imported fresh here, and forgotten after the test
        monkeypatch.setitem(sys.modules, name, None)
        del sys.modules[name]
    code = cli.main(["check", "--jobs", jobs, "--adapter", "tests/test_sibling.py:Sibling"])
    captured = capsys.readouterr()
    assert code == cli.EXIT_OK, captured.out + captured.err
    assert "Sibling (openai-chat)" in captured.out


def test_check_prints_a_line_per_suite_as_it_finishes_and_a_summary(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["check", "--adapter", f"{project / 'adapters.py'}:NoUsage"])
    captured = capsys.readouterr()
    assert code == cli.EXIT_FAILED
    assert re.fullmatch(r"NoUsage \(openai-chat\): \d+ tests, 1 failed \(\d+\.\d s\)\n", captured.err)
    last = captured.out.splitlines()[-1]
    assert re.fullmatch(
        r"conformance check: 1 cause, 1 failing test; "
        r"\d+ passed, 0 unsupported, 0 skipped \(1 suite, \d+ tests\)",
        last,
    )
