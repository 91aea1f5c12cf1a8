"""The README's "Test your own parser" snippet and the worked example, run as a user runs them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conformance.cassettes import load_cassettes

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]


def snippet() -> str:
    """The first Python block of docs/test-your-parser.md."""
    text = (ROOT / "docs" / "test-your-parser.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```", text, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_the_snippet_is_about_ten_lines_subclassing_adapter_suite() -> None:
    code = [line for line in snippet().splitlines() if line.strip()]
    assert len(code) <= 10 and "(AdapterSuite)" in snippet()


def test_the_snippet_runs_green_in_a_fresh_repo(pytester: pytest.Pytester) -> None:
    if not load_cassettes(vendor="openai-chat"):
        pytest.skip("no bundled openai-chat cassettes yet")
    (pytester.path / "tests").mkdir()
    (pytester.path / "tests" / "test_stream_conformance.py").write_text(snippet(), encoding="utf-8")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--conformance-profile=conformance-ci")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) > 0 and "failed" not in outcomes and "errors" not in outcomes
    result.stdout.fnmatch_lines(["*stream conformance*", "TestMyParser (openai-chat)*ok*"])


def test_the_openai_sdk_example_is_green(pytester: pytest.Pytester) -> None:
    pytest.importorskip("openai")
    pytest.importorskip("httpx2")
    if not load_cassettes(vendor="openai-chat"):
        pytest.skip("no bundled openai-chat cassettes yet")
    shutil.copy(ROOT / "examples" / "test_openai_sdk_stream_state.py", pytester.path)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "--conformance-profile=conformance-ci", "-rf"
    )
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) > 0 and "failed" not in outcomes, result.stdout.str()[-3000:]
