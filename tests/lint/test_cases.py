"""Every rule against its case folder: good files stay silent, bad files give expected.txt.

A case folder `cases/<CODE>/` holds good*.md and bad*.md articles, `expected.txt` (one
`file:line:col: CODE message` line per finding in the bad files), `fixed.md` (bad.md after
`--fix`) and `fixed-unsafe.md` (after `--fix --unsafe-fixes`) when the rule can fix, an optional
`glossary/` of neighbouring articles and an optional `case.toml` ([site] and [lint] overrides,
[review-states] by slug). Regenerate expected files with `MINDLEX_REGEN_CASES=1 pytest
tests/lint/test_cases.py`, then read the diff.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mindlex.diagnostic import Diagnostic
from mindlex.lint.check import Outcome
from mindlex.lint.fix import fix_outcome
from mindlex.lint.registry import all_rules
from mindlex.lint.rule import FixAvailability
from mindlex.lint.runner import lint_glossary
from tests.lint.conftest import TODAY, glossary_of, make_config

CASES = Path(__file__).parent / "cases"
REGEN = os.environ.get("MINDLEX_REGEN_CASES") == "1"
CODES = sorted(all_rules())


def settings(code: str) -> dict[str, Any]:
    path = CASES / code / "case.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def lint_case(code: str, name: str, text: str | None = None) -> tuple[Outcome, list[Diagnostic]]:
    folder = CASES / code
    extra = settings(code)
    lint = {"select": [code], **extra.get("lint", {})}
    config = make_config(folder, site=extra.get("site"), **lint)
    files = {folder / name: text if text is not None else (folder / name).read_text("utf-8")}
    for path in sorted((folder / "glossary").glob("*.md")):
        files[path] = path.read_text(encoding="utf-8")
    glossary = glossary_of(config, files)
    review = extra.get("review-states")
    states = {slug: _State(state) for slug, state in review.items()} if review else None
    found = lint_glossary(glossary, config, today=TODAY, review=states, jobs=1)
    mine = [d for d in found if d.span.path.name == name]
    return Outcome(config, glossary, mine, (folder / name,)), mine


class _State:
    def __init__(self, state: str) -> None:
        self.state, self.signed_on, self.due, self.message = state, None, None, ""


def line(d: Diagnostic) -> str:
    return f"{d.span.path.name}:{d.span.line}:{d.span.col}: {d.code} {d.message}"


def files(code: str, prefix: str) -> list[str]:
    return sorted(p.name for p in (CASES / code).glob(f"{prefix}*.md"))


def test_every_rule_has_a_case_folder() -> None:
    assert sorted(p.name for p in CASES.iterdir() if p.is_dir()) == CODES


@pytest.mark.parametrize("code", CODES)
def test_good_files_are_clean(code: str) -> None:
    goods = files(code, "good")
    assert len(goods) >= 2, f"{code} needs at least two clean cases"
    for name in goods:
        _, found = lint_case(code, name)
        assert [line(d) for d in found if d.code == code] == []


@pytest.mark.parametrize("code", CODES)
def test_bad_files_give_expected_findings(code: str) -> None:
    found = [line(d) for name in files(code, "bad") for d in lint_case(code, name)[1]]
    expected_path = CASES / code / "expected.txt"
    if REGEN:
        expected_path.write_text("\n".join(found) + "\n", encoding="utf-8")
    assert found == expected_path.read_text(encoding="utf-8").splitlines()
    assert sum(1 for f in found if f" {code} " in f) >= 2, f"{code} needs two firing cases"


@pytest.mark.parametrize("code", CODES)
def test_fixes_match_fixed_files_and_are_idempotent(code: str) -> None:
    rule = all_rules()[code]
    fixable = False
    for unsafe, name in ((False, "fixed.md"), (True, "fixed-unsafe.md")):
        outcome, _ = lint_case(code, "bad.md")
        result = fix_outcome(outcome, unsafe=unsafe)
        path = CASES / code / "bad.md"
        text = result.texts.get(path, path.read_text(encoding="utf-8"))
        target = CASES / code / name
        changed = path in result.changed
        fixable = fixable or changed
        if REGEN:
            if changed:
                target.write_text(text, encoding="utf-8")
            else:
                target.unlink(missing_ok=True)
        if not changed:
            assert not target.exists()
            continue
        assert text == target.read_text(encoding="utf-8")
        relinted, _ = lint_case(code, "bad.md", text)
        again = fix_outcome(relinted, unsafe=unsafe)
        assert again.applied == 0, "fixing a fixed file must change nothing"
    assert fixable == (rule.fix is not FixAvailability.NONE)
