"""The README's "Test your own parser" snippet and the worked example, run as a user runs them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.formats.cassettes import load_cassettes

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


# The parser the README and docs/test-your-parser.md show the matrix and the failure of: the
# snippet's class with one classic bug, each chunk decoded on its own.
DECODES_EACH_CHUNK = """
import conformance
from conformance import AdapterSuite


class TestMyParser(AdapterSuite):
    vendor = "openai-chat"
    unsupported = {"reasoning"}

    def parse(self, chunks):
        decoded = (chunk.decode("utf-8", errors="replace").encode() for chunk in chunks)
        return conformance.parse("openai-chat", decoded)
"""

DOCS = ("README.md", "docs/test-your-parser.md")


def text_blocks(doc: str, first_line: str) -> list[list[str]]:
    """The lines of every ```text block of `doc` whose first line starts with `first_line`."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    blocks = [b.splitlines() for b in re.findall(r"```text\n(.*?)```", text, re.DOTALL)]
    return [block for block in blocks if block and block[0].startswith(first_line)]


@pytest.fixture(scope="module")
def buggy_run(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The output lines of a real run of that parser (derandomized: the same everywhere)."""
    if not load_cassettes(vendor="openai-chat"):
        pytest.skip("no bundled openai-chat cassettes yet")
    folder = tmp_path_factory.mktemp("buggy")
    (folder / "test_mine.py").write_text(DECODES_EACH_CHUNK, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--conformance-profile=conformance-ci"],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 1, done.stdout[-3000:]
    return [line.rstrip() for line in done.stdout.splitlines()]


@pytest.mark.parametrize("doc", DOCS)
def test_the_matrix_shown_is_the_one_a_real_run_prints(doc: str, buggy_run: list[str]) -> None:
    blocks = text_blocks(doc, "------------------------------ stream conformance")
    assert blocks, f"{doc} shows no matrix"
    for block in blocks:
        missing = [line for line in block if line.rstrip() not in buggy_run]
        assert not missing, f"{doc}: not what a real run prints: {missing}"


def _shape(line: str) -> str:
    """A line up to its first number or quote: which cut Hypothesis's shrinking ends on can
    differ between machines (it has a time budget), the form of the report may not."""
    return re.split(r"[\d'\"]", line.rstrip(), maxsplit=1)[0]


def test_the_failure_shown_is_the_one_a_real_run_prints(buggy_run: list[str]) -> None:
    (block,) = text_blocks("docs/test-your-parser.md", "split: openai-chat/non_ascii")
    assert block[0] in buggy_run, "docs/test-your-parser.md: the failure's headline is not what a run prints"
    start = buggy_run.index(block[0])
    real = buggy_run[start : start + len(block)]
    assert [_shape(line) for line in block] == [_shape(line) for line in real], real
    # The lost character is printed as the parser produced it, not as an escape: in both.
    for lines in (block, real):
        assert "\ufffd" in lines[-1] and "\\ufffd" not in lines[-1]


@pytest.mark.parametrize("doc", DOCS)
def test_every_test_name_the_docs_give_is_a_real_check_method(doc: str) -> None:
    from conformance.suite.checks import CHECKS_BY_TEST

    text = (ROOT / doc).read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_[a-z_<>]+)[\[`]", text))
    assert named, f"{doc} names no test"
    assert named <= set(CHECKS_BY_TEST), f"{doc}: no such test method: {sorted(named - set(CHECKS_BY_TEST))}"


def shell_lines(doc: str) -> list[str]:
    """The command lines of the ```sh blocks of `doc`, comments and `VAR=...` prefixes removed."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```(?:sh|bash)\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            for part in command.split("&&"):
                lines.append(re.sub(r"^(\w+=\S+\s+)+", "", part.strip()))
    return [line for line in lines if line]


DOC_FILES = ("README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md")))


@pytest.mark.parametrize("doc", DOC_FILES)
def test_every_conformance_command_in_the_docs_parses(
    doc: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each `conformance ...` line of a shell block is accepted by the real argument parser
    (run from the checkout): no renamed option, no typo. A path of the reader's own that is
    not in the checkout (`session.har`) is not the doc's mistake."""
    import shlex

    from conformance.cli import build_parser

    monkeypatch.chdir(ROOT)
    commands = [line for line in shell_lines(doc) if re.match(r"(\S*/)?conformance\s", line)]
    for line in commands:
        try:
            build_parser().parse_args(shlex.split(line)[1:])
        except SystemExit as exc:
            error = capsys.readouterr().err.strip().splitlines()[-1]
            if not error.endswith(("does not exist", "is not a directory")):
                pytest.fail(f"{doc}: `{line}` is refused (exit {exc.code}): {error}")


@pytest.mark.parametrize("doc", DOC_FILES)
def test_every_pytest_option_in_the_docs_exists(doc: str, pytestconfig: pytest.Config) -> None:
    """Each `--conformance-*` / `--hypothesis-profile` value the docs give is one pytest takes."""
    from conformance.options import PROFILES

    text = (ROOT / doc).read_text(encoding="utf-8")
    for option in set(re.findall(r"--(conformance-[a-z-]*[a-z])", text)):
        try:
            pytestconfig.getoption(option.replace("-", "_"))
        except ValueError:
            pytest.fail(f"{doc}: no such pytest option --{option}")
    for name in re.findall(r"--conformance-profile[ =]([a-z][\w-]*)", text):
        assert name in PROFILES, f"{doc}: no such profile of the kit: {name!r}"
    for name in re.findall(r"--hypothesis-profile[ =]([a-z][\w-]*)", text):
        assert name in {*PROFILES, "ci", "default"}, f"{doc}: no such Hypothesis profile {name!r}"


def test_the_docs_table_of_checks_is_the_registrys() -> None:
    """Adding a check is one entry in `CHECKS`: the docs' table is made from it, not kept by hand."""
    from conformance.suite.checks import CHECKS, checks_table

    text = (ROOT / "docs" / "test-your-parser.md").read_text(encoding="utf-8")
    start = text.index("<!-- checks table:")
    block = text[text.index("\n", start) + 1 : text.index("<!-- end of checks table -->")]
    assert block == checks_table(), "regenerate it: python -m conformance.suite.checks"
    assert [line.split("`")[1] for line in block.splitlines()[2:]] == [c.id for c in CHECKS]
