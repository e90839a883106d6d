"""The sample glossary stays signed: every article current, by a reviewer that is plainly a demo."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from mindlex.config import load_config
from mindlex.loader import load_glossary
from mindlex.review.reviewers import load_reviewers
from mindlex.review.signing import load_private_key, public_key_text
from mindlex.review.status import review_states

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "glossary"
DEMO_KEY = ROOT / "examples" / "demo-keys" / "example-reviewer.DEMO-ONLY.pem"


def _last_signed() -> dt.date:
    dates = [
        dt.date.fromisoformat(entry["date"])
        for path in (SAMPLE / "review").glob("*.json")
        for entry in json.loads(path.read_text(encoding="utf-8"))["signoffs"]
    ]
    return max(dates)


def test_no_sample_sign_off_is_stale_or_broken() -> None:
    """Signed articles are current; new ones await review and are never shown as reviewed.

    An article with a sign-off that no longer matches its text, or that does not verify, means
    someone edited reviewed content without asking for review again.
    """
    loaded = load_glossary(load_config(SAMPLE))
    assert loaded.diagnostics == []
    states = review_states(loaded.glossary, _last_signed())
    stale = {slug: s.message for slug, s in states.items() if s.state not in {"current", "never"}}
    assert stale == {}, "re-sign the sample with scripts/sign_sample.sh"
    assert len(states) == len(list((SAMPLE / "articles").glob("*.md")))
    ledgers = {path.stem for path in (SAMPLE / "review").glob("*.json")}
    for slug, state in states.items():
        assert state.is_verified == (slug in ledgers), slug


def test_the_sample_reviewer_is_plainly_an_example() -> None:
    reviewers = load_reviewers(SAMPLE)
    assert reviewers.diagnostics == []
    (reviewer,) = reviewers.by_id.values()
    assert reviewer.id == "example-reviewer"
    assert reviewer.demo
    assert "not a clinician" in reviewer.credentials
    demo = load_private_key(DEMO_KEY)
    assert public_key_text(demo.public_key()) == reviewer.public_key
    readme = (DEMO_KEY.parent / "README.md").read_text(encoding="utf-8")
    assert "Never use it for real reviews" in readme
