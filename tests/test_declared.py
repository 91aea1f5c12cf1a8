"""Declared differences (conformance.suite.declared): each kind on an example, and applied by the checks."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from typing import Any

import pytest

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.message import Message
from conformance.suite.adapter_suite import AdapterSuite, declared_of, target_of
from conformance.suite.cases import cases_for
from conformance.suite.checks import CHECKS_BY_ID, Case, CheckFailed, run_case
from conformance.suite.declared import DIFFERENCES, SYNTHESIZED, parse_declared
from conformance.suite.runner import run_suite

pytest_plugins = ["pytester"]


def bundled(cassette_id: str) -> Cassette:
    vendor, _, scenario = cassette_id.partition("/")
    (found,) = [c for c in load_cassettes(vendor=vendor) if c.scenario == scenario]
    return found


def msg(**fields: Any) -> dict[str, Any]:
    return Message.from_dict({"vendor": "anthropic", **fields}).to_dict()


def same(
    field: str, kind: str, expected: dict[str, Any], got: dict[str, Any], vendor: str = "anthropic"
) -> bool:
    declared = parse_declared("T", {field: kind})
    return declared.expected(expected, vendor) == declared.got(got, vendor)


CALL = {"id": "toolu_01", "name": "get_weather", "arguments": {"city": "Paris"}}


def test_synthesized_ids_compare_equal_but_a_missing_id_still_differs() -> None:
    theirs = {**CALL, "id": "call_9f2c"}
    assert same("tool_calls.id", "synthesized", msg(tool_calls=[CALL]), msg(tool_calls=[theirs]))
    assert not same(
        "tool_calls.id", "synthesized", msg(tool_calls=[CALL]), msg(tool_calls=[{**CALL, "id": None}])
    )
    declared = parse_declared("T", {"tool_calls.id": "synthesized"})
    assert declared.got(msg(tool_calls=[theirs]), "anthropic")["tool_calls"][0]["id"] == SYNTHESIZED


@pytest.mark.parametrize("kind", ["estimated", "absent"])
def test_usage_estimated_or_absent_is_not_compared(kind: str) -> None:
    assert same("usage", kind, msg(usage={"input_tokens": 9}), msg(usage=None))
    assert same("usage", kind, msg(usage=None), msg(usage={"input_tokens": 12, "output_tokens": 3}))


def test_missing_as_zero_drops_zero_keys_only() -> None:
    vendor = msg(usage={"input_tokens": 9})
    assert same("usage", "missing_as_zero", vendor, msg(usage={"input_tokens": 9, "cache_read_tokens": 0}))
    assert not same(
        "usage", "missing_as_zero", vendor, msg(usage={"input_tokens": 9, "cache_read_tokens": 5})
    )
    assert not same("usage", "missing_as_zero", vendor, msg(usage={"input_tokens": 0}))


def test_includes_cache_adds_cache_tokens_to_the_expected_input_for_vendors_that_count_them_apart() -> None:
    vendor = msg(usage={"input_tokens": 12, "cache_read_tokens": 2048, "cache_write_tokens": 100})
    library = msg(usage={"input_tokens": 2160, "cache_read_tokens": 2048, "cache_write_tokens": 100})
    assert same("usage.input_tokens", "includes_cache", vendor, library)
    assert not same("usage.input_tokens", "includes_cache", vendor, vendor)  # the library's side is untouched
    # OpenAI's prompt_tokens already include cached tokens: nothing to add
    assert same("usage.input_tokens", "includes_cache", vendor, vendor, vendor="openai-chat")


@pytest.mark.parametrize(
    "declared",
    [
        {"usage": "missing_as_zero", "usage.input_tokens": "includes_cache"},
        {"usage.input_tokens": "includes_cache", "usage": "missing_as_zero"},
    ],
)
def test_includes_cache_and_missing_as_zero_agree_whichever_is_written_first(
    declared: dict[str, str],
) -> None:
    """pydantic-ai on Anthropic: the vendor sent input_tokens 0 and a cache write of 1, the
    library reports input_tokens 1 (its sum) and every key. Dropping the zeros first would lose
    the expected input_tokens before the cache is added to it: a false verdict."""
    vendor = msg(
        usage={"input_tokens": 0, "output_tokens": 0, "cache_read_tokens": 0, "cache_write_tokens": 1}
    )
    library = msg(
        usage={"input_tokens": 1, "output_tokens": 0, "cache_read_tokens": 0, "cache_write_tokens": 1}
    )
    both = parse_declared("T", declared)
    assert both.expected(vendor, "anthropic") == both.got(library, "anthropic")
    assert both.expected(vendor, "anthropic") != both.got(vendor, "anthropic")  # input_tokens 0 still differs


def test_vendor_stop_reason_absent_is_not_compared() -> None:
    assert same(
        "vendor_stop_reason", "absent", msg(vendor_stop_reason="end_turn"), msg(vendor_stop_reason=None)
    )


def test_refusal_as_content_filter_counts_a_refusal_as_a_filtered_stop() -> None:
    vendor = msg(refusal="I can't help with that.", stop_reason="stop")
    assert same("refusal", "as_content_filter", vendor, msg(stop_reason="content_filter"))
    assert not same("refusal", "as_content_filter", vendor, msg(stop_reason="stop"))
    assert not same(
        "refusal",
        "as_content_filter",
        msg(text="hi", stop_reason="stop"),
        msg(text="hi", stop_reason="content_filter"),
    )


def test_an_unknown_declaration_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"'usage': 'guessed'.*'tool_calls.id': 'synthesized'"):
        parse_declared("TestX", {"usage": "guessed"})
    assert len(DIFFERENCES) == 7


# -- applied by the checks -------------------------------------------------------------------------

_ids = itertools.count()


class RandomIds(AdapterSuite):
    """The kit's parser, with a fresh tool-call id on every call, as LangChain makes them."""

    vendor = "anthropic"

    def parse(self, chunks: Iterable[bytes]) -> dict[str, Any]:
        message = conformance.parse("anthropic", chunks).to_dict()
        for call in message["tool_calls"]:
            call["id"] = f"call_{next(_ids)}"
        return message


