"""The kit's cassettes replay under pytest-recording's `@pytest.mark.vcr`, as the README
promises of ordinary vcrpy cassettes (`conformance.suite.recording`)."""

from __future__ import annotations

import shutil

import pytest

from conformance.formats.cassettes import bundled_cassette_dir, load_cassette

pytest_plugins = ["pytester"]

TEST = """
import httpx
import pytest


@pytest.mark.vcr{marker}
def test_replays_the_kit_cassette():
    with httpx.Client() as client:
        response = client.request({method!r}, {uri!r}, content=b"{{}}")
    assert response.status_code == 200
    assert response.content == {body!r}
"""


def _project(pytester: pytest.Pytester, marker: str = "") -> None:
    pytest.importorskip("pytest_recording")
    source = bundled_cassette_dir() / "anthropic" / "text.yaml"
    cassette = load_cassette(source)
    folder = pytester.path / "cassettes" / "test_vcr"
    folder.mkdir(parents=True)
    shutil.copy(source, folder / "test_replays_the_kit_cassette.yaml")
    pytester.makepyfile(
        test_vcr=TEST.format(marker=marker, method=cassette.method, uri=cassette.uri, body=cassette.body)
    )


def test_a_kit_cassette_replays_byte_exact_under_mark_vcr(pytester: pytest.Pytester) -> None:
    _project(pytester)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--record-mode=none")
    result.assert_outcomes(passed=1)


def test_an_extra_cassette_in_the_marker_still_merges(pytester: pytest.Pytester) -> None:
    """pytest-recording appends the marker's cassettes to the test's own; the kit's text.yaml
    named as an extra, with the test's own cassette missing, still plays."""
    _project(pytester, marker='("test_replays_the_kit_cassette.yaml")')
    (pytester.path / "cassettes" / "test_vcr" / "test_replays_the_kit_cassette.yaml").rename(
        pytester.path / "cassettes" / "test_vcr" / "extra.yaml"
    )
    (pytester.path / "test_vcr.py").write_text(
        (pytester.path / "test_vcr.py")
        .read_text(encoding="utf-8")
        .replace("test_replays_the_kit_cassette.yaml", "extra.yaml"),
        encoding="utf-8",
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--record-mode=none")
    result.assert_outcomes(passed=1)


def test_without_the_kit_s_hook_pytest_recording_cannot_load_it(pytester: pytest.Pytester) -> None:
    """What the hook is for: pytest-recording alone fails on vcrpy's cassette-level metadata."""
    _project(pytester)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "--record-mode=none", "-p", "no:conformance"
    )
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ValueError: too many values to unpack*"])
