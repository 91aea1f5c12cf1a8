"""CI: check the built wheel's contents and that the sdist carries what its tests need.

    python .ci/check_dist.py dist/

The wheel must hold the package, its data (cassettes, schemas), `py.typed`, the license and
the entry points (the `conformance` command and the `pytest11` plugin), and nothing of the
repository beside them. The sdist must hold the tests with their helpers and corpus, the docs
and examples, and the license. Prints one line per problem; exit 1 if there is any.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

WHEEL_NEEDS = (
    "conformance/__init__.py",
    "conformance/suite/plugin.py",
    "conformance/py.typed",
    "conformance/bundled_cassettes/anthropic/text.yaml",
    "conformance/bundled_schemas/anthropic/message_start.json",
)
WHEEL_METADATA_NEEDS = ("licenses/LICENSE", "entry_points.txt", "METADATA")
WHEEL_FORBIDS = ("tests/", "docs/", "examples/", "dev/", "bench/", "__pycache__", ".pyc")
SDIST_NEEDS = (
    "LICENSE",
    "README.md",
    "pyproject.toml",
    "tests/__init__.py",
    "tests/conftest.py",
    "tests/_bundled.py",
    "tests/_replay_cassettes.py",
    "tests/fake_vendor.py",
    "tests/corpus/manifest.yaml",
    "docs/test-your-parser.md",
    "examples/ci/stream-conformance.yml",
    "cassettes/anthropic/text.yaml",
    "schemas/anthropic/message_start.json",
    "dev/add_timings.py",
)


def wheel_problems(path: Path) -> list[str]:
    names = zipfile.ZipFile(path).namelist()
    problems = [f"{path.name}: missing {n}" for n in WHEEL_NEEDS if n not in names]
    info = next((n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA")), None)
    if info is None:
        return [*problems, f"{path.name}: no .dist-info/METADATA"]
    problems += [
        f"{path.name}: missing {info}/{n}" for n in WHEEL_METADATA_NEEDS if f"{info}/{n}" not in names
    ]
    problems += [f"{path.name}: should not hold {n}" for n in names if any(bad in n for bad in WHEEL_FORBIDS)]
    # Every module of the source tree, so a subpackage left out of pyproject's `packages` fails
    # here (an editable install would not notice).
    source = Path(__file__).resolve().parent.parent / "conformance"
    problems += [
        f"{path.name}: missing {n} (a package not listed in pyproject.toml?)"
        for n in sorted(str(p.relative_to(source.parent)) for p in source.rglob("*.py"))
        if n not in names
    ]
    entry_points = zipfile.ZipFile(path).read(f"{info}/entry_points.txt").decode()
    for needed in ("[pytest11]", "conformance = conformance.suite.plugin", "conformance = conformance.cli:main"):
        if needed not in entry_points:
            problems.append(f"{path.name}: entry_points.txt lacks {needed!r}")
    return problems


def sdist_problems(path: Path) -> list[str]:
    with tarfile.open(path) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    problems = [f"{path.name}: missing {n}" for n in SDIST_NEEDS if n not in names]
    problems += [
        f"{path.name}: should not hold {n}" for n in names if "__pycache__" in n or n.endswith(".pyc")
    ]
    return problems


def main(folder: str) -> int:
    dist = Path(folder)
    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        print(f"{dist}: expected one wheel and one sdist, found {len(wheels)} and {len(sdists)}")
        return 1
    problems = wheel_problems(wheels[0]) + sdist_problems(sdists[0])
    for line in problems:
        print(line)
    print(f"{wheels[0].name}, {sdists[0].name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "dist"))
