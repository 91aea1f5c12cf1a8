#!/usr/bin/env bash
# Build the venv the ecosystem run needs, from the repo's own files: the kit (editable) with
# its `ecosystem` extra, the client libraries pinned in pyproject.toml. Usage:
#   dev/ecosystem_venv.sh [VENV]        (default: .venv-eco)
#   VENV/bin/python -m conformance.suite.ecosystem --markdown docs/ecosystem.md --html docs/ecosystem.html
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-.venv-eco}"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -e '.[ecosystem]'
echo "ready: $venv/bin/python -m conformance.suite.ecosystem --markdown docs/ecosystem.md --html docs/ecosystem.html"
