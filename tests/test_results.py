"""Results files (`--conformance-json`), their schema, `conformance report`, and $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from conformance import cli
from conformance.formats.schemas import registry
from conformance.suite.baseline import dump_baseline
from conformance.suite.compare import MAX_OPEN_ROWS, compare, to_markdown, to_text
from conformance.suite.results import (
    ResultsError,
    TestResult,
    load_results,
    results_document,
    validate,
    write_results,
)
from tests.test_plugin import DecodesEachChunk, HandParser, write_cassettes, write_parser

pytest_plugins = ["pytester"]

BUG = "TestParser::split[openai-chat/text_non_ascii]"


def result(test_id: str, outcome: str, message: str = "", baseline: str | None = None) -> TestResult:
    cls, _, rest = test_id.partition("::")
    check, _, cassette = rest.rstrip("]").partition("[")
    return TestResult(test_id, f"{cls} (openai-chat)", check, cassette, outcome, baseline, message)


RUN = [
    result("TestParser::whole[openai-chat/text]", "passed"),
    result(
        BUG,
        "failed",
        "split: openai-chat/text_non_ascii: a split into 2 chunks gives a different result\n...",
    ),
    result("TestParser::reasoning[openai-chat/think]", "unsupported"),
]


# -- the document -------------------------------------------------------------------------------


@pytest.mark.parametrize("version", [1, 2])
def test_the_schemas_are_in_the_kits_registry_under_their_ids(version: int) -> None:
    schema = registry().contents(f"https://stream-conformance.invalid/schemas/results/v{version}.json")
    assert schema["properties"]["version"] == {
        "const": version,
        "description": schema["properties"]["version"]["description"],
    }


def test_a_written_file_groups_failures_by_cause_and_lists_declared_differences(tmp_path: Path) -> None:
    run = [
        TestResult(
            "T::usage[anthropic/a]", "T (anthropic)", "usage", "anthropic/a", "failed", cause="usage: usage"
        ),
        TestResult(
            "T::usage[anthropic/b]", "T (anthropic)", "usage", "anthropic/b", "failed", cause="usage: usage"
        ),
        TestResult(
            "T::text[anthropic/a]", "T (anthropic)", "text", "anthropic/a", "passed", declared=("normalize",)
        ),
    ]
    path = tmp_path / "results.json"
    write_results(path, results_document(run))
    document, results = load_results(path)
    assert document["version"] == 2
    assert document["causes"] == [
        {
            "adapter": "T (anthropic)",
            "cause": "usage: usage",
            "tests": 2,
            "cassettes": ["anthropic/a", "anthropic/b"],
            "known": False,
        }
    ]
    assert document["declared"] == {"T (anthropic)": ["normalize"]}
    assert {r.cause for r in results} == {"usage: usage", None}


def test_a_version_1_file_still_reads(tmp_path: Path) -> None:
    document = results_document(RUN)
    old = {k: v for k, v in document.items() if k not in ("causes", "declared")}
    old["version"] = 1
    old["results"] = [{k: v for k, v in r.items() if k not in ("cause", "declared")} for r in old["results"]]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    _, results = load_results(path)
    assert sorted(r.outcome for r in results) == ["failed", "passed", "unsupported"]


def test_a_written_file_validates_and_reads_back_sorted(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    write_results(path, results_document(RUN, baseline="b.json", stale=["TestX::whole[v/y]"]))
    document, results = load_results(path)
    assert validate(document) == []
    assert [r.id for r in results] == sorted(r.id for r in RUN)
    assert document["summary"] == {
        "passed": 1,
        "failed": 1,
        "known": 0,
        "fixed": 0,
        "unsupported": 1,
        "skipped": 0,
    }
    assert document["stale_baseline_entries"] == ["TestX::whole[v/y]"]
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2 + len(RUN)  # one result a line


def test_a_known_failure_counts_as_known_not_failed() -> None:
    known = result(BUG, "failed", "m", baseline="known")
    fixed = result("TestParser::text[openai-chat/x]", "passed", baseline="fixed")
    summary = results_document([known, fixed])["summary"]
    assert (summary["failed"], summary["known"], summary["passed"], summary["fixed"]) == (0, 1, 1, 1)
    assert not known.red and result(BUG, "failed").red


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", "not a stream-conformance results file: $: [] is not of type 'object'"),
        (
            '{"format": "stream-conformance-results", "version": 3}',
            "results version 3; this kit reads versions 1 and 2",
        ),
        ("{", "not a readable JSON results file"),
    ],
)
def test_a_file_that_is_not_a_results_file_is_refused_naming_it(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "r.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ResultsError) as error:
        load_results(path)
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)


def test_an_outcome_outside_the_schema_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(ResultsError, match="refusing to write"):
        write_results(tmp_path / "r.json", results_document([result(BUG, "green")]))
    assert not (tmp_path / "r.json").exists()


# -- comparing two runs -------------------------------------------------------------------------


def test_compare_sorts_changes_into_regressions_fixes_new_and_removed() -> None:
    old = [
        result("T::whole[v/a]", "passed"),
        result("T::whole[v/b]", "failed", "b broke"),
        result("T::text[v/c]", "passed"),
    ]
    new = [
        result("T::whole[v/a]", "failed", "a broke"),
        result("T::whole[v/b]", "passed"),
        result("T::usage[v/d]", "passed"),
    ]
    comparison = compare(old, new)
    assert [(c.kind, c.id) for c in comparison.changes] == [
        ("regression", "T::whole[v/a]"),
        ("fixed", "T::whole[v/b]"),
        ("new", "T::usage[v/d]"),
        ("removed", "T::text[v/c]"),
    ]
    assert comparison.regressed and comparison.changes[0].headline == "a broke"
    text = to_text(comparison)
    assert text.startswith("1 regression, 1 fixed, 1 new, 1 removed, 0 unchanged\n")
    assert "regression  T::whole[v/a]  passed  failed  a broke" in text
    markdown = to_markdown(comparison)
    assert (
        "### ❌ Regressions (1)" in markdown and "| `T::whole[v/a]` | passed | failed | a broke |" in markdown
    )


def test_a_long_markdown_section_is_folded_and_a_short_one_is_not() -> None:
    many = MAX_OPEN_ROWS + 62
    old = [result(f"T::whole[v/c{n}]", "passed") for n in range(many)] + [
        result("T::text[v/x]", "failed", "x")
    ]
    new = [result(f"T::whole[v/c{n}]", "failed", "broke") for n in range(many)] + [
        result("T::text[v/x]", "passed")
    ]
    markdown = to_markdown(compare(old, new))
    regressions, fixed = markdown.split("### ✅")
    assert f"<details>\n<summary>{many} tests</summary>\n\n| test |" in regressions
    assert regressions.count("| `T::whole[v/c") == many and regressions.rstrip().endswith("</details>")
    assert "<details>" not in fixed and "| `T::text[v/x]` | failed | passed |" in fixed


def test_a_failure_hidden_by_the_new_baseline_is_still_a_regression() -> None:
    comparison = compare([result(BUG, "passed")], [result(BUG, "failed", "m", baseline="known")])
    assert comparison.regressed and "failed (known)" in to_text(comparison)


def write(path: Path, results: list[TestResult]) -> str:
    write_results(path, results_document(results))
    return str(path)


def test_report_compare_prints_the_regression_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write(tmp_path / "old.json", [result(BUG, "passed")])
    new = write(tmp_path / "new.json", RUN)
    assert cli.main(["report", "--compare", old, new]) == cli.EXIT_FAILED
    out = capsys.readouterr().out
    assert out.startswith("1 regression, 0 fixed, 2 new, 0 removed, 0 unchanged")
    assert f"regression  {BUG}" in out and "split: openai-chat/text_non_ascii: a split into 2 chunks" in out
    assert cli.main(["report", "--compare", old, new, "--markdown"]) == cli.EXIT_FAILED
    assert f"| `{BUG}` | passed | failed | split: openai-chat/text_non_ascii" in capsys.readouterr().out


def test_report_compare_on_identical_files_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "r.json", RUN)
    assert cli.main(["report", "--compare", path, path]) == cli.EXIT_OK
    assert capsys.readouterr().out == "0 regressions, 0 fixed, 0 new, 0 removed, 3 unchanged\nno change\n"


def test_report_prints_one_runs_matrix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "r.json", RUN)
    assert cli.main(["report", path]) == cli.EXIT_FAILED  # a failure not in a baseline
    assert "TestParser (openai-chat)  ok 1   FAIL 1/1" in capsys.readouterr().out
    assert cli.main(["report", path, "--markdown"]) == cli.EXIT_FAILED
    assert capsys.readouterr().out.startswith("## Stream conformance")


def test_report_on_a_broken_file_is_a_usage_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    assert (
        cli.main(["report", "--compare", str(tmp_path / "bad.json"), str(tmp_path / "bad.json")])
        == cli.EXIT_USAGE
    )
    assert f"{tmp_path / 'bad.json'}: not a stream-conformance results file" in capsys.readouterr().err
    assert cli.main(["report"]) == cli.EXIT_USAGE


# -- from a pytest run ----------------------------------------------------------------------------


@pytest.fixture
def repo(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.Pytester]:
    write_cassettes(pytester.path / "cassettes")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    profile = settings.get_current_profile_name()
    yield pytester
    settings.load_profile(profile)


def run(repo: pytest.Pytester, *args: str) -> pytest.RunResult:
    return repo.runpytest(
        "-p", "no:cacheprovider", "--conformance-profile=conformance-ci", "-k", "text_non_ascii", *args
    )


def test_a_runs_json_validates_and_holds_known_failures_and_stale_entries(repo: pytest.Pytester) -> None:
    write_parser(repo, DecodesEachChunk)
    (repo.path / "b.json").write_text(
        dump_baseline([BUG, "TestParser::text[openai-chat/gone]"]), encoding="utf-8"
    )
    outcome = run(repo, "--conformance-baseline=b.json", "--conformance-json=out/results.json")
    outcome.stdout.fnmatch_lines(["conformance results written to out/results.json"])
    document = json.loads((repo.path / "out" / "results.json").read_text(encoding="utf-8"))
    assert validate(document) == []
    assert document["baseline"] == "b.json" and document["hypothesis_profile"] == "conformance-ci"
    assert document["stale_baseline_entries"] == ["TestParser::text[openai-chat/gone]"]
    assert document["summary"]["known"] == 1 and document["summary"]["failed"] == 0
    entry = next(r for r in document["results"] if r["id"] == BUG)
    assert entry["outcome"] == "failed" and entry["baseline"] == "known"
    assert entry["nodeid"] == "test_parser.py::TestParser::test_split_invariance[openai-chat/text_non_ascii]"
    assert entry["message"].startswith("split: openai-chat/text_non_ascii: a split into 2 chunks")
    assert "first difference: text" in entry["message"]


def test_the_markdown_matrix_is_appended_to_the_github_step_summary(
    repo: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = repo.path / "summary.md"
    summary.write_text("## an earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write_parser(repo, HandParser)
    run(repo)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## an earlier step\n## Stream conformance\n")
    assert "| TestParser (openai-chat) | ✅ ok 1 |" in text
    run(repo, f"--conformance-report-md={summary}")  # written there on purpose: not appended again
    assert summary.read_text(encoding="utf-8").count("## Stream conformance") == 1


def test_regressions_are_counted_by_cause() -> None:
    old = [result(f"T::usage[v/{c}]", "passed") for c in "abc"]
    new = [
        TestResult(
            f"T::usage[v/{c}]", "T (v)", "usage", f"v/{c}", "failed", cause="usage: usage.input_tokens"
        )
        for c in "abc"
    ]
    comparison = compare(old, new)
    assert comparison.regression_causes() == [("T (v): usage: usage.input_tokens", 3)]
    text = to_text(comparison)
    assert "regressions by cause (1):\n  T (v): usage: usage.input_tokens: 3 tests\n" in text
    assert "- `T (v): usage: usage.input_tokens`: 3 tests" in to_markdown(comparison)
