"""Where an expected message came from (issue 19): every bundled cassette's expected is
independent of the parser under test, a cassette says so in its metadata, and the CLI and
the checks show it when a parser and the expected message disagree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import conformance
from conformance.cli import main
from conformance.errors import CassetteError
from conformance.formats.cassettes import Cassette, bundled_cassette_dir, load_cassette, save_cassette
from conformance.formats.provenance import describe, expected_for, is_independent, is_valid
from conformance.suite.checks import Case, CheckFailed, Target, run_case
from tests._bundled import bundled

pytest_plugins = ["pytester"]

BODY = (
    b'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",'
    b'"choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":"stop"}]}\n\n'
    b"data: [DONE]\n\n"
)


def cassette(provenance: str | None, *, expected_text: str = "Hello") -> Cassette:
    expected = conformance.parse("openai-chat", [BODY]).to_dict()
    meta: dict[str, object] = {
        "vendor": "openai-chat",
        "scenario": "hello",
        "features": ["text"],
        "expected": {**expected, "text": expected_text},
    }
    if provenance is not None:
        meta["provenance"] = provenance
    return Cassette(
        path=None,
        vendor="openai-chat",
        scenario="hello",
        method="POST",
        uri="https://api.openai.com/v1/chat/completions",
        request_headers={},
        request_body=None,
        status=200,
        response_headers={"content-type": ["text/event-stream"]},
        body=BODY,
        metadata=meta,
    )


def test_every_bundled_expected_message_is_hand_written_or_the_sdks() -> None:
    cassettes = bundled()
    assert len(cassettes) > 100
    for c in cassettes:
        if c.expected is not None:
            assert is_independent(c.provenance), f"{c.id}: provenance {c.provenance!r}"


@pytest.mark.parametrize("value", ["hand", "reference", "sdk:anthropic==0.75.0", "sdk:google-genai==1.52.0"])
def test_valid_provenances(value: str) -> None:
    assert is_valid(value)


@pytest.mark.parametrize("value", ["", "Hand", "sdk:", "sdk:anthropic", "sdk:==1.0", 5, None, ["hand"]])
def test_invalid_provenances(value: object) -> None:
    assert not is_valid(value)


def test_only_hand_and_sdk_are_independent_of_the_parser() -> None:
    assert is_independent("hand") and is_independent("sdk:openai==3.0.0")
    assert not is_independent("reference") and not is_independent(None) and not is_independent("sdk:x")


def test_a_cassette_with_a_wrong_provenance_is_refused_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "openai-chat" / "hello.yaml"
    save_cassette(cassette("hand"), path)
    path.write_text(path.read_text().replace("provenance: hand", "provenance: the intern"))
    with pytest.raises(CassetteError, match=r"hello.yaml: metadata.conformance.formats.provenance must be"):
        load_cassette(path)


def test_parse_shows_the_provenance_when_the_parser_and_expected_disagree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "openai-chat" / "hello.yaml"
    save_cassette(cassette("reference", expected_text="Hullo"), path)
    assert main(["parse", str(path)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["text"] == "Hello"
    assert "openai-chat/hello: differs from the cassette's expected message" in captured.err
    assert "provenance: reference (the kit's own parser, not independent: review it)" in captured.err
    assert "text: parsed 'Hello' != expected 'Hullo'" in captured.err


def test_parse_says_nothing_more_when_they_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "openai-chat" / "hello.yaml"
    save_cassette(cassette("hand"), path)
    assert main(["parse", str(path)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("provenance", ["hand", "reference", "sdk:openai==3.0.0"])
def test_a_failed_check_names_where_the_expected_message_came_from(provenance: str) -> None:
    wrong_expected = cassette(provenance, expected_text="Hullo")
    target = Target(
        label="t", vendor="openai-chat", parse=lambda chunks: conformance.parse("openai-chat", chunks)
    )
    with pytest.raises(CheckFailed) as info:
        run_case(target, Case("text", wrong_expected))  # the check that owns `text` here
    assert str(info.value).splitlines()[-1] == f"  expected message provenance: {describe(provenance)}"


def test_provenance_is_read_from_the_metadata() -> None:
    assert cassette("hand").provenance == "hand"
    assert cassette(None).provenance is None


def test_check_flags_the_cassettes_whose_expected_the_reference_parser_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conformance.formats.cassettes import bundled_cassette_dir

    text = (bundled_cassette_dir() / "ollama" / "text.yaml").read_text(encoding="utf-8")
    assert "    scenario: text\n" in text and "    provenance: hand\n" in text
    (tmp_path / "ollama").mkdir()
    (tmp_path / "ollama" / "rerecorded.yaml").write_text(
        text.replace("    scenario: text\n", "    scenario: rerecorded\n").replace(
            "    provenance: hand\n", "    provenance: reference\n"
        ),
        encoding="utf-8",
    )
    args = [
        "check",
        "--vendor",
        "ollama",
        "--cassettes",
        str(tmp_path),
        "--hypothesis-profile",
        "conformance-dev",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "note: 1 cassette(s) checked against an expected message written by the kit's own" in out
    note, summary = out.rstrip().splitlines()[-2:]  # the run's one-line summary comes last
    assert note.endswith("review them): ollama/rerecorded") and summary.startswith("conformance check: ")


SUITE = """
from conformance import AdapterSuite, parse


class TestOllama(AdapterSuite):
    vendor = "ollama"
    bundled_cassettes = False
    cassette_dirs = ["cassettes"]

    def parse(self, chunks):
        return parse("ollama", chunks)
"""


def test_the_plugin_summary_names_cassettes_whose_expected_the_reference_parser_wrote(
    pytester: pytest.Pytester,
) -> None:
    from conformance.formats.cassettes import bundled_cassette_dir

    for scenario, provenance in (("text", "reference"), ("tool_call", "hand")):
        text = (bundled_cassette_dir() / "ollama" / f"{scenario}.yaml").read_text(encoding="utf-8")
        assert "    provenance: hand\n" in text
        folder = pytester.path / "cassettes" / "ollama"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{scenario}.yaml").write_text(
            text.replace("    provenance: hand\n", f"    provenance: {provenance}\n"), encoding="utf-8"
        )
    pytester.makepyfile(test_suite=SUITE)
    result = pytester.runpytest(
        "-p", "no:cacheprovider", "--hypothesis-profile=conformance-dev", "-k", "whole"
    )
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        ["expected messages written by the kit's own reference parser (*review them): ollama/text"]
    )


def test_an_sdk_that_does_not_read_the_body_vouches_for_nothing() -> None:
    # AnthropicBedrock reads Claude's events only: a Nova body gets `sdk_unsupported`.
    pytest.importorskip("anthropic")
    nova = load_cassette(bundled_cassette_dir() / "bedrock-invoke" / "nova_text.yaml")
    verdict = expected_for("bedrock-invoke", nova.recorded_chunks())
    assert verdict.provenance == "reference" and "review it by hand" in verdict.warning
    assert verdict.expected == conformance.parse("bedrock-invoke", [nova.body]).to_dict()
    claude = load_cassette(bundled_cassette_dir() / "bedrock-invoke" / "text.yaml")
    assert expected_for("bedrock-invoke", claude.recorded_chunks()).provenance.startswith("sdk:anthropic==")
