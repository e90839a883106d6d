#!/usr/bin/env bash
# Install mindlex into .venv and serve the bundled sample glossary at http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q -e . 2>&1 | grep -v '^WARNING: Location' || true
exec .venv/bin/mindlex serve examples/glossary --host 127.0.0.1 --port "${PORT:-8000}"
