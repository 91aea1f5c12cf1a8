"""The `line_endings` check: an LF body with CRLF or lone-CR line endings gives the same Message,
so a parser that splits lines only on `\\n` is red on the bundled cassettes too."""

from __future__ import annotations

import inspect
import re
import textwrap

import pytest

import conformance
from conformance.formats.cassettes import load_cassettes
from conformance.suite.bodies import canonical_body, line_ending_bodies
from conformance.suite.checks import CHECKS_BY_ID, Target, applies
from tests.test_plugin import PRELUDE, BrokenStream, HandParser, SplitsOnLFOnly
from tests.test_suite import TEXT_BODY, make_cassette

pytest_plugins = ["pytester"]


@pytest.fixture(autouse=True)
def _no_step_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs below must not append their matrix to a real CI job's summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def test_an_lf_body_gets_a_crlf_and_a_lone_cr_variant_with_the_same_message() -> None:
    cassette = make_cassette(TEXT_BODY)
    variants = dict(line_ending_bodies(cassette))
    assert set(variants) == {"the body with CRLF line endings", "the body with lone-CR line endings"}
    assert variants["the body with CRLF line endings"] == TEXT_BODY.replace(b"\n", b"\r\n")
    assert variants["the body with lone-CR line endings"] == TEXT_BODY.replace(b"\n", b"\r")
    for body in variants.values():
        assert conformance.parse("openai-chat", [body]) == conformance.parse("openai-chat", [TEXT_BODY])


def test_a_crlf_body_is_checked_with_its_own_line_endings_against_its_lf_form() -> None:
    crlf = TEXT_BODY.replace(b"\n", b"\r\n")
    cassette = make_cassette(crlf)
    assert canonical_body(cassette) == TEXT_BODY  # every other check reads the LF form
    variants = dict(line_ending_bodies(cassette))
    assert variants["the body with its recorded CRLF line endings"] == crlf
    assert variants["the body with lone-CR line endings"] == TEXT_BODY.replace(b"\n", b"\r")
    assert "the body with CRLF line endings" not in variants  # the recorded one is that already
    assert applies(CHECKS_BY_ID["line_endings"], cassette)


def test_a_parser_splitting_on_lf_only_fails_with_the_variant_named() -> None:
    from conformance.suite.checks import Case, CheckFailed, run_case

    target = Target("lf-only", "openai-chat", lambda chunks: SplitsOnLFOnly().parse(chunks), None)
    with pytest.raises(CheckFailed) as failure:
        run_case(target, Case("line_endings", make_cassette(TEXT_BODY)))
    lines = str(failure.value).splitlines()
    assert lines[0] == (
        "line_endings: openai-chat/case: "
        "the body with CRLF line endings gives a different result than with LF line endings"
    )
    assert lines[1].startswith("first difference: text")


BUNDLED_SUITE = """
from conformance import AdapterSuite
from hand_parser import BrokenStream, {parser}


class TestParser(AdapterSuite):
    vendor = "openai-chat"
    unsupported = {{"usage"}}  # the hand parser keeps only the three token counts
    typed_errors = (BrokenStream,)

    def parse(self, chunks):
        return {parser}().parse(chunks)
"""


def _write(pytester: pytest.Pytester, parser: type[HandParser]) -> None:
    classes = [BrokenStream, HandParser] + ([parser] if parser is not HandParser else [])
    source = PRELUDE + "\n\n".join(textwrap.dedent(inspect.getsource(c)) for c in classes)
    pytester.makepyfile(hand_parser=source, test_parser=BUNDLED_SUITE.format(parser=parser.__name__))


def _lf_cassettes() -> list[str]:
    """The openai-chat cassettes the line_endings check applies to (all are SSE)."""
    return sorted(c.id for c in load_cassettes(vendor="openai-chat") if line_ending_bodies(c))


def test_splitting_on_lf_only_is_red_on_every_bundled_lf_cassette(pytester: pytest.Pytester) -> None:
    ids = _lf_cassettes()
    if not ids:
        pytest.skip("no bundled openai-chat cassette with LF line endings")
    _write(pytester, SplitsOnLFOnly)
    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "test_line_endings", "-rf")
    failed = re.findall(r"^FAILED \S+::test_line_endings\[(\S+)\]", result.stdout.str(), re.MULTILINE)
    assert sorted(failed) == ids
    result.stdout.fnmatch_lines(
        ["*line_endings: openai-chat/*: the body with CRLF line endings gives a different result than*"]
    )


def test_a_parser_splitting_at_crlf_lf_and_cr_passes_them(pytester: pytest.Pytester) -> None:
    ids = _lf_cassettes()
    if not ids:
        pytest.skip("no bundled openai-chat cassette with LF line endings")
    _write(pytester, HandParser)
    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "test_line_endings")
    result.assert_outcomes(passed=len(ids))
