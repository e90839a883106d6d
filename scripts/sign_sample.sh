#!/bin/sh
# Re-sign the sample glossary after its articles change, with the public demo key.
#
# Signs only the articles that are not current, so unchanged articles keep their sign-off,
# then prints the review status (exit code 0 when every article is current).
# The demo key is for examples/glossary only; see examples/demo-keys/README.md.
set -eu

cd "$(dirname "$0")/.."
if [ -x .venv/bin/mindlex ]; then
    mindlex=.venv/bin/mindlex
else
    mindlex=mindlex
fi

"$mindlex" review sign examples/glossary/articles \
    --reviewer example-reviewer \
    --key examples/demo-keys/example-reviewer.DEMO-ONLY.pem \
    --note "Demo sign-off with the public example key; not a clinical review." \
    --pending "$@"
"$mindlex" review status examples/glossary "$@"
