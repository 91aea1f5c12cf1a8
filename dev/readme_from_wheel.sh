#!/usr/bin/env bash
# The README's "Test your own parser" path as a new user walks it: build the wheel, install it in
# a fresh venv, and in an empty folder run the README's test file with pytest, `conformance
# check --adapter FILE:Class`, `conformance parse` and `conformance serve` of bundled cassettes
# named by id. Nothing of the checkout is on the path. Usage: dev/readme_from_wheel.sh [WORKDIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet build
"$work/venv/bin/python" -m build --wheel --outdir "$work/dist" "$repo" >/dev/null
"$work/venv/bin/python" -m pip install --quiet "$work"/dist/*.whl pytest
mkdir -p "$work/project/tests" && cd "$work/project"
# The README's snippet, taken from the README itself so the two cannot drift apart.
"$work/venv/bin/python" - "$repo/README.md" > tests/test_stream_conformance.py <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text[text.index("## Test your own parser"):]
print(re.search(r"```python\n(.*?)```", section, re.S).group(1), end="")
EOF
"$work/venv/bin/pytest" -q -p no:cacheprovider tests
"$work/venv/bin/conformance" check --adapter tests/test_stream_conformance.py:TestMyParser | tail -1
"$work/venv/bin/conformance" parse anthropic/tool_use | head -3
"$work/venv/bin/conformance" serve anthropic/text --speed 0 > serve.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q "serving" serve.log && break; sleep 0.1; done
url="$(grep -o 'http://127.0.0.1:[0-9]*' serve.log | head -1)"
curl -s -X POST "$url/v1/messages" -d '{}' | head -2
echo "README path OK from a wheel in $work"
