"""Baselines in pytest runs: a fresh repo adopts the suite with its known failures and stays green.

The parsers are the classic-bug parsers of `test_plugin` over its own cassettes; the one known
bug is `DecodesEachChunk`, which fails `split` on `openai-chat/text_non_ascii` only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from conformance.suite.baseline import dump_baseline, load_baseline
from tests.test_plugin import DecodesEachChunk, HandParser, SplitsOnLFOnly, write_cassettes, write_parser

pytest_plugins = ["pytester"]

BUG = "TestParser::split[openai-chat/text_non_ascii]"


def lit(text: str) -> str:
    """`text` as an fnmatch pattern matching itself (test ids hold brackets)."""
    return "".join({"[": "[[]", "]": "[]]", "*": "[*]", "?": "[?]"}.get(c, c) for c in text)


@pytest.fixture
def repo(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.Pytester]:
    write_cassettes(pytester.path / "cassettes")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    profile = settings.get_current_profile_name()
    yield pytester
    settings.load_profile(profile)


def baseline(repo: pytest.Pytester, *ids: str) -> Path:
    path = repo.path / "conformance-baseline.json"
    path.write_text(dump_baseline(ids), encoding="utf-8")
    return path


def run(repo: pytest.Pytester, *args: str) -> pytest.RunResult:
    return repo.runpytest("-p", "no:cacheprovider", "--conformance-profile=conformance-ci", "-rfxX", *args)


def test_a_known_bug_listed_in_the_baseline_keeps_the_run_green(repo: pytest.Pytester) -> None:
    write_parser(repo, DecodesEachChunk)
    baseline(repo, BUG)
    result = run(repo, "--conformance-baseline=conformance-baseline.json")
    assert result.ret == pytest.ExitCode.OK
    outcomes = result.parseoutcomes()
    assert outcomes["xfailed"] == 1 and "failed" not in outcomes
    xfail = "XFAIL *test_split_invariance[[]openai-chat/text_non_ascii[]] - "
    result.stdout.fnmatch_lines([xfail + "known failure, listed in the baseline"])
    assert re.search(r"^TestParser \(openai-chat\)\s+ok 7\s+known 1/8", result.stdout.str(), re.MULTILINE)


def test_without_its_entry_the_bug_is_red_naming_cassette_split_and_field(repo: pytest.Pytester) -> None:
    write_parser(repo, DecodesEachChunk)
    baseline(repo)
    result = run(repo, "--conformance-baseline=conformance-baseline.json")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert result.parseoutcomes()["failed"] == 1
    result.stdout.fnmatch_lines(
        [
            "*split: openai-chat/text_non_ascii: a split into 2 chunks gives a different result*",
            "*chunking: 2 chunks of *",
            "*cut at byte *",
            "*first difference: text (at character *",
        ]
    )


def test_a_fixed_bug_says_remove_it_from_the_baseline_and_is_red_when_strict(repo: pytest.Pytester) -> None:
    write_parser(repo, HandParser)
    baseline(repo, BUG)
    result = run(repo, "--conformance-baseline=conformance-baseline.json")
    assert result.ret == pytest.ExitCode.OK
    assert result.parseoutcomes()["xpassed"] == 1
    result.stdout.fnmatch_lines(["fixed: remove it from the baseline (1):", lit(f"  {BUG}")])

    strict = run(repo, "--conformance-baseline=conformance-baseline.json", "--conformance-strict-baseline")
    assert strict.ret == pytest.ExitCode.TESTS_FAILED
    assert strict.parseoutcomes()["failed"] == 1
    strict.stdout.fnmatch_lines(["*" + lit(f"fixed: remove it from the baseline: {BUG} passes") + "*"])


def test_update_writes_the_failures_sorted_one_a_line_and_the_next_run_is_green(
    repo: pytest.Pytester,
) -> None:
    write_parser(repo, SplitsOnLFOnly)
    path = repo.path / "conformance-baseline.json"
    first = run(repo, "--conformance-baseline=conformance-baseline.json", "--conformance-update-baseline")
    assert first.ret == pytest.ExitCode.OK  # every failure is now known
    written = re.findall(
        r"^XFAIL \S+::TestParser::(\w+)\[(\S+)\] - failure written to the baseline", first.stdout.str(), re.M
    )
    checks = {"test_whole_body": "whole", "test_split_invariance": "split", "test_text": "text"}
    checks.update(test_stop_reason="stop_reason", test_keepalive_changes_nothing="keepalive")
    checks.update(test_line_endings="line_endings", test_truncated_is_incomplete="truncated")
    text = path.read_text(encoding="utf-8")
    entries = json.loads(text)["known_failures"]
    assert entries == sorted(f"TestParser::{checks[test]}[{cassette}]" for test, cassette in written)
    assert len(entries) >= 5 and text == dump_baseline(entries)  # sorted, one entry a line
    assert [p.name for p in repo.path.iterdir() if p.name.startswith(".conformance-baseline")] == []
    first.stdout.fnmatch_lines(
        [f"baseline written to conformance-baseline.json: {len(entries)} known failures"]
    )
    again = run(repo, "--conformance-baseline=conformance-baseline.json")
    assert again.ret == pytest.ExitCode.OK and again.parseoutcomes()["xfailed"] == len(entries)


def test_update_keeps_the_entries_of_deselected_tests(repo: pytest.Pytester) -> None:
    write_parser(repo, HandParser)
    deselected = "TestParser::whole[openai-chat/cr_only]"
    path = baseline(repo, deselected, BUG)
    run(
        repo,
        "--conformance-baseline=conformance-baseline.json",
        "--conformance-update-baseline",
        "-k",
        "text_non_ascii",
    )
    assert load_baseline(path).known == {deselected}  # BUG ran and passed: dropped


def test_entries_naming_no_collected_test_are_reported(repo: pytest.Pytester) -> None:
    write_parser(repo, HandParser)
    baseline(repo, "TestParser::split[openai-chat/renamed]", "TestGone::whole[openai-chat/text_non_ascii]")
    result = run(repo, "--conformance-baseline=conformance-baseline.json", "-k", "text_non_ascii")
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        [
            "baseline entries naming no collected test (2):",
            "  TestParser::split[[]openai-chat/renamed[]]  (no such test: renamed or removed?)",
            "  TestGone::whole[[]openai-chat/text_non_ascii[]]  (its class was not collected in this run)",
        ]
    )


def test_a_missing_or_broken_baseline_is_a_usage_error(repo: pytest.Pytester) -> None:
    write_parser(repo, HandParser)
    result = run(repo, "--conformance-baseline=nope.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*nope.json: no baseline file (write one with --conformance-update-baseline)"]
    )
    result = run(repo, "--conformance-update-baseline")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--conformance-update-baseline needs --conformance-baseline PATH"])


def test_xdist_gives_the_same_results_baseline_report_and_json(repo: pytest.Pytester) -> None:
    write_parser(repo, DecodesEachChunk)
    baseline(repo, "TestParser::whole[openai-chat/cr_only]", "TestParser::split[openai-chat/renamed]")
    common = [
        "-p",
        "no:cacheprovider",
        "--conformance-profile=conformance-ci",
        "--conformance-baseline=conformance-baseline.json",
    ]
    common += ["-k", "text_non_ascii or cr_only"]
    single = repo.runpytest(*common, "--conformance-json=single.json")  # in-process: no start-up
    double = repo.runpytest_subprocess(*common, "--conformance-json=double.json", "-p", "xdist", "-n", "2")

    def tail(result: pytest.RunResult) -> list[str]:
        lines = result.stdout.lines
        start = next(i for i, line in enumerate(lines) if "stream conformance" in line)
        return [line for line in lines[start + 1 :] if not line.startswith(("conformance results", "="))]

    outcomes = single.parseoutcomes()
    assert outcomes.pop("deselected") > 0  # xdist's controller does not count deselected tests
    assert outcomes == double.parseoutcomes()
    assert outcomes["failed"] == 1 and outcomes["xpassed"] == 1
    assert tail(single) == tail(double)
    assert "  TestParser::split[openai-chat/renamed]  (no such test: renamed or removed?)" in tail(single)
    one = json.loads((repo.path / "single.json").read_text(encoding="utf-8"))
    two = json.loads((repo.path / "double.json").read_text(encoding="utf-8"))
    assert one == two
