"""The cancel matrix on the official SDKs of the dev extra: a real leak is reported as one, a
clean close as a pass, and the Markdown names versions and how to avoid each leak."""

from __future__ import annotations

import pytest

from conformance.live.cancel import CLOSES_AT_ONCE, CLOSES_ON_GC
from conformance.suite.cancel_matrix import WAYS, Matrix, Way, main, markdown, run_matrix


def way(library: str, name: str) -> Way:
    return next(w for w in WAYS if (w.library, w.name) == (library, name))


@pytest.fixture(scope="module")
def matrix() -> Matrix:
    ways = [way("openai", "create-break"), way("openai", "create-close"), way("anthropic", "create-break")]
    return run_matrix(ways, midway=False)


def test_a_bare_break_out_of_an_openai_stream_is_a_close_only_the_collector_makes(matrix: Matrix) -> None:
    by_name = {(r.way.library, r.way.name): r.verdict for r in matrix.rows}
    assert by_name["openai", "create-break"] is not None
    assert by_name["openai", "create-break"].closing == CLOSES_ON_GC
    assert by_name["openai", "create-close"] is not None and by_name["openai", "create-close"].passed
    anthropic = by_name["anthropic", "create-break"]
    assert anthropic is not None and anthropic.passed and anthropic.closing == CLOSES_AT_ONCE


def test_the_markdown_names_versions_verdicts_and_how_to_avoid_each_leak(matrix: Matrix) -> None:
    text = markdown(matrix)
    for library in ("openai", "anthropic"):
        assert f"{library} {matrix.versions[library]}" in text
    assert "| openai | create-break |" in text and "closes only when the garbage collector runs" in text
    assert "| openai | create-close |" in text and "**pass**: closes at once" in text
    leaks = text.split("## Leaks, and how to avoid them today", 1)[1]
    assert "**openai create-break**" in leaks and "Today: call `stream.close()`" in leaks
    assert "(`create-close` pass above)" in leaks  # the advice, backed by a way that does it
    assert "anthropic" not in leaks


def test_a_way_whose_library_is_missing_is_reported_not_run() -> None:
    missing = Way("no-such-library", "break", "openai-chat", "...", way("openai", "create-break").consume)
    row = run_matrix([missing], midway=False).rows[0]
    assert row.verdict is None and "no-such-library is not installed" in row.error


def test_an_unknown_library_on_the_command_line_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--only", "openia"])
    assert "unknown libraries ['openia']" in capsys.readouterr().err
