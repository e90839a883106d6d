"""Verifiable clinical review: fingerprints, reviewer keys, signed sign-offs and their status.

The parts, in the order data flows through them: `fingerprint` (what a reviewer vouches
for), `signing` (Ed25519 keys), `reviewers` (reviewers.toml), `ledger` (where sign-offs and
content history live), `history` ("Last updated"), `verify` (is a sign-off genuine),
`status` (the state of each article), `diff` (what changed since sign-off) and `workflow`
(the operations that write ledgers). See docs/review.md.
"""
