"""tests/_oracles.py: an oracle test without its SDK skips on a developer's machine and
fails under CI or `CONFORMANCE_REQUIRE_ORACLES=1` (issue 19), and `.ci/run` requires them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._oracles import REQUIRE_VARIABLE, oracles_required, require_sdk

MISSING = "an_sdk_that_is_not_installed_anywhere"


@pytest.mark.parametrize(
    ("env", "required"),
    [
        ({}, False),
        ({"CI": ""}, False),
        ({"CI": "false"}, False),
        ({"CI": "true"}, True),
        ({"CI": "1"}, True),
        ({REQUIRE_VARIABLE: "1"}, True),
        ({REQUIRE_VARIABLE: "0"}, False),
    ],
)
def test_oracles_are_required_under_ci_or_when_asked(env: dict[str, str], required: bool) -> None:
    assert oracles_required(env) is required


def test_a_missing_sdk_skips_when_oracles_are_not_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv(REQUIRE_VARIABLE, raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_sdk(MISSING)


@pytest.mark.parametrize(("name", "value"), [(REQUIRE_VARIABLE, "1"), ("CI", "true")])
def test_a_missing_sdk_fails_when_oracles_are_required(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv(name, value)
    with pytest.raises(pytest.fail.Exception, match=f"{MISSING} is not installed"):
        require_sdk(MISSING)


def test_an_installed_sdk_is_returned_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE_VARIABLE, "1")
    assert require_sdk("json").dumps([]) == "[]"


def test_every_oracle_test_module_gets_its_sdk_through_the_helper() -> None:
    modules = sorted(Path(__file__).parent.glob("test_oracle_*.py"))
    assert len(modules) >= 10
    for module in modules:
        text = module.read_text(encoding="utf-8")
        assert "importorskip" not in text and "require_sdk(" in text, module.name


def test_ci_requires_the_oracles_for_the_test_run_only() -> None:
    lines = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    pytest_line = next(n for n, line in enumerate(lines) if line.startswith(".venv/bin/python -m pytest -n"))
    export = lines.index(f"export {REQUIRE_VARIABLE}=1")
    assert export < pytest_line and all("pytest" not in line for line in lines[export + 1 : pytest_line])
