"""The house's import rules: each part of `conformance` imports only the parts below it.

The rules are the README's picture of the parts ("How it is built") and each subpackage's
docstring; this test reads every module's imports (also those inside functions, which load
lazily but still depend) and fails on any that goes up or sideways. It also holds that the
sans-IO core imports nothing but the standard library, and that `import conformance` for
`parse` loads none of Hypothesis, YAML, pytest or the servers.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import conformance

PACKAGE = Path(conformance.__file__).parent

CORE = (
    "errors",
    "limits",
    "events",
    "text_buffer",
    "options",
    "json",
    "framing",
    "tool_calls",
    "adapters",
    "message",
    "assembler",
    "api",
)
"""The sans-IO core: fed bytes or events, returns events; no IO, no third-party import."""

ALLOWED: dict[str, frozenset[str]] = {
    "errors": frozenset(),
    "limits": frozenset({"errors"}),
    "events": frozenset({"errors"}),
    "options": frozenset(),
    "text_buffer": frozenset(),
    "framing": frozenset({"errors", "limits"}),
    "json": frozenset({"errors", "limits", "events"}),
    "tool_calls": frozenset({"errors", "limits", "events"}),
    "adapters": frozenset({"errors", "limits", "events", "framing", "json", "tool_calls"}),
    "message": frozenset({"events"}),
    "assembler": frozenset({"errors", "limits", "events", "json", "text_buffer", "tool_calls", "message"}),
    "api": frozenset({"errors", "limits", "events", "adapters", "message", "assembler"}),
}
ALLOWED["oracles"] = frozenset(CORE)
ALLOWED["formats"] = ALLOWED["oracles"] | {"oracles"}
ALLOWED["generate"] = ALLOWED["formats"] | {"formats"}
ALLOWED["live"] = ALLOWED["formats"] | {"formats"}
ALLOWED["suite"] = ALLOWED["live"] | {"live", "generate", "__version__"}
ALLOWED["probe"] = ALLOWED["suite"] | {"suite"}
ALLOWED["cli"] = ALLOWED["probe"] | {"probe", "__version__"}
ALLOWED["__main__"] = frozenset({"cli"})
ALLOWED["__init__"] = frozenset({*CORE, "suite", "live"})  # the lazy public names (PEP 562)


def part_of(dotted: str) -> str:
    """`conformance.suite.checks` -> `suite`; `conformance` itself -> `__init__`."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        dotted = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found.append((dotted.removesuffix(".__init__"), path))
    return found


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every module an import statement names (absolute; the package uses no relative ones)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            assert node.module is not None
            if node.module == "conformance":
                names += [(node.lineno, f"conformance.{alias.name}") for alias in node.names]
            else:
                names.append((node.lineno, node.module))
    return names


def test_every_part_has_a_rule() -> None:
    unruled = {part_of(dotted) for dotted, _ in modules()} - set(ALLOWED)
    assert not unruled, f"parts of conformance without an import rule here: {sorted(unruled)}"


@pytest.mark.parametrize(("dotted", "path"), modules(), ids=[dotted for dotted, _ in modules()])
def test_imports_go_down_only(dotted: str, path: Path) -> None:
    own = part_of(dotted)
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {own} imports {name}"
        for line, name in imports_of(path)
        if name.startswith("conformance.")
        and part_of(name) != own
        and part_of(name) not in ALLOWED.get(own, frozenset())
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("dotted", "path"),
    [(d, p) for d, p in modules() if part_of(d) in CORE],
    ids=[d for d, _ in modules() if part_of(d) in CORE],
)
def test_core_imports_only_the_standard_library(dotted: str, path: Path) -> None:
    outside = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name}"
        for line, name in imports_of(path)
        if name.split(".")[0] not in sys.stdlib_module_names and name.split(".")[0] != "conformance"
    ]
    assert not outside, "the sans-IO core imports a third-party module:\n" + "\n".join(outside)


def test_parse_loads_no_suite_server_or_yaml() -> None:
    start = {
        "type": "message_start",
        "message": {"id": "msg_1", "type": "message", "role": "assistant", "model": "m", "content": []}
        | {"stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": 1, "output_tokens": 1}},
    }
    delta = {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 2}}
    body = "".join(
        f"event: {event['type']}\ndata: {json.dumps(event)}\n\n"
        for event in (start, delta, {"type": "message_stop"})
    )
    code = (
        "import sys, conformance\n"
        f"message = conformance.parse('anthropic', [{body.encode()!r}])\n"
        "assert message.vendor_stop_reason == 'end_turn', message\n"
        "heavy = ('hypothesis', 'yaml', 'pytest', 'uvicorn', 'httpx', 'jsonschema', 'vcr',\n"
        "         'conformance.suite', 'conformance.live', 'conformance.formats')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]", f"`import conformance` + `parse` loaded: {run.stdout.strip()}"


def test_layers_rules_see_a_violation(tmp_path: Path) -> None:
    """The rule is not vacuous: an upward import in a core module is reported."""
    module = tmp_path / "bad.py"
    module.write_text("from conformance.suite.checks import CHECKS\n", encoding="utf-8")
    assert imports_of(module) == [(1, "conformance.suite.checks")]
    assert part_of("conformance.suite.checks") not in ALLOWED["framing"]
