"""The clinician's review workspace: a loopback web app over the review ledger.

`security` (token, session cookie, CSRF, origin checks), `queue` (what needs review),
`htmldiff` and `page` (an article as readers see it, with changes since sign-off marked),
`metrics` and `charts` (the governance dashboard, also written by `mindlex report`),
`actions` (sign-off and change requests) and `app` (the Starlette routes). See docs/review.md.
"""
