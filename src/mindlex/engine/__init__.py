"""The incremental engine: derived values memoised by the digest of their declared inputs.

`memo` holds tables of derived values; `store` holds the files that carry them between
processes. Neither knows what the values are: the stages that compute them (parsing,
review, lint, rendering, search) declare their inputs by building the key.
"""
