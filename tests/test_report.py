"""The conformance matrix and its three renderings."""

from __future__ import annotations

import pytest

from conformance.suite.report import Matrix, matrix_of, to_html, to_markdown, to_text
from conformance.suite.runner import CaseResult


def sample() -> Matrix:
    matrix = Matrix()
    for cassette in ("openai-chat/text", "openai-chat/usage"):
        matrix.record("TestMine (openai-chat)", "whole", cassette, "passed")
    matrix.record("TestMine (openai-chat)", "split", "openai-chat/text", "passed")
    matrix.record(
        "TestMine (openai-chat)", "split", "openai-chat/usage", "failed", "split: openai-chat/usage: a | b"
    )
    matrix.record("TestMine (openai-chat)", "reasoning", "openai-chat/think", "unsupported")
    return matrix


def test_a_failed_case_makes_the_cell_failed_whatever_passed() -> None:
    cell = sample().cell("TestMine (openai-chat)", "split")
    assert cell.status == "failed" and cell.counts["passed"] == 1
    assert cell.failures == [("openai-chat/usage", "split: openai-chat/usage: a | b")]


def test_text_matrix_has_one_column_per_check_and_plain_cells() -> None:
    lines = to_text(sample()).splitlines()
    assert lines[0].split() == [
        "adapter", "whole", "split", "tool_args", "text", "reasoning", "usage", "stop_reason", "server_tools",
        "citations", "error", "truncated_end", "truncated_mid", "keepalive", "generated",
    ]  # fmt: skip
    assert lines[1].split()[2:9] == ["ok", "2", "FAIL", "1/2", "-", "-", "unsupported"]
    assert all(line.isascii() for line in lines)


def test_markdown_escapes_pipes_and_lists_failures() -> None:
    text = to_markdown(sample())
    assert "| TestMine (openai-chat) | ✅ ok 2 | ❌ FAIL 1/2 |" in text
    assert (
        "- TestMine (openai-chat) · `split` · `openai-chat/usage`: split: openai-chat/usage: a \\| b" in text
    )
    assert "`truncated_end` a body cut before its terminator" in text


def test_html_is_a_standalone_page_with_escaped_cells() -> None:
    matrix = sample()
    matrix.record("<script>", "whole", "x/y", "passed")
    page = to_html(matrix)
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert (
        "<td class='failed' title='openai-chat/usage: split: openai-chat/usage: a | b'>FAIL 1/2</td>" in page
    )


def test_incremental_column_appears_only_when_recorded() -> None:
    matrix = sample()
    assert "incremental" not in matrix.checks
    matrix.record("TestMine (openai-chat)", "incremental", "openai-chat/text", "passed")
    assert "incremental" in matrix.checks  # in CHECK_IDS order, after the checks always shown
    assert matrix.checks.index("incremental") > matrix.checks.index("keepalive")


def test_unknown_outcomes_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown outcome"):
        Matrix().record("a", "whole", "x/y", "green")


def test_matrix_of_suite_results_keeps_the_first_line_of_each_failure() -> None:
    matrix = matrix_of(
        [CaseResult("A (v)", "usage", "v/c", "failed", "usage: v/c: differs\nfirst difference: usage")]
    )
    assert matrix.failed == 1
    assert matrix.cell("A (v)", "usage").failures == [("v/c", "usage: v/c: differs")]


def causes_sample() -> Matrix:
    matrix = Matrix()
    for cassette in ("anthropic/text", "anthropic/tool_use", "anthropic/usage_cache"):
        matrix.record("T (anthropic)", "usage", cassette, "failed", "usage: ...", "usage: usage.input_tokens")
    matrix.record(
        "T (anthropic)", "truncated_mid", "anthropic/text", "failed", "t: ...", "truncated_mid: stop_reason"
    )
    matrix.record(
        "T (anthropic)", "tool_args", "anthropic/tool_use", "passed", declared=["tool_calls.id: synthesized"]
    )
    return matrix


def test_failures_are_grouped_by_cause_with_the_cassettes_each_touches() -> None:
    matrix = causes_sample()
    assert matrix.summary_line() == "2 causes, 4 failing tests"
    (truncation, usage) = matrix.cause_list()
    assert (usage.cause, usage.tests) == ("usage: usage.input_tokens", 3)
    assert usage.cassettes == ("anthropic/text", "anthropic/tool_use", "anthropic/usage_cache")
    assert truncation.cassettes == ("anthropic/text",)
    text = to_text(matrix)
    assert "2 causes, 4 failing tests:" in text
    assert "  T (anthropic): usage: usage.input_tokens: 3 tests, cassettes anthropic/text, " in text


def test_declared_differences_mark_their_cells_and_are_listed_in_every_rendering() -> None:
    matrix = causes_sample()
    lines = to_text(matrix).splitlines()
    assert "ok 1*" in lines[1]
    assert "  T (anthropic): tool_calls.id: synthesized" in lines
    assert "- T (anthropic): `tool_calls.id: synthesized`" in to_markdown(matrix)
    assert "| T (anthropic) | `usage: usage.input_tokens` | 3 |" in to_markdown(matrix)
    assert "<code>tool_calls.id: synthesized</code>" in to_html(matrix)
    assert "<code>truncated_mid: stop_reason</code>" in to_html(matrix)
