"""The ecosystem runner: suite modules loaded from a folder, run, their failures grouped by cause,
and the Markdown section written into a shared file without touching the rest of it.

The suites here wrap the kit's own parser (one with a planted bug), so these tests need none
of the client libraries; the libraries' own suites are `examples/clients/`.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from conformance.formats.cassettes import bundled_cassette_dir, load_cassette
from conformance.suite import ecosystem
from conformance.suite.client_mode import HttpClient, served_cassette
from conformance.suite.runner import CaseResult

SUITES = """
from typing import Any

import conformance
from conformance import AdapterSuite


class TestRight(AdapterSuite):
    vendor = "anthropic"
    bundled_cassettes = False
    cassette_dirs = ["cassettes"]

    def parse(self, chunks: Any) -> Any:
        return conformance.parse("anthropic", chunks)


class TestNoUsage(TestRight):
    defects = {"usage: usage": "drops usage"}

    def parse(self, chunks: Any) -> Any:
        return {**conformance.parse("anthropic", chunks).to_dict(), "usage": None}


class TestNoUsageDeclared(TestNoUsage):
    declared = {"usage": "absent"}
    defects = {}
    notes = {"usage": "this parser keeps no usage"}


class Helper(AdapterSuite):  # not a Test class: not run
    vendor = "anthropic"
