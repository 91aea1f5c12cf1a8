"""Baseline files (conformance.suite.baseline): stable ids, the file format, atomic writes, stale entries."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conformance.suite.baseline import (
    Baseline,
    BaselineError,
    class_of,
    dump_baseline,
    load_baseline,
    stable_id,
    stale_entries,
    updated_entries,
    write_baseline,
)

A = "TestMine::split[openai-chat/text]"
B = "TestMine::usage[openai-chat/usage]"
C = "TestOther::whole[anthropic/text]"


def test_a_stable_id_is_class_check_and_cassette() -> None:
    assert stable_id("TestMine", "split", "openai-chat/text") == A
    assert class_of(A) == "TestMine"
    assert class_of("Outer.TestInner::text[gemini/text]") == "Outer.TestInner"


def test_the_file_lists_ids_sorted_one_a_line_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, [C, B, A, B])
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert [line.strip().rstrip(",") for line in lines if "::" in line] == [json.dumps(i) for i in (A, B, C)]
    assert text == dump_baseline([A, B, C]) and text.endswith("]\n}\n")
    assert load_baseline(path) == Baseline(path, frozenset({A, B, C}))


def test_an_empty_baseline_is_still_a_baseline(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, [])
    assert load_baseline(path).known == frozenset()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, [A])
    before = path.read_text(encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_baseline(path, [A, B])
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no baseline file (write one with --conformance-update-baseline)"),
        ("{not json", "not a readable JSON baseline"),
        ('{"known_failures": []}', "not a stream-conformance baseline"),
        ('{"format": "stream-conformance-baseline", "version": 9, "known_failures": []}', "version 9"),
        ('{"format": "stream-conformance-baseline", "version": 1, "known_failures": "x"}', "must be a list"),
        (
            '{"format": "stream-conformance-baseline", "version": 1, "known_failures": ["TestMine split"]}',
            "'TestMine split' is not a test id",
        ),
    ],
)
def test_a_file_that_is_not_a_baseline_is_refused_naming_it(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as error:
        load_baseline(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)


def test_entries_naming_no_collected_test_are_stale_by_whether_their_class_was_collected() -> None:
    stale = stale_entries([A, B, C], collected={A}, classes={"TestMine"})
    assert stale.gone == (B,) and stale.elsewhere == (C,)
    assert not stale_entries([A], collected={A}, classes={"TestMine"})


def test_an_update_writes_failures_and_keeps_only_entries_the_run_says_nothing_about() -> None:
    d = "TestMine::text[openai-chat/deselected]"
    entries = updated_entries(
        [A, B, C, d],
        failed={"TestMine::whole[openai-chat/new]"},
        ran={A, B, "TestMine::whole[openai-chat/new]"},  # A and B passed now
        collected={A, B, d, "TestMine::whole[openai-chat/new]"},
        classes={"TestMine"},
    )
    # C: its class was not collected (kept); d: collected, not run (kept); A, B: ran and passed.
    assert entries == [d, "TestMine::whole[openai-chat/new]", C]
    gone = updated_entries(
        ["TestMine::x[v/removed]"], failed=set(), ran=set(), collected=set(), classes={"TestMine"}
    )
    assert gone == []
