"""`conformance.json.quick.loads` against `json.loads`: the same value, or the same error."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from conformance.json import quick as quick_json

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=3), kids, max_size=3),
)
_SPACE = st.sampled_from(["", "", " ", "\n", "\r\n", "\t", "\ufeff"])


def _result(loads: object, text: str) -> tuple[str, object]:
    try:
        return "value", loads(text)  # type: ignore[operator]
    except Exception as exc:  # the point is to compare whatever either raises
        return type(exc).__name__, str(exc)


@given(_SPACE, _VALUES, _SPACE, st.sampled_from(["", "", "x", "]", ",1", '"']))
def test_loads_gives_what_json_loads_gives(before: str, value: object, after: str, extra: str) -> None:
    text = before + json.dumps(value) + after + extra
    assert _result(quick_json.loads, text) == _result(json.loads, text)


@given(st.text(alphabet='[]{}",:0123456789.eE-+ tfnrulase\\', max_size=30))
def test_loads_fails_like_json_loads_on_any_text(text: str) -> None:
    assert _result(quick_json.loads, text) == _result(json.loads, text)


def test_an_integer_over_the_digit_limit_is_the_same_value_error() -> None:
    text = "[" + "9" * 5000 + "]"
    kind, message = _result(quick_json.loads, text)
    assert (kind, message) == _result(json.loads, text)
    assert kind == "ValueError"