"""


@pytest.fixture
def suites_dir(tmp_path: Path) -> Path:
    (tmp_path / "cassettes" / "anthropic").mkdir(parents=True)
    for scenario in ("text", "tool_use"):
        shutil.copy(
            bundled_cassette_dir() / "anthropic" / f"{scenario}.yaml", tmp_path / "cassettes" / "anthropic"
        )
    (tmp_path / "test_kit.py").write_text(textwrap.dedent(SUITES), encoding="utf-8")
    return tmp_path


def test_run_groups_the_failures_of_one_wrong_field_under_one_cause(suites_dir: Path) -> None:
    library = ecosystem.Library("kit", "test_kit.py", ("pytest",))
    lines: list[str] = []
    found = ecosystem.run(suites_dir, [library], progress=lines.append)
    labels = ["TestRight (anthropic)", "TestNoUsage (anthropic)", "TestNoUsageDeclared (anthropic)"]
    assert [line.split(":")[0] for line in lines] == labels
    for green in ("TestRight (anthropic)", "TestNoUsageDeclared (anthropic)"):
        ran = [r for r in found.results if r.adapter == green]
        assert ran and all(r.outcome in ("passed", "unsupported") for r in ran)
    grouped = ecosystem.causes(found.results)
    # one wrong field: one cause, across both cassettes, never one per check or per split
    assert grouped == {("TestNoUsage (anthropic)", "usage: usage"): ["anthropic/text", "anthropic/tool_use"]}
    assert found.defects == {("TestNoUsage (anthropic)", "usage: usage"): "drops usage"}
    assert found.versions["pytest"] == pytest.__version__
    markdown = ecosystem.to_markdown(found)
    rerun = '`pytest examples/clients/test_kit.py -k "TestNoUsage and test_usage"`'
    assert (
        f"| TestNoUsage (anthropic) | `usage: usage` | drops usage | `text`, `tool_use` | {rerun} |"
        in markdown
    )
    assert "- TestNoUsageDeclared (anthropic): `usage: absent`: this parser keeps no usage" in markdown
    assert "<td>drops usage</td>" in ecosystem.to_html(found)


def test_a_cause_found_on_a_generated_case_reruns_the_generated_test() -> None:
    """A cause is named by the check owning its field (`tool_args`), but on `<vendor>/generated`
    the test that failed is `test_generated`: the reproduce command must select it."""
    found = ecosystem.Run(sources={"lib (vllm)": ("test_lib.py", "TestLibVllm")})
    command = "`pytest examples/clients/test_lib.py -k {!r}`"
    cause = "tool_args: tool_calls[].id"
    assert ecosystem.reproduce(found, "lib (vllm)", cause, ["vllm/generated"]) == command.format(
        "TestLibVllm and test_generated"
    ).replace("'", '"')
    assert ecosystem.reproduce(found, "lib (vllm)", cause, ["vllm/tool_call"]) == command.format(
        "TestLibVllm and test_tool_calls"
    ).replace("'", '"')
    both = ecosystem.reproduce(found, "lib (vllm)", cause, ["vllm/tool_call", "vllm/generated"])
    assert both == command.format("TestLibVllm and (test_tool_calls or test_generated)").replace("'", '"')


def test_a_library_that_is_not_installed_is_skipped_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "test_missing.py").write_text("import a_library_nobody_installed\n", encoding="utf-8")
    found = ecosystem.run(tmp_path, [ecosystem.Library("missing", "test_missing.py", ("missing",))])
    assert found.results == []
    assert "a_library_nobody_installed" in found.skipped["missing"]
    assert "- missing: not installed" in ecosystem.to_markdown(found)


@pytest.mark.parametrize(
    ("message", "cause"),
    [
        (
            "whole: a/b: differs\nfirst difference: usage.input_tokens\n  expected: 1",
            "whole: usage.input_tokens",
        ),
        ("text: a/b: lost\nfirst difference: text (at character 2)\n  expected: 'x'", "text: text"),
        (
            "truncated: request raised UnicodeDecodeError: 'utf-8' codec (not one of typed_errors)",
            "truncated: raised UnicodeDecodeError",
        ),
        (
            "request: a/b: the client's request missed the cassette's method and path",
            "request: the client's request missed the cassette's method and path",
        ),
    ],
)
def test_cause_is_the_check_and_the_first_differing_field(message: str, cause: str) -> None:
    check = message.split(":")[0]
    assert ecosystem.cause_of(CaseResult("A (v)", check, "a/b", "failed", message)) == cause


@pytest.mark.parametrize(
    "body_in_one_chunk", ["a Message", "raised google.genai.errors.ServerError: 503 UNAVAILABLE."]
)
def test_a_raised_cause_names_what_this_body_raised_by_its_class_name(body_in_one_chunk: str) -> None:
    """The same library failing the same way on a body it reads and on an error body it
    raises for is one cause (google-genai on a `: keep-alive` line)."""
    message = (
        "keepalive: gemini/x: keep-alives changed the result\n"
        "a different outcome than for the body in one chunk\n"
        f"  body in one chunk: {body_in_one_chunk}\n"
        "  this body:         raised google.genai.errors.UnknownApiResponseError: Failed to parse"
    )
    result = CaseResult("A (v)", "keepalive", "gemini/x", "failed", message, cause="keepalive: raised")
    assert ecosystem.cause_of(result) == "keepalive: raised UnknownApiResponseError"


def test_write_section_replaces_only_what_is_between_the_markers(tmp_path: Path) -> None:
    page = tmp_path / "ecosystem.md"
    page.write_text(
        f"# Intro\n\n{ecosystem.BEGIN}\nold\n{ecosystem.END}\n\n## Cancel matrix\n\nkept\n", encoding="utf-8"
    )
    ecosystem.write_section(page, "new\n")
    assert page.read_text(encoding="utf-8") == (
        f"# Intro\n\n{ecosystem.BEGIN}\nnew\n{ecosystem.END}\n\n## Cancel matrix\n\nkept\n"
    )


def test_write_section_appends_to_a_page_without_markers(tmp_path: Path) -> None:
    page = tmp_path / "ecosystem.md"
    page.write_text("# Intro\n", encoding="utf-8")
    ecosystem.write_section(page, "new\n")
    assert page.read_text(encoding="utf-8") == f"# Intro\n\n{ecosystem.BEGIN}\nnew\n{ecosystem.END}\n"


def test_served_cassette_is_the_cassette_of_the_running_request() -> None:
    cassette = load_cassette(bundled_cassette_dir() / "gemini" / "text.yaml")
    client = HttpClient(lambda base_url: served_cassette())
    assert client.fetch(cassette, [cassette.body]) is cassette
    with pytest.raises(RuntimeError, match="while it runs"):
        served_cassette()


def test_the_command_rejects_a_missing_suites_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        ecosystem.main(["--suites", str(tmp_path / "nowhere")])
    assert exited.value.code == 2
    assert "no such folder" in capsys.readouterr().err
