#!/usr/bin/env bash
# Install what the tests need, then run static checks and the whole test suite (pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/python -m pytest -p no:cacheprovider "$@"
