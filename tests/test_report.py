"""The conformance matrix and its three renderings."""

from __future__ import annotations

import pytest

from conformance.report import Matrix, matrix_of, to_html, to_markdown, to_text
from conformance.suite import CaseResult


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
        "adapter", "whole", "split", "tool_args", "text", "reasoning", "usage", "stop_reason", "error",
        "truncated", "keepalive",
    ]  # fmt: skip
    assert lines[1].split()[2:9] == ["ok", "2", "FAIL", "1/2", "-", "-", "unsupported"]
    assert all(line.isascii() for line in lines)


def test_markdown_escapes_pipes_and_lists_failures() -> None:
    text = to_markdown(sample())
    assert "| TestMine (openai-chat) | ✅ ok 2 | ❌ FAIL 1/2 |" in text
    assert (
        "- TestMine (openai-chat) · `split` · `openai-chat/usage`: split: openai-chat/usage: a \\| b" in text
    )
    assert "`truncated` a body cut before its terminator" in text


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
    assert matrix.checks[-1] == "incremental"


def test_unknown_outcomes_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown outcome"):
        Matrix().record("a", "whole", "x/y", "green")


def test_matrix_of_suite_results_keeps_the_first_line_of_each_failure() -> None:
    matrix = matrix_of(
        [CaseResult("A (v)", "usage", "v/c", "failed", "usage: v/c: differs\nfirst difference: usage")]
    )
    assert matrix.failed == 1
    assert matrix.cell("A (v)", "usage").failures == [("v/c", "usage: v/c: differs")]
