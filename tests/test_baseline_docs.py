"""The README section "Gate your parser in CI" (docs/ci.md): its commands work when copied.

Its shell blocks run line by line, verbatim, in a fresh folder holding the "Test your own
parser" snippet as `tests/test_stream_conformance.py`; PYTEST_ADDOPTS narrows the runs to
one cassette to keep the cost down, as a user may.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conformance.formats.cassettes import load_cassettes
from conformance.suite.baseline import load_baseline
from conformance.suite.results import load_results

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, re.DOTALL)


def test_the_section_is_titled_for_the_readme() -> None:
    assert DOC.startswith("## Gate your parser in CI\n")


def test_its_python_and_json_blocks_are_valid() -> None:
    for block in blocks("python"):
        ast.parse(block)
    for block in blocks("json"):
        assert json.loads(block)["format"] == "stream-conformance-baseline"


def test_its_commands_work_when_copied(tmp_path: Path) -> None:
    if not any(c.scenario == "text" for c in load_cassettes(vendor="openai-chat")):
        pytest.skip("the bundled openai-chat/text cassette is needed")
    snippet = re.search(
        r"```python\n(.*?)```", (ROOT / "docs" / "test-your-parser.md").read_text(encoding="utf-8"), re.DOTALL
    )
    assert snippet is not None
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_stream_conformance.py").write_text(snippet.group(1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY", "HYPOTHESIS_PROFILE")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTEST_ADDOPTS"] = "-p no:cacheprovider --conformance-profile=conformance-ci -k 'openai-chat/text]'"
    lines = [line for block in blocks("sh") for line in block.splitlines() if line.strip()]
    assert lines
    for line in lines:
        done = subprocess.run(
            line, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"{line}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert load_baseline(tmp_path / "conformance-baseline.json").known == frozenset()  # a correct parser
    _, before = load_results(tmp_path / "before.json")
    _, after = load_results(tmp_path / "after.json")
    assert before == after and any(r.check == "split" for r in after)


def test_the_example_workflow_uses_the_documented_options() -> None:
    workflow = (ROOT / "examples" / "ci" / "stream-conformance.yml").read_text(encoding="utf-8")
    steps = yaml.safe_load(workflow)["jobs"]["conformance"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    for option in (
        "--conformance-baseline",
        "--conformance-json",
        "-n auto",
        "--conformance-profile conformance-ci",
    ):
        assert option in commands
    assert "conformance report --compare" in commands
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
