"""The plugin is a guest in other people's repos: with no suite it changes nothing (Hypothesis's
own profiles, what gets imported), and with one it says clearly what is wrong with the options."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import settings

pytest_plugins = ["pytester"]

# A project's own Hypothesis test, reporting the settings it ran under and how many examples.
UNRELATED = """
from hypothesis import given, settings, strategies as st

CALLS = []


@given(st.integers())
def test_anything(n):
    CALLS.append(n)


def test_report():
    current = settings()
    print("SETTINGS", settings.get_current_profile_name(), current.max_examples, current.derandomize,
          ",".join(sorted(h.name for h in current.suppress_health_check)) or "-", len(CALLS))
"""

SUITE = """
import conformance
from conformance import AdapterSuite


class TestKit(AdapterSuite):
    vendor = "openai-chat"

    def parse(self, chunks):
        return conformance.parse("openai-chat", chunks)
"""

HEAVY = (
    "hypothesis",
    "uvicorn",
    "httpx",
    "httpx2",
    "jsonschema",
    "yaml",
    "vcr",
    "multiprocessing",
    "ssl",
    "asyncio",
    "click",
    "conformance.suite.adapter_suite",
    "conformance.api",
    "conformance.suite.report",
    "conformance.live.cancel",
)


def _settings_line(result: pytest.RunResult) -> str:
    line = next(line for line in result.outlines if "SETTINGS " in line)  # after the test's dot
    return line[line.index("SETTINGS ") :]


def test_under_ci_an_unrelated_project_keeps_hypothesis_own_ci_profile(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    pytester.makepyfile(test_unrelated=UNRELATED)
    with_kit = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-s")
    without_kit = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-s", "-p", "no:conformance")
    with_kit.assert_outcomes(passed=2)
    # Hypothesis's own `ci` profile, as Hypothesis defines it (100 examples, derandomized,
    # its own health checks only), and the same number of examples run as without the kit.
    assert _settings_line(with_kit) == _settings_line(without_kit)
    _, name, examples, derandomize, suppressed, calls = _settings_line(with_kit).split()
    own = settings.get_profile("ci")  # Hypothesis's own: nothing in the kit registers `ci`
    assert (name, int(examples), derandomize == "True") == ("ci", own.max_examples, own.derandomize)
    assert suppressed == (",".join(sorted(h.name for h in own.suppress_health_check)) or "-")
    assert int(calls) == own.max_examples  # derandomized integers: every example runs, no more


def test_under_ci_the_kit_s_checks_run_its_own_ci_profile_and_the_project_s_tests_hypothesis_s(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    pytester.makepyfile(test_unrelated=UNRELATED, test_kit=SUITE)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-s", "--conformance-json", "results.json", "-k", "report or chat/text]"
    )
    assert result.ret == 0, result.stdout.str()[-2000:]
    assert _settings_line(result).startswith("SETTINGS ci 100 True")
    document = json.loads((pytester.path / "results.json").read_text(encoding="utf-8"))
    assert document["hypothesis_profile"] == "conformance-ci"


def test_conformance_profile_chooses_the_kit_s_profile_and_nothing_else(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_unrelated=UNRELATED, test_kit=SUITE)
    result = pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "-s",
        "--conformance-profile=conformance-fuzz",
        "--conformance-json=results.json",
        "-k",
        "report or whole_body and chat/text]",
    )
    assert result.ret == 0, result.stdout.str()[-2000:]
    # The project's own test runs as it would without the kit (`default`, or `ci` on CI).
    alone = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-s", "-p", "no:conformance", "-k", "report"
    )
    assert _settings_line(result).rsplit(" ", 1)[0] == _settings_line(alone).rsplit(" ", 1)[0]
    assert not _settings_line(result).startswith("SETTINGS conformance-")
    document = json.loads((pytester.path / "results.json").read_text(encoding="utf-8"))
    assert document["hypothesis_profile"] == "conformance-fuzz"


def test_the_kit_s_profiles_can_be_loaded_by_name_with_hypothesis_s_own_option(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Off CI: on CI, Hypothesis's defaults (the parent of every registered profile) are its own
    # derandomized `ci` settings, so `conformance-dev` would inherit `derandomize=True` there.
    monkeypatch.delenv("CI", raising=False)
    pytester.makepyfile(test_unrelated=UNRELATED)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-s", "--hypothesis-profile=conformance-dev"
    )
    result.assert_outcomes(passed=2)
    assert _settings_line(result).startswith("SETTINGS conformance-dev 50 False")


def test_importing_the_plugin_loads_none_of_the_heavy_modules() -> None:
    code = (
        f"import sys, conformance.suite.plugin\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_a_project_without_a_suite_never_imports_the_suite(pytester: pytest.Pytester) -> None:
    """Not during collection, the tests, nor the end of the session (reports, summaries)."""
    pytester.makepyfile(test_plain="def test_plain():\n    pass\n")
    pytester.makeconftest(
        f"""
import sys

import pytest


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    loaded = [m for m in {HEAVY!r} if m in sys.modules]
    (config.rootpath / "loaded.txt").write_text(",".join(loaded))
"""
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
    loaded = (pytester.path / "loaded.txt").read_text().split(",")
    # Hypothesis's own plugin and anyio's may load things of their own; none of the kit's.
    assert [m for m in loaded if m.startswith("conformance.") or m in ("yaml", "uvicorn", "jsonschema")] == []


def test_a_suite_with_the_plugin_disabled_gets_one_message(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_kit=SUITE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:conformance")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    text = result.stdout.str() + result.stderr.str()
    assert text.count("the pytest plugin `conformance` is not loaded") == 1, text[-2000:]
    assert "TestKit is an AdapterSuite" in text and "fixture 'conformance_case' not found" not in text


@pytest.mark.parametrize(
    ("option", "named"),
    [
        (
            "--conformance-cassettes=missingdir",
            "--conformance-cassettes (or ini conformance_cassettes): *missingdir does not exist",
        ),
        ("--conformance-vendor=nosuch", "--conformance-vendor: no such vendor 'nosuch' (known: anthropic, *"),
        ("--conformance-profile=ci", "*--conformance-profile: invalid choice: 'ci'*"),
    ],
)
def test_a_typo_in_an_option_is_a_usage_error_naming_it(
    pytester: pytest.Pytester, option: str, named: str
) -> None:
    pytester.makepyfile(test_kit=SUITE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", option)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{named}"])


def test_every_pytest_option_of_the_kit_says_what_it_does(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("-p", "no:cacheprovider", "--help")
    text = result.stdout.str()
    group = text[text.index("stream-conformance:") :]
    group = group[: group.index("\n\n")]
    entries = re.split(r"\n  (?=--conformance-)", group)[1:]
    assert len(entries) >= 10
    for entry in entries:
        option, *help_words = entry.split()  # the option (with its =METAVAR), then its help
        assert len(help_words) >= 3, f"{option}: help {' '.join(help_words)!r}"