class DeclaresRandomIds(RandomIds):
    declared = {"tool_calls.id": "synthesized"}  # noqa: RUF012


def test_a_declared_difference_is_applied_to_both_sides_in_every_check() -> None:
    cassette = bundled("anthropic/tool_use")
    undeclared = {r.check: r for r in run_suite(RandomIds, cassettes=[cassette])}
    declared = {r.check: r for r in run_suite(DeclaresRandomIds, cassettes=[cassette])}
    assert undeclared["tool_args"].outcome == "failed" and undeclared["split"].outcome == "failed"
    assert {r.outcome for r in declared.values()} == {"passed"}
    assert declared["tool_args"].declared == ("tool_calls.id: synthesized",)
    assert declared["text"].declared == ()  # text is not touched by it
    assert declared["truncated_end"].declared == ()


class Uppercases(AdapterSuite):
    vendor = "anthropic"

    def parse(self, chunks: Iterable[bytes]) -> dict[str, Any]:
        message = conformance.parse("anthropic", chunks).to_dict()
        return {**message, "text": message["text"].upper()}


class LowercasesBack(Uppercases):
    def normalize(self, message: dict[str, Any]) -> dict[str, Any]:
        return {**message, "text": message["text"].lower()}


def test_the_normalize_hook_is_applied_to_both_sides_and_reported() -> None:
    cassette = bundled("anthropic/text")
    assert declared_of(LowercasesBack).labels() == ("normalize",)
    (case,) = cases_for(LowercasesBack, CHECKS_BY_ID["text"], [cassette])
    assert case.declared == ("normalize",)
    run_case(target_of(LowercasesBack()), case)
    with pytest.raises(CheckFailed, match="first difference: text"):
        run_case(target_of(Uppercases()), Case("text", cassette))


DECLARING_SUITE = """
import itertools
import json

import conformance
from conformance import AdapterSuite

_ids = itertools.count()


class TestLibrary(AdapterSuite):
    vendor = "anthropic"
    declared = {"tool_calls.id": "synthesized", "usage": "estimated"}

    def parse(self, chunks):
        message = conformance.parse("anthropic", chunks).to_dict()
        for call in message["tool_calls"]:
            call["id"] = f"call_{next(_ids)}"
        message["usage"] = {"input_tokens": 1}
        return message
"""


def test_a_pytest_run_shows_the_declared_differences_in_the_matrix_and_the_results(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_library=DECLARING_SUITE)
    result = pytester.runpytest(
        "-p",
        "no:cacheprovider",
        "--conformance-profile=conformance-dev",
        "--conformance-json=r.json",
        "-k",
        "tool_use",
    )
    outcomes = result.parseoutcomes()
    assert outcomes["passed"] > 0 and "failed" not in outcomes
    result.stdout.fnmatch_lines(
        [
            "TestLibrary (anthropic)*ok 3[*]  ok 3[*]*",  # split, tool_args: compared under them
            "[*]: compared under declared differences:",
            "  TestLibrary (anthropic): tool_calls.id: synthesized; usage: estimated",
        ]
    )
    document = json.loads((pytester.path / "r.json").read_text(encoding="utf-8"))
    assert document["declared"] == {
        "TestLibrary (anthropic)": ["tool_calls.id: synthesized", "usage: estimated"]
    }
    by_id = {r["id"]: r for r in document["results"]}
    assert by_id["TestLibrary::tool_args[anthropic/tool_use]"]["declared"] == ["tool_calls.id: synthesized"]
    assert by_id["TestLibrary::text[anthropic/tool_use]"]["declared"] == []
